import { describe, expect, it } from '@jest/globals';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter as matches, principal } from '@plenary/testing';
import { communityAccess } from './community.access.js';
import { GROUP, GROUP_VISIBILITIES, INVITED, JOIN_POLICIES } from './groups/group-kinds.js';

const callers: (Principal | null)[] = [
  null,
  principal('m', 'member'),
  principal('s', 'member', 'suspended'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];

const groups = GROUP_VISIBILITIES.flatMap((visibility, v) =>
  JOIN_POLICIES.map((joinPolicy, j) => ({ _id: `g${v}${j}`, visibility, joinPolicy })),
);

const roleSets: Map<string, string>[] = [
  new Map(),
  new Map([['g20', 'member']]),
  new Map([
    ['g21', 'owner'],
    ['g00', 'facilitator'],
  ]),
  new Map([['g22', INVITED]]),
];

const access = new AccessService();
access.register(communityAccess);
access.register(platformAdminAccess, { outranking: true });

describe('community access: groups', () => {
  it('filters the group list exactly as it checks one group, for every caller, scope and group', () => {
    const disagreements: string[] = [];
    for (const caller of callers) {
      for (const groupRoles of roleSets) {
        const abilities = access.for(caller, { groupRoles });
        for (const action of ['read', 'update', 'listMembers', 'join', 'delete']) {
          const query = abilities.query(action, GROUP);
          for (const group of groups) {
            const checked = abilities.can(action, GROUP, group);
            const listed = query !== null && matches(query, group);
            if (checked !== listed) {
              disagreements.push(`${caller?.role ?? 'guest'} ${[...groupRoles]} ${action} ${group._id}`);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('shows a private group only to its members, invitees, moderators and admins', () => {
    const secret = { _id: 'g20', visibility: 'private', joinPolicy: 'invite' };
    const sees = (caller: Principal | null, groupRoles = new Map<string, string>()) =>
      access.for(caller, { groupRoles }).can('read', GROUP, secret);
    expect(sees(null)).toBe(false);
    expect(sees(principal('m', 'member'))).toBe(false);
    expect(sees(principal('m', 'member'), new Map([['g20', 'member']]))).toBe(true);
    expect(sees(principal('m', 'member'), new Map([['g20', INVITED]]))).toBe(true);
    expect(sees(principal('m', 'member', 'suspended'), new Map([['g20', 'owner']]))).toBe(false);
    expect(sees(principal('mod', 'moderator'))).toBe(true);
    expect(sees(principal('a', 'admin'))).toBe(true);
  });

  it('lets a role create a group type when the policy asks for that role or a lower one', () => {
    const creates = (role: Principal['role'], minimumRole: string) =>
      access.can(principal('x', role), 'create', GROUP, { type: 'working_group', minimumRole });
    expect([creates('member', 'member'), creates('member', 'moderator'), creates('member', 'admin')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([creates('moderator', 'moderator'), creates('moderator', 'admin')]).toEqual([true, false]);
    expect(creates('admin', 'admin')).toBe(true);
    expect(access.can(null, 'create', GROUP, { type: 'working_group', minimumRole: 'member' })).toBe(false);
  });
});

describe('community access: profiles', () => {
  const profiles = ['public', 'members', 'private'].flatMap((visibility) =>
    ['m', 'other'].map((userId) => ({ userId, visibility })),
  );

  it('filters the directory exactly as it checks one profile', () => {
    const disagreements: string[] = [];
    for (const caller of callers) {
      const query = access.queryFor(caller, 'read', 'Profile');
      for (const profile of profiles) {
        const checked = access.can(caller, 'read', 'Profile', profile);
        const listed = query !== null && matches(query, profile);
        if (checked !== listed)
          disagreements.push(`${caller?.role ?? 'guest'} ${profile.userId} ${profile.visibility}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('shows public profiles to guests, members profiles to members, private ones to their owner and moderators', () => {
    const visible = (caller: Principal | null) =>
      profiles
        .filter((profile) => access.can(caller, 'read', 'Profile', profile))
        .map((p) => `${p.userId}:${p.visibility}`);
    expect(visible(null)).toEqual(['m:public', 'other:public']);
    expect(visible(principal('m', 'member'))).toEqual([
      'm:public',
      'other:public',
      'm:members',
      'other:members',
      'm:private',
    ]);
    expect(visible(principal('mod', 'moderator'))).toHaveLength(6);
  });
});

describe('community access: profile fields', () => {
  it('shows a field to whoever sees the profile when public, to members when members, to its owner and moderators when private', () => {
    const levels = ['public', 'members', 'private'];
    const seen = (caller: Principal | null, userId: string) =>
      levels.filter((level) => access.can(caller, 'read', 'ProfileField', { userId, level }));
    expect(seen(null, 'm')).toEqual(['public']);
    expect(seen(principal('s', 'member', 'suspended'), 's')).toEqual(['public']);
    expect(seen(principal('m', 'member'), 'other')).toEqual(['public', 'members']);
    expect(seen(principal('m', 'member'), 'm')).toEqual(levels);
    expect(seen(principal('mod', 'moderator'), 'other')).toEqual(levels);
    expect(seen(principal('a', 'admin'), 'other')).toEqual(levels);
  });
});
