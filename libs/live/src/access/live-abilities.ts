import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { GroupScope } from '@plenary/community';
import { type Abilities, AccessService, type Action, type Guest, type Principal } from '@plenary/identity';
import { SessionRolesRepository } from '../roles/session-roles.repository.js';
import { InvitedEvents } from './invited-events.js';

/** Who acts in live sessions: a member, a guest of one session, or nobody signed in; and what they may do. */
export class LiveCaller {
  constructor(
    readonly principal: Principal | null,
    readonly guest: Guest | null,
    readonly abilities: Abilities,
  ) {}

  /** The member's or the guest's id; null for a caller without a token. */
  get id(): string | null {
    return this.principal?.id ?? this.guest?.id ?? null;
  }

  can(action: Action, type: string, document: object): boolean {
    return this.abilities.can(action, type, document);
  }

  assert(action: Action, type: string, document: object): void {
    this.abilities.assert(action, type, document);
  }

  /** 404 when the caller may not see it: they may not know it exists. */
  assertReadable(type: string, document: object, what: string): void {
    if (!this.abilities.can('read', type, document)) throw ApiError.notFound(what);
  }

  filter(action: Action, type: string): Record<string, unknown> | null {
    return this.abilities.query(action, type);
  }
}

@Injectable()
export class LiveAbilities {
  constructor(
    private readonly access: AccessService,
    private readonly groups: GroupScope,
    private readonly roles: SessionRolesRepository,
    private readonly invitedEvents: InvitedEvents,
  ) {}

  async of(principal: Principal | null, guest: Guest | null = null): Promise<LiveCaller> {
    if (guest) return new LiveCaller(null, guest, this.access.for(null, { guest }));
    const [groupRoles, assignments, invitedEvents] = await Promise.all([
      this.groups.rolesOf(principal),
      principal ? this.roles.ofUser(principal.id) : [],
      principal ? this.invitedEvents.acceptedEventsOf(principal.id) : [],
    ]);
    const sessionRoles = new Map<string, string[]>();
    for (const { sessionId, role } of assignments) sessionRoles.set(sessionId, [role]);
    return new LiveCaller(principal, null, this.access.for(principal, { groupRoles, sessionRoles, invitedEvents }));
  }
}

/** A record as the access rules see it: conditions name `_id`, as the database does. */
export function subject<T extends { id: string }>(record: T): T & { _id: string } {
  return { ...record, _id: record.id };
}
