import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../auth/principal.js';
import { AccessService, type AccessRules } from './access.service.js';

const principal = (id: string, role: Principal['role'], status: Principal['status'] = 'active'): Principal => ({
  id,
  role,
  status,
  email: `${id}@plenary.test`,
  displayName: id,
});

describe('AccessService', () => {
  it('lets an active admin do anything, and a suspended admin nothing', () => {
    const access = new AccessService();
    expect(access.can(principal('a', 'admin'), 'delete', 'Group', { id: 'g' })).toBe(true);
    expect(access.can(principal('a', 'admin', 'suspended'), 'delete', 'Group', { id: 'g' })).toBe(false);
  });

  it('denies by default and combines the rules contexts register', () => {
    const access = new AccessService();
    const member = principal('m', 'member');
    expect(access.can(member, 'update', 'Thread', { authorId: 'm' })).toBe(false);
    const threadRules: AccessRules = {
      define: (caller, rules) => {
        if (caller) rules.can('update', 'Thread', ['title'], { authorId: caller.id });
      },
    };
    access.register(threadRules);
    expect(access.can(member, 'update', 'Thread', { authorId: 'm' }, 'title')).toBe(true);
    expect(access.can(member, 'update', 'Thread', { authorId: 'm' }, 'pinned')).toBe(false);
    expect(access.can(member, 'update', 'Thread', { authorId: 'other' }, 'title')).toBe(false);
    expect(access.can(null, 'update', 'Thread', { authorId: 'm' }, 'title')).toBe(false);
  });

  it('throws a 403 that names the action and field when asserting', () => {
    const access = new AccessService();
    expect(() => access.assert(principal('m', 'member'), 'update', 'User', { id: 'x' }, 'role')).toThrow(
      'You may not update the role of this user',
    );
  });

  it('does not tag or mutate the document it checks', () => {
    const access = new AccessService();
    const document = { id: 'g' };
    access.can(principal('a', 'admin'), 'read', 'Group', document);
    expect(Object.keys(document)).toEqual(['id']);
  });

  it('turns the rules into a list filter: everything for an admin, nothing when no rule applies', () => {
    const access = new AccessService();
    access.register({
      define: (caller, rules, scope) => {
        rules.can('read', 'Group', { visibility: 'public' });
        const mine = [...(scope.groupRoles ?? new Map<string, string>()).keys()];
        if (caller) rules.can('read', 'Group', { _id: { $in: mine } });
        if (caller) rules.cannot('read', 'Group', { archived: true });
      },
    });
    expect(access.queryFor(principal('a', 'admin'), 'read', 'Group')).toEqual({});
    expect(access.queryFor(principal('m', 'member'), 'delete', 'Group')).toBeNull();
    expect(access.queryFor(null, 'read', 'Group')).toEqual({ visibility: 'public' });
    expect(
      access.for(principal('m', 'member'), { groupRoles: new Map([['g1', 'owner']]) }).query('read', 'Group'),
    ).toEqual({
      $or: [
        { $and: [{ _id: { $in: ['g1'] } }, { $nor: [{ archived: true }] }] },
        { $and: [{ visibility: 'public' }, { $nor: [{ archived: true }] }] },
      ],
    });
  });
});
