import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addToGroup,
  API,
  type CategoryBody,
  createCategory,
  createGroup,
  type GroupBody,
  headers,
  type PostBody,
  reply,
  startForumApp,
  startThread,
  type ThreadBody,
} from './support/forum.js';
import { walkPages } from './support/http.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

interface Hit {
  type: 'thread' | 'post';
  thread?: ThreadBody;
  post?: PostBody;
}

/** A hit as a short, readable key: the thread's title or the post's text. */
const keyOf = (hit: Hit) => (hit.type === 'thread' ? `thread: ${hit.thread?.title}` : `post: ${hit.post?.body}`);

/*
 * Every title and text holds "kestrel", so that q=kestrel is everything a caller may read, and the
 * filters can be checked against it.
 */
const T1 = 'Kestrel réintégration des migrants';
const T1_OPENING = "Kestrel programmes psychosocial d'accompagnement";
const R1 = 'Kestrel housing support for reintegration';
const T2 = 'Kestrel travail décent';
const T2_OPENING = 'Kestrel decent work conditions';
const T3 = 'Kestrel datos regionales';
const T3_OPENING = 'Kestrel recolección de estadísticas';
const T4 = 'Kestrel réintégration confidentielle';
const T4_OPENING = 'Kestrel zanzibar confidential notes';
const R4 = 'Kestrel zanzibar follow-up';
const T5 = 'Kestrel members corner';
const T5_OPENING = 'Kestrel members only text';

const thread = (title: string) => `thread: ${title}`;
const post = (body: string) => `post: ${body}`;

const PUBLIC_HITS = [
  thread(T1),
  post(T1_OPENING),
  post(R1),
  thread(T2),
  post(T2_OPENING),
  thread(T3),
  post(T3_OPENING),
];
const MEMBERS_HITS = [...PUBLIC_HITS, thread(T5), post(T5_OPENING)];
const PRIVATE_HITS = [thread(T4), post(T4_OPENING), post(R4)];

