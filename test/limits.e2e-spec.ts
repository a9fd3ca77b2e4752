import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { expectError } from './support/http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, newMember, registerWithRole, type SignedIn } from './support/users.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Addresses of this run only: the counters live in the shared Redis for an hour. */
const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** A member registered from an address of its own, so no registration budget is shared with other tests. */
async function registerMember(app: TestApp): Promise<SignedIn> {
  const member = newMember();
  const response = await app.http
    .post('/api/v1/auth/register')
    .set('X-Forwarded-For', address())
    .send(member)
    .expect(201);
  return {
    ...member,
    id: response.body.user.id,
    role: response.body.user.role,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    auth: { Authorization: `Bearer ${response.body.accessToken}` },
  };
}

function expectRateLimited(response: Response, maxSeconds: number): void {
  expect(response.status).toBe(429);
  expect(expectError(response.body, 429).code).toBe('rate_limited');
  const seconds = Number(response.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
}

/** Two instances sharing one Redis, with small budgets: a limit must hold across both. */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  const limits = {
    REDIS_URL,
    TRUST_PROXY: 'true',
    LIMIT_REGISTER_PER_HOUR: '3',
    LIMIT_PUBLIC_READS_PER_MINUTE: '5',
    LIMIT_WRITES_PER_MINUTE: '4',
    LIMIT_GUEST_JOINS_PER_MINUTE: '3',
  };
  a = await startTestApp('limits', limits);
  b = await startTestApp('limits_b', {
    ...limits,
    MONGODB_URI: a.config.mongodbUri,
    JWT_ACCESS_SECRET: a.config.jwt.accessSecret,
    JWT_REFRESH_SECRET: a.config.jwt.refreshSecret,
  });
});
afterAll(async () => {
  await b.close({ keepDatabase: true });
  await a.close();
});

describe('request limits, shared by every instance through Redis', () => {
  it('lets an address register LIMIT_REGISTER_PER_HOUR times an hour, then answers 429 with Retry-After', async () => {
    const venue = address();
    const users = a.connection.collection('users');
    const before = await users.countDocuments();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        (i % 2 === 0 ? a : b).http.post('/api/v1/auth/register').set('X-Forwarded-For', venue).send(newMember()),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(3);
    for (const refused of results.filter((result) => result.status !== 201)) expectRateLimited(refused, 3600);
    expect(await users.countDocuments()).toBe(before + 3);
    // Another address is not held back.
    await a.http.post('/api/v1/auth/register').set('X-Forwarded-For', address()).send(newMember()).expect(201);
  });

  it('lets an address join live sessions as a guest LIMIT_GUEST_JOINS_PER_MINUTE times a minute', async () => {
    const venue = address();
    const hostAddress = address();
    const host = (await a.http.post('/api/v1/auth/register').set('X-Forwarded-For', hostAddress).send(newMember()))
      .body as { accessToken: string };
    const starts = Date.now() + 3_600_000;
    const session = await a.http
      .post('/api/v1/live/sessions')
      .set('X-Forwarded-For', hostAddress)
      .set('Authorization', `Bearer ${host.accessToken}`)
      .send({
        title: 'Guests welcome',
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + 3_600_000).toISOString(),
        timezone: 'UTC',
        format: 'online',
        qa: {
          open: true,
          anonymousAllowed: true,
          guestsAllowed: true,
          preModeration: false,
          maxLength: 500,
          perAttendeeLimit: 3,
        },
      })
      .expect(201);
    const code = (session.body as { code: string }).code;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        (i % 2 === 0 ? a : b).http
          .post('/api/v1/live/join')
          .set('X-Forwarded-For', venue)
          .send({ code, displayName: `Guest ${i}` }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(3);
    for (const refused of results.filter((result) => result.status !== 200)) expectRateLimited(refused, 60);
    await a.http
      .post('/api/v1/live/join')
      .set('X-Forwarded-For', address())
      .send({ code, displayName: 'Other' })
      .expect(200);
  });

  it('limits reads without a token per address, and neither signed-in reads nor the health check', async () => {
    const reader = address();
    const read = (app: TestApp) => app.http.get('/api/v1/taxonomy/objectives').set('X-Forwarded-For', reader);
    for (let i = 0; i < 5; i += 1) expect((await read(i % 2 === 0 ? a : b)).status).toBe(200);
    expectRateLimited(await read(a), 60);
    expectRateLimited(await read(b), 60);
    for (let i = 0; i < 8; i += 1) {
      await a.http.get('/api/v1/health').set('X-Forwarded-For', reader).expect(200);
    }
    const member = await registerMember(a);
    for (let i = 0; i < 8; i += 1) {
      await b.http.get('/api/v1/groups').set('X-Forwarded-For', reader).set(member.auth).expect(200);
    }
  });

  it('limits writes per member, not per address, and not for admins', async () => {
    const member = await registerMember(a);
    const write = (app: TestApp, auth: { Authorization: string }, bio = 'Working on data') =>
      app.http.patch('/api/v1/members/me').set(auth).set('X-Forwarded-For', address()).send({ bio });
    for (let i = 0; i < 4; i += 1) expect((await write(i % 2 === 0 ? a : b, member.auth)).status).toBe(200);
    expectRateLimited(await write(b, member.auth), 60);
    // A refused write changes nothing.
    expectRateLimited(await write(a, member.auth, 'changed after the limit'), 60);
    const profile = await a.http.get('/api/v1/members/me').set(member.auth).expect(200);
    expect(profile.body.bio).toBe('Working on data');

    const admin = await loginAdmin(a);
    for (let i = 0; i < 6; i += 1) expect((await write(i % 2 === 0 ? a : b, admin.auth)).status).toBe(200);
  });
});

