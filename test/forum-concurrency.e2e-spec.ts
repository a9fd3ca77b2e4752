import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import {
  API,
  type CategoryBody,
  createCategory,
  type PostBody,
  postsOf,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
  threadOf,
  uniqueName,
} from './support/forum.js';
import { walkPages } from './support/http.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startForumApp('forum_concurrency');
  admin = await loginAdmin(app);
}, 60_000);
afterAll(() => app.close());

describe('concurrent replies and reactions', () => {
  let author: SignedIn;
  let members: SignedIn[];
  let category: CategoryBody;

  beforeAll(async () => {
    author = await register(app, { displayName: 'Thread Author' });
    members = [];
    for (let i = 0; i < 20; i += 1) members.push(await register(app, { displayName: `Reactor ${i + 1}` }));
    category = await createCategory(app, admin);
  }, 60_000);

  it('numbers 30 concurrent replies 2..31, each once, and counts exactly 30', async () => {
    const thread = await startThread(app, author, category.id);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.http
          .post(`${API}/threads/${thread.id}/posts`)
          .set(members[i % 10].auth)
          .send({ body: `Concurrent reply ${i}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
    const answered = responses.map((response) => (response.body as PostBody).number).sort((a, b) => a - b);
    expect(answered).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));

    expect((await threadOf(app, author, thread.id)).replyCount).toBe(30);
    const posts = await postsOf(app, author, thread.id);
    expect(posts.map((post) => post.number)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(posts.map((post) => post.body)).size).toBe(31);
    expect(await app.connection.collection('forum_posts').countDocuments({ threadId: toId(thread.id) })).toBe(31);
    // the author has 30 posts to read
    expect((await threadOf(app, author, thread.id)).unreadCount).toBe(30);
  }, 60_000);

  it('counts 20 concurrent identical reactions of one member once, removes it once, and answers each with the state after it', async () => {
    const thread = await startThread(app, author, category.id);
    const post = await reply(app, author, thread.id, 'React to me');
    const [reactor] = members;
    const react = (method: 'post' | 'delete') =>
      Promise.all(
        Array.from({ length: 20 }, () => app.http[method](`${API}/posts/${post.id}/reactions/like`).set(reactor.auth)),
      );
    const reactionsNow = async () =>
      (await postsOf(app, reactor, thread.id)).find((item) => item.id === post.id)?.reactions;
    const stored = () => app.connection.collection('forum_reactions').countDocuments({ postId: toId(post.id) });
    const liked = { counts: { like: 1, insightful: 0, thanks: 0 }, mine: ['like'] };
    const notLiked = { counts: { like: 0, insightful: 0, thanks: 0 }, mine: [] };

    const added = await react('post');
    expect(added.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(await reactionsNow()).toEqual(liked);
    expect(await stored()).toBe(1);

    const removed = await react('delete');
    expect(removed.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(await reactionsNow()).toEqual(notLiked);
    expect(await stored()).toBe(0);

    // The call is idempotent, so each answer is the state after it: liked once (or, removed, not at all).
    const answers = (responses: typeof added, expected: unknown) =>
      responses.map((response) => response.body).filter((body) => JSON.stringify(body) !== JSON.stringify(expected));
    expect({ added: answers(added, liked), removed: answers(removed, notLiked) }).toEqual({ added: [], removed: [] });
  }, 60_000);

  it('counts 20 members reacting at once as 20', async () => {
    const thread = await startThread(app, author, category.id);
    const post = await reply(app, author, thread.id, 'Insightful, surely');
    const responses = await Promise.all(
      members.map((member) => app.http.post(`${API}/posts/${post.id}/reactions/insightful`).set(member.auth)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    for (const response of responses) expect(response.body.mine).toEqual(['insightful']);
    const seen = (await postsOf(app, author, thread.id)).find((item) => item.id === post.id);
    expect(seen?.reactions).toEqual({ counts: { like: 0, insightful: 20, thanks: 0 }, mine: [] });
    expect(await app.connection.collection('forum_reactions').countDocuments({ postId: toId(post.id) })).toBe(20);
  }, 60_000);
});

describe('cursor pagination', () => {
  let members: SignedIn[];

  beforeAll(async () => {
    members = [await register(app), await register(app)];
  }, 60_000);

  async function categoryWithThreads(count: number): Promise<{ category: CategoryBody; threads: ThreadBody[] }> {
    const category = await createCategory(app, admin);
    const threads: ThreadBody[] = [];
    for (let i = 0; i < count; i += 1) threads.push(await startThread(app, members[i % 2], category.id));
    return { category, threads };
  }

  it.each(['latest', 'top', 'unanswered'])(
    'returns each thread exactly once (sort=%s) while new threads are inserted',
    async (sort) => {
      const { category, threads } = await categoryWithThreads(17);
      // some activity, so that the orders differ: replies move threads up in latest and top
      for (const [index, thread] of threads.entries()) {
        if (index % 3 === 0) await reply(app, admin, thread.id, 'Activity');
      }
      const expectedIds = (sort === 'unanswered' ? threads.filter((_, index) => index % 3 !== 0) : threads).map(
        (thread) => thread.id,
      );
      let inserted = 0;
      const { items, pages } = await walkPages<ThreadBody>(app, `${API}/categories/${category.id}/threads`, {
        limit: 4,
        query: { sort },
        auth: members[0].auth,
        between: async () => {
          for (let i = 0; i < 2; i += 1) {
            await startThread(app, members[1], category.id, { title: uniqueName('Inserted meanwhile') });
            inserted += 1;
          }
        },
      });
      const ids = items.map((item) => item.id);
      expect(pages).toBeGreaterThan(2);
      expect(inserted).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of expectedIds)
        expect({ id, times: ids.filter((seen) => seen === id).length }).toEqual({ id, times: 1 });
      if (sort === 'unanswered') expect(items.every((item) => item.replyCount === 0)).toBe(true);
      if (sort === 'latest') {
        const ordered = items.filter((item) => expectedIds.includes(item.id)).map((item) => item.id);
        const byActivity = [...ordered].sort(
          (a, b) =>
            Date.parse(items.find((item) => item.id === b)!.lastActivityAt) -
            Date.parse(items.find((item) => item.id === a)!.lastActivityAt),
        );
        expect(ordered).toEqual(byActivity);
      }
    },
    60_000,
  );

  it('puts pinned threads first on the first page only', async () => {
    const { category, threads } = await categoryWithThreads(8);
    const pinned = [threads[1], threads[4]];
    for (const thread of pinned)
      await app.http.post(`${API}/threads/${thread.id}/pin`).set(admin.auth).send({}).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const response = await app.http
        .get(`${API}/categories/${category.id}/threads`)
        .set(members[0].auth)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      const items = response.body.items as ThreadBody[];
      if (page === 0) {
        expect(items.slice(0, 2).map((item) => item.pinned)).toEqual([true, true]);
        expect(new Set(items.slice(0, 2).map((item) => item.id))).toEqual(new Set(pinned.map((thread) => thread.id)));
        expect(items).toHaveLength(5);
      } else {
        expect(items.some((item) => item.pinned)).toBe(false);
      }
      seen.push(...items.map((item) => item.id));
      cursor = response.body.nextCursor as string | null;
      page += 1;
    } while (cursor && page < 10);
    expect(seen.sort()).toEqual(threads.map((thread) => thread.id).sort());
  });

  it('returns each post exactly once, in order, while replies are added', async () => {
    const category = await createCategory(app, admin);
    const thread = await startThread(app, members[0], category.id);
    for (let i = 0; i < 10; i += 1) await reply(app, members[i % 2], thread.id, `Reply ${i + 1}`);
    let added = 0;
    const { items } = await walkPages<PostBody>(app, `${API}/threads/${thread.id}/posts`, {
      limit: 4,
      auth: members[1].auth,
      between: async () => {
        await reply(app, members[0], thread.id, `Added while paging ${++added}`);
      },
    });
    expect(added).toBeGreaterThan(0);
    expect(items.map((item) => item.number)).toEqual(Array.from({ length: 11 + added }, (_, i) => i + 1));
  });
});

/** A document id as the database holds it, for direct checks. */
function toId(id: string): Types.ObjectId {
  return new Types.ObjectId(id);
}
