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
  startThread,
  startForumApp,
  type ThreadBody,
  uniqueName,
  watchWrites,
} from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

/*
 * Flagging (POST /posts/:id/flags {reason}, libs/moderation) follows the rule of forum.access.ts:
 * whoever may read a visible post may flag it (not their own).
 */
const ROLES = ['guest', 'member', 'groupMember', 'facilitator', 'moderator', 'admin'] as const;
type Role = (typeof ROLES)[number];

const PLACES = [
  'platform',
  'announcements',
  'public group',
  'group announcements',
  'members-only group',
  'private group',
] as const;
type Place = (typeof PLACES)[number];

const ACTIONS = [
  'list categories',
  'read threads',
  'read posts',
  'start thread',
  'reply',
  'react',
  'flag post',
  'pin thread',
  'hide post',
] as const;
type Action = (typeof ACTIONS)[number];
const WRITES: ReadonlySet<Action> = new Set<Action>([
  'start thread',
  'reply',
  'react',
  'flag post',
  'pin thread',
  'hide post',
]);

type Row = readonly [
  string | number,
  string | number,
  string | number,
  string | number,
  string | number,
  string | number,
];

/*
 * The expected answer of each cell: the status, and for lists whether the place shows in them.
 * Columns: guest, member (signed in, in no group), group member, facilitator, platform moderator, admin.
 * The group member and the facilitator belong to the three groups (facilitator of each); the
 * announcement categories take threads from moderators only (postingPolicy: moderators).
 */
const OPEN_READS: Record<'list categories' | 'read threads' | 'read posts', Row> = {
  'list categories': ['200 listed', '200 listed', '200 listed', '200 listed', '200 listed', '200 listed'],
  'read threads': ['200 listed', '200 listed', '200 listed', '200 listed', '200 listed', '200 listed'],
  'read posts': [200, 200, 200, 200, 200, 200],
};
const MEMBERS_READS: typeof OPEN_READS = {
  'list categories': ['200 unlisted', '200 listed', '200 listed', '200 listed', '200 listed', '200 listed'],
  'read threads': [404, '200 listed', '200 listed', '200 listed', '200 listed', '200 listed'],
  'read posts': [404, 200, 200, 200, 200, 200],
};
const PRIVATE_READS: typeof OPEN_READS = {
  'list categories': ['200 unlisted', '200 unlisted', '200 listed', '200 listed', '200 listed', '200 listed'],
  'read threads': [404, 404, '200 listed', '200 listed', '200 listed', '200 listed'],
  'read posts': [404, 404, 200, 200, 200, 200],
};

const EXPECTED: Record<Place, Record<Action, Row>> = {
  platform: {
    ...OPEN_READS,
    'start thread': [401, 201, 201, 201, 201, 201],
    reply: [401, 201, 201, 201, 201, 201],
    react: [401, 200, 200, 200, 200, 200],
    'flag post': [401, 201, 201, 201, 201, 201],
    'pin thread': [401, 403, 403, 403, 200, 200],
    'hide post': [401, 403, 403, 403, 200, 200],
  },
  announcements: {
    ...OPEN_READS,
    'start thread': [401, 403, 403, 403, 201, 201],
    reply: [401, 201, 201, 201, 201, 201],
    react: [401, 200, 200, 200, 200, 200],
    'flag post': [401, 201, 201, 201, 201, 201],
    'pin thread': [401, 403, 403, 403, 200, 200],
    'hide post': [401, 403, 403, 403, 200, 200],
  },
  'public group': {
    ...OPEN_READS,
    'start thread': [401, 403, 201, 201, 201, 201],
    reply: [401, 403, 201, 201, 201, 201],
    react: [401, 403, 200, 200, 200, 200],
    'flag post': [401, 201, 201, 201, 201, 201],
    'pin thread': [401, 403, 403, 200, 200, 200],
    'hide post': [401, 403, 403, 200, 200, 200],
  },
  'group announcements': {
    ...OPEN_READS,
    'start thread': [401, 403, 403, 201, 201, 201],
    reply: [401, 403, 201, 201, 201, 201],
    react: [401, 403, 200, 200, 200, 200],
    'flag post': [401, 201, 201, 201, 201, 201],
    'pin thread': [401, 403, 403, 200, 200, 200],
    'hide post': [401, 403, 403, 200, 200, 200],
  },
  'members-only group': {
    ...MEMBERS_READS,
    'start thread': [401, 403, 201, 201, 201, 201],
    reply: [401, 403, 201, 201, 201, 201],
    react: [401, 403, 200, 200, 200, 200],
    'flag post': [401, 201, 201, 201, 201, 201],
    'pin thread': [401, 403, 403, 200, 200, 200],
    'hide post': [401, 403, 403, 200, 200, 200],
  },
  'private group': {
    ...PRIVATE_READS,
    'start thread': [401, 404, 201, 201, 201, 201],
    reply: [401, 404, 201, 201, 201, 201],
    react: [401, 404, 200, 200, 200, 200],
    'flag post': [401, 404, 201, 201, 201, 201],
    'pin thread': [401, 404, 403, 200, 200, 200],
    'hide post': [401, 404, 403, 200, 200, 200],
  },
};

