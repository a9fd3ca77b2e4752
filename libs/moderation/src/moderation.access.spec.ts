import { describe, expect, it } from '@jest/globals';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { matchesFilter as matches, principal } from '@plenary/testing';
import { moderationAccess } from './moderation.access.js';
import { AUDIT_ENTRY, FLAG } from './model/moderation-kinds.js';

const access = new AccessService();
access.register(moderationAccess);
access.register(platformAdminAccess, { outranking: true });

const callers: Principal[] = [
  principal('m', 'member'),
  principal('s', 'moderator', 'suspended'),
  principal('mod', 'moderator'),
  principal('a', 'admin'),
];

const roleSets: Map<string, string>[] = [
  new Map(),
  new Map([['gA', 'member']]),
  new Map([
    ['gA', 'facilitator'],
    ['gB', 'member'],
  ]),
  new Map([
    ['gA', 'owner'],
    ['gB', 'facilitator'],
  ]),
];

const documents = [{ groupId: null }, { groupId: 'gA' }, { groupId: 'gB' }, { groupId: 'gC' }];

describe('moderation access', () => {
  it('filters the flag queue and the audit log exactly as it checks one document', () => {
    const disagreements: string[] = [];
    for (const caller of callers) {
      for (const groupRoles of roleSets) {
        const abilities = access.for(caller, { groupRoles });
        for (const [action, type] of [
          ['read', FLAG],
          ['review', FLAG],
          ['read', AUDIT_ENTRY],
        ]) {
          const query = abilities.query(action, type);
          for (const document of documents) {
            if (abilities.can(action, type, document) !== (query !== null && matches(query, document))) {
              disagreements.push(`${caller.role} ${[...groupRoles]} ${action} ${type} ${document.groupId}`);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('scopes a group’s owners and facilitators to their groups, and platform moderators and admins to all', () => {
    const scope = (caller: Principal, groupRoles = new Map<string, string>()) =>
      access.for(caller, { groupRoles }).query('read', FLAG);
    const managing = new Map([
      ['gA', 'facilitator'],
      ['gB', 'owner'],
      ['gC', 'member'],
    ]);
    expect(scope(principal('m', 'member'), managing)).toEqual({ groupId: { $in: ['gA', 'gB'] } });
    expect(scope(principal('mod', 'moderator'))).toEqual({});
    expect(scope(principal('a', 'admin'))).toEqual({});
    expect(access.for(principal('mod', 'moderator'), { groupRoles: managing }).query('read', AUDIT_ENTRY)).toEqual({});
  });

  it('gives members who run no group, and suspended accounts, nothing: the routes answer 403', () => {
    for (const [caller, groupRoles] of [
      [principal('m', 'member'), new Map([['gA', 'member']])],
      [principal('s', 'moderator', 'suspended'), new Map([['gA', 'owner']])],
    ] as const) {
      const abilities = access.for(caller, { groupRoles });
      expect([abilities.query('read', FLAG), abilities.query('read', AUDIT_ENTRY)]).toEqual([null, null]);
    }
  });
});
