import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiError, AppConfig } from '@plenary/core';
import { normalizeEmail } from '../users/user.schema.js';
import {
  KnownAddressesRepository,
  LoginThrottlesRepository,
  type ThrottleRecord,
} from './login-throttles.repository.js';

/** How long an address where an account signed in stays exempt from attacks on it from elsewhere. */
const KNOWN_ADDRESS_DAYS = 90;
const DAY_MS = 86_400_000;
/** How often each instance deletes counters that saw no attempt for the lock period. */
const SWEEP_INTERVAL_MS = 60_000;

/** An attempt let through to the password check, to be settled as a success or a failure. */
export interface LoginReservation {
  email: string;
  address: string;
  keys: string[];
}

interface Allowance {
  free: number;
  lockAfter: number;
}

/**
 * Slows down, then locks, repeated failed sign-ins, counted for one account from one address and
 * for every account from one address. After the free attempts each further one must wait 1, 2,
 * 4, … seconds after the last failure; at the lock threshold the key is locked for `lockSeconds`.
 *
 * An attempt is reserved before any password is checked and released on success, so a burst of
 * parallel guesses is held to the allowance. A stranger cannot lock a member out: what locks is
 * the account *at the stranger's address*. Guessing one account from many addresses is met by a
 * per-account cap: past `accountMaxAddresses` failing addresses, attempts from addresses the
 * member has not signed in from recently wait 1, 2, 4, … seconds too (never a lock), while the
 * member's own addresses are not slowed.
 */
@Injectable()
export class LoginThrottleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LoginThrottleService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly throttles: LoginThrottlesRepository,
    private readonly knownAddresses: KnownAddressesRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /** Reserves an attempt, or throws 429 with Retry-After (having reserved nothing). */
  async reserve(email: string, address: string): Promise<LoginReservation> {
    const now = new Date();
    const settings = this.config.loginThrottle;
    const staleBefore = new Date(now.getTime() - settings.lockSeconds * 1000);
    const account = normalizeEmail(email);
    const pair = { key: pairKey(account, address), email: account };
    const ip = { key: addressKey(address), email: null };
    const reservation: LoginReservation = { email: account, address, keys: [] };
    let waitSeconds = 0;
    for (const [counter, allowance] of [
      [pair, { free: settings.freeAttempts, lockAfter: settings.lockAfter }],
      [ip, { free: settings.ipFreeAttempts, lockAfter: settings.ipLockAfter }],
    ] as const) {
      const before = await this.throttles.reserve(counter.key, counter.email, now, staleBefore);
      reservation.keys.push(counter.key);
      waitSeconds = Math.max(waitSeconds, this.waitFor(before, allowance, now));
    }
    if (waitSeconds === 0) waitSeconds = await this.accountWideWait(account, address, now, staleBefore);
    if (waitSeconds > 0) {
      await this.release(reservation);
      throw ApiError.tooManyRequests('Too many failed sign-in attempts', waitSeconds);
    }
    return reservation;
  }

  /** The password was wrong (or the account unknown): the reserved attempts become failures. */
  async failed(reservation: LoginReservation): Promise<void> {
    const now = new Date();
    const settings = this.config.loginThrottle;
    const lockUntil = new Date(now.getTime() + settings.lockSeconds * 1000);
    const [pair, ip] = reservation.keys;
    await this.throttles.recordFailure(pair, now, settings.lockAfter, lockUntil);
    await this.throttles.recordFailure(ip, now, settings.ipLockAfter, lockUntil);
  }

  /**
   * The password was right: the account's count at this address is cleared, the address keeps
   * its own count (without this attempt), and the address becomes one the account is known at.
   */
  async succeeded(reservation: LoginReservation): Promise<void> {
    const [pair, ip] = reservation.keys;
    await this.throttles.clear(pair);
    await this.throttles.release(ip);
    await this.knownAddresses.remember(reservation.email, reservation.address, new Date());
  }

  /** Forgets everything about the account (its email is personal data): when it is deleted. */
  async clearAccount(email: string): Promise<void> {
    await this.throttles.clearAccount(normalizeEmail(email));
    await this.knownAddresses.forget(normalizeEmail(email));
  }

  private waitFor(before: ThrottleRecord | null, allowance: Allowance, now: Date): number {
    if (!before) return 0;
    const lockSeconds = this.config.loginThrottle.lockSeconds;
    if (before.lockedUntil && before.lockedUntil.getTime() > now.getTime()) {
      return (before.lockedUntil.getTime() - now.getTime()) / 1000;
    }
    const ahead = before.failures + before.inFlight;
    if (ahead < allowance.free) return 0;
    const delay = Math.min(2 ** (ahead - allowance.free), lockSeconds);
    // Attempts still being checked ahead of this one: it waits as if they had just failed.
    const since = before.inFlight > 0 ? now : before.lastFailureAt;
    if (!since) return 0;
    return Math.max(0, (since.getTime() + delay * 1000 - now.getTime()) / 1000);
  }

  private async accountWideWait(account: string, address: string, now: Date, since: Date): Promise<number> {
    const cap = this.config.loginThrottle.accountMaxAddresses;
    const failing = await this.throttles.failingAddresses(account, since);
    if (failing.count < cap || !failing.latest) return 0;
    const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY_MS);
    if (await this.knownAddresses.isKnown(account, address, knownSince)) return 0;
    const delay = Math.min(2 ** (failing.count - cap), this.config.loginThrottle.lockSeconds);
    return Math.max(0, (failing.latest.getTime() + delay * 1000 - now.getTime()) / 1000);
  }

  /** Gives the attempt back undecided (the check itself failed, say the database was unreachable). */
  async release(reservation: LoginReservation): Promise<void> {
    for (const key of reservation.keys) await this.throttles.release(key);
  }

  private async sweep(): Promise<void> {
    const staleBefore = new Date(Date.now() - this.config.loginThrottle.lockSeconds * 1000);
    await this.throttles.deleteStale(staleBefore).catch((error: unknown) => {
      this.logger.warn(`Could not delete stale sign-in counters: ${String(error)}`);
    });
  }
}

function pairKey(email: string, address: string): string {
  return `pair:${email}|${address}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
