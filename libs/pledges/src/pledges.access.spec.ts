import { describe, expect, it } from '@jest/globals';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { principal } from '@plenary/testing';
import { PLEDGE, PLEDGE_CLUSTERS } from './model/pledge-kinds.js';
import { pledgesAccess } from './pledges.access.js';

const access = new AccessService();
access.register(pledgesAccess);
access.register(platformAdminAccess, { outranking: true });

const pledge = { _id: 'p1', createdBy: 'creator', representativeIds: ['rep', 'other-rep'] };
const callers: Record<string, Principal | null> = {
  guest: null,
  member: principal('member'),
  creator: principal('creator'),
  representative: principal('rep'),
  'suspended representative': principal('rep', 'member', 'suspended'),
  moderator: principal('mod', 'moderator'),
  admin: principal('admin', 'admin'),
};

/** What each caller may do to the pledge: read, follow, update, report; and create pledges, change the clusters. */
const EXPECTED: Record<string, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  guest: [true, false, false, false, false, false],
  member: [true, true, false, false, true, false],
  creator: [true, true, true, false, true, false],
  representative: [true, true, true, true, true, false],
  'suspended representative': [true, false, false, false, false, false],
  moderator: [true, true, true, false, true, false],
  admin: [true, true, true, true, true, true],
};

describe('pledges access', () => {
  it.each(Object.keys(EXPECTED))('gives the %s what the table says', (name) => {
    const abilities = access.for(callers[name]);
    expect([
      abilities.can('read', PLEDGE, pledge),
      abilities.can('follow', PLEDGE, pledge),
      abilities.can('update', PLEDGE, pledge),
      abilities.can('report', PLEDGE, pledge),
      abilities.can('create', PLEDGE),
      abilities.can('update', PLEDGE_CLUSTERS),
    ]).toEqual(EXPECTED[name]);
  });

  it('lets everyone list every pledge and read the clusters', () => {
    for (const caller of Object.values(callers)) {
      expect(access.for(caller).query('read', PLEDGE)).toEqual({});
      expect(access.for(caller).can('read', PLEDGE_CLUSTERS)).toBe(true);
    }
  });
});