describe('request limits of a single instance without Redis', () => {
  let alone: TestApp;
  beforeAll(async () => {
    alone = await startTestApp('limits_alone', { TRUST_PROXY: 'true', LIMIT_REGISTER_PER_HOUR: '2' });
  });
  afterAll(() => alone.close());

  it('counts in memory', async () => {
    const venue = address();
    const register = () => alone.http.post('/api/v1/auth/register').set('X-Forwarded-For', venue).send(newMember());
    await register().expect(201);
    await register().expect(201);
    expectRateLimited(await register(), 3600);
  });
});

describe('budgets of new accounts in the forum', () => {
  let forum: TestApp;
  let categoryId: string;
  beforeAll(async () => {
    forum = await startTestApp('limits_new', {
      TRUST_PROXY: 'true',
      NEW_ACCOUNT_HOURS: '24',
      NEW_ACCOUNT_THREADS_PER_HOUR: '2',
      NEW_ACCOUNT_POSTS_PER_HOUR: '3',
    });
    const admin = await loginAdmin(forum);
    categoryId = (await forum.http.post('/api/v1/categories').set(admin.auth).send({ name: 'Budgets' }).expect(201))
      .body.id;
  });
  afterAll(() => forum.close());

  const startThread = (auth: { Authorization: string }, title: string) =>
    forum.http.post(`/api/v1/categories/${categoryId}/threads`).set(auth).send({ title, body: 'Hello' });

  it('lets a new account start NEW_ACCOUNT_THREADS_PER_HOUR threads and post NEW_ACCOUNT_POSTS_PER_HOUR replies an hour', async () => {
    const fresh = await registerMember(forum);
    const first = await startThread(fresh.auth, 'First thread').expect(201);
    await startThread(fresh.auth, 'Second thread').expect(201);
    expectRateLimited(await startThread(fresh.auth, 'Third thread'), 3600);
    const reply = () =>
      forum.http.post(`/api/v1/threads/${first.body.id}/posts`).set(fresh.auth).send({ body: 'More' });
    for (let i = 0; i < 3; i += 1) await reply().expect(201);
    expectRateLimited(await reply(), 3600);
  });

  it('does not hold back moderators', async () => {
    const moderator = await registerWithRole(forum, 'moderator');
    for (let i = 0; i < 4; i += 1) await startThread(moderator.auth, `Moderator thread ${i}`).expect(201);
  });
});
