import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, sentFields } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ResourceCatalogueQuery } from '../catalogue/dto/catalogue.dto.js';
import {
  AssignmentsView,
  AssignReviewersDto,
  DecisionDto,
  MyReviewView,
  UnpublishDto,
  ReviewDto,
  ReviewedView,
  ReviewList,
  SubmissionsQuery,
  VersionList,
} from '../engine/dto/engine.dto.js';
import { ItemsService } from '../engine/items.service.js';
import { ReviewsService } from '../engine/reviews.service.js';
import {
  CreateResourceDto,
  ResourceCatalogue,
  ResourcePage,
  ResourceView,
  UpdateResourceDto,
} from './dto/resource.dto.js';
import { RESOURCE_KIND } from './resource-kind.js';

const KIND = RESOURCE_KIND;
type View = Promise<ResourceView>;

@ApiTags('library')
@Authenticated()
@Controller('resources')
export class ResourcesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly items: ItemsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ResourceCatalogue, description: 'published resources the caller may see, with facet counts' })
  list(@Caller() caller: Principal | null, @Query() query: ResourceCatalogueQuery): Promise<ResourceCatalogue> {
    return this.catalogue.list(KIND, caller, query) as unknown as Promise<ResourceCatalogue>;
  }

  @Get('submissions')
  @ApiOkResponse({ type: ResourcePage, description: "the caller's queue: own, reviewed and their board's resources" })
  submissions(@CurrentUser() principal: Principal, @Query() query: SubmissionsQuery): Promise<ResourcePage> {
    return this.items.submissions(KIND, principal, query) as unknown as Promise<ResourcePage>;
  }

  @Post()
  @ApiCreatedResponse({ type: ResourceView, description: 'a draft' })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateResourceDto): View {
    const { groupId, ...content } = sentFields(dto);
    return this.items.create(KIND, principal, content, groupId ?? null) as unknown as View;
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ResourceView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.get(KIND, caller, id) as unknown as View;
  }

  @Patch(':id')
  @ApiOkResponse({ type: ResourceView, description: 'the author, while a draft or when changes are requested' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateResourceDto,
  ): View {
    return this.items.update(KIND, principal, id, sentFields(dto)) as unknown as View;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ResourceView, description: 'the author' })
  submit(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.submit(KIND, principal, id) as unknown as View;
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ResourceView, description: 'the author, before a decision' })
  withdraw(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.withdraw(KIND, principal, id) as unknown as View;
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOkResponse({ type: ResourceView, description: 'editors' })
  unpublish(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UnpublishDto,
  ): View {
    return this.items.unpublish(KIND, principal, id, dto.reason) as unknown as View;
  }

  @Get(':id/versions')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: VersionList })
  versions(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<VersionList> {
    return this.items.versionsOf(KIND, caller, id);
  }

  @Post(':id/reviewers')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentsView, description: 'editors' })
  assign(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: AssignReviewersDto,
  ): Promise<AssignmentsView> {
    return this.reviews.assign(KIND, principal, id, dto);
  }

  @Post(':id/claim')
  @ApiCreatedResponse({ type: MyReviewView, description: 'reviewers, in the objectives of their profile' })
  claim(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<MyReviewView> {
    return this.reviews.claim(KIND, principal, id);
  }

  @Post(':id/reviews')
  @ApiCreatedResponse({ type: ReviewedView, description: 'an assigned reviewer, on the current version' })
  review(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReviewDto,
  ): Promise<ReviewedView> {
    return this.reviews.review(KIND, principal, id, dto);
  }

  @Get(':id/reviews')
  @ApiOkResponse({ type: ReviewList, description: 'author (no reviewer identities), reviewers (their own), editors' })
  listReviews(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<ReviewList> {
    return this.reviews.list(KIND, principal, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ResourceView, description: 'editors, once the quorum of reviews is in' })
  decide(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: DecisionDto): View {
    return this.reviews.decide(KIND, principal, id, dto.decision, dto.reason) as unknown as View;
  }
}
