import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { PledgeProgressReported } from '@plenary/pledges';
import { Notifier } from '../notifications/notifier.js';

type ProgressReportedEvent = NonNullable<(typeof PledgeProgressReported)['payload']>;

/**
 * Progress was reported on a pledge, to each of its followers (pledges are public, so every follower
 * may read it), named by the pledge's title; the representative who reported it is not told.
 */
@Injectable()
export class PledgeNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(PledgeProgressReported, PledgeNotifications.name, (event) => this.progressReported(event));
  }

  async progressReported({ pledgeId, title, authorId, followerIds }: ProgressReportedEvent): Promise<void> {
    if (followerIds.length === 0) return;
    await this.notifier.notify(
      followerIds.map((recipientId) => ({
        recipientId,
        kind: 'pledge_update',
        actorId: authorId,
        pledgeId,
        text: title,
      })),
    );
  }
}
