import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { eventually } from './support/eventually.js';
import { expectError, fieldsOf, walkPages } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const NOTIFICATIONS = '/api/v1/notifications';
const PREFERENCES = '/api/v1/notifications/preferences';

interface NotificationBody {
  id: string;
  kind: string;
  actor: { id: string | null; displayName: string } | null;
  threadId: string | null;
  postId: string | null;
  groupId: string | null;
  sessionId: string | null;
  pledgeId: string | null;
  itemKind: string | null;
  itemId: string | null;
  text: string | null;
  action: string | null;
  reason: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

interface NotificationPageBody {
  items: NotificationBody[];
  nextCursor: string | null;
  unreadTotal: number;
}

let app: TestApp;
let admin: SignedIn;
/** A platform-wide category every member reads and writes in. */
let categoryId: string;

beforeAll(async () => {
  app = await startTestApp('notifications');
  admin = await loginAdmin(app);
  const category = await app.http
    .post('/api/v1/categories')
    .set(admin.auth)
    .send({ name: `Notifications ${randomBytes(3).toString('hex')}` })
    .expect(201);
  categoryId = category.body.id;
}, 60_000);
afterAll(() => app.close());

/** Every socket a test opens, disconnected after each test. */
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

/** A socket of the member's, once the server has put it in their user room; it records what it hears. */
async function listen(member: SignedIn): Promise<{ heard: { at: number; notification: NotificationBody }[] }> {
  const socket = io(app.url, {
    auth: { token: member.accessToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const heard: { at: number; notification: NotificationBody }[] = [];
  socket.on('notification:created', ({ notification }: { notification: NotificationBody }) =>
    heard.push({ at: Date.now(), notification }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connection.ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return { heard };
}

const mention = (member: SignedIn) => `@[${member.displayName}](${member.id})`;

async function startThread(author: SignedIn, body = 'Which data do you use?', category = categoryId) {
  const title = `Thread ${randomBytes(3).toString('hex')}`;
  const response = await app.http
    .post(`/api/v1/categories/${category}/threads`)
    .set(author.auth)
    .send({ title, body })
    .expect(201);
  return { id: response.body.id as string, title };
}

async function reply(author: SignedIn, threadId: string, body: string, replyTo?: string): Promise<string> {
  const response = await app.http
    .post(`/api/v1/threads/${threadId}/posts`)
    .set(author.auth)
    .send({ body, ...(replyTo ? { replyTo } : {}) })
    .expect(201);
  return response.body.id;
}

async function notificationsOf(member: SignedIn, query: Record<string, string> = {}): Promise<NotificationPageBody> {
  const response = await app.http.get(NOTIFICATIONS).query(query).set(member.auth).expect(200);
  return response.body;
}

/** The kinds of the member's notifications about this thread, oldest first. */
async function kindsAbout(member: SignedIn, threadId: string): Promise<string[]> {
  const { items } = await notificationsOf(member, { limit: '100' });
  return items
    .filter((item) => item.threadId === threadId)
    .map((item) => item.kind)
    .reverse();
}

async function privateGroup(): Promise<{ groupId: string; name: string; categoryId: string }> {
  const name = `Private ${randomBytes(3).toString('hex')}`;
  const group = await app.http
    .post('/api/v1/groups')
    .set(admin.auth)
    .send({ name, type: 'working_group', visibility: 'private', joinPolicy: 'invite' })
    .expect(201);
  const category = await app.http
    .post('/api/v1/categories')
    .set(admin.auth)
    .send({ name: `${name} forum`, groupId: group.body.id })
    .expect(201);
  return { groupId: group.body.id, name, categoryId: category.body.id };
}

describe('notifications from the forum', () => {
  it('turns a mention into exactly one notification, delivered on the member’s socket within a second', async () => {
    const [ana, ben] = [await register(app), await register(app)];
    const { heard } = await listen(ana);
    const thread = await startThread(ben, `What do you think, ${mention(ana)}?`);
    // Measured from the answer, not the request: how long the request itself takes is the load's.
    const answered = Date.now();

    await eventually(async () => expect(heard).toHaveLength(1), 5_000);
    expect(heard[0].at - answered).toBeLessThan(1_000);
    const page = await notificationsOf(ana);
    expect(page).toEqual({ items: [expect.any(Object)], nextCursor: null, unreadTotal: 1 });
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      kind: 'mention',
      actor: { id: ben.id, displayName: ben.displayName },
      threadId: thread.id,
      postId: expect.any(String),
      groupId: null,
      sessionId: null,
      pledgeId: null,
      itemKind: null,
      itemId: null,
      text: thread.title,
      action: null,
      reason: null,
      read: false,
      readAt: null,
      createdAt: expect.any(String),
    });
    // the live event carries the very view the list returns
    expect(heard[0].notification).toEqual(page.items[0]);
    expect((await notificationsOf(ben)).items).toEqual([]);
  });

  it('tells a follower who is mentioned once, as a mention, and never tells the author of their own post', async () => {
    const [ana, ben] = [await register(app), await register(app)];
    const thread = await startThread(ana);
    await reply(ben, thread.id, `Agreed with ${mention(ana)}, and with myself ${mention(ben)}`);
    expect(await kindsAbout(ana, thread.id)).toEqual(['mention']);
    expect(await kindsAbout(ben, thread.id)).toEqual([]);
  });

  it('tells nobody about a thread they may not read, and tells them once they may', async () => {
    const group = await privateGroup();
    const carol = await register(app);
    const { heard } = await listen(carol);
    const before = (await documentCounts(app.connection)).notifications ?? 0;
    const thread = await startThread(admin, `Only for members, not ${mention(carol)}`, group.categoryId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    expect((await notificationsOf(carol)).items).toEqual([]);
    expect((await documentCounts(app.connection)).notifications ?? 0).toBe(before);

    await app.http
      .post(`/api/v1/groups/${group.groupId}/invitations`)
      .set(admin.auth)
      .send({ userId: carol.id })
      .expect(201);
    const [invitation] = (await notificationsOf(carol)).items;
    expect(invitation).toMatchObject({
      kind: 'group_invitation',
      actor: { id: admin.id },
      groupId: group.groupId,
      text: group.name,
      threadId: null,
    });
    await app.http.post(`/api/v1/groups/${group.groupId}/invitations/accept`).set(carol.auth).expect(200);
    await reply(admin, thread.id, `Welcome, ${mention(carol)}`);
    expect(await kindsAbout(carol, thread.id)).toEqual(['mention']);
    expect(heard.map(({ notification }) => notification.kind)).toEqual(['group_invitation', 'mention']);
  });

  it("tells the thread's followers and the replied-to author of a reply", async () => {
    const [ana, ben, dave, erin] = [await register(app), await register(app), await register(app), await register(app)];
    const thread = await startThread(ana);
    await reply(ben, thread.id, 'First reply');
    expect(await kindsAbout(ana, thread.id)).toEqual(['reply']);

    await app.http.post(`/api/v1/threads/${thread.id}/follow`).set(dave.auth).expect(200);
    const erinsPost = await reply(erin, thread.id, 'A reply, then I stop following');
    await app.http.delete(`/api/v1/threads/${thread.id}/follow`).set(erin.auth).expect(200);
    await reply(ana, thread.id, 'Answering Erin', erinsPost);

    expect(await kindsAbout(ana, thread.id)).toEqual(['reply', 'reply']);
    expect(await kindsAbout(ben, thread.id)).toEqual(['reply', 'reply']);
    expect(await kindsAbout(dave, thread.id)).toEqual(['reply', 'reply']);
    expect(await kindsAbout(erin, thread.id)).toEqual(['reply']);
    const [latest] = (await notificationsOf(erin)).items;
    expect(latest).toMatchObject({ kind: 'reply', actor: { id: ana.id }, text: thread.title });
  });

  it("tells an answer's author it was accepted, unless they accepted it themselves", async () => {
    const [ana, ben] = [await register(app), await register(app)];
    const thread = await startThread(ana);
    const answer = await reply(ben, thread.id, 'Try the migration data portal');
    await app.http.post(`/api/v1/threads/${thread.id}/accept`).set(ana.auth).send({ postId: answer }).expect(200);
    const [accepted] = (await notificationsOf(ben)).items;
    expect(accepted).toMatchObject({
      kind: 'accepted_answer',
      actor: { id: ana.id },
      threadId: thread.id,
      postId: answer,
      text: thread.title,
    });

    const own = await reply(ana, thread.id, 'Found it myself after all');
    const before = (await notificationsOf(ana)).items.length;
    await app.http.post(`/api/v1/threads/${thread.id}/accept`).set(ana.auth).send({ postId: own }).expect(200);
    expect((await notificationsOf(ana)).items).toHaveLength(before);
  });

  it('tells a member a moderator acted on their post, thread or account, without naming the moderator', async () => {
    const [ana, ben] = [await register(app), await register(app)];
    const moderator = await registerWithRole(app, 'moderator');
    const thread = await startThread(ana);
    const post = await reply(ben, thread.id, 'Off-topic advert');
    await app.http.post(`/api/v1/posts/${post}/hide`).set(moderator.auth).send({ reason: 'Advertising' }).expect(200);
    const [notice] = (await notificationsOf(ben)).items;
    expect(notice).toMatchObject({
      kind: 'moderation',
      actor: null,
      threadId: thread.id,
      postId: post,
      text: thread.title,
      action: 'post.hide',
      reason: 'Advertising',
    });

    await app.http
      .post(`/api/v1/threads/${thread.id}/lock`)
      .set(moderator.auth)
      .send({ reason: 'Settled' })
      .expect(200);
    await app.http
      .patch(`/api/v1/users/${ben.id}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'Spam' })
      .expect(200);
    await app.http.patch(`/api/v1/users/${ben.id}`).set(admin.auth).send({ status: 'active' }).expect(200);
    const moderation = async (member: SignedIn) =>
      (await notificationsOf(member)).items
        .filter((item) => item.kind === 'moderation')
        .map(({ action, reason, actor }) => ({ action, reason, actor }))
        .reverse();
    expect(await moderation(ana)).toEqual([{ action: 'thread.lock', reason: 'Settled', actor: null }]);
    expect(await moderation(ben)).toEqual([
      { action: 'post.hide', reason: 'Advertising', actor: null },
      { action: 'user.suspend', reason: 'Spam', actor: null },
      { action: 'user.reactivate', reason: null, actor: null },
    ]);
  });
});

describe('notifications from groups', () => {
  it('tells a member their request to join was approved', async () => {
    const frank = await register(app);
    const name = `By request ${randomBytes(3).toString('hex')}`;
    const group = await app.http
      .post('/api/v1/groups')
      .set(admin.auth)
      .send({ name, type: 'thematic', joinPolicy: 'request' })
      .expect(201);
    await app.http.post(`/api/v1/groups/${group.body.id}/join`).set(frank.auth).expect(201);
    expect((await notificationsOf(frank)).items).toEqual([]);
    await app.http.post(`/api/v1/groups/${group.body.id}/requests/${frank.id}/approve`).set(admin.auth).expect(200);
    expect((await notificationsOf(frank)).items).toEqual([
      expect.objectContaining({
        kind: 'group_request_approved',
        actor: { id: admin.id, displayName: admin.displayName },
        groupId: group.body.id,
        text: name,
      }),
    ]);
  });
});

describe('preferences', () => {
  it('start with every kind on and no digest; a kind turned off is not stored at all', async () => {
    const [ana, ben] = [await register(app), await register(app)];
    const defaults = await app.http.get(PREFERENCES).set(ana.auth).expect(200);
    expect(defaults.body).toEqual({
      kinds: {
        mention: true,
        reply: true,
        accepted_answer: true,
        moderation: true,
        group_invitation: true,
        group_request_approved: true,
        session_live: true,
        pledge_update: true,
        review_assigned: true,
        review_reminder: true,
        review_decision: true,
      },
      digest: 'off',
      timeZone: null,
    });

    const changed = await app.http
      .put(PREFERENCES)
      .set(ana.auth)
      .send({ kinds: { reply: false }, digest: 'weekly', timeZone: 'America/Bogota' })
      .expect(200);
    expect(changed.body).toEqual({
      kinds: { ...defaults.body.kinds, reply: false },
      digest: 'weekly',
      timeZone: 'America/Bogota',
    });
    // kinds left out keep their setting
    const again = await app.http
      .put(PREFERENCES)
      .set(ana.auth)
      .send({ kinds: { mention: true } })
      .expect(200);
    expect(again.body).toEqual(changed.body);
    expect((await app.http.get(PREFERENCES).set(ana.auth).expect(200)).body).toEqual(changed.body);

    const thread = await startThread(ana);
    await reply(ben, thread.id, 'A reply Ana does not want to hear of');
    await reply(ben, thread.id, `But this one mentions ${mention(ana)}`);
    expect(await kindsAbout(ana, thread.id)).toEqual(['mention']);

    await app.http
      .put(PREFERENCES)
      .set(ana.auth)
      .send({ kinds: { reply: true } })
      .expect(200);
    await reply(ben, thread.id, 'Now she hears of replies again');
    expect(await kindsAbout(ana, thread.id)).toEqual(['mention', 'reply']);
  });
});

describe('reading notifications', () => {
  /** A member with `count` unread notifications (mentions, one per reply). */
  async function memberWithMentions(count: number): Promise<{ member: SignedIn; other: SignedIn }> {
    const [member, other] = [await register(app), await register(app)];
    const thread = await startThread(other);
    // at once: each reply is numbered and notified through the app's own write path
    await Promise.all(
      Array.from({ length: count }, (_, i) => reply(other, thread.id, `Ping ${i + 1}, ${mention(member)}`)),
    );
    return { member, other };
  }

  it('keeps an exact unread total; marks one read (once) or all read; only the owner may', async () => {
    const { member, other } = await memberWithMentions(3);
    const page = await notificationsOf(member);
    expect(page.unreadTotal).toBe(3);
    const [newest, middle] = page.items;

    const read = await app.http.post(`${NOTIFICATIONS}/${middle.id}/read`).set(member.auth).expect(200);
    expect(read.body).toEqual({ ...middle, read: true, readAt: expect.any(String) });
    const again = await app.http.post(`${NOTIFICATIONS}/${middle.id}/read`).set(member.auth).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    expectError((await app.http.post(`${NOTIFICATIONS}/${newest.id}/read`).set(other.auth).expect(404)).body, 404);

    const unread = await notificationsOf(member, { unread: 'true' });
    expect(unread.unreadTotal).toBe(2);
    expect(unread.items.map((item) => item.id)).toEqual(page.items.filter((i) => i.id !== middle.id).map((i) => i.id));
    expect((await notificationsOf(member, { unread: 'false' })).items).toHaveLength(3);

    expect((await app.http.post(`${NOTIFICATIONS}/read-all`).set(member.auth).expect(200)).body).toEqual({
      updated: 2,
    });
    expect((await app.http.post(`${NOTIFICATIONS}/read-all`).set(member.auth).expect(200)).body).toEqual({
      updated: 0,
    });
    const after = await notificationsOf(member);
    expect(after.unreadTotal).toBe(0);
    expect(after.items.every((item) => item.read && item.readAt !== null)).toBe(true);
    expect((await notificationsOf(member, { unread: 'true' })).items).toEqual([]);
  });

  it('pages by cursor, newest first, every notification exactly once', async () => {
    const { member } = await memberWithMentions(7);
    const { items, pages } = await walkPages<NotificationBody>(app, NOTIFICATIONS, { limit: 3, auth: member.auth });
    expect(pages).toBe(3);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((item) => item.id)).size).toBe(7);
    const created = items.map((item) => item.id);
    expect([...created].sort().reverse()).toEqual(created);

    await app.http.post(`${NOTIFICATIONS}/${items[1].id}/read`).set(member.auth).expect(200);
    const unread = await walkPages<NotificationBody>(app, NOTIFICATIONS, {
      limit: 2,
      auth: member.auth,
      query: { unread: true },
    });
    expect(unread.items.map((item) => item.id)).toEqual(created.filter((id) => id !== items[1].id));
  });
});

describe('bad input', () => {
  it('is refused with a 400 naming the field, or a 401 for guests, and writes nothing', async () => {
    const member = await register(app);
    const before = await documentCounts(app.connection);
    const bodies: [unknown, string[]][] = [
      [{ kinds: { mention: false }, colour: 'red' }, ['colour']],
      [{ kinds: { shouting: false } }, ['kinds.shouting']],
      [{ kinds: { mention: 'no' } }, ['kinds.mention']],
      [{ kinds: { mention: null } }, ['kinds.mention']],
      [{ kinds: 'all' }, ['kinds']],
      [{ digest: 'hourly' }, ['digest']],
      [{ digest: null }, ['digest']],
      [{ timeZone: 'Moon/Tranquility' }, ['timeZone']],
      [{ timeZone: null }, ['timeZone']],
    ];
    for (const [body, fields] of bodies) {
      const response = await app.http
        .put(PREFERENCES)
        .set(member.auth)
        .send(body as object);
      expect({ body, status: response.status, fields: fieldsOf(response.body) }).toEqual({ body, status: 400, fields });
      expectError(response.body, 400);
    }
    // nothing to change
    expectError((await app.http.put(PREFERENCES).set(member.auth).send({}).expect(400)).body, 400);
    expectError((await app.http.put(PREFERENCES).set(member.auth).send([]).expect(400)).body, 400);

    const queries: [Record<string, string>, string][] = [
      [{ unread: 'maybe' }, 'unread'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ cursor: '!!!' }, 'cursor'],
      [{ cursor: 'WzEsMl0' }, 'cursor'],
      [{ sort: 'oldest' }, 'sort'],
    ];
    for (const [query, field] of queries) {
      const response = await app.http.get(NOTIFICATIONS).query(query).set(member.auth);
      expect({ query, status: response.status, fields: fieldsOf(response.body) }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
    for (const id of ['not-an-id', '123', `${'a'.repeat(24)}x`]) {
      const response = await app.http.post(`${NOTIFICATIONS}/${id}/read`).set(member.auth).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    }
    expectError(
      (
        await app.http
          .post(`${NOTIFICATIONS}/${'a'.repeat(24)}/read`)
          .set(member.auth)
          .expect(404)
      ).body,
      404,
    );

    await app.http.get(NOTIFICATIONS).expect(401);
    await app.http.post(`${NOTIFICATIONS}/read-all`).expect(401);
    await app.http.get(PREFERENCES).expect(401);
    await app.http.put(PREFERENCES).send({ digest: 'daily' }).expect(401);
    expect(await documentCounts(app.connection)).toEqual(before);
  });
});

describe('the account', () => {
  it("exports the member's notifications and preferences, and erases them with the account", async () => {
    const [ana, ben] = [await register(app), await register(app)];
    await startThread(ben, `Hello ${mention(ana)}`);
    await app.http.put(PREFERENCES).set(ana.auth).send({ digest: 'daily' }).expect(200);

    const exported = await app.http.get('/api/v1/members/me/export').set(ana.auth).expect(200);
    expect(exported.body.notifications).toEqual({
      preferences: expect.objectContaining({ digest: 'daily' }),
      notifications: [
        expect.objectContaining({ kind: 'mention', actor: { id: ben.id, displayName: ben.displayName } }),
      ],
    });

    await app.http.delete('/api/v1/members/me').set(ana.auth).expect(204);
    const db = app.connection.db!;
    expect(await db.collection('notifications').countDocuments({ recipientId: new Types.ObjectId(ana.id) })).toBe(0);
    expect(await db.collection('notification_preferences').countDocuments({ userId: new Types.ObjectId(ana.id) })).toBe(
      0,
    );
  });
});
