import { describe, expect, it } from '@jest/globals';
import type { GroupScope } from '@plenary/community';
import { ApiError, DomainEvents } from '@plenary/core';
import type { UsersService } from '@plenary/identity';
import { principal } from '@plenary/testing';
import type { NotificationDraft, Notifier } from '../notifications/notifier.js';
import { GroupNotifications } from './group-notifications.js';

/** One private group, which `invitee` may see (invited) and `stranger` may not; `gone` has no account. */
function setUp() {
  const users = {
    principalOf: async (id: string) => (id === 'gone' ? null : principal(id)),
  } as unknown as UsersService;
  const groups = {
    open: async (caller: { id: string }) => {
      if (caller.id === 'stranger') throw ApiError.notFound('Group');
      return { group: { id: 'g1', name: 'Returns network' }, role: null, status: 'invited' };
    },
  } as unknown as GroupScope;
  const drafts: NotificationDraft[] = [];
  const notifier = { notify: async (batch: NotificationDraft[]) => void drafts.push(...batch) } as unknown as Notifier;
  return { source: new GroupNotifications(new DomainEvents(), groups, users, notifier), drafts };
}

describe('GroupNotifications', () => {
  it('tells the member of an invitation or an approved request, with the group name', async () => {
    const { source, drafts } = setUp();
    await source.notify('group_invitation', { groupId: 'g1', userId: 'invitee', byUserId: 'owner' });
    await source.notify('group_request_approved', { groupId: 'g1', userId: 'invitee', byUserId: 'owner' });
    expect(drafts).toEqual([
      { recipientId: 'invitee', kind: 'group_invitation', actorId: 'owner', groupId: 'g1', text: 'Returns network' },
      {
        recipientId: 'invitee',
        kind: 'group_request_approved',
        actorId: 'owner',
        groupId: 'g1',
        text: 'Returns network',
      },
    ]);
  });

  it('tells nobody who may not see the group, or whose account is gone', async () => {
    const { source, drafts } = setUp();
    await source.notify('group_invitation', { groupId: 'g1', userId: 'stranger', byUserId: 'owner' });
    await source.notify('group_invitation', { groupId: 'g1', userId: 'gone', byUserId: 'owner' });
    expect(drafts).toEqual([]);
  });
});
