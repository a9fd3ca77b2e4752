import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { type Auth, expectError, fieldsOf, walkPages } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { login, loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const ME = '/api/v1/me';
const USERS = '/api/v1/users';
const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';

interface UserBody {
  id: string;
  displayName: string;
  role: string;
  status: string;
  email?: string;
  createdAt: string;
}

function patchUser(app: TestApp, auth: Auth, id: string, changes: object) {
  return app.http.patch(`${USERS}/${id}`).set(auth).send(changes);
}

/** The user as an admin reads it (with email), to compare before and after a refused change. */
async function readAs(app: TestApp, admin: SignedIn, id: string): Promise<UserBody> {
  return (await app.http.get(`${USERS}/${id}`).set(admin.auth).expect(200)).body as UserBody;
}

async function listIds(app: TestApp, auth: Auth, query: Record<string, string | number>): Promise<string[]> {
  const response = await app.http
    .get(USERS)
    .set(auth)
    .query({ limit: 100, ...query })
    .expect(200);
  expect(response.body.nextCursor).toBeNull();
  return (response.body.items as UserBody[]).map((user) => user.id);
}

async function walk(
  app: TestApp,
  auth: Auth,
  limit: number,
  between: () => Promise<void> = async () => undefined,
): Promise<{ ids: string[]; pages: number }> {
  const { items, pages } = await walkPages<UserBody>(app, USERS, { limit, auth, between });
  return { ids: items.map((user) => user.id), pages };
}

describe('PATCH /users/:id permissions', () => {
  let app: TestApp;
  let member: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('users_patch');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    member = await register(app);
  }, 60_000);
  afterAll(() => app.close());

  type Actor = 'member' | 'moderator' | 'admin';
  type Target = 'self' | 'member' | 'moderator';
  interface Row {
    actor: Actor;
    target: Target;
    changes: { displayName?: string; role?: string; status?: string; reason?: string };
    expected: 200 | 403;
  }

  const rows: Row[] = [
    // a member: own display name only
    { actor: 'member', target: 'self', changes: { displayName: 'Member Renamed' }, expected: 200 },
    { actor: 'member', target: 'self', changes: { role: 'admin' }, expected: 403 },
    { actor: 'member', target: 'self', changes: { role: 'moderator' }, expected: 403 },
    { actor: 'member', target: 'self', changes: { status: 'suspended', reason: 'Spam' }, expected: 403 },
    { actor: 'member', target: 'member', changes: { displayName: 'Not Yours' }, expected: 403 },
    { actor: 'member', target: 'member', changes: { role: 'admin' }, expected: 403 },
    { actor: 'member', target: 'member', changes: { status: 'suspended', reason: 'Spam' }, expected: 403 },
    { actor: 'member', target: 'moderator', changes: { status: 'suspended', reason: 'Spam' }, expected: 403 },
    // a moderator: own display name, and the status of members
    { actor: 'moderator', target: 'self', changes: { displayName: 'Moderator Renamed' }, expected: 200 },
    { actor: 'moderator', target: 'self', changes: { role: 'admin' }, expected: 403 },
    { actor: 'moderator', target: 'member', changes: { displayName: 'Not Yours' }, expected: 403 },
    { actor: 'moderator', target: 'member', changes: { role: 'admin' }, expected: 403 },
    { actor: 'moderator', target: 'member', changes: { role: 'moderator' }, expected: 403 },
    { actor: 'moderator', target: 'member', changes: { status: 'suspended', reason: 'Spam' }, expected: 200 },
    {
      actor: 'moderator',
      target: 'member',
      changes: { status: 'suspended', reason: 'Spam', displayName: 'Half Allowed' },
      expected: 403,
    },
    { actor: 'moderator', target: 'moderator', changes: { status: 'suspended', reason: 'Spam' }, expected: 403 },
    // an admin: anything
    { actor: 'admin', target: 'self', changes: { displayName: 'Admin Renamed' }, expected: 200 },
    { actor: 'admin', target: 'member', changes: { displayName: 'Renamed By Admin' }, expected: 200 },
    { actor: 'admin', target: 'member', changes: { role: 'admin' }, expected: 200 },
    { actor: 'admin', target: 'member', changes: { role: 'moderator' }, expected: 200 },
    { actor: 'admin', target: 'moderator', changes: { role: 'member' }, expected: 200 },
    { actor: 'admin', target: 'member', changes: { status: 'suspended', reason: 'Spam' }, expected: 200 },
    { actor: 'admin', target: 'moderator', changes: { status: 'suspended', reason: 'Spam' }, expected: 200 },
  ];

  it.each(rows.map((row) => [`${row.actor} → ${row.target} ${JSON.stringify(row.changes)}: ${row.expected}`, row]))(
    '%s',
    async (_title, row) => {
      const { actor: actorName, target, changes, expected } = row as Row;
      const actor = { member, moderator, admin }[actorName];
      const targetId =
        target === 'self'
          ? actor.id
          : target === 'member'
            ? (await register(app)).id
            : (await registerWithRole(app, 'moderator')).id;

      const before = await readAs(app, admin, targetId);
      const countsBefore = await documentCounts(app.connection);
      const response = await patchUser(app, actor.auth, targetId, changes);
      expect(response.status).toBe(expected);
      const after = await readAs(app, admin, targetId);

      if (expected === 403) {
        expectError(response.body, 403);
        expect(await documentCounts(app.connection)).toEqual(countsBefore);
        expect(after).toEqual(before);
      } else {
        // A suspension's reason goes to the audit log, not into the user.
        const { reason: _reason, ...fields } = changes;
        expect(response.body).toMatchObject(fields);
        expect(after).toEqual({ ...before, ...fields });
        // the change is visible to everyone who may read the user
        const seenByActor = await app.http.get(`${USERS}/${targetId}`).set(actor.auth).expect(200);
        expect(seenByActor.body).toMatchObject(fields);
      }
    },
    30_000,
  );

  it('an admin promotes a member, who then acts with the new role, and demotes them back', async () => {
    const target = await register(app);
    await patchUser(app, target.auth, target.id, { role: 'moderator' }).expect(403);
    const promoted = await patchUser(app, admin.auth, target.id, { role: 'moderator' }).expect(200);
    expect(promoted.body).toMatchObject({ id: target.id, role: 'moderator', email: target.email });
    // the same access token now carries the new role: the role is read from the database
    await app.http.get(USERS).set(target.auth).expect(200);
    expect((await app.http.get(ME).set(target.auth).expect(200)).body.role).toBe('moderator');
    await patchUser(app, admin.auth, target.id, { role: 'member' }).expect(200);
    await app.http.get(USERS).set(target.auth).expect(403);
  }, 30_000);
});

