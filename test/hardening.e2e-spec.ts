import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import type { ErrorBody } from './support/fixtures.js';
import { expectError } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

/** A JSON text nested `levels` deep in a field, built as text: too deep to build as an object and stringify. */
function deepJson(field: string, levels: number): string {
  return `{"${field}":${'['.repeat(levels)}"x"${']'.repeat(levels)},"email":"deep@plenary.test","displayName":"Deep"}`;
}

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Cursors no page of a name-sorted list makes (a number, null, a huge string, an object, a bad id)... */
const FORGED_CURSORS = [
  forged([1e300, '6b0493a45680ffc9e5fc590f']),
  forged([123, 'not an id']),
  forged([null, '6b0493a45680ffc9e5fc590f']),
  forged([1.5, '6b0493a45680ffc9e5fc590f']),
  forged(['a'.repeat(5000), '6b0493a45680ffc9e5fc590f']),
  forged([{ $gt: '' }, '6b0493a45680ffc9e5fc590f']),
];
/** ...and, for date-sorted lists, a text where a date was. */
const FORGED_DATE_CURSORS = [...FORGED_CURSORS, forged(['x', '6b0493a45680ffc9e5fc590f'])];

let app: TestApp;
let admin: SignedIn;
let groupId: string;

beforeAll(async () => {
  app = await startTestApp('hardening');
  admin = await loginAdmin(app);
  const group = await app.http
    .post('/api/v1/groups')
    .set(admin.auth)
    .send({ name: 'Hardening Group', type: 'working_group', joinPolicy: 'request' })
    .expect(201);
  groupId = group.body.id;
});
afterAll(() => app.close());

/** Sends a request that must be refused with `status`, and checks it wrote nothing. */
async function refusedWithoutWrites(
  send: () => PromiseLike<{ status: number; body: unknown }>,
  status: number,
): Promise<ErrorBody> {
  const before = await documentCounts(app.connection);
  const response = await send();
  expect(response.status).toBe(status);
  const body = expectError(response.body, status);
  expect(await documentCounts(app.connection)).toEqual(before);
  return body;
}

describe('bad input is a 4xx, never a 5xx, and writes nothing', () => {
  it('refuses a body nested 2,500 levels deep before validating it', async () => {
    const body = await refusedWithoutWrites(
      () =>
        app.http
          .post('/api/v1/auth/register')
          .set('Content-Type', 'application/json')
          .send(deepJson('password', 2_500)),
      400,
    );
    expect(body).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'password', problem: expect.stringMatching(/nested too deeply/) }],
    });
  });

  it('refuses a socket payload nested 2,500 levels deep with an error ack', async () => {
    const socket: Socket = io(app.url, { auth: { token: admin.accessToken }, transports: ['websocket'] });
    try {
      let echo: unknown = 'x';
      for (let level = 0; level < 2_500; level += 1) echo = [echo];
      const ack = await socket.timeout(10_000).emitWithAck('ping', { echo });
      expect(ack).toEqual({
        ok: false,
        error: expect.objectContaining({
          statusCode: 400,
          code: 'validation_failed',
          details: [{ field: 'echo', problem: expect.stringMatching(/nested too deeply/) }],
        }),
      });
    } finally {
      socket.disconnect();
    }
  });

  it.each(['/api/v1/members', '/api/v1/groups', '/api/v1/groups/counts', '/api/v1/users'])(
    'refuses a NUL byte in the search text of %s',
    async (path) => {
      const body = await refusedWithoutWrites(() => app.http.get(path).query({ q: 'a\u0000b' }).set(admin.auth), 400);
      expect(body.details).toEqual([{ field: 'q', problem: 'must not contain NUL characters' }]);
    },
  );

  it('refuses a lone UTF-16 surrogate in an email, on register and on login', async () => {
    const lone = 'amina\ud800@plenary.test';
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/login']) {
      const body = await refusedWithoutWrites(
        () =>
          app.http
            .post(path)
            .set('Content-Type', 'application/json')
            .send(
              `{"email":"${lone.replace('\ud800', '\\ud800')}","password":"Correct-horse-9","displayName":"Amina"}`,
            ),
        400,
      );
      expect(body.details).toEqual([{ field: 'email', problem: 'must be valid Unicode text' }]);
    }
  });

  it('refuses forged cursors on every list that pages by cursor', async () => {
    const lists: [string, string[]][] = [
      ['/api/v1/users', FORGED_DATE_CURSORS],
      [`/api/v1/groups/${groupId}/members`, FORGED_DATE_CURSORS],
      [`/api/v1/groups/${groupId}/requests`, FORGED_DATE_CURSORS],
      ['/api/v1/groups', FORGED_CURSORS],
      ['/api/v1/members', FORGED_CURSORS],
    ];
    for (const [path, cursors] of lists) {
      for (const cursor of cursors) {
        const body = await refusedWithoutWrites(() => app.http.get(path).query({ cursor }).set(admin.auth), 400);
        expect(body.details).toEqual([{ field: 'cursor', problem: 'must be a cursor returned by a previous page' }]);
      }
    }
  });

  it('answers 409 for a group renamed to an existing name in another letter case', async () => {
    const other = await app.http
      .post('/api/v1/groups')
      .set(admin.auth)
      .send({ name: 'Case Clash', type: 'working_group' })
      .expect(201);
    const body = await refusedWithoutWrites(
      () => app.http.patch(`/api/v1/groups/${other.body.id}`).set(admin.auth).send({ name: 'HARDENING group' }),
      409,
    );
    expect(body).toMatchObject({ code: 'conflict', details: [{ field: 'name', problem: 'is already taken' }] });
  });
});

describe('small leaks and promises', () => {
  it("hides a private-profile member's account from other members, as their profile is hidden", async () => {
    const [hidden, other, moderator] = [
      await register(app),
      await register(app),
      await registerWithRole(app, 'moderator'),
    ];
    await app.http.patch('/api/v1/members/me').set(hidden.auth).send({ visibility: 'private' }).expect(200);
    expect(expectError((await app.http.get(`/api/v1/users/${hidden.id}`).set(other.auth)).body, 404).code).toBe(
      'not_found',
    );
    expect(
      (await app.http.patch(`/api/v1/users/${hidden.id}`).set(other.auth).send({ displayName: 'Renamed' })).status,
    ).toBe(404);
    for (const caller of [hidden, moderator, admin]) {
      expect((await app.http.get(`/api/v1/users/${hidden.id}`).set(caller.auth).expect(200)).body.id).toBe(hidden.id);
    }
    await app.http.patch('/api/v1/members/me').set(hidden.auth).send({ visibility: 'members' }).expect(200);
    await app.http.get(`/api/v1/users/${hidden.id}`).set(other.auth).expect(200);
  });

  it('acknowledges an unknown socket event with an unknown_event error, and stays usable', async () => {
    const socket: Socket = io(app.url, { auth: { token: admin.accessToken }, transports: ['websocket'] });
    try {
      const ack = await socket.timeout(5_000).emitWithAck('no.such.event', { anything: true });
      expect(ack).toEqual({
        ok: false,
        error: {
          statusCode: 404,
          code: 'unknown_event',
          error: 'Not Found',
          message: 'Unknown event: no.such.event',
          details: [],
        },
      });
      expect(await socket.timeout(5_000).emitWithAck('ping', {})).toMatchObject({ ok: true });
    } finally {
      socket.disconnect();
    }
  });
});
