import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { register, type SignedIn } from './support/users.js';

const LOGIN = '/api/v1/auth/login';
const WRONG_PASSWORD = 'Not-the-password-1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs in from the test client, optionally as another address (the app must trust the proxy header). */
function attempt(app: TestApp, email: string, password: string, address?: string) {
  const pending = app.http.post(LOGIN);
  if (address) pending.set('X-Forwarded-For', address);
  return pending.send({ email, password });
}

async function fail(app: TestApp, member: SignedIn, address?: string): Promise<void> {
  const response = await attempt(app, member.email, WRONG_PASSWORD, address);
  expect(response.status).toBe(401);
  expect(response.body.message).toBe('Email or password is incorrect');
}

/** Asserts a 429 in the error shape whose message and Retry-After agree; returns the seconds. */
function retryAfterOf(response: Response): number {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    statusCode: 429,
    code: 'rate_limited',
    error: 'Too Many Requests',
    message: expect.any(String),
    details: [],
  });
  const header = response.headers['retry-after'];
  expect(header).toMatch(/^\d+$/);
  const seconds = Number(header);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(response.body.message).toMatch(new RegExp(`retry in ${seconds} s`));
  return seconds;
}

/**
 * The least Retry-After a lock of `seconds`, begun after `since` (a Date.now()), can show now: the
 * lock counts down while a loaded machine runs the test.
 */
function leastRemaining(seconds: number, since: number): number {
  return Math.floor(seconds - (Date.now() - since) / 1_000);
}

describe('with the default thresholds (3 free attempts, lock after 10)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('throttle_defaults');
  });
  afterAll(() => app.close());

  it('after the free failures refuses an immediate attempt, even with the right password, until Retry-After', async () => {
    const member = await register(app);
    for (let failure = 0; failure < 3; failure += 1) await fail(app, member);

    const refused = await attempt(app, member.email, member.password);
    const seconds = retryAfterOf(refused);
    expect(seconds).toBe(1);
    // The refusal checked no password and counted no failure: it stays 1 s.
    expect(retryAfterOf(await attempt(app, member.email, WRONG_PASSWORD))).toBe(1);

    await sleep(seconds * 1_000 + 150);
    const allowed = await attempt(app, member.email, member.password);
    expect(allowed.status).toBe(200);
    expect(allowed.body.user.id).toBe(member.id);
  });

  it('clears the account’s failure count on a successful sign-in', async () => {
    const member = await register(app);
    await fail(app, member);
    await fail(app, member);
    expect((await attempt(app, member.email, member.password)).status).toBe(200);
    await fail(app, member);
    await fail(app, member);
    const after = await attempt(app, member.email, member.password);
    expect(after.status).toBe(200);
  });

  it('does not throttle another account for one account’s failures below the address limit', async () => {
    const victim = await register(app);
    const bystander = await register(app);
    for (let failure = 0; failure < 3; failure += 1) await fail(app, victim);
    const firstWait = retryAfterOf(await attempt(app, victim.email, victim.password));

    // Same client address, another account: no wait, and its own failures start from zero.
    expect((await attempt(app, bystander.email, bystander.password)).status).toBe(200);
    await fail(app, bystander);
    await fail(app, bystander);
    expect((await attempt(app, bystander.email, bystander.password)).status).toBe(200);

    // The bystander's sign-in cleared nothing of the victim's: once its wait is over, one more
    // failure makes it wait again (a fourth failure, not a first).
    await new Promise((resolve) => setTimeout(resolve, firstWait * 1_000));
    await fail(app, victim);
    retryAfterOf(await attempt(app, victim.email, victim.password));
  });
});

describe('with an account lock after 4 failures for 60 s', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('throttle_lock', {
      LOGIN_FREE_ATTEMPTS: '3',
      LOGIN_LOCK_AFTER: '4',
      LOGIN_LOCK_SECONDS: '60',
    });
  });
  afterAll(() => app.close());

  it('locks the account: the right password is refused with Retry-After close to 60', async () => {
    const member = await register(app);
    for (let failure = 0; failure < 3; failure += 1) await fail(app, member);
    const wait = retryAfterOf(await attempt(app, member.email, WRONG_PASSWORD));
    expect(wait).toBe(1);
    await sleep(wait * 1_000 + 150);
    const lockedFrom = Date.now();
    await fail(app, member);

    const locked = retryAfterOf(await attempt(app, member.email, member.password));
    expect(locked).toBeGreaterThanOrEqual(leastRemaining(60, lockedFrom));
    expect(locked).toBeLessThanOrEqual(60);
    // Still locked in any letter case of the email.
    const shouted = retryAfterOf(await attempt(app, member.email.toUpperCase(), member.password));
    expect(shouted).toBeGreaterThanOrEqual(leastRemaining(60, lockedFrom));
  });
});

