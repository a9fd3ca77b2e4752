import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import {
  addToGroup,
  API,
  type CategoryBody,
  closeSockets,
  connectSocket,
  createCategory,
  createGroup,
  emitAck,
  type GroupBody,
  joinRoom,
  nextEvent,
  pause,
  type PostBody,
  recordForumEvents,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
} from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** How long a socket that should hear nothing is given to hear something, after the others heard it. */
const QUIET_MS = 400;

afterEach(closeSockets);

type PostEvent = { post: PostBody };
type ThreadEvent = { thread: ThreadBody };

const forPost = (postId: string) => (payload: PostEvent) => payload.post.id === postId;
const forThreadTitle = (title: string) => (payload: ThreadEvent) => payload.thread.title === title;

describe('forum rooms', () => {
  let app: TestApp;
  let owner: SignedIn;
  let member: SignedIn;
  let outsider: SignedIn;
  let moderator: SignedIn;
  let privateGroup: GroupBody;
  let privateCategory: CategoryBody;
  let privateThread: ThreadBody;

  beforeAll(async () => {
    app = await startForumApp('forum_realtime');
    owner = await register(app, { displayName: 'Room Owner' });
    member = await register(app, { displayName: 'Room Member' });
    outsider = await register(app, { displayName: 'Room Outsider' });
    moderator = await registerWithRole(app, 'moderator');
    privateGroup = await createGroup(app, owner, 'private', 'Realtime private');
    await addToGroup(app, owner, privateGroup, member);
    privateCategory = await createCategory(app, owner, { groupId: privateGroup.id });
    privateThread = await startThread(app, owner, privateCategory.id, { title: 'A private thread' });
  }, 60_000);
  afterAll(() => app.close());

  it('delivers post:created to an allowed socket within a second of the answer, then post:updated and post:deleted', async () => {
    const socket = await connectSocket(app, member);
    await joinRoom(socket, 'thread:join', { threadId: privateThread.id });

    const arrival = nextEvent<PostEvent>(socket, 'post:created', 5_000);
    const posted = await app.http
      .post(`${API}/threads/${privateThread.id}/posts`)
      .set(owner.auth)
      .send({ body: 'Hello **room**' })
      .expect(201);
    // Measured from the answer, not the request: how long the request itself takes is the load's, not the room's.
    const answered = Date.now();
    const event = await arrival;
    expect(Date.now() - answered).toBeLessThan(1_000);
    const post = posted.body as PostBody;
    expect(event.post).toMatchObject({
      id: post.id,
      threadId: privateThread.id,
      number: post.number,
      author: { id: owner.id, displayName: 'Room Owner' },
      body: 'Hello **room**',
      html: '<p>Hello <strong>room</strong></p>\n',
      status: 'visible',
    });

    const updated = nextEvent<PostEvent>(socket, 'post:updated', 5_000, forPost(post.id));
    await app.http.patch(`${API}/posts/${post.id}`).set(owner.auth).send({ body: 'Hello again' }).expect(200);
    expect((await updated).post).toMatchObject({ id: post.id, body: 'Hello again', editCount: 1 });

    // a hidden post goes out without its text
    const hidden = nextEvent<PostEvent>(socket, 'post:updated', 5_000, forPost(post.id));
    await app.http.post(`${API}/posts/${post.id}/hide`).set(moderator.auth).send({ reason: 'Testing' }).expect(200);
    expect((await hidden).post).toMatchObject({ id: post.id, status: 'hidden', body: null, html: '' });

    const deleted = nextEvent<{ postId: string; threadId: string }>(socket, 'post:deleted');
    await app.http.delete(`${API}/posts/${post.id}`).set(owner.auth).send({}).expect(204);
    expect(await deleted).toEqual({ postId: post.id, threadId: privateThread.id });
  });

  it('lets no non-member of a private group join its rooms, or hear its events', async () => {
    const insider = await connectSocket(app, member);
    const stranger = await connectSocket(app, outsider);
    await joinRoom(insider, 'thread:join', { threadId: privateThread.id });
    await joinRoom(insider, 'category:join', { categoryId: privateCategory.id });

    for (const [event, payload] of [
      ['thread:join', { threadId: privateThread.id }],
      ['category:join', { categoryId: privateCategory.id }],
    ] as const) {
      const ack = await emitAck(stranger, event, payload);
      expect({ event, ack }).toEqual({
        event,
        ack: { ok: false, error: expect.objectContaining({ statusCode: 404, code: 'not_found' }) },
      });
    }
    const heard = recordForumEvents(stranger);
    const post = nextEvent<PostEvent>(insider, 'post:created');
    const created = nextEvent<ThreadEvent>(insider, 'thread:created', 5_000, forThreadTitle('Another private thread'));
    await reply(app, owner, privateThread.id, 'Members only');
    await startThread(app, owner, privateCategory.id, { title: 'Another private thread' });
    await Promise.all([post, created]);
    await pause(QUIET_MS);
    expect(heard).toEqual([]);

    // the refused socket still works: it may join a room it may read
    const publicCategory = await createCategory(app, await loginAdmin(app));
    await joinRoom(stranger, 'category:join', { categoryId: publicCategory.id });
  });

  it('delivers thread:created to a category room, and to nobody outside it', async () => {
    const admin = await loginAdmin(app);
    const category = await createCategory(app, admin);
    const elsewhere = await createCategory(app, admin);
    const watching = await connectSocket(app, outsider);
    const notWatching = await connectSocket(app, member);
    await joinRoom(watching, 'category:join', { categoryId: category.id });
    await joinRoom(notWatching, 'category:join', { categoryId: elsewhere.id });
    const heard = recordForumEvents(notWatching);

    const arrival = nextEvent<ThreadEvent>(watching, 'thread:created');
    const thread = await startThread(app, member, category.id, { title: 'News for the room', tags: ['rooms'] });
    const answered = Date.now();
    const event = await arrival;
    expect(Date.now() - answered).toBeLessThan(1_000);
    expect(event.thread).toMatchObject({
      id: thread.id,
      categoryId: category.id,
      title: 'News for the room',
      tags: ['rooms'],
      author: { id: member.id },
    });
    await pause(QUIET_MS);
    expect(heard).toEqual([]);

    // leaving the room stops the events
    expect(await emitAck(watching, 'category:leave', { categoryId: category.id })).toEqual({
      ok: true,
      data: { categoryId: category.id },
    });
    const after = recordForumEvents(watching);
    await startThread(app, member, category.id);
    await pause(QUIET_MS);
    expect(after).toEqual([]);
  });

  it("stops a non-member's events when a public group turns private", async () => {
    const group = await createGroup(app, owner, 'public', 'Turning private');
    const category = await createCategory(app, owner, { groupId: group.id });
    const thread = await startThread(app, owner, category.id);
    const insider = await connectSocket(app, owner);
    const stranger = await connectSocket(app, outsider);
    for (const socket of [insider, stranger]) {
      await joinRoom(socket, 'thread:join', { threadId: thread.id });
      await joinRoom(socket, 'category:join', { categoryId: category.id });
    }
    await app.http.patch(`${API}/groups/${group.id}`).set(owner.auth).send({ visibility: 'private' }).expect(200);
    // The stranger may no longer read it...
    await app.http.get(`${API}/threads/${thread.id}`).set(outsider.auth).expect(404);
    // ...nor hear it.
    await expectOnlyInsiderHears(insider, stranger, async () => {
      await reply(app, owner, thread.id, 'Now among ourselves');
      await startThread(app, owner, category.id, { title: 'Private from now on' });
    });
  });

  it("stops a non-member's events when a thread is moved into a private group's category", async () => {
    const admin = await loginAdmin(app);
    const open = await createCategory(app, admin);
    const thread = await startThread(app, member, open.id);
    const insider = await connectSocket(app, member);
    const stranger = await connectSocket(app, outsider);
    for (const socket of [insider, stranger]) await joinRoom(socket, 'thread:join', { threadId: thread.id });
    await app.http
      .post(`${API}/threads/${thread.id}/move`)
      .set(moderator.auth)
      .send({ categoryId: privateCategory.id, reason: 'Belongs to the group' })
      .expect(200);
    await app.http.get(`${API}/threads/${thread.id}`).set(outsider.auth).expect(404);
    await expectOnlyInsiderHears(insider, stranger, () => reply(app, member, thread.id, 'Moved in'));
  });

  it("tells a hidden thread's listeners it was removed, and keeps only its author and moderators in its room", async () => {
    const admin = await loginAdmin(app);
    const open = await createCategory(app, admin);
    const thread = await startThread(app, member, open.id, { title: 'About to be hidden' });
    const author = await connectSocket(app, member);
    const staff = await connectSocket(app, moderator);
    const reader = await connectSocket(app, outsider);
    for (const socket of [author, staff, reader]) {
      await joinRoom(socket, 'thread:join', { threadId: thread.id });
      await joinRoom(socket, 'category:join', { categoryId: open.id });
    }
    const heard = recordForumEvents(reader);
    const authorHears = nextEvent<ThreadEvent>(author, 'thread:updated');
    await app.http
      .post(`${API}/threads/${thread.id}/hide`)
      .set(moderator.auth)
      .send({ reason: 'Off topic' })
      .expect(200);
    expect((await authorHears).thread.status).toBe('hidden');
    const staffHears = nextEvent<ThreadEvent>(staff, 'thread:updated', 5_000, forThreadTitle('Hidden, retitled'));
    await app.http
      .patch(`${API}/threads/${thread.id}`)
      .set(moderator.auth)
      .send({ title: 'Hidden, retitled' })
      .expect(200);
    await staffHears;
    await pause(QUIET_MS);
    expect(heard).toEqual([['thread:removed', { threadId: thread.id, categoryId: open.id }]]);
    const ack = await emitAck(reader, 'thread:join', { threadId: thread.id });
    expect(ack).toMatchObject({ ok: false, error: { statusCode: 404 } });
  });

  /** Runs `work`; the insider hears a post:created, and the stranger, given time, hears nothing at all. */
  async function expectOnlyInsiderHears(insider: Socket, stranger: Socket, work: () => Promise<unknown>) {
    const heard = recordForumEvents(stranger);
    const arrival = nextEvent<PostEvent>(insider, 'post:created');
    await work();
    await arrival;
    await pause(QUIET_MS);
    expect(heard.map(([event, payload]) => `${event} ${JSON.stringify(payload).slice(0, 120)}`)).toEqual([]);
  }
});

