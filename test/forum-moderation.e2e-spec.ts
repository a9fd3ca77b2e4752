import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addToGroup,
  API,
  type CategoryBody,
  createCategory,
  createGroup,
  errorProblem,
  headers,
  type PostBody,
  postsOf,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
  threadOf,
  uniqueName,
  watchWrites,
} from './support/forum.js';
import { expectError, fieldsOf } from './support/http.js';
import { documentCounts, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

describe('locked threads, hidden content and edit history', () => {
  let app: TestApp;
  let admin: SignedIn;
  let moderator: SignedIn;
  let owner: SignedIn;
  let facilitator: SignedIn;
  let author: SignedIn;
  let groupMember: SignedIn;
  let outsider: SignedIn;
  let category: CategoryBody;

  beforeAll(async () => {
    app = await startForumApp('forum_moderation');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    owner = await register(app, { displayName: 'Group Owner' });
    facilitator = await register(app, { displayName: 'Group Facilitator' });
    author = await register(app, { displayName: 'Post Author' });
    groupMember = await register(app, { displayName: 'Group Member' });
    outsider = await register(app, { displayName: 'Outsider' });
    const group = await createGroup(app, owner, 'public', 'Moderation');
    await addToGroup(app, owner, group, facilitator, 'facilitator');
    await addToGroup(app, owner, group, author);
    await addToGroup(app, owner, group, groupMember);
    category = await createCategory(app, owner, { groupId: group.id });
  }, 60_000);
  afterAll(() => app.close());

  const postTo = (caller: SignedIn, threadId: string, body: string) =>
    app.http.post(`${API}/threads/${threadId}/posts`).set(caller.auth).send({ body });

  it('refuses replies to a locked thread (409, nothing written) but lets its moderators reply', async () => {
    const thread = await startThread(app, author, category.id, { title: 'A thread to lock' });
    const locked = await app.http
      .post(`${API}/threads/${thread.id}/lock`)
      .set(facilitator.auth)
      .send({ reason: 'Cooling down' })
      .expect(200);
    expect(locked.body).toMatchObject({ id: thread.id, locked: true });
    expect((await threadOf(app, groupMember, thread.id)).locked).toBe(true);

    for (const caller of [author, groupMember]) {
      const { result: refused, writes } = await watchWrites(app, () => postTo(caller, thread.id, 'Let me in'));
      expect({ who: caller.displayName, status: refused.status }).toEqual({ who: caller.displayName, status: 409 });
      expectError(refused.body, 409);
      expect(writes).toEqual([]);
    }
    // the thread's moderators may still reply: its group's owner and facilitator, platform moderators, admins
    for (const caller of [facilitator, owner, moderator, admin]) {
      const response = await postTo(caller, thread.id, `A word from ${caller.displayName}`);
      expect({ who: caller.displayName, status: response.status }).toEqual({ who: caller.displayName, status: 201 });
    }
    expect((await threadOf(app, groupMember, thread.id)).replyCount).toBe(4);

    await app.http.post(`${API}/threads/${thread.id}/unlock`).set(moderator.auth).send({}).expect(200);
    const after = await postTo(groupMember, thread.id, 'Open again').expect(201);
    expect(after.body).toMatchObject({ number: 6 });

    // A hidden thread takes no replies at all, not even from moderators.
    await app.http
      .post(`${API}/threads/${thread.id}/hide`)
      .set(moderator.auth)
      .send({ reason: 'Off topic' })
      .expect(200);
    for (const caller of [author, moderator, admin]) {
      const { result: refused, writes } = await watchWrites(app, () => postTo(caller, thread.id, 'Still here?'));
      expect({ who: caller.displayName, status: refused.status }).toEqual({ who: caller.displayName, status: 409 });
      expect(writes).toEqual([]);
    }
  });

  it('hides a post from members and guests, and shows it to its author and moderators', async () => {
    const thread = await startThread(app, author, category.id, { title: 'A thread with a hidden post' });
    const before = await reply(app, groupMember, thread.id, 'Before it');
    const hiddenPost = await reply(app, author, thread.id, 'Call me on 555 0100, zanzibarquokka');
    const afterIt = await reply(app, groupMember, thread.id, 'After it');
    const hidden = await app.http
      .post(`${API}/posts/${hiddenPost.id}/hide`)
      .set(facilitator.auth)
      .send({ reason: 'Personal data' })
      .expect(200);
    expect(hidden.body).toMatchObject({ id: hiddenPost.id, status: 'hidden' });

    const numbers = (posts: PostBody[]) => posts.map((post) => post.number);
    for (const reader of [null, outsider, groupMember]) {
      const posts = await postsOf(app, reader, thread.id);
      expect({ reader: reader?.displayName ?? 'guest', numbers: numbers(posts) }).toEqual({
        reader: reader?.displayName ?? 'guest',
        numbers: [1, before.number, afterIt.number],
      });
      expect(JSON.stringify(posts)).not.toContain('zanzibarquokka');
    }
    for (const reader of [author, facilitator, owner, moderator, admin]) {
      const posts = await postsOf(app, reader, thread.id);
      const shown = posts.find((post) => post.id === hiddenPost.id);
      expect({ reader: reader.displayName, numbers: numbers(posts), shown }).toEqual({
        reader: reader.displayName,
        numbers: [1, before.number, hiddenPost.number, afterIt.number],
        shown: expect.objectContaining({
          status: 'hidden',
          body: 'Call me on 555 0100, zanzibarquokka',
          html: expect.stringContaining('zanzibarquokka'),
        }),
      });
    }

    // what members may not see, they may not touch either, nor find
    const counts = await documentCounts(app.connection);
    const react = await app.http.post(`${API}/posts/${hiddenPost.id}/reactions/like`).set(groupMember.auth);
    expect(react.status).toBe(404);
    expectError(react.body, 404);
    const quoting = await app.http
      .post(`${API}/threads/${thread.id}/posts`)
      .set(groupMember.auth)
      .send({ body: 'Quoting it', replyTo: hiddenPost.id });
    expect(quoting.status).toBe(400);
    expect(fieldsOf(quoting.body)).toEqual(['replyTo']);
    expect(await documentCounts(app.connection)).toEqual(counts);
    for (const reader of [null, groupMember]) {
      const found = await app.http.get(`${API}/search`).set(headers(reader)).query({ q: 'zanzibarquokka' }).expect(200);
      expect(found.body).toEqual({ items: [], nextCursor: null });
    }

    // restored, it is back for everyone
    await app.http.post(`${API}/posts/${hiddenPost.id}/restore`).set(moderator.auth).send({}).expect(200);
    const restored = (await postsOf(app, groupMember, thread.id)).find((post) => post.id === hiddenPost.id);
    expect(restored).toMatchObject({ status: 'visible', body: 'Call me on 555 0100, zanzibarquokka' });
  });

  it('hides a thread from members and guests, and shows it to its author and moderators', async () => {
    const thread = await startThread(app, author, category.id, { title: 'A thread to hide' });
    await reply(app, groupMember, thread.id, 'A reply in a thread about to be hidden');
    await app.http.post(`${API}/threads/${thread.id}/hide`).set(moderator.auth).send({ reason: 'Spam' }).expect(200);

    const listed = async (reader: SignedIn | null) =>
      (
        (await app.http.get(`${API}/categories/${category.id}/threads`).set(headers(reader)).query({ limit: 100 }))
          .body as { items: ThreadBody[] }
      ).items.some((item) => item.id === thread.id);
    for (const reader of [null, outsider, groupMember]) {
      const who = reader?.displayName ?? 'guest';
      const seen = await app.http.get(`${API}/threads/${thread.id}`).set(headers(reader));
      const posts = await app.http.get(`${API}/threads/${thread.id}/posts`).set(headers(reader));
      expect({ who, thread: seen.status, posts: posts.status, listed: await listed(reader) }).toEqual({
        who,
        thread: 404,
        posts: 404,
        listed: false,
      });
    }
    for (const reader of [author, facilitator, moderator, admin]) {
      const seen = await threadOf(app, reader, thread.id);
      expect({ who: reader.displayName, status: seen.status, listed: await listed(reader) }).toEqual({
        who: reader.displayName,
        status: 'hidden',
        listed: true,
      });
    }
    await app.http.post(`${API}/threads/${thread.id}/restore`).set(facilitator.auth).send({}).expect(200);
    expect((await threadOf(app, groupMember, thread.id)).status).toBe('visible');
    expect(await postsOf(app, groupMember, thread.id)).toHaveLength(2);
  });

  it('records each edit (who, when, the previous text) and shows the history to the author and moderators only', async () => {
    const thread = await startThread(app, author, category.id, { title: 'A thread with edits' });
    const post = await reply(app, author, thread.id, 'Version one');
    const editedBy: { editor: SignedIn; previous: string; reason: string | null; from: number; to: number }[] = [];

    const edit = async (editor: SignedIn, body: string, reason?: string) => {
      const previous = (await postsOf(app, admin, thread.id)).find((item) => item.id === post.id)?.body ?? '';
      const from = Date.now();
      const response = await app.http
        .patch(`${API}/posts/${post.id}`)
        .set(editor.auth)
        .send({ body, ...(reason ? { reason } : {}) });
      const to = Date.now();
      expect({ editor: editor.displayName, status: response.status }).toEqual({
        editor: editor.displayName,
        status: 200,
      });
      editedBy.push({ editor, previous, reason: reason ?? null, from, to });
      return response.body as PostBody;
    };
    await edit(author, 'Version *two*');
    const second = await edit(author, 'Version three');
    expect(second).toMatchObject({ body: 'Version three', html: '<p>Version three</p>\n', editCount: 2 });
    // a moderator edits someone else's post only with a reason
    const counts = await documentCounts(app.connection);
    for (const editor of [facilitator, moderator]) {
      const { result: refused, writes } = await watchWrites(app, () =>
        app.http.patch(`${API}/posts/${post.id}`).set(editor.auth).send({ body: 'No reason given' }),
      );
      expect(refused.status).toBe(400);
      expect(fieldsOf(expectError(refused.body, 400))).toEqual(['reason']);
      expect(writes).toEqual([]);
    }
    // others may not edit it at all
    for (const editor of [groupMember, outsider]) {
      const { result: refused, writes } = await watchWrites(app, () =>
        app.http.patch(`${API}/posts/${post.id}`).set(editor.auth).send({ body: 'Mine now', reason: 'Because' }),
      );
      expect({ editor: editor.displayName, status: refused.status }).toEqual({
        editor: editor.displayName,
        status: 403,
      });
      expect(writes).toEqual([]);
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    const last = await edit(moderator, 'Version four', 'Removing a phone number');
    expect(last).toMatchObject({ body: 'Version four', editCount: 3, editedAt: expect.any(String) });
    expect(Date.parse(last.editedAt as string)).toBeGreaterThanOrEqual(editedBy[2].from - 50);

    const expectedHistory = editedBy.map(({ editor, previous, reason }) => ({
      editor: { id: editor.id, displayName: editor.displayName },
      previousBody: previous,
      reason,
      editedAt: expect.any(String),
    }));
    expect(editedBy.map(({ previous }) => previous)).toEqual(['Version one', 'Version *two*', 'Version three']);
    for (const reader of [author, facilitator, owner, moderator, admin]) {
      const history = await app.http.get(`${API}/posts/${post.id}/history`).set(reader.auth);
      expect({ reader: reader.displayName, status: history.status, body: history.body }).toEqual({
        reader: reader.displayName,
        status: 200,
        body: { items: expectedHistory },
      });
      // each edit's time is the time it was made
      (history.body as { items: { editedAt: string }[] }).items.forEach((item, index) => {
        const at = Date.parse(item.editedAt);
        expect(at).toBeGreaterThanOrEqual(editedBy[index].from - 50);
        expect(at).toBeLessThanOrEqual(editedBy[index].to + 50);
      });
    }
    for (const reader of [groupMember, outsider]) {
      const refused = await app.http.get(`${API}/posts/${post.id}/history`).set(reader.auth);
      expect({ reader: reader.displayName, status: refused.status }).toEqual({
        reader: reader.displayName,
        status: 403,
      });
      expectError(refused.body, 403);
    }
    await app.http.get(`${API}/posts/${post.id}/history`).expect(401);
  });
});

describe('a facilitator outside their group', () => {
  let app: TestApp;
  let admin: SignedIn;
  let facilitator: SignedIn;
  let ownCategory: CategoryBody;
  let ownThread: ThreadBody;

  interface Target {
    label: string;
    category: CategoryBody;
    thread: ThreadBody;
    reply: PostBody;
    hiddenReply: PostBody;
    /** What the facilitator gets: 403 where they may read, 404 where they may not even know. */
    refusal: number;
    /** Whether the facilitator may start threads there (as a member), so move their own threads there. */
    mayPost: boolean;
  }
  const targets: Target[] = [];

  beforeAll(async () => {
    app = await startForumApp('forum_access_facilitator');
    admin = await loginAdmin(app);
    const owner = await register(app, { displayName: 'Other Owner' });
    const author = await register(app, { displayName: 'Other Author' });
    facilitator = await register(app, { displayName: 'Facilitator Of A' });

    const own = await createGroup(app, owner, 'public', 'Group A');
    await addToGroup(app, owner, own, facilitator, 'facilitator');
    ownCategory = await createCategory(app, owner, { groupId: own.id });
    ownThread = await startThread(app, owner, ownCategory.id);

    const other = await createGroup(app, owner, 'public', 'Group B');
    const membersOnly = await createGroup(app, owner, 'members', 'Group C');
    const hidden = await createGroup(app, owner, 'private', 'Group D');
    // In C the facilitator of A is a plain member: being a facilitator somewhere gives nothing here.
    await addToGroup(app, owner, membersOnly, facilitator);
    for (const group of [other, membersOnly, hidden]) await addToGroup(app, owner, group, author);

    const place = async (label: string, category: CategoryBody, refusal: number, mayPost = false) => {
      const thread = await startThread(app, author, category.id, { title: `${label} thread` });
      const hiddenReply = await reply(app, author, thread.id, 'To be hidden by a real moderator');
      await app.http.post(`${API}/posts/${hiddenReply.id}/hide`).set(admin.auth).send({}).expect(200);
      targets.push({
        label,
        category,
        thread,
        reply: await reply(app, author, thread.id),
        hiddenReply,
        refusal,
        mayPost,
      });
    };
    await place('another public group', await createCategory(app, owner, { groupId: other.id }), 403);
    await place(
      'a group where they are a member',
      await createCategory(app, owner, { groupId: membersOnly.id }),
      403,
      true,
    );
    await place('the platform', await createCategory(app, admin, {}), 403, true);
    await place('a private group', await createCategory(app, owner, { groupId: hidden.id }), 404);
  }, 60_000);
  afterAll(() => app.close());

  it('moderates nothing outside their group, and writes nothing trying', async () => {
    const mismatches: string[] = [];
    for (const target of targets) {
      const { category, thread } = target;
      const attempts: [string, () => ReturnType<typeof app.http.post>][] = [
        ...(['pin', 'unpin', 'lock', 'unlock', 'hide', 'restore'] as const).map(
          (action) =>
            [
              `${action} the thread`,
              () =>
                app.http
                  .post(`${API}/threads/${thread.id}/${action}`)
                  .set(facilitator.auth)
                  .send({ reason: 'Out of scope' }),
            ] as [string, () => ReturnType<typeof app.http.post>],
        ),
        [
          'move the thread into their category',
          () =>
            app.http
              .post(`${API}/threads/${thread.id}/move`)
              .set(facilitator.auth)
              .send({ categoryId: ownCategory.id, reason: 'Mine now' }),
        ],
        [
          'edit the title',
          () => app.http.patch(`${API}/threads/${thread.id}`).set(facilitator.auth).send({ title: 'Renamed by F' }),
        ],
        ['delete the thread', () => app.http.delete(`${API}/threads/${thread.id}`).set(facilitator.auth).send({})],
        [
          'accept an answer',
          () =>
            app.http.post(`${API}/threads/${thread.id}/accept`).set(facilitator.auth).send({ postId: target.reply.id }),
        ],
        [
          'hide a post',
          () => app.http.post(`${API}/posts/${target.reply.id}/hide`).set(facilitator.auth).send({ reason: 'Nope' }),
        ],
        [
          'restore a hidden post',
          () => app.http.post(`${API}/posts/${target.hiddenReply.id}/restore`).set(facilitator.auth).send({}),
        ],
        [
          "edit someone's post",
          () =>
            app.http
              .patch(`${API}/posts/${target.reply.id}`)
              .set(facilitator.auth)
              .send({ body: 'Edited by F', reason: 'Moderation' }),
        ],
        [
          "delete someone's post",
          () => app.http.delete(`${API}/posts/${target.reply.id}`).set(facilitator.auth).send({}),
        ],
        ["read a post's history", () => app.http.get(`${API}/posts/${target.reply.id}/history`).set(facilitator.auth)],
        [
          'edit the category',
          () => app.http.patch(`${API}/categories/${category.id}`).set(facilitator.auth).send({ order: 9 }),
        ],
        ['delete the category', () => app.http.delete(`${API}/categories/${category.id}`).set(facilitator.auth)],
      ];
      for (const [what, attempt] of attempts) {
        const { result: response, writes } = await watchWrites(app, attempt);
        // A hidden post is not theirs to know of: a 404 wherever they do not moderate.
        const expected = what === 'restore a hidden post' ? 404 : target.refusal;
        if (response.status !== expected) {
          mismatches.push(
            `${target.label}: ${what}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
          );
          continue;
        }
        const problem = errorProblem(response.body, response.status);
        if (problem) mismatches.push(`${target.label}: ${what}: ${problem}`);
        if (writes.length > 0) mismatches.push(`${target.label}: ${what}: wrote ${writes.join(', ')}`);
      }
    }
    // Nor may they move a thread of their own group into a category they may not post in, or create a
    // category in another group. (Moving it where they may start threads, the platform or a group they
    // belong to, is allowed: "another category the moderator may post in", threads.service.ts.)
    const before = await documentCounts(app.connection);
    const { writes } = await watchWrites(app, async () => {
      for (const target of targets) {
        if (target.mayPost) continue;
        const moved = await app.http
          .post(`${API}/threads/${ownThread.id}/move`)
          .set(facilitator.auth)
          .send({ categoryId: target.category.id });
        if (moved.status !== target.refusal) {
          mismatches.push(`move own thread to ${target.label}: expected ${target.refusal}, got ${moved.status}`);
        }
      }
      for (const target of targets) {
        if (!target.category.groupId) continue;
        const created = await app.http
          .post(`${API}/categories`)
          .set(facilitator.auth)
          .send({ name: uniqueName('Intruding'), groupId: target.category.groupId });
        if (created.status !== target.refusal) {
          mismatches.push(`create a category in ${target.label}: expected ${target.refusal}, got ${created.status}`);
        }
      }
    });
    if (writes.length > 0) mismatches.push(`moves or category creations wrote: ${writes.join(', ')}`);
    expect(await documentCounts(app.connection)).toEqual(before);
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('does moderate in their own group (the same actions succeed there)', async () => {
    const post = await reply(app, admin, ownThread.id, 'Something off-topic');
    await app.http.post(`${API}/threads/${ownThread.id}/pin`).set(facilitator.auth).send({}).expect(200);
    await app.http.post(`${API}/threads/${ownThread.id}/lock`).set(facilitator.auth).send({}).expect(200);
    const hidden = await app.http.post(`${API}/posts/${post.id}/hide`).set(facilitator.auth).send({}).expect(200);
    expect(hidden.body).toMatchObject({ id: post.id, status: 'hidden' });
    const history = await app.http.get(`${API}/posts/${post.id}/history`).set(facilitator.auth).expect(200);
    expect(history.body).toEqual({ items: [] });
    const category = await app.http
      .patch(`${API}/categories/${ownCategory.id}`)
      .set(facilitator.auth)
      .send({ order: 3 })
      .expect(200);
    expect(category.body).toMatchObject({ order: 3, viewer: { canManage: true, canModerate: true } });
  });
});
