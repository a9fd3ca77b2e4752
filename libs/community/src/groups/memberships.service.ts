import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents, type Page, pageRequest } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { type Principal, UsersService } from '@plenary/identity';
import { ProfilesService } from '../profiles/profiles.service.js';
import type { MemberListQuery, MembershipView } from './dto/membership.dto.js';
import { GROUP, GROUP_MEMBER, type GroupRole, type MembershipStatus } from './group-kinds.js';
import { GroupInvitationSent, GroupMembershipEnded, GroupRequestApproved } from './group.events.js';
import type { GroupRecord } from './group.schema.js';
import { GroupAccess, type OpenedGroup, groupSubject } from './group-scope.js';
import { GroupsRepository } from './groups.repository.js';
import type { MembershipRecord } from './membership.schema.js';
import { type NewMembership, MembershipsRepository } from './memberships.repository.js';

const lastOwner = () =>
  ApiError.conflict('The last owner cannot leave or step down; make another member an owner first');
const changedMeanwhile = () => ApiError.conflict('This membership changed meanwhile; reload and try again');

/** Joining and leaving, invitations, join requests, roles: the life of a membership. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly groups: GroupsRepository,
    private readonly groupAccess: GroupAccess,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  /** Open groups admit at once; request groups record a pending request; an invitee accepts. */
  async join(principal: Principal, groupId: string): Promise<MembershipView> {
    const { group, membership, abilities } = await this.groupAccess.openGroup(principal, groupId);
    if (membership?.status === 'invited') return this.acceptInvitation(principal, groupId);
    if (membership?.status === 'active') throw ApiError.conflict('You are already a member of this group');
    if (membership?.status === 'pending') throw ApiError.conflict('Your request to join is awaiting approval');
    if (group.joinPolicy === 'invite') throw ApiError.forbidden('This group is joined by invitation only');
    abilities.assert('join', GROUP, groupSubject(group));
    const status: MembershipStatus = group.joinPolicy === 'open' ? 'active' : 'pending';
    const created = await this.createOr409(
      { groupId: group.id, userId: principal.id, role: 'member', status },
      'You already have a membership or request in this group',
    );
    return this.view(created);
  }

  /** Leaving also withdraws a pending request or declines an invitation. */
  async leave(principal: Principal, groupId: string): Promise<void> {
    const { group, membership } = await this.groupAccess.openGroup(principal, groupId);
    if (!membership) throw ApiError.notFound('Your membership of this group');
    await this.end(group, membership);
  }

  async invite(principal: Principal, groupId: string, userId: string): Promise<MembershipView> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    if (!(await this.users.isActive(userId))) throw ApiError.notFound('Member');
    const existing = await this.memberships.find(group.id, userId);
    if (existing?.status === 'active') throw ApiError.conflict('This member already belongs to the group');
    if (existing?.status === 'invited') throw ApiError.conflict('This member has already been invited');
    if (existing?.status === 'pending') return this.approveRequest(principal, group, userId);
    const invited = await this.createOr409(
      { groupId: group.id, userId, role: 'member', status: 'invited', invitedBy: principal.id },
      'This member already has a membership or request in this group',
    );
    await this.events.publish(GroupInvitationSent, { groupId: group.id, userId, byUserId: principal.id });
    return this.view(invited);
  }

  /** The invitations still awaiting an answer, for those who may invite. */
  async invitations(principal: Principal, groupId: string, query: MemberListQuery): Promise<Page<MembershipView>> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    return this.page(group.id, 'invited', query);
  }

  /** Withdraws an invitation not yet answered. */
  async revokeInvitation(principal: Principal, groupId: string, userId: string): Promise<void> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'invite');
    if (!(await this.memberships.remove(group.id, userId, 'invited', 'member'))) throw ApiError.notFound('Invitation');
  }

  async acceptInvitation(principal: Principal, groupId: string): Promise<MembershipView> {
    const { group, membership } = await this.groupAccess.openGroup(principal, groupId);
    if (membership?.status === 'active') throw ApiError.conflict('You are already a member of this group');
    if (membership?.status !== 'invited') throw ApiError.notFound('Invitation');
    const accepted = await this.memberships.activate(group.id, principal.id, 'invited');
    if (!accepted) throw ApiError.notFound('Invitation');
    return this.view(accepted);
  }

  /**
   * Admits someone invited by email, whatever the group's visibility and join policy (the link was
   * the invitation): as accepting an invitation, or having a request approved, when they had one.
   */
  async admitInvitee(principal: Principal, groupId: string, invitedBy: string): Promise<MembershipView> {
    const existing = await this.memberships.find(groupId, principal.id);
    if (existing?.status === 'active') throw ApiError.conflict('You are already a member of this group');
    if (existing) {
      const admitted = await this.memberships.activate(groupId, principal.id, existing.status);
      if (!admitted) throw changedMeanwhile();
      return this.view(admitted);
    }
    const created = await this.createOr409(
      { groupId, userId: principal.id, role: 'member', status: 'active', invitedBy },
      'You already have a membership in this group',
    );
    return this.view(created);
  }

  async declineInvitation(principal: Principal, groupId: string): Promise<void> {
    const { group, membership } = await this.groupAccess.openGroup(principal, groupId);
    if (membership?.status !== 'invited') throw ApiError.notFound('Invitation');
    await this.end(group, membership);
  }

  async requests(principal: Principal, groupId: string, query: MemberListQuery): Promise<Page<MembershipView>> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'review');
    return this.page(group.id, 'pending', query);
  }

  async approve(principal: Principal, groupId: string, userId: string): Promise<MembershipView> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'review');
    return this.approveRequest(principal, group, userId);
  }

  async reject(principal: Principal, groupId: string, userId: string): Promise<void> {
    const { group } = await this.groupAccess.openFor(principal, groupId, 'review');
    if (!(await this.memberships.remove(group.id, userId, 'pending', 'member')))
      throw ApiError.notFound('Join request');
  }

  async list(caller: Principal, groupId: string, query: MemberListQuery): Promise<Page<MembershipView>> {
    const { group } = await this.groupAccess.openFor(caller, groupId, 'listMembers');
    return this.page(group.id, 'active', query);
  }

  /** Owners may change any role; a group keeps at least one owner. */
  async changeRole(principal: Principal, groupId: string, userId: string, role: GroupRole): Promise<MembershipView> {
    const { group, target } = await this.openTarget(principal, groupId, userId, 'update');
    if (target.role === role) return this.view(target);
    if (target.role === 'owner' && (await this.memberships.countOwners(group.id)) <= 1) throw lastOwner();
    const changed = await this.memberships.changeRole(group.id, userId, target.role, role);
    if (!changed) throw changedMeanwhile();
    if (target.role === 'owner' && (await this.memberships.countOwners(group.id)) === 0) {
      await this.memberships.changeRole(group.id, userId, role, target.role);
      throw lastOwner();
    }
    return this.view(changed);
  }

  async remove(principal: Principal, groupId: string, userId: string): Promise<void> {
    const { group, target } = await this.openTarget(principal, groupId, userId, 'delete');
    await this.end(group, target);
  }

  /** The groups where this user is the only owner: they must hand over before deleting the account. */
  async soleOwnerships(userId: string): Promise<GroupRecord[]> {
    const owned = (await this.memberships.findForUser(userId)).filter(
      (membership) => membership.status === 'active' && membership.role === 'owner',
    );
    const owners = await this.memberships.countActive(
      owned.map((membership) => membership.groupId),
      'owner',
    );
    const sole = owned.filter((membership) => (owners.get(membership.groupId) ?? 0) <= 1);
    return this.groups.findByIds(sole.map((membership) => membership.groupId));
  }

  /** Everything about the user's own memberships, for their data export. */
  async exportFor(userId: string): Promise<{ memberships: unknown[]; groupsCreated: unknown[] }> {
    const memberships = await this.memberships.findForUser(userId);
    const groups = new Map(
      (await this.groups.findByIds(memberships.map((membership) => membership.groupId))).map((group) => [
        group.id,
        group,
      ]),
    );
    return {
      memberships: memberships.map((membership) => ({
        group: { id: membership.groupId, name: groups.get(membership.groupId)?.name ?? null },
        role: membership.role,
        status: membership.status,
        since: membership.since,
      })),
      groupsCreated: (await this.groups.findCreatedBy(userId)).map((group) => ({
        id: group.id,
        name: group.name,
        createdAt: group.createdAt,
      })),
    };
  }

  /** Ends every membership of a deleted account (its sole ownerships were refused beforehand). */
  async eraseFor(userId: string): Promise<void> {
    for (const membership of await this.memberships.findForUser(userId)) {
      await this.memberships.remove(membership.groupId, userId, membership.status, membership.role);
      if (membership.status === 'active') {
        await this.events.publish(GroupMembershipEnded, { groupId: membership.groupId, userId });
      }
    }
  }

  private async approveRequest(principal: Principal, group: GroupRecord, userId: string): Promise<MembershipView> {
    const approved = await this.memberships.activate(group.id, userId, 'pending');
    if (!approved) throw ApiError.notFound('Join request');
    await this.events.publish(GroupRequestApproved, { groupId: group.id, userId, byUserId: principal.id });
    return this.view(approved);
  }

  /**
   * Opens the group and the active member acted on, asserting the action on them. The check comes
   * first, so a caller who may not manage members learns nothing about who is one.
   */
  private async openTarget(
    principal: Principal,
    groupId: string,
    userId: string,
    action: 'update' | 'delete',
  ): Promise<OpenedGroup & { target: MembershipRecord }> {
    const opened = await this.groupAccess.openGroup(principal, groupId);
    const found = await this.memberships.find(opened.group.id, userId);
    const target = found?.status === 'active' ? found : null;
    opened.abilities.assert(action, GROUP_MEMBER, { groupId: opened.group.id, role: target?.role ?? 'member' });
    if (!target) throw ApiError.notFound('Member of this group');
    return { ...opened, target };
  }

  /**
   * Deletes a membership, keeping the last-owner rule. Without transactions (and with FerretDB's
   * conditional updates not atomic under concurrency) the rule is checked before and after: two
   * owners leaving at once may both be refused, but a group is never left without an owner.
   */
  private async end(group: GroupRecord, membership: MembershipRecord): Promise<void> {
    const owner = membership.status === 'active' && membership.role === 'owner';
    if (owner && (await this.memberships.countOwners(group.id)) <= 1) throw lastOwner();
    const removed = await this.memberships.remove(group.id, membership.userId, membership.status, membership.role);
    if (!removed) throw changedMeanwhile();
    if (owner && (await this.memberships.countOwners(group.id)) === 0) {
      await this.memberships.restore(membership);
      throw lastOwner();
    }
    if (membership.status === 'active') {
      await this.events.publish(GroupMembershipEnded, { groupId: group.id, userId: membership.userId });
    }
  }

  private async createOr409(membership: NewMembership, message: string): Promise<MembershipRecord> {
    try {
      return await this.memberships.create(membership);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw ApiError.conflict(message);
      throw error;
    }
  }

  private async page(groupId: string, status: MembershipStatus, query: MemberListQuery): Promise<Page<MembershipView>> {
    const page = await this.memberships.listInGroup(groupId, status, query.role, pageRequest(query));
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  private async view(membership: MembershipRecord): Promise<MembershipView> {
    return (await this.views([membership]))[0];
  }

  private async views(memberships: MembershipRecord[]): Promise<MembershipView[]> {
    const names = await this.profiles.authorNames(memberships.map((membership) => membership.userId));
    return memberships.map((membership) => ({
      groupId: membership.groupId,
      userId: membership.userId,
      displayName: names.get(membership.userId)?.displayName ?? '',
      role: membership.role,
      status: membership.status,
      since: membership.since,
    }));
  }
}