describe.each([
  ['the in-memory adapter', {}],
  ['the Redis streams adapter', { REDIS_URL }],
])('leaving a group, with %s', (_label, variables: Record<string, string>) => {
  let app: TestApp;
  let owner: SignedIn;
  let stays: SignedIn;
  let group: GroupBody;
  let category: CategoryBody;
  let thread: ThreadBody;

  beforeAll(async () => {
    app = await startForumApp('forum_realtime_leave', variables);
    owner = await register(app, { displayName: 'Leave Owner' });
    stays = await register(app, { displayName: 'Stays' });
    group = await createGroup(app, owner, 'private', 'Realtime leaving');
    await addToGroup(app, owner, group, stays);
    category = await createCategory(app, owner, { groupId: group.id });
    thread = await startThread(app, owner, category.id);
  }, 60_000);
  afterAll(() => app.close());

  it.each(['removed by the owner', 'leaving of their own accord'])(
    'stops the events of a member %s at once, and refuses their joins',
    async (how) => {
      const goes = await register(app);
      await addToGroup(app, owner, group, goes);
      const insider = await connectSocket(app, stays);
      const leaver = await connectSocket(app, goes);
      // two devices of the one who goes: both leave the rooms
      const otherDevice = await connectSocket(app, goes);
      for (const socket of [insider, leaver, otherDevice]) {
        await joinRoom(socket, 'thread:join', { threadId: thread.id });
        await joinRoom(socket, 'category:join', { categoryId: category.id });
      }
      // before: they hear
      const before = nextEvent<PostEvent>(leaver, 'post:created');
      await reply(app, owner, thread.id, 'Still among us');
      await before;

      if (how === 'removed by the owner') {
        await app.http.delete(`${API}/groups/${group.id}/members/${goes.id}`).set(owner.auth).expect(204);
      } else {
        await app.http.post(`${API}/groups/${group.id}/leave`).set(goes.auth).expect(204);
      }
      const heard = [...recordForumEvents(leaver), ...recordForumEvents(otherDevice)];
      // at once: the very next events do not reach them
      const arrival = nextEvent<PostEvent>(insider, 'post:created');
      const created = nextEvent<ThreadEvent>(insider, 'thread:created');
      await reply(app, owner, thread.id, 'Gone now');
      await startThread(app, owner, category.id);
      await Promise.all([arrival, created]);
      await pause(QUIET_MS);
      expect(heard).toEqual([]);

      for (const [event, payload] of [
        ['thread:join', { threadId: thread.id }],
        ['category:join', { categoryId: category.id }],
      ] as const) {
        const ack = await emitAck(leaver, event, payload);
        expect({ event, ack }).toEqual({
          event,
          ack: { ok: false, error: expect.objectContaining({ statusCode: 404, code: 'not_found' }) },
        });
      }
      expect(leaver.connected && otherDevice.connected).toBe(true);
    },
  );
});
