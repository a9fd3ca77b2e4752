import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { ProgressUpdateList, ProgressUpdateView, ReportProgressDto, UpdateListQuery } from './dto/update.dto.js';
import { ProgressUpdatesService } from './updates.service.js';

@ApiTags('pledges')
@Authenticated()
@Controller('pledges/:id/updates')
export class ProgressUpdatesController {
  constructor(private readonly updates: ProgressUpdatesService) {}

  @Post()
  @ApiCreatedResponse({ type: ProgressUpdateView, description: "the pledge's representatives; followers are told" })
  report(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReportProgressDto,
  ): Promise<ProgressUpdateView> {
    return this.updates.report(principal, id, dto);
  }

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ProgressUpdateList, description: "the pledge's timeline, newest first" })
  list(
    @Caller() caller: Principal | null,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: UpdateListQuery,
  ): Promise<ProgressUpdateList> {
    return this.updates.list(caller, id, query);
  }
}
