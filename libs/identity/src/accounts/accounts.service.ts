import { Injectable } from '@nestjs/common';
import { ApiError, DomainEvents } from '@plenary/core';
import type { Principal } from '../auth/principal.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { LoginThrottleService } from '../throttling/login-throttle.service.js';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { AccountParticipants } from '../users/account-participants.js';
import { AccountDeleted } from '../users/account.events.js';

/** One sign-in (refresh-token family) as its owner sees it in an export; never the token itself. */
export interface SignInExport {
  startedAt: Date;
  lastRefreshedAt: Date;
  expiresAt: Date;
  revoked: boolean;
}

/** The data rights of an account holder: export everything, delete the account. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly throttle: LoginThrottleService,
    private readonly participants: AccountParticipants,
    private readonly events: DomainEvents,
  ) {}

  /** Everything the platform holds about the caller, by context; nothing about anyone else. */
  async exportData(principal: Principal): Promise<Record<string, unknown>> {
    const user = await this.users.findById(principal.id);
    if (!user) throw ApiError.notFound('User');
    const data: Record<string, unknown> = {
      exportedAt: new Date(),
      account: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        status: user.status,
        createdAt: user.createdAt,
        updatedAt: user.updatedAt,
      },
      signIns: await this.signInsOf(user.id),
    };
    for (const participant of this.participants.all()) {
      if (participant.exportData) data[participant.section] = await participant.exportData(user.id);
    }
    return data;
  }

  /**
   * Deletes the caller's account: sign-in first (credentials and tokens), so that a failure part-way
   * never leaves an account that can still be used, then each context's data, then the user.
   */
  async deleteAccount(principal: Principal): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user) throw ApiError.notFound('User');
    if (user.role === 'admin' && user.status === 'active' && (await this.users.countActiveAdmins()) <= 1) {
      throw ApiError.conflict('The last active admin cannot delete their account; make another admin first');
    }
    for (const participant of this.participants.all()) await participant.assertErasable?.(user.id);
    await this.credentials.deleteFor(user.id);
    await this.refreshTokens.deleteAllForUser(user.id);
    for (const participant of this.participants.all()) await participant.erase?.(user.id);
    await this.throttle.clearAccount(user.email);
    await this.users.delete(user.id);
    await this.events.publish(AccountDeleted, { userId: user.id });
  }

  private async signInsOf(userId: string): Promise<SignInExport[]> {
    const tokens = await this.refreshTokens.listForUser(userId);
    const families = new Map<string, SignInExport>();
    for (const token of tokens) {
      const family = families.get(token.familyId);
      if (!family) {
        families.set(token.familyId, {
          startedAt: token.createdAt,
          lastRefreshedAt: token.createdAt,
          expiresAt: token.expiresAt,
          revoked: token.revokedAt !== null,
        });
        continue;
      }
      if (token.createdAt < family.startedAt) family.startedAt = token.createdAt;
      if (token.createdAt > family.lastRefreshedAt) {
        family.lastRefreshedAt = token.createdAt;
        family.expiresAt = token.expiresAt;
      }
      family.revoked ||= token.revokedAt !== null;
    }
    return [...families.values()].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }
}
