import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { expectError, fieldsOf } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { login, newMember, register } from './support/users.js';

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/me';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('auth');
});
afterAll(() => app.close());

describe('register, login and me', () => {
  it('registers a member, signs in and reads the same user from /me, never exposing a password or hash', async () => {
    const member = newMember();
    const registered = await app.http.post(REGISTER).send(member).expect(201);
    expect(registered.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        email: member.email,
        displayName: member.displayName,
        role: 'member',
        status: 'active',
        emailVerified: false,
        locale: 'en',
        createdAt: expect.any(String),
      },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 15 * 60,
    });
    const text = JSON.stringify(registered.body);
    expect(text).not.toContain(member.password);
    expect(text).not.toMatch(/password|hash|argon/i);

    const signedIn = await app.http.post(LOGIN).send({ email: member.email, password: member.password }).expect(200);
    expect(signedIn.body.user).toEqual(registered.body.user);
    expect(signedIn.body).toEqual({
      user: registered.body.user,
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 15 * 60,
    });
    expect(signedIn.body.refreshToken).not.toBe(registered.body.refreshToken);
    expect(JSON.stringify(signedIn.body)).not.toMatch(/password|hash|argon/i);

    for (const token of [registered.body.accessToken, signedIn.body.accessToken]) {
      const me = await app.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toEqual(registered.body.user);
      expect(JSON.stringify(me.body)).not.toMatch(/password|hash|argon/i);
    }
  });

  it('refuses /me without a token, and with a garbage token, in the error shape', async () => {
    const missing = await app.http.get(ME).expect(401);
    expect(missing.body).toEqual({
      statusCode: 401,
      code: 'unauthenticated',
      error: 'Unauthorized',
      message: expect.any(String),
      details: [],
    });

    for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2lnbmF0dXJl']) {
      const garbage = await app.http.get(ME).set('Authorization', `Bearer ${token}`).expect(401);
      expect(garbage.body).toEqual({
        statusCode: 401,
        code: 'unauthenticated',
        error: 'Unauthorized',
        message: expect.any(String),
        details: [],
      });
    }
  });
});

describe('wrong credentials', () => {
  it('answers a wrong password and an unknown email alike: 401 with the same message', async () => {
    const member = await register(app);
    const wrongPassword = await app.http
      .post(LOGIN)
      .send({ email: member.email, password: 'Not-the-password-1' })
      .expect(401);
    const unknownEmail = await app.http
      .post(LOGIN)
      .send({ email: 'nobody-here@plenary.test', password: member.password })
      .expect(401);
    expectError(wrongPassword.body, 401);
    expectError(unknownEmail.body, 401);
    expect(wrongPassword.body.message).toBe('Email or password is incorrect');
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(JSON.stringify(wrongPassword.body)).not.toContain(member.email);
  });

  it('does the same database work for an unknown email as for a wrong password, so timing tells nothing', async () => {
    const member = await register(app);
    /** The database calls (collection and operation) made while one failed sign-in is served. */
    async function callsDuring(email: string): Promise<string[]> {
      const calls: string[] = [];
      app.connection.set('debug', (collection: string, method: string) => {
        // The mail queue works in the background (the registration's verification mail), whatever the request.
        if (!collection.startsWith('mail_')) calls.push(`${collection}.${method}`);
      });
      try {
        await app.http
          .post(LOGIN)
          .set('X-Forwarded-For', '192.0.2.1')
          .send({ email, password: 'Not-the-password-1' })
          .expect(401);
      } finally {
        app.connection.set('debug', false);
      }
      return calls;
    }
    const known = await callsDuring(member.email);
    const unknown = await callsDuring(`nobody-${Date.now()}@plenary.test`);
    expect(known).toContain('credentials.findOne');
    expect(unknown).toEqual(known);
  });
});

