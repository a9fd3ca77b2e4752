import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, AppConfig } from '@plenary/core';
import type { LoginThrottle } from './login-throttle.schema.js';
import { LoginThrottleService } from './login-throttle.service.js';
import type { LoginThrottlesRepository } from './login-throttles.repository.js';

/** The repository's contract, kept in memory. */
class InMemoryThrottles {
  readonly byKey = new Map<string, LoginThrottle>();

  async findByKeys(keys: string[]) {
    return keys.flatMap((key) => (this.byKey.has(key) ? [{ ...this.byKey.get(key)! }] : []));
  }

  async recordFailure(key: string, now: Date, staleBefore: Date) {
    const current = this.byKey.get(key);
    const fresh = !current || current.lastFailureAt < staleBefore;
    const failures = fresh ? 1 : current.failures + 1;
    this.byKey.set(key, { key, failures, lastFailureAt: now, lockedUntil: fresh ? null : current.lockedUntil });
    return failures;
  }

  async lock(key: string, until: Date) {
    this.byKey.get(key)!.lockedUntil = until;
  }

  async clear(key: string) {
    this.byKey.delete(key);
  }
}

function retryAfterOf(promise: Promise<void>): Promise<number | null> {
  return promise.then(
    () => null,
    (error: unknown) => {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).getStatus()).toBe(429);
      return Number((error as ApiError).headers['Retry-After']);
    },
  );
}

describe('LoginThrottleService', () => {
  let repository: InMemoryThrottles;
  let throttle: LoginThrottleService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    repository = new InMemoryThrottles();
    const config = AppConfig.fromEnvironment({
      LOGIN_FREE_ATTEMPTS: '3',
      LOGIN_LOCK_AFTER: '6',
      LOGIN_LOCK_SECONDS: '600',
      LOGIN_IP_FREE_ATTEMPTS: '5',
      LOGIN_IP_LOCK_AFTER: '8',
    });
    throttle = new LoginThrottleService(repository as unknown as LoginThrottlesRepository, config);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  async function fail(email: string, ip = '10.0.0.1') {
    await throttle.recordFailure(email, ip);
  }

  it('lets the free attempts through, then doubles the wait after each further failure', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.0.1'))).toBeNull();
      await fail('ana@x.org');
    }
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.0.1'))).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.0.1'))).toBeNull();
    await fail('ana@x.org');
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.0.1'))).toBe(2);
    jest.advanceTimersByTime(2000);
    await fail('ana@x.org');
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.0.1'))).toBe(4);
  });

  it('locks the account for the lock period at the lock threshold, whatever the address', async () => {
    for (let failure = 0; failure < 6; failure += 1) await fail('ana@x.org', `10.0.0.${failure}`);
    expect(await retryAfterOf(throttle.assertMayAttempt('ANA@x.org', '192.168.1.1'))).toBe(600);
    jest.advanceTimersByTime(599_000);
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '192.168.1.1'))).toBe(1);
  });

  it('forgets failures once the lock period has passed since the last one', async () => {
    for (let failure = 0; failure < 6; failure += 1) await fail('ana@x.org', `10.0.0.${failure}`);
    jest.advanceTimersByTime(601_000);
    expect(await retryAfterOf(throttle.assertMayAttempt('ana@x.org', '10.0.1.1'))).toBeNull();
    await fail('ana@x.org', '10.0.1.1');
    expect(repository.byKey.get('account:ana@x.org')?.failures).toBe(1);
  });

  it('slows down an address that fails across accounts only past its own, higher allowance', async () => {
    for (let account = 0; account < 5; account += 1) {
      expect(await retryAfterOf(throttle.assertMayAttempt(`user${account}@x.org`, '10.9.9.9'))).toBeNull();
      await fail(`user${account}@x.org`, '10.9.9.9');
    }
    expect(await retryAfterOf(throttle.assertMayAttempt('fresh@x.org', '10.9.9.9'))).toBe(1);
    expect(await retryAfterOf(throttle.assertMayAttempt('fresh@x.org', '10.9.9.10'))).toBeNull();
  });

  it('locks an address that fails across many accounts, and only that address', async () => {
    for (let account = 0; account < 8; account += 1) await fail(`user${account}@x.org`, '10.9.9.9');
    expect(await retryAfterOf(throttle.assertMayAttempt('fresh@x.org', '10.9.9.9'))).toBe(600);
    expect(await retryAfterOf(throttle.assertMayAttempt('fresh@x.org', '10.9.9.10'))).toBeNull();
  });

  it('clears the account count on success but keeps the address count', async () => {
    await fail('ana@x.org');
    await fail('ana@x.org');
    await throttle.clearAccount('Ana@X.org');
    expect(repository.byKey.has('account:ana@x.org')).toBe(false);
    expect(repository.byKey.get('ip:10.0.0.1')?.failures).toBe(2);
  });
});
