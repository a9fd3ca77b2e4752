import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import {
  CreateGroupDto,
  GroupCounts,
  GroupFilterQuery,
  GroupListQuery,
  GroupPage,
  GroupView,
  UpdateGroupDto,
} from './dto/group.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@Authenticated()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiCreatedResponse({ type: GroupView })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateGroupDto): Promise<GroupView> {
    return this.groups.create(principal, dto);
  }

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: GroupPage })
  list(@Caller() caller: Principal | null, @Query() query: GroupListQuery): Promise<Page<GroupView>> {
    return this.groups.list(caller, query);
  }

  @Get('counts')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: GroupCounts })
  counts(@Caller() caller: Principal | null, @Query() query: GroupFilterQuery): Promise<GroupCounts> {
    return this.groups.counts(caller, query);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: GroupView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<GroupView> {
    return this.groups.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: GroupView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupView> {
    return this.groups.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.groups.delete(principal, id);
  }
}
