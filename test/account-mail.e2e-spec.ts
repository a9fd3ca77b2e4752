import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { Types } from 'mongoose';
import { createCategory, joinRoom, connectSocket, closeSockets, startThread } from './support/forum.js';
import { expectError, fieldsOf } from './support/http.js';
import { ack, closeLiveSockets, liveSession, liveSocket } from './support/live.js';
import { linkIn, startTestSmtp, type TestSmtp } from './support/mail.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { login, loginAdmin, newMember, register, type SignedIn } from './support/users.js';

const API = '/api/v1';
const REGISTER = `${API}/auth/register`;
const VERIFY = `${API}/auth/verify-email`;
const RESEND = `${API}/auth/verify-email/resend`;
const ME = `${API}/me`;
const CHANGE_EMAIL = `${API}/me/email`;
const MINUTE_MS = 60_000;

const VERIFY_SUBJECT = 'Confirm your email address';

let smtp: TestSmtp;
let app: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp('account-mail', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' });
});

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

/** The mails to the address with this subject, once there are at least `count` of them. */
async function mailsWithSubject(address: string, subject: string, count = 1): Promise<ParsedMail[]> {
  await smtp.waitForMail(
    address,
    () => smtp.mailsTo(address).filter((mail) => mail.subject === subject).length >= count,
  );
  return smtp.mailsTo(address).filter((mail) => mail.subject === subject);
}

function tokenIn(mail: ParsedMail, path: string): string {
  return linkIn(mail, path).searchParams.get('token') ?? '';
}

/** Time passes for the account's mail budget: every mail it was sent moves back by `ms`. */
async function backdateMails(on: TestApp, userId: string, ms: number): Promise<void> {
  await on.connection
    .collection('account_mail_sends')
    .updateMany({ userId: new Types.ObjectId(userId) }, { $set: { sentAt: new Date(Date.now() - ms) } });
}