describe('the last active admin', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('users_last_admin');
  }, 60_000);
  afterAll(() => app.close());

  it('cannot demote or suspend themselves (409), but can once another admin exists', async () => {
    const admin = await loginAdmin(app);
    const before = await app.http.get(ME).set(admin.auth).expect(200);
    const counts = await documentCounts(app.connection);
    for (const changes of [
      { role: 'member' },
      { role: 'moderator' },
      { status: 'suspended', reason: 'Spam' },
      { role: 'admin', status: 'suspended', reason: 'Spam' },
    ]) {
      const refused = await patchUser(app, admin.auth, admin.id, changes);
      expect(refused.status).toBe(409);
      expect(expectError(refused.body, 409).message).toMatch(/last active admin/i);
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect((await app.http.get(ME).set(admin.auth).expect(200)).body).toEqual(before.body);
    // harmless changes to the last admin still go through
    await patchUser(app, admin.auth, admin.id, { role: 'admin', status: 'active' }).expect(200);

    // a suspended admin does not count as another admin
    const other = await registerWithRole(app, 'admin');
    await patchUser(app, admin.auth, other.id, { status: 'suspended', reason: 'Spam' }).expect(200);
    await patchUser(app, admin.auth, admin.id, { role: 'member' }).expect(409);
    await patchUser(app, admin.auth, other.id, { status: 'active' }).expect(200);

    // with a second active admin, the first may step down
    const demoted = await patchUser(app, admin.auth, admin.id, { role: 'moderator' }).expect(200);
    expect(demoted.body).toMatchObject({ id: admin.id, role: 'moderator', status: 'active' });
    const second = await login(app, other);
    // now the second admin is the last one
    await patchUser(app, second.auth, second.id, { status: 'suspended', reason: 'Spam' }).expect(409);
    await patchUser(app, second.auth, second.id, { role: 'member' }).expect(409);
    // the former admin cannot take the role back by themself
    await patchUser(app, admin.auth, admin.id, { role: 'admin' }).expect(403);
    await patchUser(app, second.auth, admin.id, { role: 'admin' }).expect(200);
    // two admins again: the second may suspend themself, and is then locked out
    await patchUser(app, second.auth, second.id, { status: 'suspended', reason: 'Spam' }).expect(200);
    await app.http.get(ME).set(second.auth).expect(403);
    await patchUser(app, admin.auth, admin.id, { status: 'suspended', reason: 'Spam' }).expect(409);
  }, 60_000);
});

