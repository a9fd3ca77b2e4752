import { beforeEach, describe, expect, it } from '@jest/globals';
import { ApiError, DomainEvents } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { AccessService, platformAdminAccess, type Principal, type UsersService } from '@plenary/identity';
import { principal } from '@plenary/testing';
import { communityAccess } from '../community.access.js';
import type { ProfilesService } from '../profiles/profiles.service.js';
import type { GroupRole, GroupVisibility, JoinPolicy, MembershipStatus } from './group-kinds.js';
import type { GroupRecord } from './group.schema.js';
import { GroupInvitationSent, GroupMembershipEnded, GroupRequestApproved } from './group.events.js';
import { GroupAccess } from './group-scope.js';
import type { GroupsRepository } from './groups.repository.js';
import type { MembershipRecord } from './membership.schema.js';
import type { MembershipsRepository, NewMembership } from './memberships.repository.js';
import { MembershipsService } from './memberships.service.js';

/** The groups repository's reads, in memory. */
class InMemoryGroups {
  readonly byId = new Map<string, GroupRecord>();

  add(id: string, visibility: GroupVisibility, joinPolicy: JoinPolicy): GroupRecord {
    const now = new Date();
    const group: GroupRecord = {
      id,
      name: `Group ${id}`,
      nameKey: `group ${id}`,
      description: '',
      type: 'working_group',
      visibility,
      joinPolicy,
      country: null,
      region: null,
      objectives: [],
      createdBy: 'owner',
      createdAt: now,
      updatedAt: now,
    };
    this.byId.set(id, group);
    return group;
  }

  async findById(id: string) {
    return this.byId.get(id) ?? null;
  }

  async findByIds(ids: string[]) {
    return ids.flatMap((id) => (this.byId.has(id) ? [this.byId.get(id)!] : []));
  }
}

/** The memberships repository's contract in memory: unique per (group, user), guarded changes. */
class InMemoryMemberships {
  readonly rows = new Map<string, MembershipRecord>();
  private sequence = 0;

  private key(groupId: string, userId: string) {
    return `${groupId}/${userId}`;
  }

  put(groupId: string, userId: string, role: GroupRole, status: MembershipStatus = 'active') {
    return this.create({ groupId, userId, role, status });
  }

  async create(membership: NewMembership): Promise<MembershipRecord> {
    const key = this.key(membership.groupId, membership.userId);
    if (this.rows.has(key)) throw new DuplicateKeyError(['groupId', 'userId']);
    const now = new Date();
    const record: MembershipRecord = {
      id: String((this.sequence += 1)),
      groupId: membership.groupId,
      userId: membership.userId,
      role: membership.role,
      status: membership.status,
      invitedBy: membership.invitedBy ?? null,
      since: now,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.set(key, record);
    return { ...record };
  }

  async find(groupId: string, userId: string) {
    const row = this.rows.get(this.key(groupId, userId));
    return row ? { ...row } : null;
  }

  async findForUser(userId: string) {
    return [...this.rows.values()].filter((row) => row.userId === userId).map((row) => ({ ...row }));
  }

  async activate(groupId: string, userId: string, from: MembershipStatus) {
    const row = this.rows.get(this.key(groupId, userId));
    if (row?.status !== from) return null;
    row.status = 'active';
    return { ...row };
  }

  async changeRole(groupId: string, userId: string, from: GroupRole, to: GroupRole) {
    const row = this.rows.get(this.key(groupId, userId));
    if (row?.status !== 'active' || row.role !== from) return null;
    row.role = to;
    return { ...row };
  }

  async remove(groupId: string, userId: string, status: MembershipStatus, role: GroupRole) {
    const key = this.key(groupId, userId);
    const row = this.rows.get(key);
    if (row?.status !== status || row.role !== role) return false;
    return this.rows.delete(key);
  }

  async restore(membership: MembershipRecord) {
    this.rows.set(this.key(membership.groupId, membership.userId), { ...membership });
  }

  async countOwners(groupId: string) {
    return this.owners(groupId);
  }

  async countActive(groupIds: string[], role?: GroupRole) {
    const counts = new Map<string, number>();
    for (const row of this.rows.values()) {
      if (!groupIds.includes(row.groupId) || row.status !== 'active' || (role && row.role !== role)) continue;
      counts.set(row.groupId, (counts.get(row.groupId) ?? 0) + 1);
    }
    return counts;
  }

  protected owners(groupId: string) {
    return [...this.rows.values()].filter((r) => r.groupId === groupId && r.status === 'active' && r.role === 'owner')
      .length;
  }
}

/**
 * Two owners step down "at once": the counts they read before acting are taken from one snapshot
 * (as two requests on two instances can see), later counts from the live state.
 */
class RacingMemberships extends InMemoryMemberships {
  private snapshotReads = 2;

