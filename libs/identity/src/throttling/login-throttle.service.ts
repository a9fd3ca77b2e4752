import { Injectable } from '@nestjs/common';
import { ApiError, AppConfig } from '@plenary/core';
import { normalizeEmail } from '../users/user.schema.js';
import { LoginThrottlesRepository } from './login-throttles.repository.js';

const ACCOUNT_PREFIX = 'account:';

/**
 * Slows down, then locks, repeated failed sign-ins for one account or one address.
 * After `freeAttempts` failures of an account (`ipFreeAttempts` of an address, higher because many
 * people may share one) each further attempt must wait 1, 2, 4, … seconds after the last failure;
 * at `lockAfter` failures (`ipLockAfter` for an address) the key is locked for `lockSeconds`.
 * A refused attempt is a 429 with Retry-After and checks no password.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly throttles: LoginThrottlesRepository,
    private readonly config: AppConfig,
  ) {}

  async assertMayAttempt(email: string, ip: string): Promise<void> {
    const now = Date.now();
    const { freeAttempts, ipFreeAttempts, lockSeconds } = this.config.loginThrottle;
    let waitSeconds = 0;
    for (const throttle of await this.throttles.findByKeys(keysFor(email, ip))) {
      const free = throttle.key.startsWith(ACCOUNT_PREFIX) ? freeAttempts : ipFreeAttempts;
      if (throttle.lockedUntil && throttle.lockedUntil.getTime() > now) {
        waitSeconds = Math.max(waitSeconds, (throttle.lockedUntil.getTime() - now) / 1000);
      } else if (throttle.failures >= free && now - throttle.lastFailureAt.getTime() < lockSeconds * 1000) {
        const delay = Math.min(2 ** (throttle.failures - free), lockSeconds);
        const readyAt = throttle.lastFailureAt.getTime() + delay * 1000;
        if (readyAt > now) waitSeconds = Math.max(waitSeconds, (readyAt - now) / 1000);
      }
    }
    if (waitSeconds > 0) throw ApiError.tooManyRequests('Too many failed sign-in attempts', waitSeconds);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const now = new Date();
    const { lockAfter, ipLockAfter, lockSeconds } = this.config.loginThrottle;
    const staleBefore = new Date(now.getTime() - lockSeconds * 1000);
    const lockedUntil = new Date(now.getTime() + lockSeconds * 1000);
    const [accountKey, ipKey] = keysFor(email, ip);
    const [accountFailures, ipFailures] = await Promise.all([
      this.throttles.recordFailure(accountKey, now, staleBefore),
      this.throttles.recordFailure(ipKey, now, staleBefore),
    ]);
    if (accountFailures >= lockAfter) await this.throttles.lock(accountKey, lockedUntil);
    if (ipFailures >= ipLockAfter) await this.throttles.lock(ipKey, lockedUntil);
  }

  /**
   * Clears the account's count: after a successful sign-in (the address keeps its own count), and
   * when the account is deleted (its email is personal data).
   */
  async clearAccount(email: string): Promise<void> {
    await this.throttles.clear(keysFor(email, '')[0]);
  }
}

function keysFor(email: string, ip: string): [string, string] {
  return [`${ACCOUNT_PREFIX}${normalizeEmail(email)}`, `ip:${ip}`];
}