describe('suspension', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('users_suspension');
  }, 60_000);
  afterAll(() => app.close());

  it('needs a reason to suspend, and a time to suspend until that is in the future', async () => {
    const admin = await loginAdmin(app);
    const member = await register(app);
    const counts = await documentCounts(app.connection);
    const noReason = await patchUser(app, admin.auth, member.id, { status: 'suspended' }).expect(400);
    expect(expectError(noReason.body, 400).details).toEqual([{ field: 'reason', problem: 'is required' }]);
    const past = await patchUser(app, admin.auth, member.id, {
      status: 'suspended',
      reason: 'Spam',
      suspendedUntil: new Date(Date.now() - 60_000).toISOString(),
    }).expect(400);
    expect(expectError(past.body, 400).details).toEqual([
      { field: 'suspendedUntil', problem: 'must be in the future' },
    ]);
    expect(await documentCounts(app.connection)).toEqual(counts);
  });

  it('lifts a suspension for a time when it ends, on the next sign-in', async () => {
    const admin = await loginAdmin(app);
    const member = await register(app);
    const until = new Date(Date.now() + 2_000).toISOString();
    const suspended = await patchUser(app, admin.auth, member.id, {
      status: 'suspended',
      reason: 'Cooling off',
      suspendedUntil: until,
    }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedUntil: until });
    expect((await app.http.post(LOGIN).send({ email: member.email, password: member.password })).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const back = await app.http.post(LOGIN).send({ email: member.email, password: member.password }).expect(200);
    expect(back.body.user).toMatchObject({ id: member.id, status: 'active' });
    expect(back.body.user).not.toHaveProperty('suspendedUntil');
  });

  it('locks a suspended user out (login, refresh, access token) until an admin reactivates them', async () => {
    const admin = await loginAdmin(app);
    const member = await register(app);
    const secondSession = await login(app, member);
    await app.http.get(ME).set(member.auth).expect(200);

    const suspended = await patchUser(app, admin.auth, member.id, { status: 'suspended', reason: 'Spam' }).expect(200);
    expect(suspended.body).toMatchObject({ id: member.id, status: 'suspended' });

    const loginRight = await app.http.post(LOGIN).send({ email: member.email, password: member.password });
    expect(loginRight.status).toBe(403);
    expect(expectError(loginRight.body, 403).message).toMatch(/suspended/i);
    expect(loginRight.body).not.toHaveProperty('accessToken');
    // a wrong password still says only that the credentials are wrong
    const loginWrong = await app.http.post(LOGIN).send({ email: member.email, password: 'Wrong-password-1' });
    expect(loginWrong.status).toBe(401);

    for (const refreshToken of [member.refreshToken, secondSession.refreshToken]) {
      const refreshed = await app.http.post(REFRESH).send({ refreshToken });
      expect(refreshed.status).toBe(403);
      expect(expectError(refreshed.body, 403).message).toMatch(/suspended/i);
    }
    for (const auth of [member.auth, secondSession.auth]) {
      const me = await app.http.get(ME).set(auth);
      expect(me.status).toBe(403);
      expectError(me.body, 403);
      await app.http.get(`${USERS}/${admin.id}`).set(auth).expect(403);
    }
    const ownChange = await patchUser(app, member.auth, member.id, { displayName: 'Still Here' });
    expect(ownChange.status).toBe(403);

    const reactivated = await patchUser(app, admin.auth, member.id, { status: 'active' }).expect(200);
    expect(reactivated.body).toMatchObject({ id: member.id, status: 'active' });
    const again = await login(app, member);
    expect((await app.http.get(ME).set(again.auth).expect(200)).body).toMatchObject({
      id: member.id,
      email: member.email,
      status: 'active',
    });
    await app.http.post(REFRESH).send({ refreshToken: again.refreshToken }).expect(200);
    // the refresh tokens revoked by the suspension stay revoked
    await app.http.post(REFRESH).send({ refreshToken: member.refreshToken }).expect(401);
  }, 60_000);
});