describe('registration refusals', () => {
  it('refuses a duplicate email in any letter case with 409 on email, and writes nothing', async () => {
    await app.http
      .post(REGISTER)
      .send(newMember({ email: 'Ana@X.org', displayName: 'Ana' }))
      .expect(201);
    const before = await documentCounts(app.connection);

    for (const email of ['ana@x.org', 'Ana@X.org', 'ANA@X.ORG', '  ana@X.org  ']) {
      const duplicate = await app.http
        .post(REGISTER)
        .send(newMember({ email, displayName: 'Other Ana' }))
        .expect(409);
      const body = expectError(duplicate.body, 409);
      expect(body.details).toEqual([{ field: 'email', problem: expect.any(String) }]);
    }
    expect(await documentCounts(app.connection)).toEqual(before);
  });

  it('answers weak or malformed fields with exactly one detail per bad field, and writes nothing', async () => {
    const before = await documentCounts(app.connection);

    const allBad = await app.http
      .post(REGISTER)
      .send({ email: 'not-an-email', password: 'short', displayName: '' })
      .expect(400);
    const allBadBody = expectError(allBad.body, 400);
    expect(fieldsOf(allBadBody)).toEqual(['displayName', 'email', 'password']);
    for (const detail of allBad.body.details as { field: string; problem: unknown }[]) {
      expect(detail).toEqual({ field: detail.field, problem: expect.any(String) });
      expect(detail.problem).not.toBe('');
    }

    const noDigitOrSymbol = await app.http
      .post(REGISTER)
      .send(newMember({ password: 'onlylettershere' }))
      .expect(400);
    expect(noDigitOrSymbol.body.details).toEqual([
      { field: 'password', problem: 'must contain a letter and a digit or symbol' },
    ]);

    const tooShort = await app.http
      .post(REGISTER)
      .send(newMember({ password: 'Short-1' }))
      .expect(400);
    expect(tooShort.body.details).toEqual([{ field: 'password', problem: 'must be at least 10 characters long' }]);

    const badEmail = await app.http
      .post(REGISTER)
      .send(newMember({ email: 'ana@' }))
      .expect(400);
    expect(badEmail.body.details).toEqual([{ field: 'email', problem: 'must be a valid email address' }]);

    const controlName = await app.http
      .post(REGISTER)
      .send(newMember({ displayName: '\u0000hidden' }))
      .expect(400);
    expect(fieldsOf(controlName.body)).toEqual(['displayName']);

    const nothing = await app.http.post(REGISTER).send({}).expect(400);
    expect(fieldsOf(expectError(nothing.body, 400))).toEqual(['displayName', 'email', 'password']);
    expect(nothing.body.message).toContain('email');

    const { password: _password, ...withoutPassword } = newMember();
    const missingPassword = await app.http.post(REGISTER).send(withoutPassword).expect(400);
    expect(fieldsOf(missingPassword.body)).toEqual(['password']);

    const wrongTypes = await app.http
      .post(REGISTER)
      .send({ email: 42, password: ['Correct-horse-9'], displayName: { name: 'Ana' } })
      .expect(400);
    expect(fieldsOf(wrongTypes.body)).toEqual(['displayName', 'email', 'password']);

    expect(await documentCounts(app.connection)).toEqual(before);
  });

  it('refuses unknown fields on register by name, and writes nothing', async () => {
    const before = await documentCounts(app.connection);
    const unknown = await app.http
      .post(REGISTER)
      .send({ ...newMember(), role: 'admin' })
      .expect(400);
    expect(expectError(unknown.body, 400).details).toEqual([{ field: 'role', problem: 'is not an allowed field' }]);
    expect(unknown.body.message).toContain('role');

    const two = await app.http
      .post(REGISTER)
      .send({ ...newMember(), status: 'active', isAdmin: true })
      .expect(400);
    expect(two.body.details).toEqual(
      expect.arrayContaining([
        { field: 'status', problem: 'is not an allowed field' },
        { field: 'isAdmin', problem: 'is not an allowed field' },
      ]),
    );
    expect(two.body.details).toHaveLength(2);
    expect(await documentCounts(app.connection)).toEqual(before);
  });

  it('refuses unknown fields on login with 400 before any password check, and writes nothing', async () => {
    const member = await register(app);
    const before = await documentCounts(app.connection);

    for (const password of [member.password, 'Not-the-password-1']) {
      const refused = await app.http.post(LOGIN).send({ email: member.email, password, rememberMe: true }).expect(400);
      expect(expectError(refused.body, 400).details).toEqual([
        { field: 'rememberMe', problem: 'is not an allowed field' },
      ]);
    }
    const malformed = await app.http.post(LOGIN).send({ email: 'not-an-email', password: '' }).expect(400);
    expect(fieldsOf(malformed.body)).toEqual(['email', 'password']);

    // No failure was counted and no sign-in was started.
    expect(await documentCounts(app.connection)).toEqual(before);
  });
});

describe('stored credentials', () => {
  it('keeps no password hash on users; credentials hold an argon2id hash', async () => {
    const member = await register(app);
    const db = app.connection.db!;

    const users = await db.collection('users').find({}).toArray();
    expect(users.length).toBeGreaterThanOrEqual(2);
    for (const user of users) {
      expect(Object.keys(user).filter((key) => /password|hash|credential/i.test(key))).toEqual([]);
      expect(JSON.stringify(user)).not.toContain('$argon2');
    }

    const credential = await db.collection('credentials').findOne({ userId: new Types.ObjectId(member.id) });
    expect(credential).not.toBeNull();
    expect(credential!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(credential!.passwordHash).not.toContain(member.password);

    // Even the seeded admin, who may read every user, never sees a hash.
    const admin = await login(app, { email: 'admin@plenary.test', password: 'Admin-password-1' });
    const viaAdmin = await app.http.get(`/api/v1/users/${member.id}`).set(admin.auth).expect(200);
    expect(viaAdmin.body.email).toBe(member.email);
    expect(JSON.stringify(viaAdmin.body)).not.toMatch(/password|hash|argon/i);
  });
});

describe('email normalization', () => {
  it('signs in with the email in another letter case', async () => {
    const registered = await register(app, { email: 'Mixed@Case.test' });
    expect(registered.email).toBe('Mixed@Case.test');

    for (const email of ['mixed@case.test', 'MIXED@CASE.TEST', '  Mixed@case.Test ']) {
      const signedIn = await login(app, { email, password: registered.password });
      expect(signedIn.id).toBe(registered.id);
    }
    const me = await app.http
      .get(ME)
      .set((await login(app, { email: 'mixed@case.test', password: registered.password })).auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: registered.id, email: 'Mixed@Case.test' });
  });
});
