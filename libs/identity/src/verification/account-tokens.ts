import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiError, DomainEvents, hashSecretToken, newSecretToken } from '@plenary/core';
import { AccountDeleted } from '../users/account.events.js';
import type { AccountTokenPurpose, AccountTokenRecord } from './account-token.schema.js';
import { AccountTokensRepository, AccountTokenUsesRepository } from './account-tokens.repository.js';
import { HOUR_MS } from './durations.js';

/** How long a mailed link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * HOUR_MS,
  change_email: 48 * HOUR_MS,
  reset_password: HOUR_MS,
};

const LONGEST_LIFETIME_MS = Math.max(...Object.values(TOKEN_LIFETIME_MS));

export const invalidToken = () => ApiError.invalidField('token', 'is invalid or has expired');

/** The tokens of mailed links: issued, looked up by their hash, used once. */
@Injectable()
export class AccountTokens implements OnModuleInit {
  constructor(
    private readonly tokens: AccountTokensRepository,
    private readonly uses: AccountTokenUsesRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(AccountDeleted, AccountTokens.name, ({ userId }) => this.tokens.deleteAllFor(userId));
  }

  /**
   * A new token for the link mailed to `email`; only its hash is stored. `voidPrevious` makes the
   * account's earlier links of this purpose stop working (a new reset request, a new address).
   */
  async issue(
    purpose: AccountTokenPurpose,
    userId: string,
    email: string,
    options: { voidPrevious: boolean },
  ): Promise<string> {
    const now = new Date();
    await this.tokens.deleteExpiredFor(userId, now);
    if (options.voidPrevious) await this.tokens.voidFor(userId, [purpose]);
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
    await this.tokens.store({ tokenHash: hash, purpose, userId, email, expiresAt });
    return token;
  }

  /** The token's record, unused and unexpired, for one of the purposes; 400 naming `token` otherwise. */
  async find(token: string, purposes: readonly AccountTokenPurpose[]): Promise<AccountTokenRecord> {
    const record = await this.tokens.findValid(hashSecretToken(token), purposes, new Date());
    if (!record) throw invalidToken();
    return record;
  }

  /** Uses the token up: of requests presenting it at once, one gets through and the others get the 400. */
  async spend(record: AccountTokenRecord): Promise<void> {
    const now = new Date();
    if (!(await this.uses.claim(record.tokenHash, now))) throw invalidToken();
    await this.tokens.delete(record.tokenHash);
    await this.uses.forgetBefore(new Date(now.getTime() - LONGEST_LIFETIME_MS));
  }

  async use(token: string, purposes: readonly AccountTokenPurpose[]): Promise<AccountTokenRecord> {
    const record = await this.find(token, purposes);
    await this.spend(record);
    return record;
  }

  async voidFor(userId: string, purposes: readonly AccountTokenPurpose[]): Promise<void> {
    await this.tokens.voidFor(userId, purposes);
  }
}