describe('GET /users', () => {
  let app: TestApp;
  let admin: SignedIn;
  let moderator: SignedIn;
  let member: SignedIn;
  let nameMatch: SignedIn;
  let emailMatch: SignedIn;
  let suspended: SignedIn;
  /** Every user, oldest first. */
  let everyone: SignedIn[];

  beforeAll(async () => {
    app = await startTestApp('users_list');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    member = await register(app);
    nameMatch = await register(app, { displayName: 'Ada QuokkaFan' });
    const extra1 = await register(app);
    emailMatch = await register(app, {
      email: `The.QUOKKA.keeper-${new Types.ObjectId().toHexString()}@plenary.test`,
      displayName: 'Keeper',
    });
    suspended = await register(app);
    const extra2 = await register(app);
    const extra3 = await register(app);
    await patchUser(app, admin.auth, suspended.id, { status: 'suspended', reason: 'Spam' }).expect(200);
    everyone = [admin, moderator, member, nameMatch, extra1, emailMatch, suspended, extra2, extra3];
  }, 60_000);
  afterAll(() => app.close());

  const sorted = (ids: string[]) => [...ids].sort();
  const idsOf = (users: SignedIn[]) => users.map((user) => user.id);

  it('is for moderators and admins only', async () => {
    const refused = await app.http.get(USERS).set(member.auth);
    expect(refused.status).toBe(403);
    expectError(refused.body, 403);
    await app.http.get(USERS).expect(401);
    for (const caller of [moderator, admin]) {
      const response = await app.http.get(USERS).set(caller.auth).query({ limit: 100 }).expect(200);
      expect(response.body.nextCursor).toBeNull();
      // newest first, with emails for moderators and admins
      expect(response.body.items.map((user: UserBody) => user.id)).toEqual(idsOf(everyone).reverse());
      for (const user of response.body.items as UserBody[]) {
        expect(user).toEqual({
          id: user.id,
          displayName: expect.any(String),
          role: expect.stringMatching(/^(admin|moderator|member)$/),
          status: expect.stringMatching(/^(active|suspended)$/),
          email: expect.stringContaining('@'),
          ...(user.id === caller.id ? { emailVerified: expect.any(Boolean), locale: 'en' } : {}),
          createdAt: expect.any(String),
        });
      }
    }
    // the default page size is 20
    const defaultPage = await app.http.get(USERS).set(admin.auth).expect(200);
    expect(defaultPage.body.items).toHaveLength(everyone.length);
  });

  it('filters by role, status and q, each returning exactly the matching users', async () => {
    const members = everyone.filter((user) => ![admin, moderator].includes(user));
    expect(sorted(await listIds(app, admin.auth, { role: 'admin' }))).toEqual([admin.id]);
    expect(sorted(await listIds(app, admin.auth, { role: 'moderator' }))).toEqual([moderator.id]);
    expect(sorted(await listIds(app, moderator.auth, { role: 'member' }))).toEqual(sorted(idsOf(members)));
    expect(sorted(await listIds(app, admin.auth, { status: 'suspended' }))).toEqual([suspended.id]);
    expect(sorted(await listIds(app, admin.auth, { status: 'active' }))).toEqual(
      sorted(idsOf(everyone.filter((user) => user !== suspended))),
    );
    // q: part of the display name or the email, in any letter case
    expect(sorted(await listIds(app, admin.auth, { q: 'qUoKkA' }))).toEqual(sorted([nameMatch.id, emailMatch.id]));
    expect(await listIds(app, admin.auth, { q: 'quokkafan' })).toEqual([nameMatch.id]);
    expect(await listIds(app, admin.auth, { q: 'QUOKKA.KEEPER' })).toEqual([emailMatch.id]);
    expect(await listIds(app, admin.auth, { q: member.email.toUpperCase() })).toEqual([member.id]);
    expect(sorted(await listIds(app, admin.auth, { q: 'PLENARY.test' }))).toEqual(sorted(idsOf(everyone)));
    // q is text, not a pattern
    expect(await listIds(app, admin.auth, { q: '.*' })).toEqual([]);
    expect(await listIds(app, admin.auth, { q: 'nobody-by-this-name' })).toEqual([]);
    // filters combine
    expect(await listIds(app, admin.auth, { role: 'member', status: 'suspended' })).toEqual([suspended.id]);
    expect(await listIds(app, admin.auth, { role: 'moderator', q: 'quokka' })).toEqual([]);
    expect(await listIds(app, admin.auth, { role: 'member', status: 'active', q: 'QUOKKA' })).toEqual([
      emailMatch.id,
      nameMatch.id,
    ]);
  });

  it('walks every user with limit=2, newest first, with no duplicates and no gaps', async () => {
    const { ids, pages } = await walk(app, admin.auth, 2);
    expect(ids).toEqual(idsOf(everyone).reverse());
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(everyone.length / 2));
    // a filtered list pages the same way
    expect((await walk(app, moderator.auth, 2)).ids).toEqual(ids);
    const filtered: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await app.http
        .get(USERS)
        .set(admin.auth)
        .query({ limit: 2, status: 'active', ...(cursor ? { cursor } : {}) })
        .expect(200);
      filtered.push(...response.body.items.map((user: UserBody) => user.id));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    expect(filtered).toEqual(idsOf(everyone.filter((user) => user !== suspended)).reverse());
  });

  it('refuses bad query parameters with a 400 naming them', async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: '!!!' }, 'cursor'],
      [{ cursor: Buffer.from('{"a":1}').toString('base64url') }, 'cursor'],
      [{ cursor: Buffer.from('[1,2,3]').toString('base64url') }, 'cursor'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: -1 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ role: 'superuser' }, 'role'],
      [{ status: 'banned' }, 'status'],
      [{ q: '   ' }, 'q'],
      [{ sort: 'displayName' }, 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await app.http.get(USERS).set(admin.auth).query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect({ query, fields: fieldsOf(expectError(response.body, 400)) }).toEqual({ query, fields: [field] });
    }
    // the limits themselves are allowed
    await app.http.get(USERS).set(admin.auth).query({ limit: 1 }).expect(200);
    await app.http.get(USERS).set(admin.auth).query({ limit: 100 }).expect(200);
  });

  // Last in this block: it adds users.
  it('keeps pages stable while new users arrive between page requests', async () => {
    const before = (await walk(app, admin.auth, 2)).ids;
    const added: string[] = [];
    const { ids } = await walk(app, admin.auth, 2, async () => {
      for (let i = 0; i < 2; i += 1) added.push((await register(app)).id);
    });
    expect(added.length).toBeGreaterThanOrEqual(4);
    expect(ids).toEqual(before);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of added) expect(ids).not.toContain(id);
    // a fresh walk sees the new users first
    const fresh = (await walk(app, admin.auth, 2)).ids;
    expect(fresh).toEqual([...added].reverse().concat(before));
  }, 30_000);
});

