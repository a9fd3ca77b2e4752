import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { type Abilities, AccessService, type AccessScope, type Principal } from '@plenary/identity';
import {
  GROUP,
  type GroupRole,
  type GroupType,
  type GroupVisibility,
  INVITED,
  type JoinPolicy,
  type MembershipStatus,
} from './group-kinds.js';
import type { GroupRecord } from './group.schema.js';
import { GroupsRepository } from './groups.repository.js';
import type { MembershipRecord } from './membership.schema.js';
import { MembershipsRepository } from './memberships.repository.js';

/** A group as another context sees it when scoping its own documents (a forum category, a session). */
export interface ScopedGroup {
  group: { id: string; name: string; type: GroupType; visibility: GroupVisibility; joinPolicy: JoinPolicy };
  /** The caller's role in the group while their membership is active; null otherwise. */
  role: GroupRole | null;
  /** Their membership's status (an open request or invitation too); null when they have none. */
  status: MembershipStatus | null;
}

/**
 * What the forum and live sessions ask of the community about groups. Inject this abstract class;
 * the community provides it. A group the caller may not see is a 404, exactly as on group routes.
 */
export abstract class GroupScope {
  abstract open(caller: Principal | null, groupId: string): Promise<ScopedGroup>;
  /** The caller's active roles by group id: `AccessScope.groupRoles` for another context's rules. */
  abstract rolesOf(caller: Principal | null): Promise<ReadonlyMap<string, GroupRole>>;
}

/** A group as one caller may act on it inside the community: the group, their membership, their abilities. */
export interface OpenedGroup {
  group: GroupRecord;
  membership: MembershipRecord | null;
  abilities: Abilities;
}

/** A group as the access rules see it: conditions name `_id`, as the database does. */
export function groupSubject(group: GroupRecord): GroupRecord & { _id: string } {
  return { ...group, _id: group.id };
}

/** Loads the caller's group roles and opens groups for them; every group route starts here. */
@Injectable()
export class GroupAccess implements GroupScope {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly access: AccessService,
  ) {}

  /** The caller's abilities across all their groups (for lists), and their memberships. */
  async everywhere(caller: Principal | null): Promise<{ abilities: Abilities; memberships: MembershipRecord[] }> {
    const memberships = caller ? await this.memberships.findForUser(caller.id) : [];
    return { abilities: this.access.for(caller, scopeOf(memberships)), memberships };
  }

  /** The group, if the caller may see it; 404 when it does not exist or they may not know it does. */
  async openGroup(caller: Principal | null, groupId: string): Promise<OpenedGroup> {
    const group = await this.groups.findById(groupId);
    if (!group) throw ApiError.notFound('Group');
    const membership = caller ? await this.memberships.find(group.id, caller.id) : null;
    const abilities = this.access.for(caller, scopeOf(membership ? [membership] : []));
    if (!abilities.can('read', GROUP, groupSubject(group))) throw ApiError.notFound('Group');
    return { group, membership, abilities };
  }

  /** Opens the group and asserts the action on it (403 when the caller may see it but not do this). */
  async openFor(caller: Principal, groupId: string, action: string): Promise<OpenedGroup> {
    const opened = await this.openGroup(caller, groupId);
    opened.abilities.assert(action, GROUP, groupSubject(opened.group));
    return opened;
  }

  async open(caller: Principal | null, groupId: string): Promise<ScopedGroup> {
    const { group, membership } = await this.openGroup(caller, groupId);
    return {
      group: {
        id: group.id,
        name: group.name,
        type: group.type,
        visibility: group.visibility,
        joinPolicy: group.joinPolicy,
      },
      role: membership?.status === 'active' ? membership.role : null,
      status: membership?.status ?? null,
    };
  }

  async rolesOf(caller: Principal | null): Promise<ReadonlyMap<string, GroupRole>> {
    if (!caller) return new Map();
    const memberships = await this.memberships.findForUser(caller.id);
    return new Map(memberships.filter((m) => m.status === 'active').map((m) => [m.groupId, m.role]));
  }
}

function scopeOf(memberships: MembershipRecord[]): AccessScope {
  const groupRoles = new Map<string, string>();
  for (const membership of memberships) {
    if (membership.status === 'active') groupRoles.set(membership.groupId, membership.role);
    else if (membership.status === 'invited') groupRoles.set(membership.groupId, INVITED);
  }
  return { groupRoles };
}