  override async countOwners(groupId: string) {
    if (this.snapshotReads > 0) {
      this.snapshotReads -= 1;
      return 2;
    }
    return this.owners(groupId);
  }
}

const profiles = {
  async authorNames(ids: string[]) {
    return new Map(ids.map((id) => [id, { id, displayName: `Name of ${id}` }]));
  },
} as unknown as ProfilesService;

const activeUsers = new Set(['owner', 'owner2', 'facilitator', 'member', 'stranger', 'invitee']);
const users = { isActive: async (id: string) => activeUsers.has(id) } as unknown as UsersService;

function serviceWith(
  groups: InMemoryGroups,
  memberships: InMemoryMemberships,
  events = new DomainEvents(),
): MembershipsService {
  const access = new AccessService();
  access.register(communityAccess);
  access.register(platformAdminAccess, { outranking: true });
  const groupsRepository = groups as unknown as GroupsRepository;
  const membershipsRepository = memberships as unknown as MembershipsRepository;
  return new MembershipsService(
    membershipsRepository,
    groupsRepository,
    new GroupAccess(groupsRepository, membershipsRepository, access),
    profiles,
    users,
    events,
  );
}

/** Every group event published, as `kind group user`. */
function recorded(events: DomainEvents): string[] {
  const seen: string[] = [];
  for (const kind of [GroupInvitationSent, GroupRequestApproved, GroupMembershipEnded]) {
    events.subscribe(kind, 'spec', ({ groupId, userId }) => {
      seen.push(`${kind.type} ${groupId} ${userId}`);
    });
  }
  return seen;
}

async function refusal(action: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await action;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.getStatus(), message: error.message };
    throw error;
  }
  throw new Error('expected the action to be refused');
}

const member = (id: string): Principal => principal(id, 'member');

describe('MembershipsService: the rules of a membership', () => {
  let groups: InMemoryGroups;
  let memberships: InMemoryMemberships;
  let service: MembershipsService;

  beforeEach(async () => {
    groups = new InMemoryGroups();
    memberships = new InMemoryMemberships();
    service = serviceWith(groups, memberships);
    for (const [id, visibility, policy] of [
      ['open', 'public', 'open'],
      ['asking', 'members', 'request'],
      ['invited', 'public', 'invite'],
      ['secret', 'private', 'invite'],
    ] as const) {
      groups.add(id, visibility, policy);
      await memberships.put(id, 'owner', 'owner');
      await memberships.put(id, 'facilitator', 'facilitator');
    }
  });

  describe('join', () => {
    it('admits at once to an open group, and only once', async () => {
      expect(await service.join(member('member'), 'open')).toMatchObject({ status: 'active', role: 'member' });
      expect(await refusal(service.join(member('member'), 'open'))).toMatchObject({ status: 409 });
    });

    it('records a request in a request group, which a facilitator approves', async () => {
      expect(await service.join(member('member'), 'asking')).toMatchObject({ status: 'pending' });
      expect(await refusal(service.join(member('member'), 'asking'))).toMatchObject({
        status: 409,
        message: 'Your request to join is awaiting approval',
      });
      expect(await refusal(service.approve(member('member'), 'asking', 'member'))).toMatchObject({ status: 403 });
      expect(await service.approve(member('facilitator'), 'asking', 'member')).toMatchObject({ status: 'active' });
    });

    it('refuses an invitation-only group (403) and pretends a private group does not exist (404)', async () => {
      expect(await refusal(service.join(member('member'), 'invited'))).toMatchObject({ status: 403 });
      expect(await refusal(service.join(member('member'), 'secret'))).toMatchObject({ status: 404 });
    });

    it('takes a rejected request off the list, and a rejection of nothing is a 404', async () => {
      await service.join(member('member'), 'asking');
      await service.reject(member('owner'), 'asking', 'member');
      expect(await memberships.find('asking', 'member')).toBeNull();
      expect(await refusal(service.reject(member('owner'), 'asking', 'member'))).toMatchObject({ status: 404 });
    });
  });

  describe('invite', () => {
    it('lets a facilitator invite; the invitee then sees the private group and accepts', async () => {
      expect(await service.invite(member('facilitator'), 'secret', 'invitee')).toMatchObject({ status: 'invited' });
      expect(await service.acceptInvitation(member('invitee'), 'secret')).toMatchObject({ status: 'active' });
      expect(await refusal(service.acceptInvitation(member('invitee'), 'secret'))).toMatchObject({ status: 409 });
    });

    it('lets the invitee decline, after which there is nothing to accept', async () => {
      await service.invite(member('owner'), 'invited', 'invitee');
      await service.declineInvitation(member('invitee'), 'invited');
      expect(await refusal(service.acceptInvitation(member('invitee'), 'invited'))).toMatchObject({ status: 404 });
    });

    it('approves a pending request instead of inviting twice', async () => {
      await service.join(member('member'), 'asking');
      expect(await service.invite(member('owner'), 'asking', 'member')).toMatchObject({ status: 'active' });
    });

    it('refuses members who may not invite, unknown accounts and existing members', async () => {
      await service.join(member('member'), 'open');
      expect(await refusal(service.invite(member('member'), 'open', 'invitee'))).toMatchObject({ status: 403 });
      expect(await refusal(service.invite(member('owner'), 'open', 'nobody'))).toMatchObject({ status: 404 });
      expect(await refusal(service.invite(member('owner'), 'open', 'member'))).toMatchObject({ status: 409 });
    });
  });

  describe('the last owner', () => {
    it('cannot leave, step down or be removed while no other owner exists', async () => {
      const lastOwner = { status: 409, message: expect.stringMatching(/last owner/) };
      expect(await refusal(service.leave(member('owner'), 'open'))).toMatchObject(lastOwner);
      expect(await refusal(service.changeRole(member('owner'), 'open', 'owner', 'member'))).toMatchObject(lastOwner);
      expect(await refusal(service.remove(member('owner'), 'open', 'owner'))).toMatchObject(lastOwner);
      expect(await memberships.countOwners('open')).toBe(1);
    });

    it('can leave once another member is an owner', async () => {
      await service.changeRole(member('owner'), 'open', 'facilitator', 'owner');
      await service.leave(member('owner'), 'open');
      expect(await memberships.find('open', 'owner')).toBeNull();
      expect(await memberships.countOwners('open')).toBe(1);
    });

    it('is never lost when two owners step down at the same moment', async () => {
      const racing = new RacingMemberships();
      const racingService = serviceWith(groups, racing);
      await racing.put('open', 'owner', 'owner');
      await racing.put('open', 'owner2', 'owner');
      const results = await Promise.allSettled([
        racingService.leave(member('owner'), 'open'),
        racingService.leave(member('owner2'), 'open'),
      ]);
      expect(results.some((result) => result.status === 'rejected')).toBe(true);
      expect(await racing.countOwners('open')).toBeGreaterThanOrEqual(1);
    });
  });

  describe('events', () => {
    it('tells other contexts of invitations, approved requests and ended memberships, once each is stored', async () => {
      const events = new DomainEvents();
      const seen = recorded(events);
      const observed = serviceWith(groups, memberships, events);
      await observed.invite(member('owner'), 'invited', 'invitee');
      await observed.join(member('member'), 'asking');
      await observed.approve(member('facilitator'), 'asking', 'member');
      await observed.leave(member('member'), 'asking');
      await observed.join(member('stranger'), 'asking');
      await observed.leave(member('stranger'), 'asking');
      expect(seen).toEqual([
        'group.invitation-sent invited invitee',
        'group.request-approved asking member',
        'group.membership-ended asking member',
      ]);
    });
  });

  describe('roles', () => {
    it('lets a facilitator remove a member but not another facilitator, and only owners change roles', async () => {
      await service.join(member('member'), 'open');
      await memberships.put('open', 'owner2', 'facilitator');
      expect(await refusal(service.remove(member('facilitator'), 'open', 'owner2'))).toMatchObject({ status: 403 });
      expect(await refusal(service.changeRole(member('facilitator'), 'open', 'member', 'owner'))).toMatchObject({
        status: 403,
      });
      await service.remove(member('facilitator'), 'open', 'member');
      expect(await memberships.find('open', 'member')).toBeNull();
    });
  });
});

