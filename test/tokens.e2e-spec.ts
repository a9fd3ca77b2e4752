import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { login, register, type SignedIn } from './support/users.js';

const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/me';

const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectUnauthorized(body: unknown): void {
  expect(body).toEqual({
    statusCode: 401,
    code: 'unauthenticated',
    error: 'Unauthorized',
    message: expect.any(String),
    details: [],
  });
}

/** The JSON payload of a JWT, unverified. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('refresh and logout', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('tokens');
  });
  afterAll(() => app.close());

  async function refresh(refreshToken: string, status: number) {
    return app.http.post(REFRESH).send({ refreshToken }).expect(status);
  }

  describe('rotation', () => {
    it('rotates to a working pair, refuses the old token, and on reuse revokes the whole family only', async () => {
      const member = await register(app);
      const other: SignedIn = await login(app, member);

      const rotated = await refresh(member.refreshToken, 200);
      expect(rotated.body).toEqual({
        user: expect.objectContaining({ id: member.id, email: member.email, role: 'member', status: 'active' }),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 15 * 60,
      });
      expect(rotated.body.refreshToken).not.toBe(member.refreshToken);
      expect(claimsOf(rotated.body.refreshToken).fam).toBe(claimsOf(member.refreshToken).fam);
      const me = await app.http.get(ME).set(bearer(rotated.body.accessToken)).expect(200);
      expect(me.body.id).toBe(member.id);

      // Before the reuse, the family's newest token is live.
      const family = { familyId: claimsOf(member.refreshToken).fam as string };
      const tokens = app.connection.db!.collection('refresh_tokens');
      expect(await tokens.countDocuments({ ...family, revokedAt: null, rotatedAt: null })).toBe(1);

      // The rotated-away token is refused; presenting it again signs the family out.
      const reused = await refresh(member.refreshToken, 401);
      expectUnauthorized(reused.body);
      expect(await tokens.countDocuments({ ...family, revokedAt: null })).toBe(0);
      expectUnauthorized((await refresh(rotated.body.refreshToken, 401)).body);
      expectUnauthorized((await refresh(member.refreshToken, 401)).body);

      // Another sign-in of the same user is another family and keeps working.
      expect(claimsOf(other.refreshToken).fam).not.toBe(claimsOf(member.refreshToken).fam);
      const otherRotated = await refresh(other.refreshToken, 200);
      expect(otherRotated.body.user.id).toBe(member.id);
      await refresh(otherRotated.body.refreshToken, 200);
    });

    it('lets exactly one of 20 simultaneous refreshes of one token win, then signs that sign-in out', async () => {
      for (let trial = 0; trial < 5; trial += 1) {
        const member = await register(app);
        const other = await login(app, member);
        const results = await Promise.all(
          Array.from({ length: 20 }, () => app.http.post(REFRESH).send({ refreshToken: member.refreshToken })),
        );
        const winners = results.filter((result) => result.status === 200);
        expect(winners).toHaveLength(1);
        for (const loser of results.filter((result) => result.status !== 200)) expectUnauthorized(loser.body);
        // Every other use revoked the family: the winner's new token is dead too; another sign-in is not.
        expectUnauthorized((await refresh(winners[0].body.refreshToken, 401)).body);
        await refresh(other.refreshToken, 200);
      }
    });

    it('refuses a tampered refresh token and an access token used as a refresh token with 401', async () => {
      const member = await register(app);
      const [header, payload, signature] = member.refreshToken.split('.');

      const forgedClaims = { ...claimsOf(member.refreshToken), sub: '000000000000000000000000' };
      const forgedPayload = Buffer.from(JSON.stringify(forgedClaims)).toString('base64url');
      expectUnauthorized((await refresh(`${header}.${forgedPayload}.${signature}`, 401)).body);

      const middle = Math.floor(signature.length / 2);
      const flipped = signature[middle] === 'A' ? 'B' : 'A';
      const badSignature = `${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
      expectUnauthorized((await refresh(`${header}.${payload}.${badSignature}`, 401)).body);

      expectUnauthorized((await refresh(member.accessToken, 401)).body);

      // None of these used the genuine token up.
      await refresh(member.refreshToken, 200);
    });

    it('answers a malformed refresh body with 400 and details', async () => {
      const member = await register(app);

      const missing = await app.http.post(REFRESH).send({}).expect(400);
      expect(missing.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        error: 'Bad Request',
        message: expect.any(String),
        details: [{ field: 'refreshToken', problem: expect.any(String) }],
      });

      const notAToken = await app.http.post(REFRESH).send({ refreshToken: 'not-a-token' }).expect(400);
      expect(notAToken.body.details).toEqual([{ field: 'refreshToken', problem: 'must be a refresh token' }]);

      const extra = await app.http
        .post(REFRESH)
        .send({ refreshToken: member.refreshToken, userId: member.id })
        .expect(400);
      expect(extra.body.details).toEqual([{ field: 'userId', problem: 'is not an allowed field' }]);

      // The refused requests did not consume the token.
      await refresh(member.refreshToken, 200);
    });
  });

  describe('logout', () => {
    it('with a refresh token signs out that sign-in only', async () => {
      const member = await register(app);
      const other = await login(app, member);

      await app.http.post(LOGOUT).set(member.auth).send({ refreshToken: member.refreshToken }).expect(204);
      expectUnauthorized((await refresh(member.refreshToken, 401)).body);

      const otherRotated = await refresh(other.refreshToken, 200);
      await app.http.get(ME).set(bearer(otherRotated.body.accessToken)).expect(200);
    });

    it('refuses to sign out with another account’s refresh token', async () => {
      const member = await register(app);
      const stranger = await register(app);
      const refused = await app.http.post(LOGOUT).set(member.auth).send({ refreshToken: stranger.refreshToken });
      expect(refused.status).toBe(403);
      await refresh(stranger.refreshToken, 200);
    });

    it('with everywhere: true signs out every sign-in of the account', async () => {
      const member = await register(app);
      const second = await login(app, member);
      const third = await login(app, member);
      const rotatedThird = await refresh(third.refreshToken, 200);
      const bystander = await register(app);

      await app.http.post(LOGOUT).set(second.auth).send({ everywhere: true }).expect(204);
      for (const token of [member.refreshToken, second.refreshToken, rotatedThird.body.refreshToken]) {
        expectUnauthorized((await refresh(token, 401)).body);
      }
      // Other accounts are untouched.
      await refresh(bystander.refreshToken, 200);
    });

    it('needs authentication and either field', async () => {
      const member = await register(app);

      expectUnauthorized((await app.http.post(LOGOUT).send({ refreshToken: member.refreshToken }).expect(401)).body);
      expectUnauthorized(
        (await app.http.post(LOGOUT).set(bearer('not-a-token')).send({ refreshToken: member.refreshToken }).expect(401))
          .body,
      );

      const neither = await app.http.post(LOGOUT).set(member.auth).send({}).expect(400);
      expect(neither.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        error: 'Bad Request',
        message: expect.any(String),
        details: [{ field: 'refreshToken', problem: expect.any(String) }],
      });
      const notEverywhere = await app.http.post(LOGOUT).set(member.auth).send({ everywhere: false }).expect(400);
      expect(notEverywhere.body.details).toEqual([{ field: 'refreshToken', problem: expect.any(String) }]);

      // Nothing was signed out by the refused requests.
      await refresh(member.refreshToken, 200);
    });
  });
});

describe('access token expiry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('tokens_ttl', { JWT_ACCESS_TTL: '1' });
  });
  afterAll(() => app.close());

  it('refuses an expired access token while the refresh token still works', async () => {
    const member = await register(app);
    expect(claimsOf(member.accessToken).exp).toBe((claimsOf(member.accessToken).iat as number) + 1);

    await sleep(1_500);
    const expired = await app.http.get(ME).set(member.auth).expect(401);
    expectUnauthorized(expired.body);
    expect(expired.body.message).toBe('The access token is invalid or expired');

    const refreshed = await app.http.post(REFRESH).send({ refreshToken: member.refreshToken }).expect(200);
    expect(refreshed.body.expiresIn).toBe(1);
    expect(refreshed.body.user.id).toBe(member.id);
    const exp = claimsOf(refreshed.body.accessToken).exp as number;
    expect(exp * 1000).toBeGreaterThan(Date.now() - 1_000);
    expect(exp).toBeGreaterThan(claimsOf(member.accessToken).exp as number);
  });
});
