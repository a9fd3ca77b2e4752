import { describe, expect, it } from '@jest/globals';
import { principal } from '@plenary/testing';
import { identityAccess, platformAdminAccess } from '../identity.access.js';
import { AccessService, type AccessRules } from './access.service.js';

/** The access component as the platform registers it: admins outrank every context. */
function platformAccess(...contexts: AccessRules[]): AccessService {
  const access = new AccessService();
  for (const rules of contexts) access.register(rules);
  access.register(platformAdminAccess, { outranking: true });
  return access;
}

describe('AccessService', () => {
  it('lets an active admin do anything, and a suspended admin nothing', () => {
    const access = platformAccess();
    expect(access.can(principal('a', 'admin'), 'delete', 'Group', { id: 'g' })).toBe(true);
    expect(access.can(principal('a', 'admin', 'suspended'), 'delete', 'Group', { id: 'g' })).toBe(false);
  });

  it('denies by default and combines the rules contexts register', () => {
    const threadRules: AccessRules = {
      define: (caller, rules) => {
        if (caller) rules.can('update', 'Thread', ['title'], { authorId: caller.id });
      },
    };
    const member = principal('m', 'member');
    expect(platformAccess().can(member, 'update', 'Thread', { authorId: 'm' })).toBe(false);
    const access = platformAccess(threadRules);
    expect(access.can(member, 'update', 'Thread', { authorId: 'm' }, 'title')).toBe(true);
    expect(access.can(member, 'update', 'Thread', { authorId: 'm' }, 'pinned')).toBe(false);
    expect(access.can(member, 'update', 'Thread', { authorId: 'other' }, 'title')).toBe(false);
    expect(access.can(null, 'update', 'Thread', { authorId: 'm' }, 'title')).toBe(false);
  });

  it('keeps the admin rule above a context that registers a `cannot` after it', () => {
    const access = platformAccess({ define: (_caller, rules) => rules.cannot('delete', 'Thread') });
    expect(access.can(principal('a', 'admin'), 'delete', 'Thread', { id: 't' })).toBe(true);
  });

  it('throws a 403 that names the action and field when asserting', () => {
    const access = platformAccess(identityAccess);
    expect(() => access.assert(principal('m', 'member'), 'update', 'User', { id: 'x' }, 'role')).toThrow(
      'You may not update the role of this user',
    );
  });

  it('does not tag or mutate the document it checks', () => {
    const access = platformAccess();
    const document = { id: 'g' };
    access.can(principal('a', 'admin'), 'read', 'Group', document);
    expect(Object.keys(document)).toEqual(['id']);
  });

  it('turns the rules into a list filter: everything for an admin, nothing when no rule applies', () => {
    const access = platformAccess({
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

  it('scopes rules to live sessions and to a guest token of one session with the same mechanism', () => {
    // The shape live sessions will take: roles per session, and guests with no account.
    const access = platformAccess({
      define: (caller, rules, scope) => {
        const sessionsWhere = (role: string) =>
          [...(scope.sessionRoles ?? new Map<string, readonly string[]>())]
            .filter(([, roles]) => roles.includes(role))
            .map(([sessionId]) => sessionId);
        if (caller) rules.can('ask', 'Question');
        if (scope.guest) rules.can('ask', 'Question', { sessionId: scope.guest.sessionId });
        rules.can('moderate', 'Question', { sessionId: { $in: sessionsWhere('moderator') } });
      },
    });
    const guest = access.for(null, { guest: { id: 'guest-1', sessionId: 's1' } });
    expect(guest.can('ask', 'Question', { sessionId: 's1' })).toBe(true);
    expect(guest.can('ask', 'Question', { sessionId: 's2' })).toBe(false);
    expect(access.for(null).can('ask', 'Question', { sessionId: 's1' })).toBe(false);
    const moderator = access.for(principal('m', 'member'), {
      sessionRoles: new Map([['s1', ['presenter', 'moderator']]]),
    });
    expect(moderator.can('moderate', 'Question', { sessionId: 's1' })).toBe(true);
    expect(moderator.can('moderate', 'Question', { sessionId: 's2' })).toBe(false);
    expect(moderator.query('moderate', 'Question')).toEqual({ sessionId: { $in: ['s1'] } });
  });
});
