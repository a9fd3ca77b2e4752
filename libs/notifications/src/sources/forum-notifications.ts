import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { AnswerAccepted, ForumContent, PostCreated } from '@plenary/forum';
import type { NotificationKind } from '../model/notification-kinds.js';
import { type NotificationDraft, Notifier } from '../notifications/notifier.js';

type PostCreatedEvent = NonNullable<(typeof PostCreated)['payload']>;
type AnswerAcceptedEvent = NonNullable<(typeof AnswerAccepted)['payload']>;
type ForumDraft = Omit<NotificationDraft, 'threadId' | 'groupId' | 'text'>;

/** Mentions, replies and accepted answers, to members who may read the thread. */
@Injectable()
export class ForumNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly forum: ForumContent,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(PostCreated, ForumNotifications.name, (post) => this.postCreated(post));
    this.events.subscribe(AnswerAccepted, ForumNotifications.name, (answer) => this.answerAccepted(answer));
  }

  /**
   * One notification per member per post: a mention for those it mentions, else a reply for the
   * thread's followers and the author of the post it replies to.
   */
  async postCreated(post: PostCreatedEvent): Promise<void> {
    const kinds = new Map<string, NotificationKind>(post.mentions.map((id) => [id, 'mention']));
    const repliedTo = post.replyToAuthorId ? [post.replyToAuthorId] : [];
    for (const id of [...(await this.forum.followers(post.threadId)), ...repliedTo]) {
      if (!kinds.has(id)) kinds.set(id, 'reply');
    }
    const drafts = [...kinds].map(([recipientId, kind]) => ({
      recipientId,
      kind,
      actorId: post.authorId,
      postId: post.postId,
    }));
    await this.notifyReaders(post.threadId, drafts);
  }

  async answerAccepted(answer: AnswerAcceptedEvent): Promise<void> {
    await this.notifyReaders(answer.threadId, [
      { recipientId: answer.postAuthorId, kind: 'accepted_answer', actorId: answer.byUserId, postId: answer.postId },
    ]);
  }

  /** Never about what the recipient may not read: each is checked against the thread as it is now. */
  private async notifyReaders(threadId: string, drafts: ForumDraft[]): Promise<void> {
    const others = drafts.filter((draft) => draft.recipientId !== draft.actorId);
    if (others.length === 0) return;
    const thread = await this.forum.describeThread(threadId);
    if (!thread) return;
    const readable = await Promise.all(others.map((draft) => this.forum.canReadThread(draft.recipientId, threadId)));
    await this.notifier.notify(
      others
        .filter((_draft, index) => readable[index])
        .map((draft) => ({ ...draft, threadId, groupId: thread.groupId, text: thread.title })),
    );
  }
}
