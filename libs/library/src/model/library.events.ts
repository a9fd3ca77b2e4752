import { domainEvent } from '@plenary/core';
import type { Decision, ReviewableKind } from './library-kinds.js';

/** The item an event is about, as notifications name it. */
export interface ReviewableRef {
  kind: ReviewableKind;
  itemId: string;
  title: string;
  /** Its group's id; null on the platform. */
  groupId: string | null;
}

/**
 * Reviewers were given an item to review: newly assigned (or claimed), or a revised version came
 * back to them (`revised`). Published once the assignments are stored.
 */
export const ReviewRequested = domainEvent<
  ReviewableRef & { reviewerIds: string[]; actorId: string; dueAt: Date; revised: boolean }
>('library.review-requested');

/** A review is due soon and not in yet (the reminder job). Nobody in particular acted. */
export const ReviewReminderDue = domainEvent<ReviewableRef & { reviewerId: string; dueAt: Date }>(
  'library.review-reminder-due',
);

/** An editor decided on an item; its author hears of it (the reason included). */
export const ReviewDecided = domainEvent<
  ReviewableRef & { authorId: string; actorId: string; decision: Decision; reason: string }
>('library.review-decided');