describe('forum search', () => {
  let app: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  let outsider: SignedIn;
  let insider: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;
  let platform: CategoryBody;
  let french: CategoryBody;
  let publicGroup: GroupBody;
  let privateGroup: GroupBody;
  let privateCategory: CategoryBody;

  beforeAll(async () => {
    app = await startForumApp('forum_search');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    alice = await register(app, { displayName: 'Alice Search' });
    bob = await register(app, { displayName: 'Bob Search' });
    outsider = await register(app, { displayName: 'Search Outsider' });
    insider = await register(app, { displayName: 'Search Insider' });

    publicGroup = await createGroup(app, alice, 'public', 'Search public');
    const membersGroup = await createGroup(app, bob, 'members', 'Search members');
    privateGroup = await createGroup(app, insider, 'private', 'Search private');
    await addToGroup(app, alice, publicGroup, bob);

    platform = await createCategory(app, admin);
    french = await createCategory(app, admin, { language: 'fr' });
    const groupCategory = await createCategory(app, alice, { groupId: publicGroup.id });
    const membersCategory = await createCategory(app, bob, { groupId: membersGroup.id });
    privateCategory = await createCategory(app, insider, { groupId: privateGroup.id });

    const t1 = await startThread(app, alice, platform.id, {
      title: T1,
      body: T1_OPENING,
      tags: ['Retour au pays', 'Réintégration'],
      objectives: [21],
    });
    await reply(app, bob, t1.id, R1);
    await startThread(app, bob, french.id, { title: T2, body: T2_OPENING, tags: ['emploi'], objectives: [6] });
    await startThread(app, alice, groupCategory.id, {
      title: T3,
      body: T3_OPENING,
      tags: ['données'],
      objectives: [1, 23],
      language: 'es',
    });
    const t4 = await startThread(app, insider, privateCategory.id, {
      title: T4,
      body: T4_OPENING,
      tags: ['reintegration', 'secret'],
      objectives: [21],
    });
    await reply(app, insider, t4.id, R4);
    await startThread(app, bob, membersCategory.id, { title: T5, body: T5_OPENING });
  }, 60_000);
  afterAll(() => app.close());

  /** The hits of a search (all pages), as sorted keys. */
  async function search(caller: SignedIn | null, query: Record<string, string | number>): Promise<string[]> {
    const { items } = await walkPages<Hit>(app, `${API}/search`, {
      limit: 100,
      query: query as Record<string, string | number>,
      auth: caller ? caller.auth : undefined,
    });
    return items.map(keyOf).sort();
  }

  const sorted = (keys: string[]) => [...keys].sort();

  it('finds by title words, tags and body words: with or without accents, in any case, by prefix', async () => {
    const cases: [string, Record<string, string>, string[]][] = [
      ['a title word', { q: 'migrants' }, [thread(T1)]],
      ['a title word in capitals', { q: 'MIGRANTS' }, [thread(T1)]],
      ['a title word prefix', { q: 'migr' }, [thread(T1)]],
      ['an accented word', { q: 'réintégration' }, [thread(T1), post(R1)]],
      ['the word without accents', { q: 'reintegration' }, [thread(T1), post(R1)]],
      ['the word in capitals with accents', { q: 'RÉINTÉGRATION' }, [thread(T1), post(R1)]],
      ['a prefix of it', { q: 'réint' }, [thread(T1), post(R1)]],
      ['a tag word only', { q: 'emploi' }, [thread(T2)]],
      ['a word of a tag of several words', { q: 'pays' }, [thread(T1)]],
      ['an accented tag, unaccented', { q: 'donnees' }, [thread(T3)]],
      ['a body word', { q: 'psychosocial' }, [post(T1_OPENING)]],
      ['a body word prefix in capitals', { q: 'HOUS' }, [post(R1)]],
      ['an accented body word, unaccented', { q: 'recoleccion' }, [post(T3_OPENING)]],
      ['an unaccented body word, accented', { q: 'RECOLECCIÓN' }, [post(T3_OPENING)]],
      ['every word must match', { q: 'decent work' }, [post(T2_OPENING)]],
      ['in any order', { q: 'Work  DÉCENT' }, [post(T2_OPENING)]],
      ['no match', { q: 'albatross' }, []],
    ];
    const mismatches: string[] = [];
    for (const [label, query, expected] of cases) {
      const found = await search(outsider, query);
      if (JSON.stringify(found) !== JSON.stringify(sorted(expected))) {
        mismatches.push(
          `${label} ${JSON.stringify(query)}: expected ${JSON.stringify(sorted(expected))}, got ${JSON.stringify(found)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('returns what each caller may read, and never private-group content to outsiders', async () => {
    expect(await search(null, { q: 'kestrel' })).toEqual(sorted(PUBLIC_HITS));
    expect(await search(outsider, { q: 'kestrel' })).toEqual(sorted(MEMBERS_HITS));
    for (const caller of [insider, moderator, admin]) {
      expect(await search(caller, { q: 'kestrel' })).toEqual(sorted([...MEMBERS_HITS, ...PRIVATE_HITS]));
    }
    // words only the private group's content holds: nothing, for guests and outsiders
    for (const caller of [null, outsider]) {
      for (const q of ['zanzibar', 'confidentielle', 'confidential', 'secret', 'kestrel zanzibar']) {
        expect({ q, found: await search(caller, { q }) }).toEqual({ q, found: [] });
      }
      // reintegration is in the private group too: only the outside hits come back
      expect(await search(caller, { q: 'reintegration' })).toEqual(sorted([thread(T1), post(R1)]));
    }
    expect(await search(insider, { q: 'reintegration' })).toEqual(sorted([thread(T1), post(R1), thread(T4)]));
    expect(await search(insider, { q: 'zanzibar' })).toEqual(sorted([post(T4_OPENING), post(R4)]));
    // the members-only group's content needs a signed-in member
    expect(await search(null, { q: 'members' })).toEqual([]);
    expect(await search(outsider, { q: 'members' })).toEqual(sorted([thread(T5), post(T5_OPENING)]));
  });

  it("gives outsiders no sign of a private group's content: not by its group or category, nor a cursor", async () => {
    const unknown = '0123456789abcdef01234567';
    for (const caller of [null, outsider]) {
      for (const [filter, id] of [
        ['group', privateGroup.id],
        ['category', privateCategory.id],
      ] as const) {
        const known = await app.http
          .get(`${API}/search`)
          .set(headers(caller))
          .query({ q: 'kestrel', [filter]: id });
        const notKnown = await app.http
          .get(`${API}/search`)
          .set(headers(caller))
          .query({ q: 'kestrel', [filter]: unknown });
        expect({ filter, status: known.status, body: known.body }).toEqual({
          filter,
          status: notKnown.status,
          body: notKnown.body,
        });
        expect(known.body).toEqual({ items: [], nextCursor: null });
      }
      // one hit a page: every page has one, and the last says there is no more (no page left for what is hidden)
      const q = { q: 'reintegration' };
      const { items, pages } = await walkPages<Hit>(app, `${API}/search`, {
        limit: 1,
        query: q,
        auth: caller ? caller.auth : undefined,
      });
      expect({ pages, hits: items.map(keyOf).sort() }).toEqual({ pages: 2, hits: sorted([thread(T1), post(R1)]) });
    }
    const inside = await app.http
      .get(`${API}/search`)
      .set(insider.auth)
      .query({ q: 'kestrel', group: privateGroup.id })
      .expect(200);
    expect((inside.body.items as Hit[]).map(keyOf).sort()).toEqual(sorted(PRIVATE_HITS));
  });

  it('filters by category, group, tag, objective, author, language and type', async () => {
    const cases: [SignedIn, Record<string, string | number>, string[]][] = [
      [outsider, { type: 'thread' }, MEMBERS_HITS.filter((key) => key.startsWith('thread'))],
      [outsider, { type: 'post' }, MEMBERS_HITS.filter((key) => key.startsWith('post'))],
      [outsider, { category: platform.id }, [thread(T1), post(T1_OPENING), post(R1)]],
      [outsider, { category: french.id, type: 'post' }, [post(T2_OPENING)]],
      [outsider, { group: publicGroup.id }, [thread(T3), post(T3_OPENING)]],
      [outsider, { tag: 'Réintégration' }, [thread(T1)]],
      [outsider, { tag: 'retour au pays' }, [thread(T1)]],
      [insider, { tag: 'reintegration' }, [thread(T1), thread(T4)]],
      [outsider, { objective: 21 }, [thread(T1)]],
      [insider, { objective: 21 }, [thread(T1), thread(T4)]],
      [outsider, { objective: 23 }, [thread(T3)]],
      [outsider, { objective: 5 }, []],
      [outsider, { author: bob.id }, [post(R1), thread(T2), post(T2_OPENING), thread(T5), post(T5_OPENING)]],
      [outsider, { author: bob.id, type: 'thread' }, [thread(T2), thread(T5)]],
      [outsider, { author: alice.id, category: platform.id }, [thread(T1), post(T1_OPENING)]],
      [outsider, { language: 'fr' }, [thread(T2)]],
      [outsider, { language: 'es' }, [thread(T3)]],
      [outsider, { language: 'en', objective: 21 }, [thread(T1)]],
      [outsider, { tag: 'emploi', type: 'post' }, []],
    ];
    const mismatches: string[] = [];
    for (const [caller, filters, expected] of cases) {
      const found = await search(caller, { q: 'kestrel', ...filters });
      if (JSON.stringify(found) !== JSON.stringify(sorted(expected))) {
        mismatches.push(
          `${caller.displayName} ${JSON.stringify(filters)}: expected ${JSON.stringify(sorted(expected))}, got ${JSON.stringify(found)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('pages through threads and posts, newest first, each hit once, while new ones arrive', async () => {
    let added = 0;
    const { items, pages } = await walkPages<Hit>(app, `${API}/search`, {
      limit: 2,
      query: { q: 'kestrel' },
      auth: outsider.auth,
      between: async () => {
        added += 1;
        await startThread(app, bob, platform.id, { title: `Kestrel arriving ${added}`, body: `Kestrel new ${added}` });
      },
    });
    expect(pages).toBeGreaterThan(3);
    const keys = items.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of MEMBERS_HITS)
      expect({ key, times: keys.filter((seen) => seen === key).length }).toEqual({ key, times: 1 });
    expect(keys.filter((key) => PRIVATE_HITS.includes(key))).toEqual([]);
    const ids = items.map((hit) => (hit.thread ?? hit.post)!.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});
