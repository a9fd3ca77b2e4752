import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { AccountDeleted } from '../users/account.events.js';
import { MailSendsRepository } from './mail-sends.repository.js';

/** At most `mails` in any `withinMs`. */
export interface MailAllowance {
  mails: number;
  withinMs: number;
}

/** Stores of two requests racing for the same numbered mail, the loser looks again this many times. */
const ATTEMPTS = 3;

/**
 * How many mails of a kind an account may be sent, over sliding windows, exact on every server
 * and across instances: each mail is a numbered document, and a number is stored once only.
 */
@Injectable()
export class MailBudget implements OnModuleInit {
  constructor(
    private readonly sends: MailSendsRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(AccountDeleted, MailBudget.name, ({ userId }) => this.sends.deleteAllFor(userId));
  }

  /** Spends one mail when every allowance has room and returns 0; otherwise spends nothing and returns the seconds to wait. */
  async spend(userId: string, kind: string, allowances: readonly MailAllowance[]): Promise<number> {
    const kept = Math.max(...allowances.map(({ mails }) => mails));
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const now = Date.now();
      const latest = await this.sends.latest(userId, kind, kept);
      const waitMs = Math.max(
        0,
        ...allowances.map(({ mails, withinMs }) => {
          const oldestCounted = latest[mails - 1];
          return oldestCounted ? oldestCounted.sentAt.getTime() + withinMs - now : 0;
        }),
      );
      if (waitMs > 0) return Math.ceil(waitMs / 1000);
      const sequence = (latest[0]?.sequence ?? 0) + 1;
      try {
        await this.sends.record(userId, kind, sequence, new Date(now));
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
      await this.sends.forgetUpTo(userId, kind, sequence - kept);
      return 0;
    }
    // Other requests kept taking the next mail: the budget is being spent right now.
    return 1;
  }
}
