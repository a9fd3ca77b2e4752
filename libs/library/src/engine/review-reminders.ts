import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { REMIND_HOURS_BEFORE } from '../model/library-kinds.js';
import { ReviewReminderDue } from '../model/library.events.js';
import { ItemsRepository } from '../records/items.repository.js';
import { AssignmentsRepository, ReviewsRepository } from '../records/reviews.repository.js';

const EVERY_MS = 15 * 60 * 1000;
const BATCH = 200;

/**
 * Reminds reviewers whose review is due within REMIND_HOURS_BEFORE hours and not in yet, once per
 * due date (a resubmission sets a new one): every 15 minutes, and on demand (`run`, for tests).
 */
@Injectable()
export class ReviewReminders implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReviewReminders.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly items: ItemsRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error({ err: error }, 'review reminders failed'));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends the reminders due at `now`; how many went out. */
  async run(now = new Date()): Promise<number> {
    const due = await this.assignments.dueBefore(new Date(now.getTime() + REMIND_HOURS_BEFORE * 3_600_000), BATCH);
    let sent = 0;
    for (const assignment of due) {
      const item = await this.items.findById(assignment.itemId);
      const waiting =
        item?.status === 'in_review' &&
        !(await this.reviews.ofVersion(item.id, item.version)).some((r) => r.reviewerId === assignment.reviewerId);
      if (!(await this.assignments.markReminded(assignment.id)) || !item || !waiting) continue;
      await this.events.publish(ReviewReminderDue, {
        kind: item.kind,
        itemId: item.id,
        title: item.title,
        groupId: item.groupId,
        reviewerId: assignment.reviewerId,
        dueAt: assignment.dueAt,
      });
      sent += 1;
    }
    return sent;
  }
}
