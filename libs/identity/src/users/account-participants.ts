import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';

/**
 * A bounded context that keeps personal data about accounts (profiles, memberships, later posts).
 * Identity asks every participant whether a caller may see the account, for its section of a data
 * export, whether the account may be deleted now, and to erase what it holds when it is. (What
 * contexts merely need to hear about an account, such as its creation or a new name, reaches them
 * as domain events.)
 */
export interface AccountParticipant {
  /** The key of this context's section in a data export. */
  readonly section: string;
  /** False when the member chose to hide from this caller (a private profile): the account is then a 404 to them. */
  isVisibleTo?(caller: Principal, userId: string): Promise<boolean>;
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

  async visibleTo(caller: Principal, userId: string): Promise<boolean> {
    for (const participant of this.participants) {
      if (participant.isVisibleTo && !(await participant.isVisibleTo(caller, userId))) return false;
    }
    return true;
  }
}
