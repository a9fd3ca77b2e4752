import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { RegistrationDto, RegistrationView } from '../shared/live-fields.dto.js';
import { CreateEventDto, EventList, EventListQuery, EventView, UpdateEventDto } from './dto/event.dto.js';
import { LiveEventsService } from './events.service.js';
import { type StatusSetter, statusOfRegistration } from '../registrations/registration-response.js';

@ApiTags('live')
@Authenticated()
@Controller('live/events')
export class LiveEventsController {
  constructor(private readonly events: LiveEventsService) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: EventList })
  list(@Caller() caller: Principal | null, @Query() query: EventListQuery): Promise<EventList> {
    return this.events.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: EventView })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateEventDto): Promise<EventView> {
    return this.events.create(principal, dto);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: EventView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<EventView> {
    return this.events.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: EventView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventView> {
    return this.events.update(principal, id, dto);
  }

  @Post(':id/registration')
  @ApiCreatedResponse({ type: RegistrationView, description: 'registered (200 when waitlisted or already registered)' })
  async register(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: RegistrationDto,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<RegistrationView> {
    return statusOfRegistration(response, await this.events.register(principal, id, dto.mode));
  }

  @Delete(':id/registration')
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancel(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.events.cancelRegistration(principal, id);
  }
}