describe('GET /users/:id', () => {
  let app: TestApp;
  let admin: SignedIn;
  let moderator: SignedIn;
  let member: SignedIn;
  let other: SignedIn;
  beforeAll(async () => {
    app = await startTestApp('users_get');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    member = await register(app);
    other = await register(app);
  }, 60_000);
  afterAll(() => app.close());

  it('shows the email only to the user themself, moderators and admins', async () => {
    const seenByMember = await app.http.get(`${USERS}/${other.id}`).set(member.auth).expect(200);
    expect(seenByMember.body).toEqual({
      id: other.id,
      displayName: other.displayName,
      role: 'member',
      status: 'active',
      createdAt: expect.any(String),
    });
    expect(seenByMember.body).not.toHaveProperty('email');
    expect(JSON.stringify(seenByMember.body)).not.toContain(other.email);

    // a member reading a moderator or an admin does not see their email either
    const adminByMember = await app.http.get(`${USERS}/${admin.id}`).set(member.auth).expect(200);
    expect(adminByMember.body).not.toHaveProperty('email');
    expect(adminByMember.body.role).toBe('admin');

    const own = await app.http.get(`${USERS}/${member.id}`).set(member.auth).expect(200);
    expect(own.body).toEqual({
      id: member.id,
      displayName: member.displayName,
      role: 'member',
      status: 'active',
      email: member.email,
      emailVerified: false,
      locale: 'en',
      createdAt: expect.any(String),
    });

    for (const caller of [moderator, admin]) {
      const seen = await app.http.get(`${USERS}/${other.id}`).set(caller.auth).expect(200);
      expect(seen.body).toEqual({ ...seenByMember.body, email: other.email });
    }
    // ids are accepted in any letter case
    await app.http.get(`${USERS}/${other.id.toUpperCase()}`).set(member.auth).expect(200);
    await app.http.get(`${USERS}/${other.id}`).expect(401);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    for (const id of ['not-an-id', '123', `${other.id}0`, 'zzzzzzzzzzzzzzzzzzzzzzzz']) {
      const response = await app.http.get(`${USERS}/${id}`).set(member.auth);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(fieldsOf(expectError(response.body, 400))).toEqual(['id']);
    }
    const unknown = await app.http.get(`${USERS}/${new Types.ObjectId().toHexString()}`).set(admin.auth);
    expect(unknown.status).toBe(404);
    expectError(unknown.body, 404);
    await patchUser(app, admin.auth, new Types.ObjectId().toHexString(), { displayName: 'Nobody' }).expect(404);
    await patchUser(app, admin.auth, 'not-an-id', { displayName: 'Nobody' }).expect(400);
  });
});

