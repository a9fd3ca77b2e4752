import { describe, expect, it } from '@jest/globals';
import { DomainEvents, type ModeratorAction } from '@plenary/core';
import type { ForumContent } from '@plenary/forum';
import type { NotificationDraft, Notifier } from '../notifications/notifier.js';
import { ModerationNotifications } from './moderation-notifications.js';

const POST = {
  postId: 'p2',
  threadId: 't1',
  threadTitle: 'Remittances',
  groupId: 'g1',
  authorId: 'writer',
  status: 'hidden',
  excerpt: '…',
};
const THREAD = { threadId: 't1', title: 'Remittances', groupId: 'g1', authorId: 'op', status: 'visible' };

function setUp(readers: string[]) {
  const forum = {
    describe: async (id: string) => (id === 'p2' ? POST : null),
    describeThread: async (id: string) => (id === 't1' ? THREAD : null),
    canReadThread: async (userId: string) => readers.includes(userId),
  } as unknown as ForumContent;
  const drafts: NotificationDraft[] = [];
  const notifier = { notify: async (batch: NotificationDraft[]) => void drafts.push(...batch) } as unknown as Notifier;
  return { source: new ModerationNotifications(new DomainEvents(), forum, notifier), drafts };
}

const acted = (action: string, type: string, id: string, actorId = 'moderator'): ModeratorAction => ({
  actorId,
  action,
  target: { type, id, groupId: null },
  reason: 'off topic',
  before: {},
  after: {},
});

describe('ModerationNotifications', () => {
  it("tells a post's author what a moderator did to it, without naming the moderator", async () => {
    const { source, drafts } = setUp(['writer']);
    await source.moderatorActed(acted('post.hide', 'post', 'p2'));
    expect(drafts).toEqual([
      {
        recipientId: 'writer',
        kind: 'moderation',
        actorId: null,
        threadId: 't1',
        postId: 'p2',
        groupId: 'g1',
        text: 'Remittances',
        action: 'post.hide',
        reason: 'off topic',
      },
    ]);
  });

  it("tells a thread's author, and a suspended member, and nobody of their own acts", async () => {
    const { source, drafts } = setUp(['op']);
    await source.moderatorActed(acted('thread.lock', 'thread', 't1'));
    await source.moderatorActed(acted('user.suspend', 'user', 'member'));
    await source.moderatorActed(acted('thread.pin', 'thread', 't1', 'op'));
    expect(drafts.map(({ recipientId, action, text }) => ({ recipientId, action, text }))).toEqual([
      { recipientId: 'op', action: 'thread.lock', text: 'Remittances' },
      { recipientId: 'member', action: 'user.suspend', text: null },
    ]);
  });

  it('says nothing about a thread its author may no longer read, unless it was deleted', async () => {
    const { source, drafts } = setUp([]);
    await source.moderatorActed(acted('thread.move', 'thread', 't1'));
    await source.moderatorActed(acted('post.delete', 'post', 'p2'));
    await source.moderatorActed(acted('thread.delete', 'thread', 't1'));
    expect(drafts.map((draft) => draft.action)).toEqual(['thread.delete']);
  });

  it('ignores targets that are gone or that no member owns', async () => {
    const { source, drafts } = setUp(['op', 'writer']);
    await source.moderatorActed(acted('post.hide', 'post', 'gone'));
    await source.moderatorActed(acted('group.rename', 'group', 'g1'));
    expect(drafts).toEqual([]);
  });
});
