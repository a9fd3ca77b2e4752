import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, AppConfig } from '@plenary/core';
import type {
  KnownAddressesRepository,
  LoginThrottlesRepository,
  ThrottleRecord,
} from './login-throttles.repository.js';
import { type LoginReservation, LoginThrottleService } from './login-throttle.service.js';

/** The repositories' contract in memory; every method is one atomic step, as on the database. */
class InMemoryThrottles {
  readonly byKey = new Map<string, ThrottleRecord>();

  async reserve(key: string, email: string | null, now: Date, staleBefore: Date) {
    const current = this.byKey.get(key);
    if (current && current.lastAttemptAt < staleBefore) {
      Object.assign(current, { failures: 0, inFlight: 0, lastFailureAt: null, lockedUntil: null });
    }
    const before = current ? { ...current } : null;
    const next = current ?? {
      id: key,
      key,
      email,
      failures: 0,
      inFlight: 0,
      lastAttemptAt: now,
      lastFailureAt: null,
      lockedUntil: null,
    };
    next.inFlight += 1;
    next.lastAttemptAt = now;
    this.byKey.set(key, next);
    return before;
  }

  async release(key: string) {
    const current = this.byKey.get(key);
    if (current && current.inFlight > 0) current.inFlight -= 1;
  }

  async recordFailure(key: string, now: Date, lockAfter: number, lockUntil: Date) {
    const current = this.byKey.get(key)!;
    current.failures += 1;
    current.inFlight -= 1;
    current.lastFailureAt = now;
    if (current.failures >= lockAfter && !current.lockedUntil) current.lockedUntil = lockUntil;
  }

  async failingAddresses(email: string, since: Date) {
    const failing = [...this.byKey.values()].filter(
      (t) => t.email === email && t.lastFailureAt && t.lastFailureAt >= since,
    );
    const latest = failing.map((t) => t.lastFailureAt!).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return { count: failing.length, latest };
  }

  async clear(key: string) {
    this.byKey.delete(key);
  }

  async clearAccount(email: string) {
    for (const [key, throttle] of this.byKey) if (throttle.email === email) this.byKey.delete(key);
  }
}

class InMemoryKnownAddresses {
  readonly known = new Map<string, Date>();

  async remember(email: string, address: string, now: Date) {
    this.known.set(`${email}|${address}`, now);
  }

  async isKnown(email: string, address: string, since: Date) {
    const at = this.known.get(`${email}|${address}`);
    return at !== undefined && at >= since;
  }

  async forget(email: string) {
    for (const key of this.known.keys()) if (key.startsWith(`${email}|`)) this.known.delete(key);
  }
}

/** null when the attempt was let through (and settles it as `outcome`), else the Retry-After seconds. */
async function retryAfterOf(
  throttle: LoginThrottleService,
  email: string,
  address: string,
  outcome: 'fail' | 'succeed' | 'hold' = 'fail',
): Promise<number | null> {
  let reservation: LoginReservation;
  try {
    reservation = await throttle.reserve(email, address);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(429);
    return Number((error as ApiError).headers['Retry-After']);
  }
  if (outcome === 'fail') await throttle.failed(reservation);
  if (outcome === 'succeed') await throttle.succeeded(reservation);
  return null;
}

describe('LoginThrottleService', () => {
  let throttles: InMemoryThrottles;
  let known: InMemoryKnownAddresses;
  let throttle: LoginThrottleService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    throttles = new InMemoryThrottles();
    known = new InMemoryKnownAddresses();
    const config = AppConfig.fromEnvironment({
      LOGIN_FREE_ATTEMPTS: '3',
      LOGIN_LOCK_AFTER: '6',
      LOGIN_LOCK_SECONDS: '600',
      LOGIN_IP_FREE_ATTEMPTS: '5',
      LOGIN_IP_LOCK_AFTER: '8',
      LOGIN_ACCOUNT_MAX_ADDRESSES: '4',
    });
    throttle = new LoginThrottleService(
      throttles as unknown as LoginThrottlesRepository,
      known as unknown as KnownAddressesRepository,
      config,
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('lets the free attempts through, then doubles the wait after each further failure', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBeNull();
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBe(1);
    // A refused attempt checked nothing and counted nothing: still 1 s.
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBeNull();
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBe(2);
    jest.advanceTimersByTime(2000);
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBeNull();
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBe(4);
  });

  it('holds a burst of parallel guesses at one account to its free attempts, before any password is checked', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, () => retryAfterOf(throttle, 'ana@x.org', '10.0.0.1', 'hold')),
    );
    expect(results.filter((result) => result === null)).toHaveLength(3);
  });

  it('holds a burst of parallel guesses at many accounts from one address to the address allowance', async () => {
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => retryAfterOf(throttle, `user${i}@x.org`, '10.9.9.9', 'hold')),
    );
    expect(results.filter((result) => result === null)).toHaveLength(5);
  });

  it("locks an account at the attacker's address only: the member still signs in from elsewhere", async () => {
    for (let failure = 0; failure < 3; failure += 1) await retryAfterOf(throttle, 'ana@x.org', '6.6.6.6');
    for (let failure = 0; failure < 3; failure += 1) {
      jest.advanceTimersByTime(600_000 / 100);
      await retryAfterOf(throttle, 'ana@x.org', '6.6.6.6');
    }
    expect(await retryAfterOf(throttle, 'ANA@x.org', '6.6.6.6')).toBeGreaterThan(590);
    expect(await retryAfterOf(throttle, 'ana@x.org', '192.168.1.1', 'succeed')).toBeNull();
  });

  it('slows guesses at one account from many addresses, except from addresses the member signed in from', async () => {
    expect(await retryAfterOf(throttle, 'ana@x.org', '192.168.1.1', 'succeed')).toBeNull();
    for (let address = 0; address < 4; address += 1) await retryAfterOf(throttle, 'ana@x.org', `6.6.6.${address}`);
    expect(await retryAfterOf(throttle, 'ana@x.org', '6.6.6.200')).toBe(1);
    expect(await retryAfterOf(throttle, 'ana@x.org', '192.168.1.1', 'succeed')).toBeNull();
    jest.advanceTimersByTime(1000);
    expect(await retryAfterOf(throttle, 'ana@x.org', '6.6.6.200')).toBeNull();
    expect(await retryAfterOf(throttle, 'ana@x.org', '6.6.6.201')).toBe(2);
  });

  it('forgets failures once the lock period has passed since the last attempt', async () => {
    for (let failure = 0; failure < 6; failure += 1) {
      await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1');
      jest.advanceTimersByTime(70_000);
    }
    jest.advanceTimersByTime(601_000);
    expect(await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1')).toBeNull();
    expect(throttles.byKey.get('pair:ana@x.org|10.0.0.1')?.failures).toBe(1);
  });

  it("clears the account's count at that address on success but keeps the address count", async () => {
    await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1');
    await retryAfterOf(throttle, 'ana@x.org', '10.0.0.1');
    await retryAfterOf(throttle, 'Ana@X.org', '10.0.0.1', 'succeed');
    expect(throttles.byKey.has('pair:ana@x.org|10.0.0.1')).toBe(false);
    expect(throttles.byKey.get('address:10.0.0.1')).toMatchObject({ failures: 2, inFlight: 0 });
    expect(await known.isKnown('ana@x.org', '10.0.0.1', new Date(0))).toBe(true);
  });
});