describe('GroupScope: a group as other contexts see it', () => {
  let groups: InMemoryGroups;
  let memberships: InMemoryMemberships;
  let scope: GroupAccess;

  beforeEach(async () => {
    groups = new InMemoryGroups();
    memberships = new InMemoryMemberships();
    const access = new AccessService();
    access.register(communityAccess);
    access.register(platformAdminAccess, { outranking: true });
    scope = new GroupAccess(
      groups as unknown as GroupsRepository,
      memberships as unknown as MembershipsRepository,
      access,
    );
    groups.add('open', 'public', 'open');
    groups.add('secret', 'private', 'invite');
    await memberships.put('open', 'owner', 'owner');
    await memberships.put('secret', 'owner', 'facilitator');
    await memberships.put('secret', 'invitee', 'member', 'invited');
  });

  it("opens a group with the caller's role, or none for a guest or a non-member", async () => {
    expect(await scope.open(member('owner'), 'open')).toEqual({
      group: { id: 'open', name: 'Group open', type: 'working_group', visibility: 'public', joinPolicy: 'open' },
      role: 'owner',
      status: 'active',
    });
    expect(await scope.open(null, 'open')).toMatchObject({ role: null, status: null });
    expect(await scope.open(member('stranger'), 'open')).toMatchObject({ role: null, status: null });
  });

  it('is a 404 for a group the caller may not see, or that does not exist', async () => {
    expect(await refusal(scope.open(member('stranger'), 'secret'))).toMatchObject({ status: 404 });
    expect(await refusal(scope.open(null, 'nowhere'))).toMatchObject({ status: 404 });
    expect(await scope.open(principal('mod', 'moderator'), 'secret')).toMatchObject({ role: null });
  });

  it('lets an invitee see the group, but gives them no role until they accept', async () => {
    expect(await scope.open(member('invitee'), 'secret')).toMatchObject({ role: null, status: 'invited' });
  });

  it("gives another context the caller's active roles, for its own access scope", async () => {
    expect(await scope.rolesOf(member('owner'))).toEqual(
      new Map([
        ['open', 'owner'],
        ['secret', 'facilitator'],
      ]),
    );
    expect(await scope.rolesOf(member('invitee'))).toEqual(new Map());
    expect(await scope.rolesOf(null)).toEqual(new Map());
  });
});
