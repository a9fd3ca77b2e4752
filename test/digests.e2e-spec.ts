import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Digests } from '@plenary/notifications';
import type { ParsedMail } from 'mailparser';
import { Types } from 'mongoose';
import request from 'supertest';
import { eventually } from './support/eventually.js';
import { expectError, fieldsOf } from './support/http.js';
import { linkIn, startTestSmtp, type TestSmtp } from './support/mail.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

const DAY_MS = 86_400_000;
const CATEGORIES = '/api/v1/categories';
const PREFERENCES = '/api/v1/notifications/preferences';
const UNSUBSCRIBE = '/api/v1/notifications/unsubscribe';

/**
 * Two instances on one database and one real SMTP server. The tests run in order on one timeline:
 * each `run(now)` looks at every member with a digest, so later tests pick times after the digests
 * the earlier ones claimed, and close enough to the real time that what was just written falls in
 * the period.
 */
let smtp: TestSmtp;
let a: TestApp;
let b: TestApp;
let admin: SignedIn;
/** A platform category everyone reads and writes in. */
let open: { id: string; name: string };

beforeAll(async () => {
  smtp = await startTestSmtp();
  const mail = { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' };
  a = await startTestApp('digests', mail);
  b = await startTestApp('digests_b', {
    ...mail,
    MONGODB_URI: a.config.mongodbUri,
    JWT_ACCESS_SECRET: a.config.jwt.accessSecret,
    JWT_REFRESH_SECRET: a.config.jwt.refreshSecret,
  });
  admin = await loginAdmin(a);
  open = await category(`Labour migration ${randomBytes(3).toString('hex')}`);
}, 90_000);

afterAll(async () => {
  await b?.close({ keepDatabase: true });
  await a?.close();
  await smtp?.stop();
});

async function category(name: string, groupId?: string): Promise<{ id: string; name: string }> {
  const response = await a.http
    .post(CATEGORIES)
    .set(admin.auth)
    .send({ name, ...(groupId ? { groupId } : {}) })
    .expect(201);
  return { id: response.body.id, name };
}

async function member(locale: 'en' | 'fr' | 'es', digest?: 'off' | 'daily' | 'weekly'): Promise<SignedIn> {
  const signedIn = await register(a);
  await a.http.patch('/api/v1/me').set(signedIn.auth).send({ locale }).expect(200);
  if (digest) await a.http.put(PREFERENCES).set(signedIn.auth).send({ digest }).expect(200);
  return signedIn;
}

async function startThread(author: SignedIn, categoryId: string, body = 'What do the data say?') {
  const title = `Thread ${randomBytes(3).toString('hex')}`;
  const response = await b.http
    .post(`${CATEGORIES}/${categoryId}/threads`)
    .set(author.auth)
    .send({ title, body })
    .expect(201);
  return { id: response.body.id as string, title };
}

async function reply(author: SignedIn, threadId: string, body = 'Here is what we found.'): Promise<void> {
  await b.http.post(`/api/v1/threads/${threadId}/posts`).set(author.auth).send({ body }).expect(201);
}

const mention = (someone: SignedIn) => `@[${someone.displayName}](${someone.id})`;

/** Both instances, twice each, at once: how many digests they mailed between them. */
async function runEverywhere(now: Date): Promise<number> {
  const sent = await Promise.all([a, b, a, b].map((app) => app.app.get(Digests).run(now)));
  return sent.reduce((sum, count) => sum + count, 0);
}

/** A header as sent, unfolded. */
const headerLine = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((header) => header.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ');

/** Digests are the mails with an unsubscribe header (members get their address verified by mail too). */
const isDigest = (mail: ParsedMail) => headerLine(mail, 'list-unsubscribe') !== undefined;

const digestsTo = (someone: SignedIn) => smtp.mailsTo(someone.email).filter(isDigest);

/** The digests mailed to the member once the queue has had time to send anything else it holds. */
async function settledDigestsTo(someone: SignedIn): Promise<ParsedMail[]> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return digestsTo(someone);
}

const digestRecordsOf = (someone: SignedIn) =>
  a.connection
    .collection('notification_digests')
    .find({ userId: new Types.ObjectId(someone.id) })
    .toArray();

describe('category follows', () => {
  it('follows and unfollows a category, idempotently, and shows the caller whether they follow it', async () => {
    const ana = await register(a);
    const other = await category(`Remittances ${randomBytes(3).toString('hex')}`);
    for (let i = 0; i < 2; i += 1) {
      const response = await a.http.put(`${CATEGORIES}/${open.id}/follow`).set(ana.auth).expect(204);
      expect(response.text).toBe('');
    }
    expect((await a.http.get(`${CATEGORIES}/${open.id}`).set(ana.auth).expect(200)).body.followed).toBe(true);
    const list = await b.http.get(CATEGORIES).set(ana.auth).expect(200);
    const followed = Object.fromEntries(
      (list.body.items as { id: string; followed: boolean }[]).map((item) => [item.id, item.followed]),
    );
    expect(followed).toMatchObject({ [open.id]: true, [other.id]: false });
    expect((await a.http.get(`${CATEGORIES}/${open.id}`).expect(200)).body.followed).toBe(false);
    expect((await a.http.get(`${CATEGORIES}/${open.id}`).set(admin.auth).expect(200)).body.followed).toBe(false);

    for (let i = 0; i < 2; i += 1) await a.http.delete(`${CATEGORIES}/${open.id}/follow`).set(ana.auth).expect(204);
    expect((await a.http.get(`${CATEGORIES}/${open.id}`).set(ana.auth).expect(200)).body.followed).toBe(false);
  });

  it('is only for signed-in members, and only for categories they may read: 404 for the others', async () => {
    const ana = await register(a);
    const group = await a.http
      .post('/api/v1/groups')
      .set(admin.auth)
      .send({
        name: `Private ${randomBytes(3).toString('hex')}`,
        type: 'working_group',
        visibility: 'private',
        joinPolicy: 'invite',
      })
      .expect(201);
    const hidden = await category(`Private forum ${randomBytes(3).toString('hex')}`, group.body.id);
    const before = await documentCounts(a.connection);

    expectError((await a.http.put(`${CATEGORIES}/${open.id}/follow`).expect(401)).body, 401);
    for (const id of [hidden.id, new Types.ObjectId().toHexString()]) {
      for (const method of ['put', 'delete'] as const) {
        const response = await a.http[method](`${CATEGORIES}/${id}/follow`).set(ana.auth).expect(404);
        expectError(response.body, 404);
      }
    }
    for (const method of ['put', 'delete'] as const) {
      const response = await a.http[method](`${CATEGORIES}/not-an-id/follow`).set(ana.auth).expect(400);
      expect(fieldsOf(expectError(response.body, 400))).toEqual(['id']);
    }
    expect(await documentCounts(a.connection)).toEqual(before);
  });
});

describe('digests (two instances, one database)', () => {
  let ana: SignedIn;
  let ben: SignedIn;
  let carl: SignedIn;
  let digestDay: Date;
  let anaThread: { id: string; title: string };
  let firstMail: ParsedMail;
  let dora: SignedIn;
  let doraMail: ParsedMail;

  it('mails a daily member exactly one digest, in their language, however many instances run it at once', async () => {
    ana = await member('fr', 'daily');
    ben = await member('en');
    carl = await member('en', 'weekly');
    await a.http.put(PREFERENCES).set(carl.auth).send({ digest: 'off' }).expect(200);
    await a.http.put(`${CATEGORIES}/${open.id}/follow`).set(ana.auth).expect(204);
    await a.http.put(`${CATEGORIES}/${open.id}/follow`).set(carl.auth).expect(204);

    anaThread = await startThread(ana, open.id);
    await reply(ben, anaThread.id);
    const news = await startThread(ben, open.id, `What do you think, ${mention(ana)} and ${mention(carl)}?`);

    digestDay = new Date();
    expect(await runEverywhere(digestDay)).toBe(1);
    firstMail = await smtp.waitForMail(ana.email, isDigest);
    expect(await settledDigestsTo(ana)).toHaveLength(1);
    expect(await digestRecordsOf(ana)).toHaveLength(1);

    expect(firstMail.subject).toBe('Votre résumé quotidien — 2 notifications non lues, 1 nouvelle discussion');
    const text = firstMail.text ?? '';
    expect(text).toContain(`Bonjour ${ana.displayName},`);
    expect(text).toContain(`${ben.displayName} vous a mentionné dans « ${news.title} »`);
    expect(text).toContain(`${ben.displayName} a répondu dans « ${anaThread.title} »`);
    expect(text).toContain(`Nouveau dans ${open.name} : « ${news.title} »`);
    expect(linkIn(firstMail, `/forum/t/${news.id}`).origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(linkIn(firstMail, `/forum/t/${anaThread.id}`).hash).toMatch(/^#post-[0-9a-f]{24}$/);
    // her own thread is no news to her
    expect(text).not.toContain(`Nouveau dans ${open.name} : « ${anaThread.title} »`);
    expect(firstMail.html).toContain(`href="${linkIn(firstMail, `/forum/t/${news.id}`).href}"`);

    const oneClick = headerLine(firstMail, 'list-unsubscribe');
    expect(oneClick).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/api\/v1\/notifications\/unsubscribe\?token=/,
    );
    expect(headerLine(firstMail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(linkIn(firstMail, '/unsubscribe').searchParams.get('token')).toMatch(/^[0-9a-f]{24}\./);

    // carl turned his digest off, ben never asked for one
    expect(digestsTo(carl)).toEqual([]);
    expect(digestsTo(ben)).toEqual([]);
  });

  it("mails the next day's digest with what happened since, and nothing on a day with nothing new", async () => {
    await reply(ben, anaThread.id, 'One more thing.');
    const nextDay = new Date(digestDay.getTime() + DAY_MS);
    expect(await runEverywhere(nextDay)).toBe(1);
    const second = await smtp.waitForMail(ana.email, (mail) => isDigest(mail) && mail !== firstMail);
    expect(second.subject).toBe('Votre résumé quotidien — 1 notification non lue');
    expect(second.text).toContain(`${ben.displayName} a répondu dans « ${anaThread.title} »`);
    expect(second.text).not.toContain('mentionné');

    expect(await runEverywhere(new Date(digestDay.getTime() + 2 * DAY_MS))).toBe(0);
    expect(await settledDigestsTo(ana)).toHaveLength(2);
    // the quiet day is done with all the same: it is not looked at again
    expect(await digestRecordsOf(ana)).toHaveLength(3);
    expect(digestsTo(carl)).toEqual([]);
  });

  it('mails a weekly member one digest per ISO week', async () => {
    const bea = await member('es', 'weekly');
    const thread = await startThread(ben, open.id, `${mention(bea)}, ¿qué opina?`);
    const now = new Date();
    const monday =
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY_MS;
    const nextWeek = monday + 7 * DAY_MS;

    await runEverywhere(now);
    const first = await smtp.waitForMail(bea.email, isDigest);
    expect(first.subject).toBe('Su resumen semanal — 1 notificación sin leer');
    expect(first.text).toContain(`${ben.displayName} le mencionó en «${thread.title}»`);
    expect(first.text).toContain('Hola, ');

    await reply(ben, thread.id, `${mention(bea)}, otra pregunta.`);
    await runEverywhere(new Date(now.getTime() + (nextWeek - now.getTime()) / 2));
    expect(await settledDigestsTo(bea)).toHaveLength(1);

    await runEverywhere(new Date(nextWeek + 3_600_000));
    const second = await smtp.waitForMail(bea.email, (mail) => isDigest(mail) && mail !== first);
    expect(second.subject).toBe('Su resumen semanal — 1 notificación sin leer');
    expect(await settledDigestsTo(bea)).toHaveLength(2);
    expect(digestsTo(carl)).toEqual([]);
  });

  it('never lists a thread in a category the member may no longer read, though they still follow it', async () => {
    dora = await member('en', 'daily');
    // a category of her own: `open` holds the earlier tests' threads, news to a newcomer
    const hers = await category(`Border governance ${randomBytes(3).toString('hex')}`);
    const group = await a.http
      .post('/api/v1/groups')
      .set(admin.auth)
      .send({
        name: `Returns ${randomBytes(3).toString('hex')}`,
        type: 'working_group',
        visibility: 'private',
        joinPolicy: 'invite',
      })
      .expect(201);
    const groupId = group.body.id as string;
    const inside = await category(`Returns forum ${randomBytes(3).toString('hex')}`, groupId);
    await a.http.post(`/api/v1/groups/${groupId}/invitations`).set(admin.auth).send({ userId: dora.id }).expect(201);
    await a.http.post(`/api/v1/groups/${groupId}/invitations/accept`).set(dora.auth).expect(200);
    await a.http.put(`${CATEGORIES}/${inside.id}/follow`).set(dora.auth).expect(204);
    await a.http.put(`${CATEGORIES}/${hers.id}/follow`).set(dora.auth).expect(204);
    await a.http.post(`/api/v1/groups/${groupId}/leave`).set(dora.auth).expect(204);
    expect((await a.http.get(`${CATEGORIES}/${inside.id}`).set(dora.auth).expect(404)).body.statusCode).toBe(404);

    const secret = await startThread(admin, inside.id);
    const visible = await startThread(ben, hers.id);
    await runEverywhere(new Date());
    doraMail = await smtp.waitForMail(dora.email, isDigest);
    expect(doraMail.subject).toBe('Your daily digest — 1 unread notification, 1 new thread');
    expect(doraMail.text).toContain(`New in ${hers.name}: “${visible.title}”`);
    expect(doraMail.text).toContain(`${admin.displayName} invited you to join`);
    expect(doraMail.text).not.toContain(secret.title);
    expect(doraMail.html).not.toContain(secret.title);
  });

  it('turns the digest off from the one-click link a mail client posts, and mails no more', async () => {
    const oneClick = /<([^>]+)>/.exec(headerLine(doraMail, 'list-unsubscribe') ?? '')?.[1] as string;
    const url = new URL(oneClick);
    const response = await request(url.origin)
      .post(`${url.pathname}${url.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(response.body).toEqual({ digest: 'off' });
    expect((await a.http.get(PREFERENCES).set(dora.auth).expect(200)).body.digest).toBe('off');

    // the next day would have had news for her: a mention
    await startThread(ben, open.id, `${mention(dora)}, a question for you.`);
    const recorded = (await digestRecordsOf(dora)).length;
    expect(await runEverywhere(new Date(Date.now() + DAY_MS))).toBe(0);
    expect(await settledDigestsTo(dora)).toHaveLength(1);
    expect(await digestRecordsOf(dora)).toHaveLength(recorded);
  });

  it('turns the digest off from the web page, with the token of the link in the mail', async () => {
    const eve = await member('en', 'weekly');
    const token = new URL(linkIn(firstMail, '/unsubscribe')).searchParams.get('token');
    const evesToken = token?.replace(ana.id, eve.id);
    expectError((await b.http.post(UNSUBSCRIBE).send({ token: evesToken }).expect(400)).body, 400);
    expect((await a.http.get(PREFERENCES).set(eve.auth).expect(200)).body.digest).toBe('weekly');

    const response = await b.http.post(UNSUBSCRIBE).send({ token }).expect(200);
    expect(response.body).toEqual({ digest: 'off' });
    await b.http.post(UNSUBSCRIBE).send({ token }).expect(200);
    expect((await a.http.get(PREFERENCES).set(ana.auth).expect(200)).body.digest).toBe('off');
  });

  it('refuses a missing, forged or malformed token naming it, and an unknown field, writing nothing', async () => {
    const before = await documentCounts(a.connection);
    const forged = `${ben.id}.${'A'.repeat(43)}`;
    const refusals = [
      () => a.http.post(UNSUBSCRIBE),
      () => a.http.post(UNSUBSCRIBE).send({}),
      () => a.http.post(`${UNSUBSCRIBE}?token=${forged}`).type('form').send('List-Unsubscribe=One-Click'),
      () => a.http.post(UNSUBSCRIBE).send({ token: forged }),
      () => a.http.post(UNSUBSCRIBE).send({ token: 'x'.repeat(500) }),
      () => a.http.post(UNSUBSCRIBE).send({ token: 42 }),
      () => a.http.post(UNSUBSCRIBE).query({ token: ['a', 'b'] }),
    ];
    for (const refused of refusals) {
      const response = await refused().expect(400);
      expect(fieldsOf(expectError(response.body, 400))).toEqual(['token']);
    }
    const unknown = await a.http.post(UNSUBSCRIBE).send({ token: forged, email: ben.email }).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['email']);
    const badClick = await a.http
      .post(`${UNSUBSCRIBE}?token=${forged}`)
      .type('form')
      .send('List-Unsubscribe=Twice')
      .expect(400);
    expect(fieldsOf(badClick.body)).toEqual(['List-Unsubscribe']);
    expect(await documentCounts(a.connection)).toEqual(before);
  });

  it("mails a member's digest by the day where they live, and refuses a time zone that is not one", async () => {
    const erin = await member('en');
    const chosen = await a.http
      .put(PREFERENCES)
      .set(erin.auth)
      .send({ digest: 'daily', timeZone: 'Pacific/Kiritimati' })
      .expect(200);
    expect(chosen.body).toMatchObject({ digest: 'daily', timeZone: 'Pacific/Kiritimati' });
    // once the queue has sent the welcome mail (sending writes): a refusal must change nothing
    await eventually(async () => {
      expect(await a.connection.collection('mail_jobs').countDocuments({ status: 'queued' })).toBe(0);
    });
    const before = await documentCounts(a.connection);
    for (const timeZone of ['Mars/Olympus_Mons', '', 42, 'UTC; DROP']) {
      const refused = await a.http.put(PREFERENCES).set(erin.auth).send({ timeZone }).expect(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(['timeZone']);
    }
    expect(await documentCounts(a.connection)).toEqual(before);

    await startThread(ben, open.id, `Over to you, ${mention(erin)}`);
    // Kiritimati is 14 hours ahead of UTC all year: from 10:00 UTC its date is the next one.
    const now = new Date(Date.now() + (new Date().getUTCHours() < 10 ? 10 * 3_600_000 : 0));
    const theirDay = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
    expect(theirDay).not.toBe(now.toISOString().slice(0, 10));
    await runEverywhere(now);
    await smtp.waitForMail(erin.email, isDigest);
    expect((await digestRecordsOf(erin)).map((digest) => digest.period)).toEqual([theirDay]);

    // an hour later it is the same day there: nothing more
    await runEverywhere(new Date(now.getTime() + 3_600_000));
    expect(await settledDigestsTo(erin)).toHaveLength(1);
    expect(await digestRecordsOf(erin)).toHaveLength(1);
  });
});
