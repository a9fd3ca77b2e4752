import { describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@plenary/core';
import type { ForumContent } from '@plenary/forum';
import type { NotificationDraft, Notifier } from '../notifications/notifier.js';
import { ForumNotifications } from './forum-notifications.js';

const THREAD = { threadId: 't1', title: 'Labour migration data', groupId: null, authorId: 'op', status: 'visible' };

/** The forum as notifications see it: who follows the thread, and who may read it. */
function setUp(options: { followers?: string[]; readers: string[]; thread?: typeof THREAD | null }) {
  const forum = {
    followers: async () => options.followers ?? [],
    canReadThread: async (userId: string) => options.readers.includes(userId),
    describeThread: async () => (options.thread === undefined ? THREAD : options.thread),
  } as unknown as ForumContent;
  const drafts: NotificationDraft[] = [];
  const notifier = { notify: async (batch: NotificationDraft[]) => void drafts.push(...batch) } as unknown as Notifier;
  return { source: new ForumNotifications(new DomainEvents(), forum, notifier), drafts };
}

const post = (overrides: Partial<Parameters<ForumNotifications['postCreated']>[0]> = {}) => ({
  postId: 'p2',
  threadId: 't1',
  categoryId: 'c1',
  groupId: null,
  authorId: 'author',
  number: 2,
  mentions: [],
  replyToAuthorId: null,
  ...overrides,
});

const recipients = (drafts: NotificationDraft[]) =>
  Object.fromEntries(drafts.map((draft) => [draft.recipientId, draft.kind]));

describe('ForumNotifications.postCreated', () => {
  it('notifies mentioned members of a mention, followers and the replied-to author of a reply, once each', async () => {
    const { source, drafts } = setUp({
      followers: ['author', 'follower', 'mentioned', 'op'],
      readers: ['author', 'follower', 'mentioned', 'op', 'quoted', 'other'],
    });
    await source.postCreated(post({ mentions: ['mentioned', 'other'], replyToAuthorId: 'quoted' }));
    expect(recipients(drafts)).toEqual({
      mentioned: 'mention',
      other: 'mention',
      follower: 'reply',
      op: 'reply',
      quoted: 'reply',
    });
    expect(drafts).toHaveLength(5);
    expect(drafts[0]).toEqual({
      recipientId: 'mentioned',
      kind: 'mention',
      actorId: 'author',
      postId: 'p2',
      threadId: 't1',
      groupId: null,
      text: 'Labour migration data',
    });
  });

  it('never notifies the author, even when they mention or quote themselves', async () => {
    const { source, drafts } = setUp({ followers: ['author'], readers: ['author'] });
    await source.postCreated(post({ mentions: ['author'], replyToAuthorId: 'author' }));
    expect(drafts).toEqual([]);
  });

  it('leaves out members who may not read the thread', async () => {
    const { source, drafts } = setUp({ followers: ['follower', 'left-the-group'], readers: ['follower'] });
    await source.postCreated(post({ mentions: ['outsider'] }));
    expect(recipients(drafts)).toEqual({ follower: 'reply' });
  });

  it('notifies nobody when the thread is gone meanwhile', async () => {
    const { source, drafts } = setUp({ followers: ['follower'], readers: ['follower'], thread: null });
    await source.postCreated(post());
    expect(drafts).toEqual([]);
  });
});

describe('ForumNotifications.answerAccepted', () => {
  const answer = { postId: 'p2', threadId: 't1', categoryId: 'c1', groupId: null, postAuthorId: 'answerer' };

  it("notifies the answer's author, naming who accepted it", async () => {
    const { source, drafts } = setUp({ readers: ['answerer'] });
    await source.answerAccepted({ ...answer, byUserId: 'op' });
    expect(drafts).toEqual([
      {
        recipientId: 'answerer',
        kind: 'accepted_answer',
        actorId: 'op',
        postId: 'p2',
        threadId: 't1',
        groupId: null,
        text: 'Labour migration data',
      },
    ]);
  });

  it('notifies nobody when they accepted their own answer, or may not read the thread', async () => {
    const own = setUp({ readers: ['answerer'] });
    await own.source.answerAccepted({ ...answer, byUserId: 'answerer' });
    const unreadable = setUp({ readers: [] });
    await unreadable.source.answerAccepted({ ...answer, byUserId: 'op' });
    expect([...own.drafts, ...unreadable.drafts]).toEqual([]);
  });
});
