import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, pageRequest } from '@plenary/core';
import {
  Authenticated,
  Caller,
  CurrentGuest,
  CurrentUser,
  type Guest,
  Limited,
  type Principal,
  Public,
} from '@plenary/identity';
import { type StatusSetter, statusOfRegistration } from '../registrations/registration-response.js';
import { RegistrationDto, RegistrationView } from '../shared/live-fields.dto.js';
import {
  CreateSessionDto,
  GuestJoinView,
  JoinDto,
  RegistrantList,
  RegistrationListQuery,
  SessionList,
  SessionListQuery,
  SessionRoleDto,
  SessionView,
  UpdateSessionDto,
} from './dto/session.dto.js';
import { LiveSessionsService } from './sessions.service.js';

interface FileResponse extends StatusSetter {
  setHeader(name: string, value: string): void;
}

@ApiTags('live')
@Authenticated()
@Controller('live')
export class LiveSessionsController {
  constructor(private readonly sessions: LiveSessionsService) {}

  @Post('join')
  @Public()
  @Limited('guestJoin')
  @HttpCode(200)
  @ApiOkResponse({ type: GuestJoinView, description: '403 when the session does not admit guests' })
  join(@Body() dto: JoinDto): Promise<GuestJoinView> {
    return this.sessions.joinAsGuest(dto.code, dto.displayName);
  }

  @Get('sessions')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: SessionList })
  list(@Caller() caller: Principal | null, @Query() query: SessionListQuery): Promise<SessionList> {
    return this.sessions.list(caller, query);
  }

  @Post('sessions')
  @ApiCreatedResponse({ type: SessionView })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateSessionDto): Promise<SessionView> {
    return this.sessions.create(principal, dto);
  }

  @Get('sessions/by-code/:code')
  @Authenticated({ optional: true, guests: true })
  @ApiOkResponse({ type: SessionView })
  byCode(
    @Caller() caller: Principal | null,
    @CurrentGuest() guest: Guest | null,
    @Param('code') code: string,
  ): Promise<SessionView> {
    return this.sessions.byCode(caller, guest, code);
  }

  @Get('sessions/:id')
  @Authenticated({ optional: true, guests: true })
  @ApiOkResponse({ type: SessionView })
  get(
    @Caller() caller: Principal | null,
    @CurrentGuest() guest: Guest | null,
    @Param('id', ObjectIdPipe) id: string,
  ): Promise<SessionView> {
    return this.sessions.get(caller, guest, id);
  }

  @Patch('sessions/:id')
  @ApiOkResponse({ type: SessionView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateSessionDto,
  ): Promise<SessionView> {
    return this.sessions.update(principal, id, dto);
  }

  @Post('sessions/:id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  start(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<SessionView> {
    return this.sessions.start(principal, id);
  }

  @Post('sessions/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  end(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<SessionView> {
    return this.sessions.end(principal, id);
  }

  @Put('sessions/:id/roles/:userId')
  @ApiOkResponse({ type: SessionView })
  assignRole(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
    @Body() dto: SessionRoleDto,
  ): Promise<SessionView> {
    return this.sessions.assignRole(principal, id, userId, dto.role);
  }

  @Delete('sessions/:id/roles/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeRole(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
  ): Promise<void> {
    await this.sessions.removeRole(principal, id, userId);
  }

  @Post('sessions/:id/registration')
  @ApiCreatedResponse({ type: RegistrationView, description: 'registered (200 when waitlisted or already registered)' })
  async register(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: RegistrationDto,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<RegistrationView> {
    return statusOfRegistration(response, await this.sessions.register(principal, id, dto.mode));
  }

  @Delete('sessions/:id/registration')
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancel(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.sessions.cancelRegistration(principal, id);
  }

  @Get('sessions/:id/registrations')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RegistrantList, description: "the session's (or its event's) registrations, for its hosts" })
  async registrations(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: RegistrationListQuery,
    @Res({ passthrough: true }) response: FileResponse,
  ): Promise<RegistrantList | string> {
    if (query.format !== 'csv') return this.sessions.registrants(principal, id, pageRequest(query));
    const csv = await this.sessions.registrantsCsv(principal, id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="registrations-${id}.csv"`);
    return csv;
  }
}
