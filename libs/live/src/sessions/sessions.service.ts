import { Injectable } from '@nestjs/common';
import { GroupScope, ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, type Page, type PageRequest, pageRequest, sentFields } from '@plenary/core';
import { type Guest, GuestTokens, type Principal, UsersService } from '@plenary/identity';
import { LiveAbilities, type LiveCaller, subject } from '../access/live-abilities.js';
import { JoinCodes } from '../codes/join-codes.js';
import { assertOrder, liveAudienceOf, LiveEventsService } from '../events/events.service.js';
import { SessionEnded, SessionStarted, SessionUpdated } from '../model/live.events.js';
import {
  type AttendanceMode,
  defaultQa,
  LIVE_SESSION,
  type LiveAudience,
  type SessionRole,
} from '../model/live-kinds.js';
import {
  eventTarget,
  type RegistrantView,
  type RegistrationOutcome,
  type RegistrationTarget,
  Registrations,
  sessionTarget,
} from '../registrations/registrations.js';
import { capacityOf } from '../shared/live-fields.dto.js';
import { ShortCache } from '../shared/short-cache.js';
import type {
  CreateSessionDto,
  GuestJoinView,
  SessionList,
  SessionListQuery,
  SessionView,
  UpdateSessionDto,
} from './dto/session.dto.js';
import type { LiveSessionChanges, LiveSessionRecord } from './session.schema.js';
import { SessionRolesRepository } from '../roles/session-roles.repository.js';
import { LiveSessionsRepository } from './sessions.repository.js';

/** Sessions are read on every question and vote; a change made elsewhere shows within this. */
const SESSION_CACHE_MS = 2_000;

const STATUSES_WHEN = { upcoming: ['scheduled'], live: ['live'], past: ['ended'] } as const;

