import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents, type Page, pageRequest, sentFields } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { AccessService, type Principal } from '@plenary/identity';
import type { QueryFilter } from 'mongoose';
import { type AuthorName, ProfilesService } from '../profiles/profiles.service.js';
import type {
  CreateGroupDto,
  GroupCounts,
  GroupFilterQuery,
  GroupListQuery,
  GroupView,
  UpdateGroupDto,
} from './dto/group.dto.js';
import { GroupCreationPolicyService } from './group-creation-policy.service.js';
import { GROUP, GROUP_TYPES, type GroupType } from './group-kinds.js';
import type { Group, GroupChanges, GroupRecord } from './group.schema.js';
import { GroupDeleted, GroupVisibilityChanged } from './group.events.js';
import { GroupEmailInvitationsRepository } from './group-email-invitations.repository.js';
import { GroupAccess } from './group-scope.js';
import { type GroupFilter, GroupsRepository } from './groups.repository.js';
import type { MembershipRecord } from './membership.schema.js';
import { MembershipsRepository } from './memberships.repository.js';

const nameTaken = () =>
  ApiError.conflict('A group with this name already exists', [{ field: 'name', problem: 'is already taken' }]);

@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly emailInvitations: GroupEmailInvitationsRepository,
    private readonly groupAccess: GroupAccess,
    private readonly access: AccessService,
    private readonly creationPolicy: GroupCreationPolicyService,
    private readonly profiles: ProfilesService,
    private readonly events: DomainEvents,
  ) {}

  /** Creates the group with the caller as its first owner. */
  async create(principal: Principal, dto: CreateGroupDto): Promise<GroupView> {
    const policy = await this.creationPolicy.get();
    if (!this.access.can(principal, 'create', GROUP, { type: dto.type, minimumRole: policy[dto.type] })) {
      throw ApiError.forbidden(`Creating a ${dto.type.replace('_', ' ')} needs the platform role ${policy[dto.type]}`);
    }
    let group: GroupRecord;
    try {
      group = await this.groups.create({
        name: dto.name,
        description: dto.description ?? '',
        type: dto.type,
        visibility: dto.visibility ?? 'public',
        joinPolicy: dto.joinPolicy ?? 'open',
        country: dto.country ?? null,
        region: dto.region ?? null,
        objectives: dto.objectives ?? [],
        createdBy: principal.id,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken();
      throw error;
    }
    try {
      const owner = await this.memberships.create({
        groupId: group.id,
        userId: principal.id,
        role: 'owner',
        status: 'active',
      });
      return (await this.views([group], [owner]))[0];
    } catch (error) {
      await this.groups.delete(group.id);
      throw error;
    }
  }

  async get(caller: Principal | null, id: string): Promise<GroupView> {
    const { group, membership } = await this.groupAccess.openGroup(caller, id);
    return (await this.views([group], membership ? [membership] : []))[0];
  }

  /** Only the groups the caller may see, in name order. */
  async list(caller: Principal | null, query: GroupListQuery): Promise<Page<GroupView>> {
    const { visible, filter, memberships } = await this.visibleWith(caller, query);
    if (!visible) return { items: [], nextCursor: null };
    const page = await this.groups.list(visible, filter, pageRequest(query));
    return { items: await this.views(page.items, memberships), nextCursor: page.nextCursor };
  }

  /** How many groups of each type the caller may see, under the same filters as the list. */
  async counts(caller: Principal | null, query: GroupFilterQuery): Promise<GroupCounts> {
    const { visible, filter } = await this.visibleWith(caller, query);
    const byType = Object.fromEntries(GROUP_TYPES.map((type) => [type, 0])) as Record<GroupType, number>;
    if (visible) {
      const types = query.type ? [query.type] : GROUP_TYPES;
      const counts = await Promise.all(types.map((type) => this.groups.countVisible(visible, { ...filter, type })));
      types.forEach((type, index) => (byType[type] = counts[index]));
    }
    return { total: Object.values(byType).reduce((sum, count) => sum + count, 0), byType };
  }

  async update(principal: Principal, id: string, dto: UpdateGroupDto): Promise<GroupView> {
    const { group, membership } = await this.groupAccess.openFor(principal, id, 'update');
    const changes: GroupChanges = sentFields(dto);
    if (Object.keys(changes).length === 0) throw ApiError.badRequest('Nothing to change: send at least one field');
    const merged = { ...group, ...changes };
    if (merged.type === 'country_network' && !merged.country) {
      throw ApiError.invalidField('country', 'is required for a country network');
    }
    if (merged.type === 'regional_network' && !merged.region) {
      throw ApiError.invalidField('region', 'is required for a regional network');
    }
    let updated: GroupRecord | null;
    try {
      updated = await this.groups.update(id, changes);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken();
      throw error;
    }
    if (!updated) throw ApiError.notFound('Group');
    if (updated.visibility !== group.visibility) {
      await this.events.publish(GroupVisibilityChanged, { groupId: id, visibility: updated.visibility });
    }
    return (await this.views([updated], membership ? [membership] : []))[0];
  }

  /** Deletes the group, every membership in it and its invitations by email. */
  async delete(principal: Principal, id: string): Promise<void> {
    await this.groupAccess.openFor(principal, id, 'delete');
    await this.groups.delete(id);
    await this.memberships.deleteInGroup(id);
    await this.emailInvitations.deleteInGroup(id);
    await this.events.publish(GroupDeleted, { groupId: id });
  }

  private async visibleWith(
    caller: Principal | null,
    query: GroupFilterQuery,
  ): Promise<{ visible: QueryFilter<Group> | null; filter: GroupFilter; memberships: MembershipRecord[] }> {
    if ((query.mine || query.membership) && !caller) throw ApiError.unauthorized('Sign in to list your own groups');
    const { abilities, memberships } = await this.groupAccess.everywhere(caller);
    const filter: GroupFilter = {
      type: query.type,
      country: query.country,
      region: query.region,
      objective: query.objective,
      q: query.q,
    };
    // mine is membership=active; asked together with another status, nothing matches both.
    const statuses = new Set([...(query.mine ? ['active'] : []), ...(query.membership ? [query.membership] : [])]);
    if (statuses.size > 1) filter.ids = [];
    else if (statuses.size === 1) filter.ids = memberships.filter((m) => statuses.has(m.status)).map((m) => m.groupId);
    return { visible: abilities.query('read', GROUP) as QueryFilter<Group> | null, filter, memberships };
  }

  private async views(groups: GroupRecord[], viewerMemberships: MembershipRecord[]): Promise<GroupView[]> {
    const authors = await this.profiles.authorNames(groups.map((group) => group.createdBy));
    const memberCounts = await this.memberships.countActive(groups.map((group) => group.id));
    const mine = new Map(viewerMemberships.map((membership) => [membership.groupId, membership]));
    return groups.map((group) => {
      const membership = mine.get(group.id);
      return {
        id: group.id,
        name: group.name,
        description: group.description,
        type: group.type,
        visibility: group.visibility,
        joinPolicy: group.joinPolicy,
        country: group.country,
        region: group.region,
        objectives: group.objectives,
        memberCount: memberCounts.get(group.id) ?? 0,
        createdBy: authors.get(group.createdBy) as AuthorName,
        viewer: membership ? { role: membership.role, status: membership.status } : null,
        createdAt: group.createdAt,
        updatedAt: group.updatedAt,
      };
    });
  }
}
