import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import {
  API,
  type CategoryBody,
  closeSockets,
  connectSocket,
  createCategory,
  emitAck,
  joinRoom,
  nextEvent,
  type PostBody,
  postsOf,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
  watchWrites,
} from './support/forum.js';
import { type ErrorBody, fieldsOf } from './support/http.js';
import { documentCounts, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

/** What a refused request must answer: a status, and for validation the fields named (sorted) or the code. */
type Expected = { status: 400; fields: string[] } | { status: number; code: string };

const invalid = (...fields: string[]): Expected => ({ status: 400, fields: [...fields].sort() });
const MAX_BODY = 20_000;
/** Cursors of other lists' kinds: the search list's (no sort value) and a text-sorted list's. */
const SEARCH_CURSOR = Buffer.from(JSON.stringify([null, '0123456789abcdef01234567'])).toString('base64url');
const TEXT_CURSOR = Buffer.from(JSON.stringify(['Amina', '0123456789abcdef01234567'])).toString('base64url');
/** What a thread's post list answers as nextCursor: a post number (which a date list would take for a date). */
const POST_LIST_CURSOR = Buffer.from(JSON.stringify([50, '0123456789abcdef01234567', 'number'])).toString('base64url');

describe('bad input on the forum routes', () => {
  let app: TestApp;
  let admin: SignedIn;
  let member: SignedIn;
  let category: CategoryBody;
  let other: CategoryBody;
  let thread: ThreadBody;
  let opening: PostBody;
  let post: PostBody;
  let elsewhere: PostBody;
  let postCursor: string;

  beforeAll(async () => {
    app = await startForumApp('forum_input');
    admin = await loginAdmin(app);
    member = await register(app);
    category = await createCategory(app, admin);
    other = await createCategory(app, admin);
    thread = await startThread(app, member, category.id, { title: 'Input thread' });
    post = await reply(app, member, thread.id, 'A reply to edit');
    await reply(app, admin, thread.id, 'Another reply');
    [opening] = await postsOf(app, member, thread.id);
    const otherThread = await startThread(app, member, other.id);
    [elsewhere] = await postsOf(app, member, otherThread.id);
    const page = await app.http.get(`${API}/threads/${thread.id}/posts`).query({ limit: 1 }).expect(200);
    postCursor = page.body.nextCursor as string;
  }, 60_000);
  afterAll(() => app.close());

  it('answers every bad request with a 4xx naming each bad field, and writes nothing', async () => {
    const as = (caller: SignedIn, request: Test) => request.set(caller.auth);
    const http = () => app.http;
    const c = () => category.id;
    const t = () => thread.id;
    const p = () => post.id;
    const hugeJson = JSON.stringify({ title: 'A huge one', body: 'x'.repeat(110_000) });
    const cases: [string, () => Test, Expected][] = [
      // categories
      [
        'create category, unknown field',
        () => as(admin, http().post(`${API}/categories`).send({ name: 'Fine name', colour: 'red' })),
        invalid('colour'),
      ],
      [
        'create category, short name',
        () => as(admin, http().post(`${API}/categories`).send({ name: 'x' })),
        invalid('name'),
      ],
      [
        'create category, bad policy, order, group id and language',
        () =>
          as(
            admin,
            http()
              .post(`${API}/categories`)
              .send({ name: 'Fine name', postingPolicy: 'everyone', order: -1, groupId: 'nope', language: 'english' }),
          ),
        invalid('groupId', 'language', 'order', 'postingPolicy'),
      ],
      [
        'create category, long description',
        () =>
          as(
            admin,
            http()
              .post(`${API}/categories`)
              .send({ name: 'Fine name', description: 'x'.repeat(2001) }),
          ),
        invalid('description'),
      ],
      ['create category, no body fields', () => as(admin, http().post(`${API}/categories`).send({})), invalid('name')],
      [
        'patch category, unknown field',
        () => as(admin, http().patch(`${API}/categories/${c()}`).send({ slug: 'hack' })),
        invalid('slug'),
      ],
      [
        'patch category, nothing to change',
        () => as(admin, http().patch(`${API}/categories/${c()}`).send({})),
        { status: 400, code: 'bad_request' },
      ],
      [
        'patch category, null name',
        () => as(admin, http().patch(`${API}/categories/${c()}`).send({ name: null })),
        invalid('name'),
      ],
      [
        'patch category, invalid id',
        () => as(admin, http().patch(`${API}/categories/not-an-id`).send({ order: 1 })),
        invalid('id'),
      ],
      ['get category, invalid id', () => http().get(`${API}/categories/12345`), invalid('id')],
      ['delete category, invalid id', () => as(admin, http().delete(`${API}/categories/xyz`)), invalid('id')],
      [
        'list categories, bad filters',
        () => http().get(`${API}/categories`).query({ groupId: 'zzz', platform: 'yes' }),
        invalid('groupId', 'platform'),
      ],
      [
        'list categories, unknown parameter',
        () => http().get(`${API}/categories`).query({ colour: 'red' }),
        invalid('colour'),
      ],
      // thread lists
      [
        'list threads, bad sort',
        () => http().get(`${API}/categories/${c()}/threads`).query({ sort: 'hot' }),
        invalid('sort'),
      ],
      [
        'list threads, limit 0',
        () => http().get(`${API}/categories/${c()}/threads`).query({ limit: 0 }),
        invalid('limit'),
      ],
      [
        'list threads, limit 101',
        () => http().get(`${API}/categories/${c()}/threads`).query({ limit: 101 }),
        invalid('limit'),
      ],
      [
        'list threads, garbage cursor',
        () => http().get(`${API}/categories/${c()}/threads`).query({ cursor: 'garbage' }),
        invalid('cursor'),
      ],
      [
        "list threads, a cursor of a thread's post list",
        () => http().get(`${API}/categories/${c()}/threads`).query({ cursor: POST_LIST_CURSOR }),
        invalid('cursor'),
      ],
      [
        'list threads, a cursor of the search list',
        () => http().get(`${API}/categories/${c()}/threads`).query({ cursor: SEARCH_CURSOR }),
        invalid('cursor'),
      ],
      [
        'list threads, a cursor with text for a date',
        () => http().get(`${API}/categories/${c()}/threads`).query({ cursor: TEXT_CURSOR }),
        invalid('cursor'),
      ],
      [
        'list threads, unknown parameter',
        () => http().get(`${API}/categories/${c()}/threads`).query({ page: 2 }),
        invalid('page'),
      ],
      ['list threads, invalid category id', () => http().get(`${API}/categories/nope/threads`), invalid('id')],
      // starting threads
      [
        'start thread, unknown field',
        () =>
          as(
            member,
            http().post(`${API}/categories/${c()}/threads`).send({ title: 'Fine title', body: 'Fine', pinned: true }),
          ),
        invalid('pinned'),
      ],
      [
        'start thread, short title and empty body',
        () => as(member, http().post(`${API}/categories/${c()}/threads`).send({ title: 'ab', body: '' })),
        invalid('body', 'title'),
      ],
      [
        'start thread, missing fields',
        () => as(member, http().post(`${API}/categories/${c()}/threads`).send({})),
        invalid('body', 'title'),
      ],
      [
        'start thread, long title',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 't'.repeat(201), body: 'Fine' }),
          ),
        invalid('title'),
      ],
      [
        'start thread, 20,001-character body',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'x'.repeat(MAX_BODY + 1) }),
          ),
        invalid('body'),
      ],
      [
        'start thread, 100 kB body',
        () =>
          as(
            member,
            http().post(`${API}/categories/${c()}/threads`).set('Content-Type', 'application/json').send(hugeJson),
          ),
        { status: 413, code: 'payload_too_large' },
      ],
      [
        'start thread, objective 24',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', objectives: [24] }),
          ),
        invalid('objectives'),
      ],
      [
        'start thread, objective 0',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', objectives: [0, 1] }),
          ),
        invalid('objectives'),
      ],
      [
        'start thread, repeated objective',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', objectives: [3, 3] }),
          ),
        invalid('objectives'),
      ],
      [
        'start thread, objective as text',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', objectives: ['one'] }),
          ),
        invalid('objectives'),
      ],
      [
        'start thread, tag with markup',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: ['<script>'] }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, tag with a slash',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: ['fine', 'bad/tag'] }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, tag starting with a hyphen',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: ['-dash'] }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, one-letter tag',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: ['a'] }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, 11 tags',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, tags not a list',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', tags: 'one,two' }),
          ),
        invalid('tags'),
      ],
      [
        'start thread, bad language',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send({ title: 'Fine title', body: 'Fine', language: 'xx-YY' }),
          ),
        invalid('language'),
      ],
      [
        'start thread, NUL in the title',
        () =>
          as(member, http().post(`${API}/categories/${c()}/threads`).send({ title: 'Fine\u0000title', body: 'Fine' })),
        invalid('title'),
      ],
      [
        'start thread, a list for a body',
        () =>
          as(
            member,
            http()
              .post(`${API}/categories/${c()}/threads`)
              .send([{ title: 'Fine title', body: 'Fine' }]),
          ),
        invalid('body'),
      ],
      [
        'start thread, invalid category id',
        () => as(member, http().post(`${API}/categories/nope/threads`).send({ title: 'Fine title', body: 'Fine' })),
        invalid('id'),
      ],
      // threads
      ['get thread, invalid id', () => http().get(`${API}/threads/bad`), invalid('id')],
      [
        'patch thread, unknown field',
        () => as(member, http().patch(`${API}/threads/${t()}`).send({ status: 'hidden' })),
        invalid('status'),
      ],
      [
        'patch thread, short title, objective 24 and bad tags',
        () =>
          as(
            member,
            http()
              .patch(`${API}/threads/${t()}`)
              .send({ title: 'ab', objectives: [24], tags: ['#hash'] }),
          ),
        invalid('objectives', 'tags', 'title'),
      ],
      [
        'patch thread, nothing to change',
        () => as(member, http().patch(`${API}/threads/${t()}`).send({})),
        { status: 400, code: 'bad_request' },
      ],
      [
        'patch thread, invalid id',
        () => as(member, http().patch(`${API}/threads/bad`).send({ title: 'Fine title' })),
        invalid('id'),
      ],
      [
        'delete thread, short reason',
        () => as(admin, http().delete(`${API}/threads/${t()}`).send({ reason: 'x' })),
        invalid('reason'),
      ],
      [
        'delete thread, unknown field',
        () => as(admin, http().delete(`${API}/threads/${t()}`).send({ force: true })),
        invalid('force'),
      ],
      ...(['pin', 'unpin', 'lock', 'unlock', 'hide', 'restore'] as const).flatMap(
        (action) =>
          [
            [
              `${action} thread, short reason`,
              () => as(admin, http().post(`${API}/threads/${t()}/${action}`).send({ reason: 'x' })),
              invalid('reason'),
            ],
            [
              `${action} thread, unknown field`,
              () => as(admin, http().post(`${API}/threads/${t()}/${action}`).send({ why: 'Because' })),
              invalid('why'),
            ],
            [
              `${action} thread, invalid id`,
              () => as(admin, http().post(`${API}/threads/bad/${action}`).send({})),
              invalid('id'),
            ],
          ] as [string, () => Test, Expected][],
      ),
      [
        'move thread, no category',
        () => as(admin, http().post(`${API}/threads/${t()}/move`).send({})),
        invalid('categoryId'),
      ],
      [
        'move thread, invalid category id',
        () => as(admin, http().post(`${API}/threads/${t()}/move`).send({ categoryId: 'bad' })),
        invalid('categoryId'),
      ],
      [
        'move thread, to its own category',
        () => as(admin, http().post(`${API}/threads/${t()}/move`).send({ categoryId: c() })),
        invalid('categoryId'),
      ],
      [
        'move thread, short reason',
        () => as(admin, http().post(`${API}/threads/${t()}/move`).send({ categoryId: other.id, reason: 'x' })),
        invalid('reason'),
      ],
      [
        'accept, invalid post id',
        () => as(member, http().post(`${API}/threads/${t()}/accept`).send({ postId: 'bad' })),
        invalid('postId'),
      ],
      [
        'accept, the opening post',
        () => as(member, http().post(`${API}/threads/${t()}/accept`).send({ postId: opening.id })),
        invalid('postId'),
      ],
      [
        'accept, a post of another thread',
        () => as(member, http().post(`${API}/threads/${t()}/accept`).send({ postId: elsewhere.id })),
        invalid('postId'),
      ],
      ['follow, invalid id', () => as(member, http().post(`${API}/threads/bad/follow`)), invalid('id')],
      ['unfollow, invalid id', () => as(member, http().delete(`${API}/threads/bad/follow`)), invalid('id')],
      ['read, no post', () => as(member, http().post(`${API}/threads/${t()}/read`).send({})), invalid('postId')],
      [
        'read, invalid post id',
        () => as(member, http().post(`${API}/threads/${t()}/read`).send({ postId: 'bad' })),
        invalid('postId'),
      ],
      [
        'read, a post of another thread',
        () => as(member, http().post(`${API}/threads/${t()}/read`).send({ postId: elsewhere.id })),
        invalid('postId'),
      ],
      [
        'read, unknown field',
        () => as(member, http().post(`${API}/threads/${t()}/read`).send({ postId: p(), all: true })),
        invalid('all'),
      ],
      // posts
      [
        'list posts, limit 1000',
        () => http().get(`${API}/threads/${t()}/posts`).query({ limit: 1000 }),
        invalid('limit'),
      ],
      [
        'list posts, garbage cursor',
        () => http().get(`${API}/threads/${t()}/posts`).query({ cursor: 'bm90LWEtY3Vyc29y' }),
        invalid('cursor'),
      ],
      [
        'reply, empty body',
        () => as(member, http().post(`${API}/threads/${t()}/posts`).send({ body: '' })),
        invalid('body'),
      ],
      ['reply, no body', () => as(member, http().post(`${API}/threads/${t()}/posts`).send({})), invalid('body')],
      [
        'reply, body not text',
        () =>
          as(
            member,
            http()
              .post(`${API}/threads/${t()}/posts`)
              .send({ body: { text: 'hi' } }),
          ),
        invalid('body'),
      ],
      [
        'reply, 20,001-character body',
        () =>
          as(
            member,
            http()
              .post(`${API}/threads/${t()}/posts`)
              .send({ body: 'é'.repeat(MAX_BODY + 1) }),
          ),
        invalid('body'),
      ],
      [
        'reply, 100 kB body',
        () =>
          as(member, http().post(`${API}/threads/${t()}/posts`).set('Content-Type', 'application/json').send(hugeJson)),
        { status: 413, code: 'payload_too_large' },
      ],
      [
        'reply, invalid replyTo',
        () => as(member, http().post(`${API}/threads/${t()}/posts`).send({ body: 'Fine', replyTo: 'bad' })),
        invalid('replyTo'),
      ],
      [
        'reply, replyTo another thread',
        () => as(member, http().post(`${API}/threads/${t()}/posts`).send({ body: 'Fine', replyTo: elsewhere.id })),
        invalid('replyTo'),
      ],
      [
        'reply, unknown field',
        () => as(member, http().post(`${API}/threads/${t()}/posts`).send({ body: 'Fine', sticky: true })),
        invalid('sticky'),
      ],
      [
        'reply, control character',
        () => as(member, http().post(`${API}/threads/${t()}/posts`).send({ body: 'Fine\u0007' })),
        invalid('body'),
      ],
      [
        'reply, malformed JSON',
        () =>
          as(
            member,
            http().post(`${API}/threads/${t()}/posts`).set('Content-Type', 'application/json').send('{"body": '),
          ),
        { status: 400, code: 'bad_request' },
      ],
      [
        'reply, invalid thread id',
        () => as(member, http().post(`${API}/threads/bad/posts`).send({ body: 'Fine' })),
        invalid('id'),
      ],
      [
        'edit post, empty body',
        () => as(member, http().patch(`${API}/posts/${p()}`).send({ body: '' })),
        invalid('body'),
      ],
      [
        'edit post, 20,001-character body',
        () =>
          as(
            member,
            http()
              .patch(`${API}/posts/${p()}`)
              .send({ body: 'x'.repeat(MAX_BODY + 1) }),
          ),
        invalid('body'),
      ],
      [
        'edit post, short reason',
        () => as(admin, http().patch(`${API}/posts/${p()}`).send({ body: 'Fine', reason: 'no' })),
        invalid('reason'),
      ],
      [
        'edit post, unknown field',
        () => as(member, http().patch(`${API}/posts/${p()}`).send({ body: 'Fine', status: 'visible' })),
        invalid('status'),
      ],
      [
        'edit post, invalid id',
        () => as(member, http().patch(`${API}/posts/bad`).send({ body: 'Fine' })),
        invalid('id'),
      ],
      [
        'delete post, reason not text',
        () => as(member, http().delete(`${API}/posts/${p()}`).send({ reason: 42 })),
        invalid('reason'),
      ],
      ['delete post, invalid id', () => as(member, http().delete(`${API}/posts/bad`)), invalid('id')],
      ['history, invalid id', () => as(member, http().get(`${API}/posts/bad/history`)), invalid('id')],
      ['react, unknown kind', () => as(member, http().post(`${API}/posts/${p()}/reactions/love`)), invalid('kind')],
      ['unreact, unknown kind', () => as(member, http().delete(`${API}/posts/${p()}/reactions/love`)), invalid('kind')],
      ['react, invalid post id', () => as(member, http().post(`${API}/posts/bad/reactions/like`)), invalid('id')],
      [
        'react, invalid id and kind',
        () => as(member, http().post(`${API}/posts/bad/reactions/love`)),
        invalid('id', 'kind'),
      ],
      ...(['hide', 'restore'] as const).flatMap(
        (action) =>
          [
            [
              `${action} post, short reason`,
              () => as(admin, http().post(`${API}/posts/${p()}/${action}`).send({ reason: 'no' })),
              invalid('reason'),
            ],
            [
              `${action} post, unknown field`,
              () => as(admin, http().post(`${API}/posts/${p()}/${action}`).send({ notify: true })),
              invalid('notify'),
            ],
            [
              `${action} post, invalid id`,
              () => as(admin, http().post(`${API}/posts/bad/${action}`).send({})),
              invalid('id'),
            ],
          ] as [string, () => Test, Expected][],
      ),
      // search
      ['search, no q', () => http().get(`${API}/search`), invalid('q')],
      ['search, empty q', () => http().get(`${API}/search`).query({ q: '' }), invalid('q')],
      [
        'search, q of 101 characters',
        () =>
          http()
            .get(`${API}/search`)
            .query({ q: 'q'.repeat(101) }),
        invalid('q'),
      ],
      ['search, q without a word', () => http().get(`${API}/search`).query({ q: '! ?' }), invalid('q')],
      [
        'search, bad filters',
        () =>
          http().get(`${API}/search`).query({
            q: 'fine',
            type: 'forum',
            objective: 24,
            category: 'bad',
            group: 'bad',
            author: 'bad',
            tag: 'x',
            language: 'english',
          }),
        invalid('author', 'category', 'group', 'language', 'objective', 'tag', 'type'),
      ],
      [
        'search, limit 0 and an unknown parameter',
        () => http().get(`${API}/search`).query({ q: 'fine', limit: 0, sort: 'top' }),
        invalid('limit', 'sort'),
      ],
      [
        'search, garbage cursor',
        () => http().get(`${API}/search`).query({ q: 'fine', cursor: 'garbage' }),
        invalid('cursor'),
      ],
      [
        'search, a cursor of the post list',
        () => http().get(`${API}/search`).query({ q: 'fine', cursor: postCursor }),
        invalid('cursor'),
      ],
    ];

    const mismatches: string[] = [];
    const counts = await documentCounts(app.connection);
    for (const [label, send, expected] of cases) {
      const { result: response, writes } = await watchWrites(app, send);
      const body = response.body as ErrorBody;
      const actual: Expected =
        'fields' in expected && response.status === 400 && body?.code === 'validation_failed'
          ? { status: 400, fields: fieldsOf(body) }
          : { status: response.status, code: body?.code };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `${label}: expected ${JSON.stringify(expected)}, got ${response.status} ${JSON.stringify(response.body)}`,
        );
        continue;
      }
      const shape =
        body &&
        body.statusCode === response.status &&
        typeof body.error === 'string' &&
        typeof body.message === 'string' &&
        Array.isArray(body.details) &&
        body.details.every((detail) => typeof detail.field === 'string' && typeof detail.problem === 'string');
      if (!shape) mismatches.push(`${label}: not the error shape: ${JSON.stringify(response.body)}`);
      if (writes.length > 0) mismatches.push(`${label}: wrote ${writes.join(', ')}`);
    }
    expect(mismatches).toEqual([]);
    expect(await documentCounts(app.connection)).toEqual(counts);
    // the fixtures are as they were
    const posts = await postsOf(app, member, thread.id);
    expect(posts.map((item) => [item.number, item.body, item.status, item.editCount])).toEqual([
      [1, 'The opening post.', 'visible', 0],
      [2, 'A reply to edit', 'visible', 0],
      [3, 'Another reply', 'visible', 0],
    ]);
    expect((await app.http.get(`${API}/threads/${thread.id}`).expect(200)).body).toMatchObject({
      categoryId: category.id,
      title: 'Input thread',
      pinned: false,
      locked: false,
      status: 'visible',
      replyCount: 2,
    });
  }, 60_000);

  it('takes the optional reason of moderation and delete routes as optional: no body at all is fine', async () => {
    const target = await startThread(app, member, category.id, { title: 'Bodiless requests' });
    const toHide = await reply(app, member, target.id, 'To hide without a reason');
    const toDelete = await reply(app, member, target.id, 'To delete without a body');
    const outcomes: Record<string, number> = {};
    const attempts: [string, () => Test][] = [
      ...(['pin', 'unpin', 'lock', 'unlock', 'hide', 'restore'] as const).map(
        (action) =>
          [
            `POST /threads/:id/${action}`,
            () => app.http.post(`${API}/threads/${target.id}/${action}`).set(admin.auth),
          ] as [string, () => Test],
      ),
      ['POST /posts/:id/hide', () => app.http.post(`${API}/posts/${toHide.id}/hide`).set(admin.auth)],
      ['POST /posts/:id/restore', () => app.http.post(`${API}/posts/${toHide.id}/restore`).set(admin.auth)],
      ['DELETE /posts/:id', () => app.http.delete(`${API}/posts/${toDelete.id}`).set(member.auth)],
      ['DELETE /threads/:id', () => app.http.delete(`${API}/threads/${target.id}`).set(admin.auth)],
    ];
    for (const [route, attempt] of attempts) outcomes[route] = (await attempt()).status;
    expect(outcomes).toEqual({
      'POST /threads/:id/pin': 200,
      'POST /threads/:id/unpin': 200,
      'POST /threads/:id/lock': 200,
      'POST /threads/:id/unlock': 200,
      'POST /threads/:id/hide': 200,
      'POST /threads/:id/restore': 200,
      'POST /posts/:id/hide': 200,
      'POST /posts/:id/restore': 200,
      'DELETE /posts/:id': 204,
      'DELETE /threads/:id': 204,
    });
  });

  it('accepts the largest body allowed (20,000 characters)', async () => {
    const longest = 'y'.repeat(MAX_BODY);
    const created = await reply(app, member, thread.id, longest);
    expect(created.body).toBe(longest);
  });
});