@Injectable()
export class LiveSessionsService {
  private readonly recent = new ShortCache<LiveSessionRecord>(SESSION_CACHE_MS);

  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly roles: SessionRolesRepository,
    private readonly abilities: LiveAbilities,
    private readonly events: LiveEventsService,
    private readonly groups: GroupScope,
    private readonly codes: JoinCodes,
    private readonly registrations: Registrations,
    private readonly guestTokens: GuestTokens,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly domainEvents: DomainEvents,
  ) {}

  async list(principal: Principal | null, query: SessionListQuery): Promise<SessionList> {
    const caller = await this.abilities.of(principal);
    const visible = caller.filter('read', LIVE_SESSION);
    if (!visible) return { items: [], nextCursor: null };
    if (query.group) await this.groups.open(principal, query.group);
    if (query.event) await this.events.open(caller, query.event);
    const page = await this.sessions.list(
      visible,
      {
        statuses: query.when ? [...STATUSES_WHEN[query.when]] : undefined,
        eventId: query.event,
        groupId: query.group,
        language: query.language,
      },
      query.when === 'past' ? -1 : 1,
      pageRequest(query),
    );
    return {
      items: await Promise.all(page.items.map((session) => this.viewOf(caller, session))),
      nextCursor: page.nextCursor,
    };
  }

  async get(principal: Principal | null, guest: Guest | null, id: string): Promise<SessionView> {
    const caller = await this.abilities.of(principal, guest);
    return this.viewOf(caller, await this.open(caller, id));
  }

  /** The session holding a join code, for members and guests alike; 404 for an unknown or ended code. */
  async byCode(principal: Principal | null, guest: Guest | null, code: string): Promise<SessionView> {
    const caller = await this.abilities.of(principal, guest);
    const sessionId = await this.codes.sessionOf(code);
    if (!sessionId) throw ApiError.notFound('Session');
    return this.viewOf(caller, await this.open(caller, sessionId));
  }

  /** A guest token for the session of the code, when the session admits guests. */
  async joinAsGuest(code: string, displayName: string): Promise<GuestJoinView> {
    const sessionId = await this.codes.sessionOf(code);
    const session = sessionId ? await this.sessions.findById(sessionId) : null;
    if (!session || session.status === 'ended') throw ApiError.notFound('Session');
    if (!session.qa.guestsAllowed) {
      throw ApiError.forbidden('This session does not admit guests: sign in with your account to join it');
    }
    const { token, guest, expiresIn } = await this.guestTokens.issue(session.id, displayName);
    return { token, expiresIn, session: await this.viewOf(await this.abilities.of(null, guest), session) };
  }

  async create(principal: Principal, dto: CreateSessionDto): Promise<SessionView> {
    let caller = await this.abilities.of(principal);
    let groupId: string | null = null;
    let audience: LiveAudience = 'public';
    if (dto.eventId) {
      if (dto.groupId)
        throw ApiError.invalidField('groupId', "must be left out for an event's session: it takes the event's");
      const event = await this.events.openToManage(caller, dto.eventId);
      groupId = event.groupId;
      audience = event.audience;
    } else if (dto.groupId) {
      audience = liveAudienceOf((await this.groups.open(principal, dto.groupId)).group.visibility);
      groupId = dto.groupId;
      if (!caller.can('manage', LIVE_SESSION, { groupId })) {
        throw ApiError.forbidden("Only the group's owners and facilitators create its sessions");
      }
    } else {
      caller.assert('create', LIVE_SESSION, { groupId: null });
    }
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    assertOrder(startsAt, endsAt);
    const session = await this.sessions.create({
      title: dto.title,
      description: dto.description ?? '',
      eventId: dto.eventId ?? null,
      groupId,
      audience,
      startsAt,
      endsAt,
      timezone: dto.timezone,
      format: dto.format,
      venue: dto.venue ?? '',
      link: dto.link ?? '',
      agenda: (dto.agenda ?? []).map((item) => ({
        title: item.title,
        startsAt: item.startsAt ? new Date(item.startsAt) : null,
        speakers: item.speakers ?? [],
      })),
      languages: dto.languages ?? [],
      status: 'scheduled',
      recordingUrl: '',
      materials: [],
      code: null,
      qa: { ...defaultQa(), ...dto.qa },
      capacity: capacityOf(dto.capacity),
      registrationOpen: dto.registrationOpen ?? true,
      createdBy: principal.id,
    });
    await this.roles.assign(session.id, principal.id, 'host');
    const code = await this.codes.drawFor(session.id);
    const stored = (await this.sessions.update(session.id, { code } as LiveSessionChanges)) ?? session;
    caller = await this.abilities.of(principal);
    return this.viewOf(caller, stored);
  }

  async update(principal: Principal, id: string, dto: UpdateSessionDto): Promise<SessionView> {
    const caller = await this.abilities.of(principal);
    const session = await this.openFor(caller, id, 'manage');
    const { startsAt, endsAt, agenda, capacity, qa, ...rest } = sentFields(dto);
    const changes: LiveSessionChanges = { ...rest };
    if (startsAt) changes.startsAt = new Date(startsAt);
    if (endsAt) changes.endsAt = new Date(endsAt);
    if (agenda) {
      changes.agenda = agenda.map((item) => ({
        title: item.title,
        startsAt: item.startsAt ? new Date(item.startsAt) : null,
        speakers: item.speakers ?? [],
      }));
    }
    if (capacity) changes.capacity = { ...session.capacity, ...sentFields(capacity) } as LiveSessionChanges['capacity'];
    if (qa) changes.qa = { ...qa };
    assertOrder(changes.startsAt ?? session.startsAt, changes.endsAt ?? session.endsAt);
    const updated = await this.sessions.update(id, changes);
    this.recent.forget(id);
    if (!updated) throw ApiError.notFound('Session');
    await this.domainEvents.publish(SessionUpdated, { sessionId: id });
    return this.viewOf(caller, updated);
  }

  /** Scheduled → live; registrants are told. */
  async start(principal: Principal, id: string): Promise<SessionView> {
    const caller = await this.abilities.of(principal);
    const session = await this.openFor(caller, id, 'manage');
    if (session.status !== 'scheduled')
      throw ApiError.conflict(`The session is ${session.status}: only a scheduled session starts`);
    const started = await this.sessions.moveStatus(id, 'scheduled', 'live', { startedAt: new Date() });
    this.recent.forget(id);
    if (!started) throw ApiError.conflict('The session was started or ended meanwhile');
    const registrantIds = await this.readersAmong(
      started,
      await this.registrations.registeredUserIds(this.registrationKeys(started)),
    );
    await this.domainEvents.publish(SessionStarted, { sessionId: id, title: started.title, registrantIds });
    await this.domainEvents.publish(SessionUpdated, { sessionId: id });
    return this.viewOf(caller, started);
  }

  /** Scheduled or live → ended; the join code is freed for other sessions. */
  async end(principal: Principal, id: string): Promise<SessionView> {
    const caller = await this.abilities.of(principal);
    const session = await this.openFor(caller, id, 'manage');
    if (session.status === 'ended') throw ApiError.conflict('The session has already ended');
    const ended = await this.sessions.moveStatus(id, session.status, 'ended', { endedAt: new Date(), code: null });
    this.recent.forget(id);
    if (!ended) throw ApiError.conflict('The session was started or ended meanwhile');
    await this.codes.release(id);
    await this.domainEvents.publish(SessionEnded, { sessionId: id });
    await this.domainEvents.publish(SessionUpdated, { sessionId: id });
    return this.viewOf(caller, ended);
  }

  async assignRole(principal: Principal, id: string, userId: string, role: SessionRole): Promise<SessionView> {
    const caller = await this.abilities.of(principal);
    const session = await this.openFor(caller, id, 'manage');
    const member = await this.users.principalOf(userId);
    if (!member || member.status !== 'active') throw ApiError.notFound('Member');
    if (!(await this.abilities.of(member)).can('read', LIVE_SESSION, subject(session))) {
      throw ApiError.conflict('This member cannot see the session: invite them to its group first');
    }
    const current = await this.roles.role(id, userId);
    if (current === 'host' && role !== 'host') await this.assertAnotherHost(id);
    await this.roles.assign(id, userId, role);
    return this.viewOf(await this.abilities.of(principal), session);
  }

  async removeRole(principal: Principal, id: string, userId: string): Promise<void> {
    const caller = await this.abilities.of(principal);
    await this.openFor(caller, id, 'manage');
    const current = await this.roles.role(id, userId);
    if (!current) throw ApiError.notFound('Session role');
    if (current === 'host') await this.assertAnotherHost(id);
    await this.roles.remove(id, userId);
  }

  async register(principal: Principal, id: string, mode: AttendanceMode): Promise<RegistrationOutcome> {
    const caller = await this.abilities.of(principal);
    const session = await this.open(caller, id);
    caller.assert('register', LIVE_SESSION, subject(session));
    return this.registrations.register(await this.registrationTarget(caller, id), principal.id, mode);
  }

  async cancelRegistration(principal: Principal, id: string): Promise<void> {
    const target = await this.registrationTarget(await this.abilities.of(principal), id);
    await this.registrations.cancel({ ...target, open: true }, principal.id);
  }

  /** The registrations of the session (its event's, for an event's session), for its hosts. */
  async registrants(principal: Principal, id: string, request: PageRequest): Promise<Page<RegistrantView>> {
    return this.registrations.page(await this.registrantsKey(principal, id), request);
  }

  async registrantsCsv(principal: Principal, id: string): Promise<string> {
    return this.registrations.csv(await this.registrantsKey(principal, id));
  }

  private async registrantsKey(principal: Principal, id: string): Promise<string> {
    const session = await this.openFor(await this.abilities.of(principal), id, 'manage');
    return this.registrationKeys(session)[0];
  }

  /** Where a member registers for this session: its event's registration, or its own when standalone. */
  async registrationTarget(caller: LiveCaller, id: string): Promise<RegistrationTarget> {
    const session = await this.open(caller, id);
    if (session.eventId) {
      throw ApiError.conflict('This session is part of an event: register for the event', [
        { field: 'eventId', problem: session.eventId },
      ]);
    }
    return {
      key: sessionTarget(session.id),
      capacity: session.capacity,
      open: session.registrationOpen && session.status !== 'ended',
    };
  }

  /** The session, if the caller may see it; 404 otherwise. */
  async open(caller: LiveCaller, id: string): Promise<LiveSessionRecord> {
    const session = await this.recent.get(id, () => this.sessions.findById(id));
    if (!session) throw ApiError.notFound('Session');
    caller.assertReadable(LIVE_SESSION, subject(session), 'Session');
    return session;
  }

  /** The session, if the caller may do `action` to it: 404 when they may not see it, 403 otherwise. */
  async openFor(caller: LiveCaller, id: string, action: string): Promise<LiveSessionRecord> {
    const session = await this.open(caller, id);
    caller.assert(action, LIVE_SESSION, subject(session));
    return session;
  }

  /** Links the forum thread the session's questions were carried to (forum-carry/); null when one was linked already. */
  async linkForumThread(id: string, threadId: string): Promise<LiveSessionRecord | null> {
    const linked = await this.sessions.linkForumThread(id, threadId);
    this.recent.forget(id);
    return linked;
  }

  private async assertAnotherHost(sessionId: string): Promise<void> {
    if ((await this.roles.countOf(sessionId, 'host')) < 2) {
      throw ApiError.conflict('A session keeps at least one host: make someone else host first');
    }
  }

  private registrationKeys(session: LiveSessionRecord): string[] {
    return session.eventId ? [eventTarget(session.eventId)] : [sessionTarget(session.id)];
  }

  /** The members among `userIds` who may see the session now. */
  private async readersAmong(session: LiveSessionRecord, userIds: string[]): Promise<string[]> {
    if (session.audience === 'public' || session.audience === 'members') return userIds;
    const readers: string[] = [];
    for (const userId of userIds) {
      const member = await this.users.principalOf(userId);
      if (member && (await this.abilities.of(member)).can('read', LIVE_SESSION, subject(session))) readers.push(userId);
    }
    return readers;
  }

  /** The session as the caller may see it. */
  async viewOf(caller: LiveCaller, session: LiveSessionRecord): Promise<SessionView> {
    const staff = await this.roles.ofSession(session.id);
    const names = await this.profiles.authorNames(staff.map((member) => member.userId));
    const role = staff.find((member) => member.userId === caller.principal?.id)?.role ?? 'attendee';
    const registration = caller.principal
      ? await this.registrations.of(this.registrationKeys(session)[0], caller.principal.id)
      : null;
    const viewer = {
      canManage: caller.can('manage', LIVE_SESSION, subject(session)),
      canModerate: caller.can('moderate', LIVE_SESSION, subject(session)),
      canPresent: caller.can('present', LIVE_SESSION, subject(session)),
    };
    const isStaff = role !== 'attendee' || viewer.canModerate || viewer.canManage;
    return {
      id: session.id,
      title: session.title,
      description: session.description,
      eventId: session.eventId,
      groupId: session.groupId,
      audience: session.audience,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timezone: session.timezone,
      format: session.format,
      venue: session.venue,
      link: isStaff || registration?.status === 'registered' ? session.link : null,
      agenda: session.agenda.map((item) => ({ title: item.title, startsAt: item.startsAt, speakers: item.speakers })),
      languages: session.languages,
      status: session.status,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      recordingUrl: session.recordingUrl,
      materials: session.materials.map((material) => ({ title: material.title, url: material.url })),
      code: session.code,
      joinLink: session.code ? `/j/${session.code}` : null,
      qa: { ...session.qa },
      capacity: { in_person: session.capacity.in_person, remote: session.capacity.remote },
      registrationOpen: session.registrationOpen,
      role,
      registration,
      staff: staff.map((member) => ({
        userId: member.userId,
        displayName: names.get(member.userId)?.displayName ?? '',
        role: member.role,
      })),
      forumThreadId: session.forumThreadId ?? null,
      viewer,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    };
  }
}
