import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, ModeratorActed, type ModeratorAction } from '@plenary/core';
import { ForumContent } from '@plenary/forum';
import { type NotificationDraft, Notifier } from '../notifications/notifier.js';

type Concerned = Omit<NotificationDraft, 'kind' | 'actorId' | 'action' | 'reason'>;

/**
 * A moderator's action on a member's post, thread or account, to that member. The moderator is
 * not named (actor null): the notice comes from the moderators, whoever acted.
 */
@Injectable()
export class ModerationNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly forum: ForumContent,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(ModeratorActed, ModerationNotifications.name, (action) => this.moderatorActed(action));
  }

  async moderatorActed(action: ModeratorAction): Promise<void> {
    const concerned = await this.concerned(action);
    if (!concerned || concerned.recipientId === action.actorId) return;
    await this.notifier.notify([
      { ...concerned, kind: 'moderation', actorId: null, action: action.action, reason: action.reason },
    ]);
  }

  /** Who the action concerns and what about; null for targets that concern no member, or that they may not read. */
  private async concerned({ action, target }: ModeratorAction): Promise<Concerned | null> {
    switch (target.type) {
      case 'post': {
        const post = await this.forum.describe(target.id);
        if (!post || !(await this.forum.canReadThread(post.authorId, post.threadId))) return null;
        return {
          recipientId: post.authorId,
          threadId: post.threadId,
          postId: post.postId,
          groupId: post.groupId,
          text: post.threadTitle,
        };
      }
      case 'thread': {
        const thread = await this.forum.describeThread(target.id);
        if (!thread) return null;
        // Nobody but moderators reads a deleted thread; its author is still told, and the title is theirs.
        const told = action === 'thread.delete' || (await this.forum.canReadThread(thread.authorId, thread.threadId));
        if (!told) return null;
        return { recipientId: thread.authorId, threadId: thread.threadId, groupId: thread.groupId, text: thread.title };
      }
      case 'user':
        return { recipientId: target.id, text: null };
      default:
        return null;
    }
  }
}