describe('forum access matrix', () => {
  let app: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;
  const callers = {} as Record<Role, SignedIn | null>;

  interface Fixture {
    category: CategoryBody;
    thread: ThreadBody;
    openingPostId: string;
    /** A reply by the thread's author: what members react to. */
    reply: PostBody;
    /** A reply by the groups' owner, who is none of the callers: what they flag. */
    flagTarget: PostBody;
    /** Who writes the place's content: the groups' owner, or the admin on the platform. */
    author: SignedIn;
  }
  const places = {} as Record<Place, Fixture>;

  beforeAll(async () => {
    // Flags hide a post at FLAGS_TO_HIDE: not within the matrix, where every caller flags the same post.
    app = await startForumApp('forum_access_matrix', { FLAGS_TO_HIDE: '100' });
    admin = await loginAdmin(app);
    owner = await register(app, { displayName: 'Groups Owner' });
    const groupMember = await register(app, { displayName: 'Group Member' });
    const facilitator = await register(app, { displayName: 'Group Facilitator' });
    Object.assign(callers, {
      guest: null,
      member: await register(app, { displayName: 'Plain Member' }),
      groupMember,
      facilitator,
      moderator: await registerWithRole(app, 'moderator'),
      admin,
    });

    const groups = {
      public: await createGroup(app, owner, 'public', 'Matrix public'),
      members: await createGroup(app, owner, 'members', 'Matrix members'),
      private: await createGroup(app, owner, 'private', 'Matrix private'),
    };
    for (const group of Object.values(groups)) {
      await addToGroup(app, owner, group, groupMember);
      await addToGroup(app, owner, group, facilitator, 'facilitator');
    }
    const setUp = async (place: Place, author: SignedIn, body: Parameters<typeof createCategory>[2]) => {
      const category = await createCategory(app, author, { name: uniqueName(place), ...body });
      const thread = await startThread(app, author, category.id, { title: `The ${place} thread` });
      const [opening] = await postsOf(app, author, thread.id);
      places[place] = {
        category,
        thread,
        openingPostId: opening.id,
        reply: await reply(app, author, thread.id, `A reply in the ${place} thread`),
        flagTarget: await reply(app, owner, thread.id, `A reply to flag in the ${place} thread`),
        author,
      };
    };
    await setUp('platform', admin, {});
    await setUp('announcements', admin, { postingPolicy: 'moderators' });
    await setUp('public group', owner, { groupId: groups.public.id });
    await setUp('group announcements', owner, { groupId: groups.public.id, postingPolicy: 'moderators' });
    await setUp('members-only group', owner, { groupId: groups.members.id });
    await setUp('private group', owner, { groupId: groups.private.id });
  }, 60_000);
  afterAll(() => app.close());

  function perform(action: Action, caller: SignedIn | null, place: Fixture, hideTarget: string) {
    const auth = headers(caller);
    switch (action) {
      case 'list categories':
        return app.http.get(`${API}/categories`).set(auth);
      case 'read threads':
        return app.http.get(`${API}/categories/${place.category.id}/threads`).set(auth);
      case 'read posts':
        return app.http.get(`${API}/threads/${place.thread.id}/posts`).set(auth);
      case 'start thread':
        return app.http
          .post(`${API}/categories/${place.category.id}/threads`)
          .set(auth)
          .send({ title: uniqueName('Matrix thread'), body: 'Started by the matrix.' });
      case 'reply':
        return app.http.post(`${API}/threads/${place.thread.id}/posts`).set(auth).send({ body: 'A matrix reply.' });
      case 'react':
        return app.http.post(`${API}/posts/${place.reply.id}/reactions/like`).set(auth);
      case 'flag post':
        return app.http.post(`${API}/posts/${place.flagTarget.id}/flags`).set(auth).send({ reason: 'spam' });
      case 'pin thread':
        return app.http.post(`${API}/threads/${place.thread.id}/pin`).set(auth).send({ reason: 'Matrix pin' });
      case 'hide post':
        return app.http.post(`${API}/posts/${hideTarget}/hide`).set(auth).send({ reason: 'Matrix hide' });
    }
  }

  /** What a successful call must have done; the problems found. */
  async function effectsOf(
    action: Action,
    caller: SignedIn | null,
    place: Fixture,
    body: Record<string, unknown>,
  ): Promise<string[]> {
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => {
      if (!ok) problems.push(`${problem}: ${JSON.stringify(body).slice(0, 300)}`);
    };
    switch (action) {
      case 'read posts':
        check((body.items as PostBody[])[0]?.id === place.openingPostId, 'the opening post is not first');
        break;
      case 'start thread': {
        check(body.categoryId === place.category.id, 'started elsewhere');
        check((body.author as { id: string }).id === caller?.id, 'wrong author');
        const seen = await app.http.get(`${API}/threads/${String(body.id)}`).set(admin.auth);
        check(seen.status === 200, 'the new thread cannot be read back');
        break;
      }
      case 'reply': {
        check(body.threadId === place.thread.id && (body.number as number) > 2, 'not a new reply of the thread');
        check((body.author as { id: string }).id === caller?.id, 'wrong author');
        const posts = await postsOf(app, admin, place.thread.id);
        check(
          posts.some((post) => post.id === body.id),
          'the reply is not in the thread',
        );
        break;
      }
      case 'react': {
        const reactions = body as unknown as PostBody['reactions'];
        check(reactions.mine?.includes('like') && reactions.counts.like >= 1, 'the reaction was not counted');
        break;
      }
      case 'flag post':
        check(body.postId === place.flagTarget.id && body.status === 'open' && body.reason === 'spam', 'not flagged');
        break;
      case 'pin thread':
        check(body.pinned === true, 'not pinned');
        break;
      case 'hide post':
        check(body.status === 'hidden', 'not hidden');
        break;
      default:
        break;
    }
    return problems;
  }

  it('answers every role × action × category as the access rules say, and refusals write nothing', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const placeName of PLACES) {
      const place = places[placeName];
      for (const action of ACTIONS) {
        for (const [index, role] of ROLES.entries()) {
          const cell = `${placeName} × ${role} × ${action}`;
          const expected = String(EXPECTED[placeName][action][index]);
          const caller = callers[role];
          const refusal = Number.parseInt(expected, 10) >= 400;
          // Each hide that should succeed gets a post of its own, so that no cell depends on another.
          const hideTarget =
            action === 'hide post' && !refusal
              ? (await reply(app, place.author, place.thread.id, `To hide, by ${role}`)).id
              : place.reply.id;
          const { result: response, writes } = await watchWrites(app, () => perform(action, caller, place, hideTarget));
          cells += 1;

          let outcome = String(response.status);
          if (response.status === 200 && action === 'list categories') {
            const ids = (response.body.items as CategoryBody[]).map((category) => category.id);
            outcome += ids.includes(place.category.id) ? ' listed' : ' unlisted';
          }
          if (response.status === 200 && action === 'read threads') {
            const ids = (response.body.items as ThreadBody[]).map((thread) => thread.id);
            outcome += ids.includes(place.thread.id) ? ' listed' : ' unlisted';
          }
          if (outcome !== expected) {
            mismatches.push(`${cell}: expected ${expected}, got ${outcome} ${JSON.stringify(response.body)}`);
            continue;
          }
          if (refusal) {
            const problem = errorProblem(response.body, response.status);
            if (problem) mismatches.push(`${cell}: ${problem}`);
            if (writes.length > 0) mismatches.push(`${cell}: refused, but wrote: ${writes.join(', ')}`);
          } else {
            if (WRITES.has(action) && writes.length === 0) mismatches.push(`${cell}: succeeded without a write`);
            for (const problem of await effectsOf(action, caller, place, response.body as Record<string, unknown>)) {
              mismatches.push(`${cell}: ${problem}`);
            }
          }
        }
      }
    }
    expect(cells).toBe(PLACES.length * ACTIONS.length * ROLES.length);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('tells each reader what they may do in a category (viewer), as the matrix does', async () => {
    const mismatches: string[] = [];
    for (const placeName of PLACES) {
      for (const [index, role] of ROLES.entries()) {
        const caller = callers[role];
        const response = await app.http.get(`${API}/categories/${places[placeName].category.id}`).set(headers(caller));
        const readable = String(EXPECTED[placeName]['read posts'][index]) === '200';
        if (!readable) {
          if (response.status !== 404) mismatches.push(`${placeName} × ${role}: expected 404, got ${response.status}`);
          continue;
        }
        const viewer = (response.body as CategoryBody).viewer;
        const expected = {
          canStartThread: EXPECTED[placeName]['start thread'][index] === 201,
          canModerate: EXPECTED[placeName]['pin thread'][index] === 200,
        };
        const actual = { canStartThread: viewer?.canStartThread, canModerate: viewer?.canModerate };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(
            `${placeName} × ${role}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
