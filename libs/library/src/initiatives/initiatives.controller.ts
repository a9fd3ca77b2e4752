import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, sentFields } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { CatalogueQuery } from '../catalogue/dto/catalogue.dto.js';
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
  CreateInitiativeDto,
  InitiativeCatalogue,
  InitiativePage,
  InitiativeView,
  UpdateInitiativeDto,
} from './dto/initiative.dto.js';
import { INITIATIVE_KIND } from './initiative-kind.js';

const KIND = INITIATIVE_KIND;
type View = Promise<InitiativeView>;

@ApiTags('library')
@Authenticated()
@Controller('initiatives')
export class InitiativesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly items: ItemsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({
    type: InitiativeCatalogue,
    description: 'published initiatives the caller may see, with facet counts',
  })
  list(@Caller() caller: Principal | null, @Query() query: CatalogueQuery): Promise<InitiativeCatalogue> {
    return this.catalogue.list(KIND, caller, query) as unknown as Promise<InitiativeCatalogue>;
  }

  @Get('submissions')
  @ApiOkResponse({
    type: InitiativePage,
    description: "the caller's queue: own, reviewed and their board's initiatives",
  })
  submissions(@CurrentUser() principal: Principal, @Query() query: SubmissionsQuery): Promise<InitiativePage> {
    return this.items.submissions(KIND, principal, query) as unknown as Promise<InitiativePage>;
  }

  @Post()
  @ApiCreatedResponse({ type: InitiativeView, description: 'a draft' })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateInitiativeDto): View {
    const { groupId, ...content } = sentFields(dto);
    return this.items.create(KIND, principal, content, groupId ?? null) as unknown as View;
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: InitiativeView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.get(KIND, caller, id) as unknown as View;
  }

  @Patch(':id')
  @ApiOkResponse({ type: InitiativeView, description: 'the author, while a draft or when changes are requested' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateInitiativeDto,
  ): View {
    return this.items.update(KIND, principal, id, sentFields(dto)) as unknown as View;
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: InitiativeView, description: 'the author' })
  submit(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.submit(KIND, principal, id) as unknown as View;
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: InitiativeView, description: 'the author, before a decision' })
  withdraw(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): View {
    return this.items.withdraw(KIND, principal, id) as unknown as View;
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOkResponse({ type: InitiativeView, description: 'editors' })
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
  @ApiOkResponse({ type: InitiativeView, description: 'editors, once the quorum of reviews is in' })
  decide(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: DecisionDto): View {
    return this.reviews.decide(KIND, principal, id, dto.decision, dto.reason) as unknown as View;
  }
}
