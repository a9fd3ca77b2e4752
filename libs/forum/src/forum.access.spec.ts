import { describe, expect, it } from '@jest/globals';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { forumAccess } from './forum.access.js';
import { AUDIENCES, CATEGORY, CONTENT_STATUSES, POST, THREAD } from './model/forum-kinds.js';

const access = new AccessService();
access.register(forumAccess);
access.register(platformAdminAccess, { outranking: true });

const callers: (Principal | null)[] = [
  null,
  principal('m', 'member'),
  principal('s', 'member', 'suspended'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];
const roleSets: Map<string, string>[] = [
  new Map(),
  new Map([['g1', 'member']]),
  new Map([['g1', 'facilitator']]),
  new Map([
    ['g1', 'owner'],
    ['g2', 'member'],
  ]),
];

/** Every combination of the fields the rules look at, for platform content and two groups. */
const places = [
  ...AUDIENCES.filter((audience) => audience !== 'group').map((audience) => ({ audience, groupId: null })),
  ...AUDIENCES.flatMap((audience) => ['g1', 'g2'].map((groupId) => ({ audience, groupId }))),
];
const categories = places.flatMap((place) =>
  ['members', 'moderators'].map((postingPolicy) => ({ ...place, postingPolicy })),
);
const threads = places.flatMap((place) =>
  CONTENT_STATUSES.flatMap((status) =>
    ['m', 'other'].flatMap((authorId) =>
      [true, false].map((locked) => ({ ...place, status, authorId, locked, postCount: 1 })),
    ),
  ),
);
const posts = places.flatMap((place) =>
  CONTENT_STATUSES.flatMap((status) =>
    CONTENT_STATUSES.flatMap((threadStatus) =>
      ['m', 'other'].map((authorId) => ({ ...place, status, threadStatus, authorId })),
    ),
  ),
);

describe('forum access', () => {
  it.each([
    [CATEGORY, categories],
    [THREAD, threads],
    [POST, posts],
  ] as const)(
    'filters %s lists exactly as it checks one document, for every caller and group roles',
    (type, documents) => {
      const disagreements: string[] = [];
      for (const caller of callers) {
        for (const groupRoles of roleSets) {
          const abilities = access.for(caller, { groupRoles });
          const query = abilities.query('read', type);
          for (const document of documents) {
            const checked = abilities.can('read', type, document);
            const listed = query !== null && matchesFilter(query, document as unknown as Record<string, unknown>);
            if (checked !== listed)
              disagreements.push(`${caller?.id ?? 'guest'} ${[...groupRoles]} ${JSON.stringify(document)}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );

  const member = principal('m', 'member');
  const can = (
    caller: Principal | null,
    action: string,
    type: string,
    document: object,
    roles = new Map<string, string>(),
  ) => access.for(caller, { groupRoles: roles }).can(action, type, document);

  it('keeps a private group’s content to its members, and the members’ content to signed-in members', () => {
    const secret = { audience: 'group', groupId: 'g1', status: 'visible', threadStatus: 'visible', authorId: 'other' };
    expect(can(member, 'read', POST, secret)).toBe(false);
    expect(can(member, 'read', POST, secret, new Map([['g1', 'member']]))).toBe(true);
    expect(can(principal('mod', 'moderator'), 'read', POST, secret)).toBe(true);
    const members = { ...secret, audience: 'members', groupId: null };
    expect(can(null, 'read', POST, members)).toBe(false);
    expect(can(member, 'read', POST, members)).toBe(true);
  });

  it('lets only moderators of the scope start threads in announcements, and only group members post in a group', () => {
    const announcements = { audience: 'public', groupId: null, postingPolicy: 'moderators' };
    expect(can(member, 'startThread', CATEGORY, announcements)).toBe(false);
    expect(can(principal('mod', 'moderator'), 'startThread', CATEGORY, announcements)).toBe(true);
    const groupCategory = { audience: 'public', groupId: 'g1', postingPolicy: 'members' };
    expect(can(member, 'read', CATEGORY, groupCategory)).toBe(true);
    expect(can(member, 'startThread', CATEGORY, groupCategory)).toBe(false);
    expect(can(member, 'startThread', CATEGORY, groupCategory, new Map([['g1', 'member']]))).toBe(true);
  });

  it('lets a facilitator moderate their group only', () => {
    const facilitator = new Map([['g1', 'facilitator']]);
    const inGroup = { audience: 'members', groupId: 'g1', status: 'visible', authorId: 'other', locked: false };
    expect(can(member, 'moderate', THREAD, inGroup, facilitator)).toBe(true);
    expect(can(member, 'moderate', THREAD, { ...inGroup, groupId: 'g2' }, facilitator)).toBe(false);
    expect(can(member, 'moderate', THREAD, { ...inGroup, groupId: null }, facilitator)).toBe(false);
  });

  it('refuses replies to a locked thread except to moderators, and hides hidden content but from its author', () => {
    const locked = { audience: 'public', groupId: null, status: 'visible', authorId: 'other', locked: true };
    expect(can(member, 'reply', THREAD, locked)).toBe(false);
    expect(can(member, 'reply', THREAD, { ...locked, locked: false })).toBe(true);
    const hidden = { audience: 'public', groupId: null, status: 'hidden', threadStatus: 'visible', authorId: 'other' };
    expect(can(member, 'read', POST, hidden)).toBe(false);
    expect(can(member, 'read', POST, { ...hidden, authorId: 'm' })).toBe(true);
    expect(can(member, 'read', POST, { ...hidden, status: 'deleted' })).toBe(true);
  });
});
