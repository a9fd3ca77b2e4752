import { describe, expect, it } from '@jest/globals';
import { AccessService, type AccessScope, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter, principal } from '@plenary/testing';
import { liveAccess } from './live.access.js';
import { LIVE_AUDIENCES, LIVE_EVENT, LIVE_SESSION } from './model/live-kinds.js';

const access = new AccessService();
access.register(liveAccess);
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
  { groupRoles: new Map([['g1', 'facilitator']]), sessionRoles: new Map([['s2', ['moderator']]]) },
  { sessionRoles: new Map([['s1', ['host']]]) },
  { guest: { id: 'guest', sessionId: 's1' } },
  { invitedEvents: ['s1'] },
];

/** Sessions and events in every audience, platform-wide and in two groups, two session ids. */
const documents = [
  ...LIVE_AUDIENCES.filter((audience) => audience !== 'group').map((audience) => ({ audience, groupId: null })),
  ...LIVE_AUDIENCES.flatMap((audience) => ['g1', 'g2'].map((groupId) => ({ audience, groupId }))),
]
  .flatMap((place) => ['s1', 's2'].map((_id) => ({ ...place, _id, createdBy: 'other' })))
  .flatMap((document) => [null, 's1'].map((eventId) => ({ ...document, eventId })));

const can = (caller: Principal | null, action: string, type: string, document: object, scope: AccessScope = {}) =>
  access.for(caller, scope).can(action, type, document);

describe('live access', () => {
  it.each([LIVE_EVENT, LIVE_SESSION])(
    'filters %s lists exactly as it checks one document, for every caller and scope',
    (type) => {
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
    },
  );

  it("shows a group's event and its sessions to a member who accepted an invitation to it, and nothing else", () => {
    const event = { _id: 'e1', audience: 'group', groupId: 'g1', createdBy: 'other' };
    const session = { _id: 's1', audience: 'group', groupId: 'g1', createdBy: 'other', eventId: 'e1' };
    const otherEvent = { ...event, _id: 'e2' };
    const invited: AccessScope = { invitedEvents: ['e1'] };
    expect(can(member, 'read', LIVE_EVENT, event)).toBe(false);
    expect(can(member, 'read', LIVE_SESSION, session)).toBe(false);
    expect(can(member, 'read', LIVE_EVENT, event, invited)).toBe(true);
    expect(can(member, 'read', LIVE_SESSION, session, invited)).toBe(true);
    expect(can(member, 'read', LIVE_EVENT, otherEvent, invited)).toBe(false);
    expect(can(member, 'manage', LIVE_EVENT, event, invited)).toBe(false);
    expect(can(member, 'moderate', LIVE_SESSION, session, invited)).toBe(false);
    expect(can(principal('s', 'member', 'suspended'), 'read', LIVE_EVENT, event, invited)).toBe(false);
  });

  it("keeps a private group's sessions to its members, and lets a guest see only their session", () => {
    const secret = { _id: 's1', audience: 'group', groupId: 'g1', createdBy: 'other', eventId: null };
    expect(can(member, 'read', LIVE_SESSION, secret)).toBe(false);
    expect(can(member, 'read', LIVE_SESSION, secret, { groupRoles: new Map([['g1', 'member']]) })).toBe(true);
    expect(can(null, 'read', LIVE_SESSION, secret, { guest: { id: 'guest', sessionId: 's1' } })).toBe(true);
    expect(can(null, 'read', LIVE_SESSION, { ...secret, _id: 's2' }, { guest: { id: 'guest', sessionId: 's1' } })).toBe(
      false,
    );
    expect(can(null, 'register', LIVE_SESSION, secret, { guest: { id: 'guest', sessionId: 's1' } })).toBe(false);
    const publicElsewhere = { ...secret, _id: 's2', audience: 'public', groupId: null };
    expect(can(null, 'read', LIVE_SESSION, publicElsewhere)).toBe(true);
    expect(can(null, 'read', LIVE_SESSION, publicElsewhere, { guest: { id: 'guest', sessionId: 's1' } })).toBe(false);
  });

  it('gives each session role its powers in its own session only', () => {
    const session = { _id: 's1', audience: 'public', groupId: null, createdBy: 'other', eventId: null };
    const other = { ...session, _id: 's2' };
    const as = (role: string) => ({ sessionRoles: new Map([['s1', [role]]]) });
    expect(can(member, 'manage', LIVE_SESSION, session, as('host'))).toBe(true);
    expect(can(member, 'manage', LIVE_SESSION, other, as('host'))).toBe(false);
    expect(can(member, 'moderate', LIVE_SESSION, session, as('moderator'))).toBe(true);
    expect(can(member, 'manage', LIVE_SESSION, session, as('moderator'))).toBe(false);
    expect(can(member, 'present', LIVE_SESSION, session, as('presenter'))).toBe(true);
    expect(can(member, 'moderate', LIVE_SESSION, session, as('presenter'))).toBe(false);
    expect(can(principal('mod', 'moderator'), 'moderate', LIVE_SESSION, other)).toBe(true);
    expect(can(principal('mod', 'moderator'), 'manage', LIVE_SESSION, other)).toBe(false);
  });

  it("lets members create platform-wide events and sessions, and only a group's managers create the group's", () => {
    expect(can(member, 'create', LIVE_SESSION, { groupId: null })).toBe(true);
    expect(can(null, 'create', LIVE_SESSION, { groupId: null })).toBe(false);
    expect(can(principal('s', 'member', 'suspended'), 'create', LIVE_EVENT, { groupId: null })).toBe(false);
    expect(can(member, 'manage', LIVE_SESSION, { groupId: 'g1' }, { groupRoles: new Map([['g1', 'member']]) })).toBe(
      false,
    );
    expect(
      can(member, 'manage', LIVE_SESSION, { groupId: 'g1' }, { groupRoles: new Map([['g1', 'facilitator']]) }),
    ).toBe(true);
    expect(can(member, 'manage', LIVE_EVENT, { groupId: null, createdBy: 'm' })).toBe(true);
    expect(can(member, 'manage', LIVE_EVENT, { groupId: null, createdBy: 'other' })).toBe(false);
  });
});
