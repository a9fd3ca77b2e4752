import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { CreatePledgeDto, PledgeList, PledgeListQuery, PledgeView, UpdatePledgeDto } from './dto/pledge.dto.js';
import { PledgesService } from './pledges.service.js';

@ApiTags('pledges')
@Authenticated()
@Controller('pledges')
export class PledgesController {
  constructor(private readonly pledges: PledgesService) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: PledgeList, description: 'newest first' })
  list(@Caller() caller: Principal | null, @Query() query: PledgeListQuery): Promise<PledgeList> {
    return this.pledges.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: PledgeView, description: 'the creator is its first representative' })
  create(@CurrentUser() principal: Principal, @Body() dto: CreatePledgeDto): Promise<PledgeView> {
    return this.pledges.create(principal, dto);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: PledgeView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<PledgeView> {
    return this.pledges.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PledgeView, description: 'its creator, representatives and platform moderators' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdatePledgeDto,
  ): Promise<PledgeView> {
    return this.pledges.update(principal, id, dto);
  }

  @Post(':id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView, description: 'the follower is told of each progress update' })
  follow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<PledgeView> {
    return this.pledges.follow(principal, id, true);
  }

  @Delete(':id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView })
  unfollow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<PledgeView> {
    return this.pledges.follow(principal, id, false);
  }
}
