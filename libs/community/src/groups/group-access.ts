import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { type Abilities, AccessService, type AccessScope, type Principal } from '@plenary/identity';
import type { MembershipRecord } from '../memberships/membership.schema.js';
import { MembershipsRepository } from '../memberships/memberships.repository.js';
import { GROUP, INVITED } from './group-access.rules.js';
import type { GroupRecord } from './group.schema.js';
import { GroupsRepository } from './groups.repository.js';

/** A group as one caller may act on it: the group, their membership in it, their abilities. */
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
export class GroupAccess {
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
  async open(caller: Principal | null, groupId: string): Promise<OpenedGroup> {
    const group = await this.groups.findById(groupId);
    if (!group) throw ApiError.notFound('Group');
    const membership = caller ? await this.memberships.find(group.id, caller.id) : null;
    const abilities = this.access.for(caller, scopeOf(membership ? [membership] : []));
    if (!abilities.can('read', GROUP, groupSubject(group))) throw ApiError.notFound('Group');
    return { group, membership, abilities };
  }

  /** Opens the group and asserts the action on it (403 when the caller may see it but not do this). */
  async openFor(caller: Principal, groupId: string, action: string): Promise<OpenedGroup> {
    const opened = await this.open(caller, groupId);
    opened.abilities.assert(action, GROUP, groupSubject(opened.group));
    return opened;
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
