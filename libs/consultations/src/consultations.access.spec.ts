import { describe, expect, it } from '@jest/globals';
import { AccessService, type AccessScope, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { consultationsAccess } from './consultations.access.js';
import {
  COMMENT_STATUSES,
  CONSULTATION,
  CONSULTATION_AUDIENCES,
  CONSULTATION_COMMENT,
} from './model/consultation-kinds.js';

const access = new AccessService();
access.register(consultationsAccess);
access.register(platformAdminAccess, { outranking: true });

const member = principal('m', 'member');
const callers: (Principal | null)[] = [
  null,
  member,
  principal('s', 'member', 'suspended'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];
const scopes: AccessScope[] = [
  {},
  { groupRoles: new Map([['g1', 'member']]) },
  { groupRoles: new Map([['g1', 'facilitator']]) },
  { groupRoles: new Map([['g2', 'owner']]) },
];

const consultations = [
  { audience: 'public', groupId: null },
  ...CONSULTATION_AUDIENCES.flatMap((audience) => ['g1', 'g2'].map((groupId) => ({ audience, groupId }))),
].flatMap((place) => ['m', 'other'].map((ownerId) => ({ ...place, _id: 'c1', ownerId })));
const comments = COMMENT_STATUSES.flatMap((status) =>
  [null, 'g1', 'g2'].flatMap((groupId) => ['m', 'other'].map((authorId) => ({ _id: 'k1', status, groupId, authorId }))),
);

const can = (caller: Principal | null, action: string, type: string, document: object, scope: AccessScope = {}) =>
  access.for(caller, scope).can(action, type, document);

describe('consultations access', () => {
  it.each([
    [CONSULTATION, consultations],
    [CONSULTATION_COMMENT, comments],
  ] as const)('filters %s lists exactly as it checks one document, for every caller and scope', (type, documents) => {
    const disagreements: string[] = [];
    for (const caller of callers) {
      for (const scope of scopes) {
        const abilities = access.for(caller, scope);
        const query = abilities.query('read', type);
        for (const document of documents) {
          const checked = abilities.can('read', type, document);
          const listed = query !== null && matchesFilter(query, document as unknown as Record<string, unknown>);
          if (checked !== listed) disagreements.push(`${caller?.id ?? 'guest'} ${JSON.stringify(document)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("keeps a private group's consultation to its members, platform moderators and admins", () => {
    const secret = { _id: 'c1', audience: 'group', groupId: 'g1', ownerId: 'other' };
    expect(can(null, 'read', CONSULTATION, secret)).toBe(false);
    expect(can(member, 'read', CONSULTATION, secret)).toBe(false);
    expect(can(member, 'read', CONSULTATION, secret, { groupRoles: new Map([['g1', 'member']]) })).toBe(true);
    expect(can(principal('mod', 'moderator'), 'read', CONSULTATION, secret)).toBe(true);
    expect(can(principal('a', 'admin'), 'read', CONSULTATION, secret)).toBe(true);
  });

  it("lets any member comment on a platform consultation and only a group's members on the group's", () => {
    const platform = { _id: 'c1', audience: 'public', groupId: null, ownerId: 'other' };
    const ofGroup = { _id: 'c2', audience: 'members', groupId: 'g1', ownerId: 'other' };
    expect(can(null, 'comment', CONSULTATION, platform)).toBe(false);
    expect(can(member, 'comment', CONSULTATION, platform)).toBe(true);
    expect(can(principal('s', 'member', 'suspended'), 'comment', CONSULTATION, platform)).toBe(false);
    expect(can(member, 'read', CONSULTATION, ofGroup)).toBe(true);
    expect(can(member, 'comment', CONSULTATION, ofGroup)).toBe(false);
    expect(can(member, 'comment', CONSULTATION, ofGroup, { groupRoles: new Map([['g1', 'member']]) })).toBe(true);
  });

  it('gives managing and exporting to the owner, the group managers, moderators (export) and admins only', () => {
    const owned = { _id: 'c1', audience: 'members', groupId: 'g1', ownerId: 'm' };
    const others = { ...owned, ownerId: 'other' };
    expect(can(member, 'manage', CONSULTATION, owned)).toBe(true);
    expect(can(member, 'export', CONSULTATION, owned)).toBe(true);
    expect(can(member, 'export', CONSULTATION, others)).toBe(false);
    expect(can(member, 'export', CONSULTATION, others, { groupRoles: new Map([['g1', 'member']]) })).toBe(false);
    expect(can(member, 'export', CONSULTATION, others, { groupRoles: new Map([['g1', 'owner']]) })).toBe(true);
    expect(can(principal('mod', 'moderator'), 'export', CONSULTATION, others)).toBe(true);
    expect(can(principal('mod', 'moderator'), 'manage', CONSULTATION, others)).toBe(false);
    expect(can(principal('a', 'admin'), 'manage', CONSULTATION, others)).toBe(true);
  });

  it('lets only the creator of a group-less or a managed group consultation create it', () => {
    expect(can(member, 'create', CONSULTATION, { groupId: null, ownerId: null })).toBe(true);
    expect(can(null, 'create', CONSULTATION, { groupId: null, ownerId: null })).toBe(false);
    expect(
      can(
        member,
        'create',
        CONSULTATION,
        { groupId: 'g1', ownerId: null },
        { groupRoles: new Map([['g1', 'member']]) },
      ),
    ).toBe(false);
    expect(
      can(member, 'create', CONSULTATION, { groupId: 'g1', ownerId: null }, { groupRoles: new Map([['g1', 'owner']]) }),
    ).toBe(true);
  });

  it('shows hidden comments only to their author and the moderators of their scope', () => {
    const hidden = { _id: 'k1', status: 'hidden', groupId: 'g1', authorId: 'other' };
    expect(can(null, 'read', CONSULTATION_COMMENT, hidden)).toBe(false);
    expect(can(member, 'read', CONSULTATION_COMMENT, hidden)).toBe(false);
    expect(can(member, 'read', CONSULTATION_COMMENT, { ...hidden, authorId: 'm' })).toBe(true);
    expect(
      can(member, 'moderate', CONSULTATION_COMMENT, hidden, { groupRoles: new Map([['g1', 'facilitator']]) }),
    ).toBe(true);
    expect(can(member, 'moderate', CONSULTATION_COMMENT, { ...hidden, groupId: null })).toBe(false);
    expect(can(principal('mod', 'moderator'), 'moderate', CONSULTATION_COMMENT, { ...hidden, groupId: null })).toBe(
      true,
    );
    expect(can(member, 'endorse', CONSULTATION_COMMENT, hidden)).toBe(false);
    expect(can(member, 'endorse', CONSULTATION_COMMENT, { ...hidden, status: 'visible' })).toBe(true);
  });
});
