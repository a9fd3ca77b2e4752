import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentGuest, CurrentUser, type Guest, type Principal } from '@plenary/identity';
import { LiveAbilities } from '../access/live-abilities.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import { CreatePollDto, PollExport, PollExportQuery, PollList, PollView, UpdatePollDto } from './dto/poll.dto.js';
import { PollsService } from './polls.service.js';

interface FileResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('live')
@Authenticated()
@Controller('live')
export class PollsController {
  constructor(
    private readonly abilities: LiveAbilities,
    private readonly sessions: LiveSessionsService,
    private readonly polls: PollsService,
  ) {}

  @Post('sessions/:id/polls')
  @ApiCreatedResponse({ type: PollView, description: "a draft poll, for the session's hosts" })
  async create(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CreatePollDto,
  ): Promise<PollView> {
    return this.polls.create(await this.abilities.of(principal), id, dto);
  }

  @Get('sessions/:id/polls')
  @Authenticated({ optional: true, guests: true })
  @ApiOkResponse({
    type: PollList,
    description: 'oldest first; attendees see open and closed polls (results once shown), hosts and moderators all',
  })
  async list(
    @Caller() principal: Principal | null,
    @CurrentGuest() guest: Guest | null,
    @Param('id', ObjectIdPipe) id: string,
  ): Promise<PollList> {
    const caller = await this.abilities.of(principal, guest);
    const session = await this.sessions.open(caller, id);
    return { items: await this.polls.list(caller, session) };
  }

  @Get('sessions/:id/polls/export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: PollExport,
    description: "every poll with its results, for the session's hosts and moderators",
  })
  async export(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: PollExportQuery,
    @Res({ passthrough: true }) response: FileResponse,
  ): Promise<PollExport | string> {
    const caller = await this.abilities.of(principal);
    if (query.format !== 'csv') return this.polls.export(caller, id);
    const csv = await this.polls.exportCsv(caller, id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="polls-${id}.csv"`);
    return csv;
  }

  @Post('polls/:id/open')
  @HttpCode(200)
  @ApiOkResponse({ type: PollView, description: 'draft → open: it takes votes' })
  async open(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<PollView> {
    return this.polls.open(await this.abilities.of(principal), id);
  }

  @Post('polls/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: PollView, description: 'open → closed: it keeps its votes and takes no more' })
  async close(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<PollView> {
    return this.polls.close(await this.abilities.of(principal), id);
  }

  @Patch('polls/:id')
  @ApiOkResponse({ type: PollView, description: 'show or hide the results to attendees' })
  async update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdatePollDto,
  ): Promise<PollView> {
    return this.polls.showResults(await this.abilities.of(principal), id, dto.showResults);
  }
}