describe('with an address slowed after 3 failures and locked after 5', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('throttle_ip', {
      LOGIN_IP_FREE_ATTEMPTS: '3',
      LOGIN_IP_LOCK_AFTER: '5',
      LOGIN_LOCK_SECONDS: '60',
      // Lets each test act as its own client address through X-Forwarded-For.
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => app.close());

  it('slows down an address that fails across accounts, then locks it, for every account and only there', async () => {
    const address = '203.0.113.7';
    const [first, second, third, fresh] = [
      await register(app),
      await register(app),
      await register(app),
      await register(app),
    ];
    await fail(app, first, address);
    await fail(app, second, address);
    await fail(app, third, address);
    // Three failures from one address: the next attempt there, for any account, waits 1 s.
    expect(retryAfterOf(await attempt(app, fresh.email, fresh.password, address))).toBe(1);
    expect((await attempt(app, fresh.email, fresh.password, '203.0.113.9')).status).toBe(200);
    await sleep(1_050);
    await fail(app, first, address);
    await sleep(2_050);
    const lockedFrom = Date.now();
    await fail(app, second, address);

    for (const member of [fresh, first]) {
      const locked = retryAfterOf(await attempt(app, member.email, member.password, address));
      expect(locked).toBeGreaterThanOrEqual(leastRemaining(60, lockedFrom));
      expect(locked).toBeLessThanOrEqual(60);
    }
    // Another address is not locked, and none of these accounts is.
    const elsewhere = await attempt(app, fresh.email, fresh.password, '203.0.113.8');
    expect(elsewhere.status).toBe(200);
    expect((await attempt(app, first.email, first.password, '203.0.113.8')).status).toBe(200);
  });

  it('neither slows nor locks an address below its allowance', async () => {
    const address = '198.51.100.4';
    const members = [await register(app), await register(app)];
    await fail(app, members[0], address);
    await fail(app, members[1], address);
    for (const member of members) {
      expect((await attempt(app, member.email, member.password, address)).status).toBe(200);
    }
  });
});

describe('under bursts of parallel guesses (defaults: 3 free per account and address, 20 per address)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('throttle_bursts', { TRUST_PROXY: 'true' });
  });
  afterAll(() => app.close());

  it('lets only the free attempts of one account reach the password check; the rest are refused first', async () => {
    const member = await register(app);
    const results = await Promise.all(
      Array.from({ length: 60 }, () => attempt(app, member.email, WRONG_PASSWORD, '198.51.100.60')),
    );
    expect(results.filter((result) => result.status === 401)).toHaveLength(3);
    for (const refused of results.filter((result) => result.status !== 401)) retryAfterOf(refused);
  }, 30_000);

  it('lets only the address allowance of guesses at many accounts from one address reach the check', async () => {
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => attempt(app, `nobody${i}@plenary.test`, WRONG_PASSWORD, '198.51.100.80')),
    );
    expect(results.filter((result) => result.status === 401)).toHaveLength(20);
    for (const refused of results.filter((result) => result.status !== 401)) retryAfterOf(refused);
  }, 30_000);
});

describe('a stranger cannot lock a member out (lock after 4 failures for 60 s)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('throttle_targeted', {
      LOGIN_FREE_ATTEMPTS: '3',
      LOGIN_LOCK_AFTER: '4',
      LOGIN_LOCK_SECONDS: '60',
      LOGIN_ACCOUNT_MAX_ADDRESSES: '3',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => app.close());

  it("locks the account at the stranger's address only; the member signs in from their own", async () => {
    const victim = await register(app);
    const stranger = '203.0.113.66';
    for (let failure = 0; failure < 3; failure += 1) await fail(app, victim, stranger);
    await sleep(retryAfterOf(await attempt(app, victim.email, WRONG_PASSWORD, stranger)) * 1_000 + 150);
    const lockedFrom = Date.now();
    await fail(app, victim, stranger);
    const locked = retryAfterOf(await attempt(app, victim.email, victim.password, stranger));
    expect(locked).toBeGreaterThanOrEqual(leastRemaining(60, lockedFrom));

    const home = await attempt(app, victim.email, victim.password, '192.0.2.10');
    expect(home.status).toBe(200);
    expect(home.body.user.id).toBe(victim.id);
  });

  it('slows guesses from many addresses at one account, but not the addresses the member signs in from', async () => {
    const victim = await register(app);
    expect((await attempt(app, victim.email, victim.password, '192.0.2.20')).status).toBe(200);
    for (let address = 1; address <= 3; address += 1) await fail(app, victim, `203.0.113.${100 + address}`);
    retryAfterOf(await attempt(app, victim.email, WRONG_PASSWORD, '203.0.113.200'));
    expect((await attempt(app, victim.email, victim.password, '192.0.2.20')).status).toBe(200);
  });
});
