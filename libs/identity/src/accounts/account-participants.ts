import { Injectable } from '@nestjs/common';

/** What other contexts learn about an account when it is created or renamed. */
export interface AccountSummary {
  id: string;
  displayName: string;
}

/**
 * A bounded context that keeps personal data about accounts (profiles, memberships, later posts).
 * Identity calls every participant when an account is created or renamed, when its owner exports
 * their data, and when they delete the account.
 */
export interface AccountParticipant {
  /** The key of this context's section in a data export. */
  readonly section: string;
  accountCreated?(account: AccountSummary): Promise<void>;
  accountRenamed?(account: AccountSummary): Promise<void>;
  exportData?(userId: string): Promise<unknown>;
  /** Throws an ApiError (409) saying what to do first when the account cannot be deleted yet. */
  assertErasable?(userId: string): Promise<void>;
  /** Deletes or anonymises everything this context holds about the account. */
  erase?(userId: string): Promise<void>;
}

@Injectable()
export class AccountParticipants {
  private readonly participants: AccountParticipant[] = [];

  register(participant: AccountParticipant): void {
    this.participants.push(participant);
  }

  all(): readonly AccountParticipant[] {
    return this.participants;
  }

  async created(account: AccountSummary): Promise<void> {
    for (const participant of this.participants) await participant.accountCreated?.(account);
  }

  async renamed(account: AccountSummary): Promise<void> {
    for (const participant of this.participants) await participant.accountRenamed?.(account);
  }
}