describe('bad input on the forum socket events', () => {
  let app: TestApp;
  let member: SignedIn;
  let thread: ThreadBody;
  let category: CategoryBody;

  beforeAll(async () => {
    app = await startForumApp('forum_input_events');
    const admin = await loginAdmin(app);
    member = await register(app);
    category = await createCategory(app, admin);
    thread = await startThread(app, admin, category.id);
  }, 60_000);
  afterAll(() => app.close());
  afterEach(closeSockets);

  it('refuses each bad payload with a 400 naming the field, writes nothing, and the socket stays usable', async () => {
    const socket = await connectSocket(app, member);
    const cases: [string, unknown, Expected][] = [
      ['thread:join', {}, invalid('threadId')],
      ['thread:join', { threadId: 'bad' }, invalid('threadId')],
      ['thread:join', { threadId: 42 }, invalid('threadId')],
      ['thread:join', { threadId: thread.id, extra: true }, invalid('extra')],
      ['thread:join', { threadId: 'a\u0000b' }, invalid('threadId')],
      ['thread:join', 'just a string', { status: 400, code: 'validation_failed' }],
      ['thread:leave', { threadId: 'bad' }, invalid('threadId')],
      ['category:join', { categoryId: 'bad' }, invalid('categoryId')],
      ['category:join', { threadId: thread.id }, invalid('categoryId', 'threadId')],
      ['category:leave', {}, invalid('categoryId')],
      ['thread:join', { threadId: '0123456789abcdef01234567' }, { status: 404, code: 'not_found' }],
      ['thread:subscribe', { threadId: thread.id }, { status: 404, code: 'unknown_event' }],
      ['post:create', { threadId: thread.id, body: 'Via the socket?' }, { status: 404, code: 'unknown_event' }],
    ];
    const mismatches: string[] = [];
    const counts = await documentCounts(app.connection);
    for (const [event, payload, expected] of cases) {
      const { result: ack, writes } = await watchWrites(app, () => emitAck(socket, event, payload));
      const label = `${event} ${JSON.stringify(payload)}`;
      if (ack.ok) {
        mismatches.push(`${label}: accepted ${JSON.stringify(ack)}`);
        continue;
      }
      const actual: Expected =
        'fields' in expected && ack.error.code === 'validation_failed'
          ? { status: 400, fields: fieldsOf(ack.error) }
          : { status: ack.error.statusCode, code: ack.error.code };
      const wanted: Expected = 'fields' in expected ? expected : { status: expected.status, code: expected.code };
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
        mismatches.push(`${label}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(ack.error)}`);
      }
      if (writes.length > 0) mismatches.push(`${label}: wrote ${writes.join(', ')}`);
      if (!socket.connected) mismatches.push(`${label}: the socket was disconnected`);
    }
    expect(mismatches).toEqual([]);
    expect(await documentCounts(app.connection)).toEqual(counts);

    // still usable: it joins the room and hears the thread
    await joinRoom(socket, 'thread:join', { threadId: thread.id });
    const arrival = nextEvent<{ post: PostBody }>(socket, 'post:created');
    const posted = await reply(app, member, thread.id, 'After the bad input');
    expect((await arrival).post.id).toBe(posted.id);
  });
});
