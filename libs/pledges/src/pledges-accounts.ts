import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { PledgeFollowsRepository } from './follows/follows.repository.js';
import { PledgesRepository } from './pledges/pledges.repository.js';
import { ProgressUpdatesRepository } from './updates/updates.repository.js';

/**
 * Pledges' part in accounts' lives: a member's follows and the pledges they speak for are in their
 * data export; deleting the account ends their follows and their say on pledges. What they
 * reported stays, by "deleted member": a pledge's record belongs to its pledger.
 */
@Injectable()
export class PledgesAccounts implements AccountParticipant, OnModuleInit {
  readonly section = 'pledges';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly pledges: PledgesRepository,
    private readonly follows: PledgeFollowsRepository,
    private readonly updates: ProgressUpdatesRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async exportData(userId: string): Promise<unknown> {
    const [represented, follows, updates] = await Promise.all([
      this.pledges.representedBy(userId),
      this.follows.ofUser(userId),
      this.updates.byAuthor(userId),
    ]);
    return {
      represents: represented.map((pledge) => ({ pledgeId: pledge.id, title: pledge.title })),
      follows: follows.map((follow) => ({ pledgeId: follow.pledgeId, since: follow.createdAt })),
      progressUpdates: updates.map((update) => ({
        pledgeId: update.pledgeId,
        text: update.text,
        percent: update.percent,
        milestone: update.milestone,
        at: update.createdAt,
      })),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.follows.eraseFor(userId);
    await this.pledges.removeRepresentative(userId);
  }
}
