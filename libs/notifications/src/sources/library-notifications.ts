import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { ReviewDecided, ReviewReminderDue, ReviewRequested } from '@plenary/library';
import { Notifier } from '../notifications/notifier.js';

type Requested = NonNullable<(typeof ReviewRequested)['payload']>;
type Reminder = NonNullable<(typeof ReviewReminderDue)['payload']>;
type Decided = NonNullable<(typeof ReviewDecided)['payload']>;

/**
 * The library's peer review: reviewers hear they were assigned (or that a revision came back to
 * them) and, before the due date, that their review is awaited; authors hear of the editor's
 * decision with its reason. Named by the item's title; reviewers and authors may read the item.
 */
@Injectable()
export class LibraryNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(ReviewRequested, LibraryNotifications.name, (event) => this.requested(event));
    this.events.subscribe(ReviewReminderDue, LibraryNotifications.name, (event) => this.reminder(event));
    this.events.subscribe(ReviewDecided, LibraryNotifications.name, (event) => this.decided(event));
  }

  async requested({ kind, itemId, title, groupId, reviewerIds, actorId, revised }: Requested): Promise<void> {
    await this.notifier.notify(
      reviewerIds.map((recipientId) => ({
        recipientId,
        kind: 'review_assigned',
        actorId,
        itemKind: kind,
        itemId,
        groupId,
        text: title,
        action: revised ? 'revised' : 'assigned',
      })),
    );
  }

  async reminder({ kind, itemId, title, groupId, reviewerId }: Reminder): Promise<void> {
    await this.notifier.notify([
      { recipientId: reviewerId, kind: 'review_reminder', actorId: null, itemKind: kind, itemId, groupId, text: title },
    ]);
  }

  async decided({ kind, itemId, title, groupId, authorId, decision, reason }: Decided): Promise<void> {
    await this.notifier.notify([
      {
        recipientId: authorId,
        kind: 'review_decision',
        // the board decides: the author is not told which editor
        actorId: null,
        itemKind: kind,
        itemId,
        groupId,
        text: title,
        action: decision,
        reason,
      },
    ]);
  }
}
