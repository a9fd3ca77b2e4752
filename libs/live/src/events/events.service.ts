import { Injectable } from '@nestjs/common';
import { GroupScope, type GroupVisibility } from '@plenary/community';
import { ApiError, mapPage, pageRequest, sentFields } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { LiveAbilities, type LiveCaller, subject } from '../access/live-abilities.js';
import { type AttendanceMode, LIVE_EVENT, type LiveAudience } from '../model/live-kinds.js';
import { eventTarget, type RegistrationOutcome, Registrations } from '../registrations/registrations.js';
import { capacityOf } from '../shared/live-fields.dto.js';
import type { CreateEventDto, EventList, EventListQuery, EventView, UpdateEventDto } from './dto/event.dto.js';
import type { LiveEventChanges, LiveEventRecord } from './event.schema.js';
import { LiveEventsRepository } from './events.repository.js';

/** A group's events and sessions follow its visibility. */
export function liveAudienceOf(visibility: GroupVisibility): LiveAudience {
  return visibility === 'private' ? 'group' : visibility;
}

@Injectable()
export class LiveEventsService {
  constructor(
    private readonly events: LiveEventsRepository,
    private readonly abilities: LiveAbilities,
    private readonly groups: GroupScope,
    private readonly registrations: Registrations,
  ) {}

  async list(principal: Principal | null, query: EventListQuery): Promise<EventList> {
    const caller = await this.abilities.of(principal);
    const visible = caller.filter('read', LIVE_EVENT);
    if (!visible) return { items: [], nextCursor: null };
    if (query.group) await this.groups.open(principal, query.group);
    const page = await this.events.list(visible, { groupId: query.group, when: query.when }, pageRequest(query));
    const items = await Promise.all(page.items.map((event) => this.view(caller, event)));
    return mapPage({ items, nextCursor: page.nextCursor }, (item) => item);
  }

  async get(principal: Principal | null, id: string): Promise<EventView> {
    const caller = await this.abilities.of(principal);
    return this.view(caller, await this.open(caller, id));
  }

  async create(principal: Principal, dto: CreateEventDto): Promise<EventView> {
    const caller = await this.abilities.of(principal);
    const audience = dto.groupId
      ? liveAudienceOf((await this.groups.open(principal, dto.groupId)).group.visibility)
      : 'public';
    const groupId = dto.groupId ?? null;
    if (!caller.can('create', LIVE_EVENT, { groupId }) && !caller.can('manage', LIVE_EVENT, { groupId })) {
      throw ApiError.forbidden(
        groupId ? "Only the group's owners and facilitators create its events" : 'You may not create events',
      );
    }
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    assertOrder(startsAt, endsAt);
    const event = await this.events.create({
      title: dto.title,
      description: dto.description ?? '',
      startsAt,
      endsAt,
      timezone: dto.timezone,
      format: dto.format,
      venue: dto.venue ?? '',
      languages: dto.languages ?? [],
      groupId,
      audience,
      capacity: capacityOf(dto.capacity),
      registrationOpen: dto.registrationOpen ?? true,
      createdBy: principal.id,
    });
    return this.view(await this.abilities.of(principal), event);
  }

  async update(principal: Principal, id: string, dto: UpdateEventDto): Promise<EventView> {
    const caller = await this.abilities.of(principal);
    const event = await this.openToManage(caller, id);
    const { startsAt, endsAt, capacity, ...rest } = sentFields(dto);
    const changes: LiveEventChanges = { ...rest };
    if (startsAt) changes.startsAt = new Date(startsAt);
    if (endsAt) changes.endsAt = new Date(endsAt);
    if (capacity) changes.capacity = { ...event.capacity, ...sentFields(capacity) } as LiveEventChanges['capacity'];
    assertOrder(changes.startsAt ?? event.startsAt, changes.endsAt ?? event.endsAt);
    const updated = await this.events.update(id, changes);
    if (!updated) throw ApiError.notFound('Event');
    return this.view(caller, updated);
  }

  async register(principal: Principal, id: string, mode: AttendanceMode): Promise<RegistrationOutcome> {
    const caller = await this.abilities.of(principal);
    const event = await this.open(caller, id);
    caller.assert('register', LIVE_EVENT, subject(event));
    const open = event.registrationOpen && event.endsAt.getTime() > Date.now();
    return this.registrations.register(
      { key: eventTarget(event.id), capacity: event.capacity, open },
      principal.id,
      mode,
    );
  }

  async cancelRegistration(principal: Principal, id: string): Promise<void> {
    const event = await this.open(await this.abilities.of(principal), id);
    await this.registrations.cancel({ key: eventTarget(event.id), capacity: event.capacity, open: true }, principal.id);
  }

  /** The event, if the caller may see it; 404 otherwise. */
  async open(caller: LiveCaller, id: string): Promise<LiveEventRecord> {
    const event = await this.events.findById(id);
    if (!event) throw ApiError.notFound('Event');
    caller.assertReadable(LIVE_EVENT, subject(event), 'Event');
    return event;
  }

  /** The event, if the caller manages it: 404 when they may not see it, 403 when they may not manage it. */
  async openToManage(caller: LiveCaller, id: string): Promise<LiveEventRecord> {
    const event = await this.open(caller, id);
    caller.assert('manage', LIVE_EVENT, subject(event));
    return event;
  }

  private async view(caller: LiveCaller, event: LiveEventRecord): Promise<EventView> {
    return {
      id: event.id,
      title: event.title,
      description: event.description,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timezone: event.timezone,
      format: event.format,
      venue: event.venue,
      languages: event.languages,
      groupId: event.groupId,
      capacity: { in_person: event.capacity.in_person, remote: event.capacity.remote },
      registrationOpen: event.registrationOpen,
      canManage: caller.can('manage', LIVE_EVENT, subject(event)),
      registration: caller.principal ? await this.registrations.of(eventTarget(event.id), caller.principal.id) : null,
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
    };
  }
}

export function assertOrder(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw ApiError.invalidField('endsAt', 'must be after startsAt');
}
