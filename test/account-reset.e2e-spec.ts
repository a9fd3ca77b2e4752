import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD_RESETS_PER_ADDRESS_PER_HOUR } from '@plenary/identity';
import type { ParsedMail } from 'mailparser';
import { Types } from 'mongoose';
import { expectError, fieldsOf } from './support/http.js';
import { linkIn, startTestSmtp, type TestSmtp } from './support/mail.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { login, loginAdmin, register } from './support/users.js';

const API = '/api/v1';
const RESET = `${API}/auth/password-reset`;
const CONFIRM = `${API}/auth/password-reset/confirm`;
const RESET_SUBJECT = 'Choose a new password';
const NEW_PASSWORD = 'A-brand-new-password-2';

let smtp: TestSmtp;
let app: TestApp;
/** Requests to RESET from this spec's one address: the address budget is spent at the end. */
let resetRequests = 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp('account-reset', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' });
});

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

function askForReset(body: unknown) {
  resetRequests += 1;
  return app.http.post(RESET).send(body as object);
}

async function resetMails(address: string, count = 1): Promise<ParsedMail[]> {
  await smtp.waitForMail(
    address,
    () => smtp.mailsTo(address).filter((mail) => mail.subject === RESET_SUBJECT).length >= count,
  );
  return smtp.mailsTo(address).filter((mail) => mail.subject === RESET_SUBJECT);
}

const tokenIn = (mail: ParsedMail) => linkIn(mail, '/reset-password').searchParams.get('token') ?? '';

/** Lets the queue run (it polls every 200 ms) so that a mail that should not exist would have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('password reset', () => {
  it('answers an unknown address as a known one, and mails nothing', async () => {
    const unknown = `nobody-${Date.now()}@example.org`;
    const answer = await askForReset({ email: unknown }).expect(202);
    expect(answer.text).toBe('');
    await settle();
    expect(smtp.mailsTo(unknown)).toEqual([]);
  });

  it('mails a link that sets a new password once, ends every sign-in, verifies the address and tells the member', async () => {
    const member = await register(app);
    const otherDevice = await login(app, member);
    await askForReset({ email: member.email.toUpperCase() }).expect(202);
    const [mail] = await resetMails(member.email);
    expect(mail.text).toContain(`Hello ${member.displayName},`);
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe(app.url);
    const token = tokenIn(mail);

    await app.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);
    const again = await app.http.post(CONFIRM).send({ token, password: 'Yet-another-password-3' }).expect(400);
    expect(expectError(again.body, 400).details).toEqual([{ field: 'token', problem: 'is invalid or has expired' }]);

    for (const refreshToken of [member.refreshToken, otherDevice.refreshToken]) {
      expectError((await app.http.post(`${API}/auth/refresh`).send({ refreshToken }).expect(401)).body, 401);
    }
    await app.http.post(`${API}/auth/login`).send({ email: member.email, password: member.password }).expect(401);
    const signedIn = await login(app, { email: member.email, password: NEW_PASSWORD });
    expect((await app.http.get(`${API}/me`).set(signedIn.auth).expect(200)).body).toMatchObject({
      emailVerified: true,
    });

    const changed = await smtp.waitForMail(
      member.email,
      (received) => received.subject === 'Your password was changed',
    );
    expect(changed.text).not.toContain(NEW_PASSWORD);
    expect(linkIn(changed, '/forgot-password').origin).toBe(app.url);

    const admin = await loginAdmin(app);
    const audit = await app.http
      .get(`${API}/moderation/audit`)
      .set(admin.auth)
      .query({ targetId: member.id, action: 'account.password_reset' })
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: { id: member.id, displayName: member.displayName },
        action: 'account.password_reset',
        target: { type: 'user', id: member.id, groupId: null },
      }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('voids earlier links when asked again, and mails an account three links an hour at most', async () => {
    const member = await register(app);
    await askForReset({ email: member.email }).expect(202);
    const [first] = await resetMails(member.email, 1);
    await askForReset({ email: member.email }).expect(202);
    await resetMails(member.email, 2);
    expect(
      fieldsOf((await app.http.post(CONFIRM).send({ token: tokenIn(first), password: NEW_PASSWORD })).body),
    ).toEqual(['token']);
    await askForReset({ email: member.email }).expect(202);
    const third = (await resetMails(member.email, 3))[2];

    // A fourth request gets the same answer, and no mail.
    await askForReset({ email: member.email }).expect(202);
    await settle();
    expect(await resetMails(member.email)).toHaveLength(3);
    await app.http
      .post(CONFIRM)
      .send({ token: tokenIn(third), password: NEW_PASSWORD })
      .expect(204);
  });

  it('refuses an expired link', async () => {
    const member = await register(app);
    await askForReset({ email: member.email }).expect(202);
    const [mail] = await resetMails(member.email);
    await app.connection
      .collection('account_tokens')
      .updateMany({ userId: new Types.ObjectId(member.id) }, { $set: { expiresAt: new Date(Date.now() - 1_000) } });
    const refused = await app.http
      .post(CONFIRM)
      .send({ token: tokenIn(mail), password: NEW_PASSWORD })
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['token']);
    await login(app, member);
  });

  it('lets exactly one of two simultaneous uses of a link through', async () => {
    const member = await register(app);
    await askForReset({ email: member.email }).expect(202);
    const token = tokenIn((await resetMails(member.email))[0]);
    const answers = await Promise.all(
      ['First-new-password-4', 'Second-new-password-5'].map((password) =>
        app.http.post(CONFIRM).send({ token, password }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 400]);
    const winner = answers[0].status === 204 ? 'First-new-password-4' : 'Second-new-password-5';
    await login(app, { email: member.email, password: winner });
    await settle();
    expect(smtp.mailsTo(member.email).filter((mail) => mail.subject === 'Your password was changed')).toHaveLength(1);
  });

  it('names the field of bad input', async () => {
    for (const [body, fields] of [
      [{}, ['email']],
      [{ email: 'not an address' }, ['email']],
    ] as const) {
      const refused = await askForReset(body).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(fields);
    }
    const token = 'a'.repeat(43);
    for (const [body, fields] of [
      [{}, ['password', 'token']],
      [{ token: 'short', password: NEW_PASSWORD }, ['token']],
      [{ token, password: 'short' }, ['password']],
      [{ token, password: 'onlyletterslong' }, ['password']],
      [{ token, password: NEW_PASSWORD, email: 'someone@example.org' }, ['email']],
    ] as const) {
      const refused = await app.http.post(CONFIRM).send(body).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(fields);
    }
    // A well-formed token no link ever carried.
    const unknown = await app.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['token']);
  });

  it('limits the requests from one address, whatever the accounts', async () => {
    while (resetRequests < PASSWORD_RESETS_PER_ADDRESS_PER_HOUR) {
      await askForReset({ email: `spent-${resetRequests}@example.org` }).expect(202);
    }
    const refused = await askForReset({ email: 'one-more@example.org' }).expect(429);
    expect(expectError(refused.body, 429).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