async function expireLinks(on: TestApp, userId: string): Promise<void> {
  await on.connection
    .collection('account_tokens')
    .updateMany({ userId: new Types.ObjectId(userId) }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
}

/** Lets the queue run (it polls every 200 ms) so that a mail that should not exist would have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

async function me(on: TestApp, member: SignedIn): Promise<Record<string, unknown>> {
  return (await on.http.get(ME).set(member.auth).expect(200)).body as Record<string, unknown>;
}

async function verified(on: TestApp, member: SignedIn): Promise<void> {
  const [mail] = await mailsWithSubject(member.email, VERIFY_SUBJECT);
  await on.http
    .post(VERIFY)
    .send({ token: tokenIn(mail, '/verify-email') })
    .expect(200);
}

describe('email verification', () => {
  it('mails a new account a link in its language; following it verifies the address, once', async () => {
    const member = { ...newMember(), locale: 'fr' };
    const registered = await app.http.post(REGISTER).send(member).expect(201);
    expect(registered.body.user).toMatchObject({ email: member.email, emailVerified: false, locale: 'fr' });
    const auth = { Authorization: `Bearer ${registered.body.accessToken as string}` };

    const mail = await smtp.waitForMail(member.email);
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail.text).toContain(`Bonjour ${member.displayName},`);
    expect(mail.text).not.toContain(member.password);
    const link = linkIn(mail, '/verify-email');
    expect(link.origin).toBe(app.url);
    const token = link.searchParams.get('token') ?? '';
    // Only the token's hash is stored.
    const stored = await app.connection.collection('account_tokens').find({}).toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(token);

    const answer = await app.http.post(VERIFY).send({ token }).expect(200);
    expect(answer.body).toEqual({ email: member.email, verified: true });
    expect((await app.http.get(ME).set(auth).expect(200)).body).toMatchObject({ emailVerified: true, locale: 'fr' });

    const again = await app.http.post(VERIFY).send({ token }).expect(400);
    expect(expectError(again.body, 400).details).toEqual([{ field: 'token', problem: 'is invalid or has expired' }]);
  });

  it('refuses an expired link, and the address stays unverified', async () => {
    const member = await register(app);
    const [mail] = await mailsWithSubject(member.email, VERIFY_SUBJECT);
    await expireLinks(app, member.id);
    const refused = await app.http
      .post(VERIFY)
      .send({ token: tokenIn(mail, '/verify-email') })
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['token']);
    expect(await me(app, member)).toMatchObject({ emailVerified: false });
  });

  it('sends another link on request: not within a minute of the last, five a day at most, none once verified', async () => {
    const member = await register(app);
    await mailsWithSubject(member.email, VERIFY_SUBJECT);
    expectError((await app.http.post(RESEND).expect(401)).body, 401);

    // The mail at registration counts: asking again at once waits for the rest of the minute.
    const tooSoon = await app.http.post(RESEND).set(member.auth).expect(429);
    expect(expectError(tooSoon.body, 429).code).toBe('rate_limited');
    const wait = Number(tooSoon.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);

    for (let sent = 2; sent <= 5; sent += 1) {
      await backdateMails(app, member.id, 2 * MINUTE_MS);
      await app.http.post(RESEND).set(member.auth).expect(202);
      await mailsWithSubject(member.email, VERIFY_SUBJECT, sent);
    }
    await backdateMails(app, member.id, 2 * MINUTE_MS);
    const sixth = await app.http.post(RESEND).set(member.auth).expect(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(23 * 3600);

    // Every link sent works until one of them is followed.
    const mails = await mailsWithSubject(member.email, VERIFY_SUBJECT, 5);
    expect(mails).toHaveLength(5);
    await app.http
      .post(VERIFY)
      .send({ token: tokenIn(mails[2], '/verify-email') })
      .expect(200);
    expect(fieldsOf((await app.http.post(VERIFY).send({ token: tokenIn(mails[0], '/verify-email') })).body)).toEqual([
      'token',
    ]);

    await backdateMails(app, member.id, 2 * 24 * 60 * MINUTE_MS);
    await app.http.post(RESEND).set(member.auth).expect(202);
    await settle();
    expect(smtp.mailsTo(member.email)).toHaveLength(5);
  }, 60_000);

  it('names the field of bad input and stores nothing', async () => {
    const before = await documentCounts(app.connection);
    for (const [body, fields] of [
      [{}, ['token']],
      [{ token: 'abc' }, ['token']],
      [{ token: 42 }, ['token']],
      [{ token: 'a'.repeat(43), extra: true }, ['extra']],
    ] as const) {
      const refused = await app.http.post(VERIFY).send(body).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(fields);
    }
    const wrongLocale = await app.http
      .post(REGISTER)
      .send({ ...newMember(), locale: 'de' })
      .expect(400);
    expect(fieldsOf(wrongLocale.body)).toEqual(['locale']);
    expect(await documentCounts(app.connection)).toEqual(before);
  });

  it('forgets an account’s links and mail budget when the account is deleted', async () => {
    const member = await register(app);
    await mailsWithSubject(member.email, VERIFY_SUBJECT);
    const userId = new Types.ObjectId(member.id);
    for (const collection of ['account_tokens', 'account_mail_sends']) {
      expect(await app.connection.collection(collection).countDocuments({ userId })).toBe(1);
    }
    await app.http.delete(`${API}/members/me`).set(member.auth).expect(204);
    for (const collection of ['account_tokens', 'account_mail_sends']) {
      expect(await app.connection.collection(collection).countDocuments({ userId })).toBe(0);
    }
  });

  it('with REQUIRE_EMAIL_VERIFICATION off (the default), an unverified member writes', async () => {
    const admin = await loginAdmin(app);
    const category = await createCategory(app, admin);
    const member = await register(app);
    expect(await me(app, member)).toMatchObject({ emailVerified: false });
    await startThread(app, member, category.id);
  });
});

describe('the language of mails', () => {
  it('is the member’s to change with PATCH /me, and the next mail is in it', async () => {
    const member = await register(app);
    await mailsWithSubject(member.email, VERIFY_SUBJECT);
    const changed = await app.http.patch(ME).set(member.auth).send({ locale: 'es' }).expect(200);
    expect(changed.body).toMatchObject({ id: member.id, email: member.email, locale: 'es', emailVerified: false });
    expect(await me(app, member)).toMatchObject({ locale: 'es' });

    await backdateMails(app, member.id, 2 * MINUTE_MS);
    await app.http.post(RESEND).set(member.auth).expect(202);
    const [spanish] = await mailsWithSubject(member.email, 'Confirme su dirección de correo electrónico');
    expect(spanish.text).toContain(`Hola, ${member.displayName}:`);
  });

  it('refuses a language Plenary does not speak, or anything else, naming the field', async () => {
    const member = await register(app);
    expectError((await app.http.patch(ME).send({ locale: 'fr' }).expect(401)).body, 401);
    for (const [body, fields] of [
      [{ locale: 'de' }, ['locale']],
      [{}, ['locale']],
      [{ locale: 'fr', role: 'admin' }, ['role']],
    ] as const) {
      const refused = await app.http.patch(ME).set(member.auth).send(body).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(fields);
    }
    expect(await me(app, member)).toMatchObject({ locale: 'en', role: 'member' });
  });
});

describe('changing the email address', () => {
  const fresh = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}@example.org`;

  it('moves the account once the link mailed to the new address is followed; the old address is told at each step', async () => {
    const member = await register(app);
    const newEmail = fresh('n');
    const accepted = await app.http
      .post(CHANGE_EMAIL)
      .set(member.auth)
      .send({ email: newEmail, password: member.password })
      .expect(202);
    expect(accepted.text).toBe('');

    const [confirm] = await mailsWithSubject(newEmail, 'Confirm your new email address');
    expect(confirm.text).toContain(`Hello ${member.displayName},`);
    expect(confirm.text).toContain(newEmail);
    const [requested] = await mailsWithSubject(member.email, 'A change of your email address was requested');
    expect(requested.text).toContain(`n***@example.org`);
    expect(requested.text).not.toContain(newEmail);
    expect(linkIn(requested, '/forgot-password').origin).toBe(app.url);
    expect(await me(app, member)).toMatchObject({ email: member.email });

    const token = tokenIn(confirm, '/verify-email');
    const done = await app.http.post(VERIFY).send({ token }).expect(200);
    expect(done.body).toEqual({ email: newEmail, verified: true });
    expect(await me(app, member)).toMatchObject({ email: newEmail, emailVerified: true });
    const [changed] = await mailsWithSubject(member.email, 'Your email address was changed');
    expect(changed.text).toContain('n***@example.org');
    expect(fieldsOf((await app.http.post(VERIFY).send({ token })).body)).toEqual(['token']);

    await app.http.post(`${API}/auth/login`).send({ email: member.email, password: member.password }).expect(401);
    await login(app, { email: newEmail, password: member.password });

    const admin = await loginAdmin(app);
    const audit = await app.http
      .get(`${API}/moderation/audit`)
      .set(admin.auth)
      .query({ targetId: member.id, targetType: 'user' })
      .expect(200);
    const entries = (audit.body as { items: Record<string, unknown>[] }).items;
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'account.email_change_requested',
      'account.email_changed',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actor: { id: member.id },
        target: { type: 'user', id: member.id, groupId: null },
        before: { email: member.email },
        after: { email: newEmail },
      });
    }
    expect(JSON.stringify(entries)).not.toContain(member.password);
    expectError((await app.http.get(`${API}/moderation/audit`).set(member.auth).expect(403)).body, 403);
  });

  it('refuses a wrong password, and nothing is mailed or changed', async () => {
    const member = await register(app);
    await mailsWithSubject(member.email, VERIFY_SUBJECT);
    const newEmail = fresh('wrong');
    const refused = await app.http
      .post(CHANGE_EMAIL)
      .set(member.auth)
      .send({ email: newEmail, password: 'Not-the-password-1' })
      .expect(400);
    expect(expectError(refused.body, 400).details).toEqual([{ field: 'password', problem: 'is incorrect' }]);
    await settle();
    expect(smtp.mailsTo(newEmail)).toEqual([]);
    expect(smtp.mailsTo(member.email)).toHaveLength(1);
    expect(await me(app, member)).toMatchObject({ email: member.email });
  });

  it('answers the same for an address another account has, and tells that address so instead of sending a link', async () => {
    const [member, owner] = await Promise.all([register(app), register(app)]);
    const answer = await app.http
      .post(CHANGE_EMAIL)
      .set(member.auth)
      .send({ email: owner.email.toUpperCase(), password: member.password })
      .expect(202);
    expect(answer.text).toBe('');
    const [taken] = await mailsWithSubject(owner.email, 'This email address already has an account');
    expect(taken.text).toContain(`Hello ${member.displayName},`);
    expect(() => linkIn(taken, '/verify-email')).toThrow();
    expect(linkIn(taken, '/forgot-password').origin).toBe(app.url);
    await mailsWithSubject(member.email, 'A change of your email address was requested');
    expect(await me(app, member)).toMatchObject({ email: member.email });
    expect(await me(app, owner)).toMatchObject({ email: owner.email });
  });

  it('refuses the link with 409 naming email when another account took the address meanwhile', async () => {
    const member = await register(app);
    const newEmail = fresh('race');
    await app.http.post(CHANGE_EMAIL).set(member.auth).send({ email: newEmail, password: member.password }).expect(202);
    const [confirm] = await mailsWithSubject(newEmail, 'Confirm your new email address');
    await register(app, { email: newEmail });
    const conflict = await app.http
      .post(VERIFY)
      .send({ token: tokenIn(confirm, '/verify-email') })
      .expect(409);
    expect(expectError(conflict.body, 409).details).toEqual([{ field: 'email', problem: 'is already registered' }]);
    expect(await me(app, member)).toMatchObject({ email: member.email });
  });

  it('needs a signed-in caller, and names the field of bad input', async () => {
    const member = await register(app);
    expectError(
      (
        await app.http
          .post(CHANGE_EMAIL)
          .send({ email: fresh('x'), password: member.password })
          .expect(401)
      ).body,
      401,
    );
    for (const [body, fields] of [
      [{}, ['email', 'password']],
      [{ email: 'not an address', password: member.password }, ['email']],
      [{ email: fresh('x') }, ['password']],
      [{ email: member.email.toUpperCase(), password: member.password }, ['email']],
      [{ email: fresh('x'), password: member.password, displayName: 'Someone' }, ['displayName']],
    ] as const) {
      const refused = await app.http.post(CHANGE_EMAIL).set(member.auth).send(body).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(fields);
    }
    expect(await me(app, member)).toMatchObject({ email: member.email });
  });
});

describe('REQUIRE_EMAIL_VERIFICATION=true', () => {
  let strict: TestApp;

  beforeAll(async () => {
    strict = await startTestApp('account-mail-strict', {
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '200',
      REQUIRE_EMAIL_VERIFICATION: 'true',
    });
  });

  afterEach(() => {
    closeSockets();
    closeLiveSockets();
  });

  afterAll(() => strict?.close());

  it('lets an unverified member read but not write, over HTTP and sockets, until they follow their link', async () => {
    const admin = await loginAdmin(strict);
    const category = await createCategory(strict, admin);
    const thread = await startThread(strict, admin, category.id);
    const session = await liveSession(strict, admin);
    const member = await register(strict);

    await strict.http.get(`${API}/categories`).set(member.auth).expect(200);
    await strict.http.get(`${API}/threads/${thread.id}`).set(member.auth).expect(200);
    const before = await documentCounts(strict.connection);
    const refused = await strict.http
      .post(`${API}/categories/${category.id}/threads`)
      .set(member.auth)
      .send({ title: 'Not yet', body: 'Waiting for my mail.' })
      .expect(403);
    expect(expectError(refused.body, 403).code).toBe('email_unverified');
    expect(await documentCounts(strict.connection)).toEqual(before);
    // What verifying, the language and the account need stays open.
    await strict.http.patch(ME).set(member.auth).send({ locale: 'en' }).expect(200);
    expect((await strict.http.post(RESEND).set(member.auth)).status).not.toBe(403);

    const forum = await connectSocket(strict, member);
    await joinRoom(forum, 'thread:join', { threadId: thread.id });
    const live = await liveSocket(strict, member);
    expect(await ack(live, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
    const ask = { sessionId: session.id, text: 'May I ask?', clientId: randomUUID() };
    const notYet = await ack(live, 'question:ask', ask);
    expect(notYet).toMatchObject({ ok: false, error: { statusCode: 403, code: 'email_unverified' } });

    await verified(strict, member);
    // The same access token and the same socket see the member as verified now.
    await strict.http
      .post(`${API}/categories/${category.id}/threads`)
      .set(member.auth)
      .send({ title: 'Now I may', body: 'My address is verified.' })
      .expect(201);
    expect(await ack(live, 'question:ask', { ...ask, clientId: randomUUID() })).toMatchObject({ ok: true });
  }, 60_000);
});