describe('PATCH /users/:id validation', () => {
  let app: TestApp;
  let admin: SignedIn;
  let target: SignedIn;
  beforeAll(async () => {
    app = await startTestApp('users_validation');
    admin = await loginAdmin(app);
    target = await register(app);
  }, 60_000);
  afterAll(() => app.close());

  it('refuses bad bodies with a 400 naming the field, and writes nothing', async () => {
    const cases: [object, string[]][] = [
      [{ role: 'superuser' }, ['role']],
      [{ status: 'banned' }, ['status']],
      [{ displayName: 'Fine Name', nickname: 'extra' }, ['nickname']],
      [{ email: 'new@plenary.test' }, ['email']],
      [{ displayName: 'x' }, ['displayName']],
      [{ displayName: '   ' }, ['displayName']],
      [{ displayName: 'y'.repeat(81) }, ['displayName']],
      [{ displayName: 42 }, ['displayName']],
      [{ displayName: 'Bell\u0007Name' }, ['displayName']],
      [{ role: 'superuser', status: 'banned' }, ['role', 'status']],
      [{}, []],
      [{ role: null }, ['role']],
      [{ displayName: null }, ['displayName']],
      [{ status: null }, ['status']],
    ];
    const before = await readAs(app, admin, target.id);
    const counts = await documentCounts(app.connection);
    for (const [body, fields] of cases) {
      const response = await patchUser(app, admin.auth, target.id, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect({ body, fields: fieldsOf(expectError(response.body, 400)) }).toEqual({ body, fields });
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect(await readAs(app, admin, target.id)).toEqual(before);
    for (const [body, fields] of cases.filter(([, f]) => f.includes('nickname') || f.includes('email'))) {
      const response = await patchUser(app, admin.auth, target.id, body);
      expect(response.body.details).toContainEqual({ field: fields[0], problem: 'is not an allowed field' });
    }
  });

  it('trims the display name', async () => {
    const response = await patchUser(app, target.auth, target.id, { displayName: '  Trimmed Name  ' }).expect(200);
    expect(response.body.displayName).toBe('Trimmed Name');
  });
});
