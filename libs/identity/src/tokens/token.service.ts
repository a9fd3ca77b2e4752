import { createHash, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiError, AppConfig, DomainEvents } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import type { AccessClaims, Principal } from '../auth/principal.js';
import { isGuestClaims } from '../guests/guest-tokens.js';
import { AccountSuspended } from '../users/account.events.js';
import type { UserRecord } from '../users/user.schema.js';
import { toPrincipal } from '../users/to-principal.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { JwtKeys } from './jwt-keys.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
}

interface RefreshClaims {
  sub: string;
  fam: string;
  jti: string;
}

/** Issues, verifies, rotates and revokes tokens; HTTP and Socket.IO both authenticate through it. */
@Injectable()
export class TokenService implements OnModuleInit {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly keys: JwtKeys,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly events: DomainEvents,
  ) {}

  /** A suspended account's sign-ins end at once (its access tokens fail on the status check). */
  onModuleInit(): void {
    this.events.subscribe(AccountSuspended, TokenService.name, ({ userId }) => this.revokeAllForUser(userId));
  }

  /**
   * Starts a new token family (a sign-in) for the user. A family chosen beforehand (single sign-on's
   * one-time codes) starts once: a second start throws DuplicateKeyError, on any instance.
   */
  issueForNewSignIn(user: UserRecord, familyId: string = randomUUID()): Promise<TokenPair> {
    return this.issue(user, familyId, `family:${familyId}`);
  }

  /** The principal behind a valid access token of an active user; 401/403 otherwise. */
  async authenticate(accessToken: string | undefined): Promise<Principal> {
    if (!accessToken) throw ApiError.unauthorized('An access token is required');
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, {
        secret: this.keys.access,
        algorithms: ['HS256'],
      });
    } catch {
      throw ApiError.unauthorized('The access token is invalid or expired');
    }
    return this.principalFor(claims);
  }

  /** Loads the user named by verified claims and checks that they may still act. */
  async principalFor(claims: AccessClaims): Promise<Principal> {
    if (isGuestClaims(claims)) throw ApiError.forbidden('A guest token is valid only in its live session');
    const found = await this.users.findById(claims.sub);
    if (!found) throw ApiError.unauthorized('The account no longer exists');
    const user = await this.usersService.current(found);
    if (user.status !== 'active') throw ApiError.forbidden('This account is suspended');
    return toPrincipal(user);
  }

  /**
   * Trades a refresh token for a new pair. A token presented twice, one after the other or at the
   * same moment, revokes its whole family: storing the successor is the claim, and only one
   * successor per token can be stored.
   */
  async rotate(refreshToken: string): Promise<{ user: UserRecord; tokens: TokenPair }> {
    const claims = await this.verifyRefresh(refreshToken);
    // The owner first: a suspended user is told why, whatever became of the token (suspension revokes them all).
    const found = await this.users.findById(claims.sub);
    if (!found) throw ApiError.unauthorized('The account no longer exists');
    const user = await this.usersService.current(found);
    if (user.status !== 'active') throw ApiError.forbidden('This account is suspended');
    const now = new Date();
    const tokenHash = hashToken(refreshToken);
    const current = await this.refreshTokens.findByHash(tokenHash);
    if (!current || current.revokedAt || current.expiresAt <= now) {
      throw ApiError.unauthorized('The refresh token is invalid, expired or revoked');
    }
    const reused = async () => {
      await this.refreshTokens.revokeFamily(current.familyId, now);
      return ApiError.unauthorized('This refresh token was already used; the session has been signed out');
    };
    if (current.rotatedAt) throw await reused();
    let tokens: TokenPair;
    try {
      tokens = await this.issue(user, current.familyId, tokenHash);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw await reused();
      throw error;
    }
    await this.refreshTokens.markRotated(tokenHash, now);
    return { user, tokens };
  }

  /** Signs out the sign-in the refresh token belongs to; it must be the caller's own. */
  async revokeFamilyOf(refreshToken: string, userId: string): Promise<void> {
    const claims = await this.verifyRefresh(refreshToken);
    if (claims.sub !== userId) throw ApiError.forbidden('This refresh token belongs to another account');
    await this.refreshTokens.revokeFamily(claims.fam, new Date());
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllForUser(userId, new Date());
  }

  /** Signs a pair and stores its refresh token as the successor of `predecessor`. */
  private async issue(user: UserRecord, familyId: string, predecessor: string): Promise<TokenPair> {
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.jwt;
    const accessClaims: AccessClaims = { sub: user.id, role: user.role, fam: familyId };
    const refreshClaims: RefreshClaims = { sub: user.id, fam: familyId, jti: randomUUID() };
    const [accessToken, refreshToken] = await Promise.all([
      this.jwt.signAsync(accessClaims, { secret: this.keys.access, expiresIn: accessTtlSeconds, algorithm: 'HS256' }),
      this.jwt.signAsync(refreshClaims, {
        secret: this.keys.refresh,
        expiresIn: refreshTtlSeconds,
        algorithm: 'HS256',
      }),
    ]);
    await this.refreshTokens.store({
      tokenHash: hashToken(refreshToken),
      userId: user.id,
      familyId,
      predecessor,
      expiresAt: new Date(Date.now() + refreshTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds };
  }

  private async verifyRefresh(refreshToken: string): Promise<RefreshClaims> {
    try {
      return await this.jwt.verifyAsync<RefreshClaims>(refreshToken, {
        secret: this.keys.refresh,
        algorithms: ['HS256'],
      });
    } catch {
      throw ApiError.unauthorized('The refresh token is invalid, expired or revoked');
    }
  }
}

/** Refresh tokens are long random JWTs, so a fast hash is enough to keep them useless if the table leaks. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
