import { describe, expect, it } from '@jest/globals';
import type { GroupScope, ProfilesService } from '@plenary/community';
import { type DomainEvents, encodeCursor } from '@plenary/core';
import { describeCoverage, indexCoverage } from '@plenary/database';
import { AccessService, platformAdminAccess, type Principal } from '@plenary/identity';
import { principal } from '@plenary/testing';
import mongoose, { type Model, type Schema, Types } from 'mongoose';
import { ForumAbilities } from './access/forum-abilities.js';
import { CategoriesRepository } from './categories/categories.repository.js';
import { CategoriesService } from './categories/categories.service.js';
import { Category, CategorySchema } from './categories/category.schema.js';
import { CategoryFollow, CategoryFollowSchema } from './categories/category-follow.schema.js';
import { CategoryFollowsRepository } from './categories/category-follows.repository.js';
import { forumAccess } from './forum.access.js';
import { CATEGORY, POST, THREAD, type ThreadSort } from './model/forum-kinds.js';
import { FollowsRepository, ReadMarksRepository } from './reading/reading.repositories.js';
import { Follow, FollowSchema, ReadMark, ReadMarkSchema } from './reading/reading.schema.js';
import { SearchService } from './search/search.service.js';
import type { PostContentMaker } from './threads/content.js';
import { ForumDigestSource } from './threads/forum-digest-source.js';
import { Post, PostRevision, PostRevisionSchema, PostSchema, Reaction, ReactionSchema } from './threads/post.schema.js';
import { PostRevisionsRepository, PostsRepository, ReactionsRepository } from './threads/posts.repository.js';
import { PostsService } from './threads/posts.service.js';
import { ThreadActivity } from './threads/thread-activity.js';
import { Thread, ThreadSchema } from './threads/thread.schema.js';
import { ThreadsRepository } from './threads/threads.repository.js';
import { ThreadsService } from './threads/threads.service.js';
import { ForumViews } from './threads/views.js';

/**
 * Every list query of the forum has an index that serves its filter and sort, declared in its schema.
 *
 * The queries are the real ones: the services and repositories run on mongoose models whose `exec` records the
 * query (cast as mongoose casts it) instead of sending it, and answers with a canned document, so that each page
 * issues every query it would (the unread marks, the follows…). They run for a guest, a member with roles in two
 * groups, and a moderator, whose access filters differ.
 *
 * The access filters are residual: the rules add `audience`, `groupId`, `status`, `threadStatus` and `authorId`
 * conditions (an `$or` of them for a member) to every list, and the caller's filter, wherever a query holds it, is
 * evaluated on the documents the index returns, not bounded by it. Every other condition must be bounded: the list's
 * own fields (a category's threads, a thread's posts, a member's marks, a word's matches) are indexed, and within
 * that range the access conditions reject few documents (a category's threads share its audience and group; hidden
 * and deleted content is rare). A search's facets (category, group, author, tag, objective, language) and its
 * `status: visible` on posts are residual the same way: a search is bounded by its first word. What the checker
 * counts as served is in libs/database's index-coverage.ts; INDEX_COVERAGE_REPORT=1 prints the whole report.
 */

const ids = {
  member: new Types.ObjectId().toHexString(),
  moderator: new Types.ObjectId().toHexString(),
  groupA: new Types.ObjectId().toHexString(),
  groupB: new Types.ObjectId().toHexString(),
  category: new Types.ObjectId(),
  thread: new Types.ObjectId(),
  post: new Types.ObjectId(),
};
const groupRoles = new Map([
  [ids.groupA, 'member'],
  [ids.groupB, 'owner'],
]);
const callers: [string, Principal | null][] = [
  ['guest', null],
  ['member of two groups', principal(ids.member, 'member')],
  ['moderator', principal(ids.moderator, 'moderator')],
];

interface Captured {
  collection: string;
  operation: string;
  schema: Schema;
  filter: Record<string, unknown>;
  sort: Record<string, unknown> | null;
}

/** One document per collection, whatever the filter: enough for every page to issue all its queries. */
const now = new Date('2026-01-01T00:00:00Z');
const documents: Record<string, Record<string, unknown>> = {
  forum_categories: {
    _id: ids.category,
    name: 'Labour migration',
    slug: 'labour-migration',
    scopeKey: 'platform',
    groupId: null,
    audience: 'public',
    description: '',
    postingPolicy: 'members',
    order: 0,
    language: 'en',
    createdAt: now,
    updatedAt: now,
  },
  forum_threads: {
    _id: ids.thread,
    categoryId: ids.category,
    groupId: null,
    audience: 'public',
    title: 'Fair recruitment',
    authorId: new Types.ObjectId(ids.member),
    tags: [],
    objectives: [],
    language: 'en',
    status: 'visible',
    pinned: false,
    locked: false,
    postCount: 3,
    score: 2,
    lastActivityAt: now,
    lastPosterId: new Types.ObjectId(ids.member),
    acceptedPostId: null,
    terms: ['fair', 'recruitment'],
    createdAt: now,
    updatedAt: now,
  },
  forum_posts: {
    _id: ids.post,
    threadId: ids.thread,
    number: 1,
    categoryId: ids.category,
    groupId: null,
    audience: 'public',
    threadStatus: 'visible',
    authorId: new Types.ObjectId(ids.member),
    body: 'Fair recruitment',
    html: '<p>Fair recruitment</p>',
    replyTo: null,
    mentions: [],
    status: 'visible',
    reactions: { like: 0, insightful: 0, thanks: 0 },
    editCount: 0,
    editedAt: null,
    terms: ['fair', 'recruitment'],
    createdAt: now,
    updatedAt: now,
  },
  forum_category_follows: {
    _id: new Types.ObjectId(),
    categoryId: ids.category,
    userId: new Types.ObjectId(ids.member),
  },
  forum_read_marks: {
    _id: new Types.ObjectId(),
    threadId: ids.thread,
    userId: new Types.ObjectId(ids.member),
    categoryId: ids.category,
    lastReadNumber: 2,
  },
};

/** A model whose queries are recorded (cast, with their sort) and answered from `documents`, never sent. */
function recording<T>(model: Model<T>, log: Captured[]): Model<T> {
  const collection = model.collection.collectionName;
  const answer = () => (documents[collection] ? [{ ...documents[collection] }] : []);
  const record = (operation: string, filter: Record<string, unknown>, sort: Record<string, unknown> | null) =>
    log.push({ collection, operation, schema: model.schema, filter, sort });
  return new Proxy(model, {
    get(target, property, receiver) {
      if (property === 'find' || property === 'findOne') {
        return (...args: unknown[]) => {
          const query = Reflect.apply(
            Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown,
            target,
            args,
          ) as mongoose.Query<unknown, unknown>;
          query.exec = async () => {
            query.cast();
            record(
              property,
              query.getFilter() as Record<string, unknown>,
              (query.getOptions().sort as Record<string, unknown>) ?? null,
            );
            return property === 'findOne' ? (answer()[0] ?? null) : answer();
          };
          return query;
        };
      }
      if (property === 'aggregate') {
        return (pipeline: Record<string, unknown>[]) => ({
          exec: async () => {
            const [first] = pipeline;
            record('aggregate', (first.$match ?? {}) as Record<string, unknown>, null);
            return [{ _id: ids.category, count: 1 }];
          },
        });
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** The forum's services on recording models; `log` receives every query they make. */
function forum(log: Captured[]) {
  const connection = new mongoose.Mongoose({ autoIndex: false, autoCreate: false, bufferCommands: false });
  const model = <T>(name: string, schema: Schema): Model<T> =>
    recording(connection.model(name, schema) as unknown as Model<T>, log);
  const threads = new ThreadsRepository(model<Thread>(Thread.name, ThreadSchema));
  const posts = new PostsRepository(model<Post>(Post.name, PostSchema));
  const categories = new CategoriesRepository(model<Category>(Category.name, CategorySchema));
  const readMarks = new ReadMarksRepository(model<ReadMark>(ReadMark.name, ReadMarkSchema));
  const follows = new FollowsRepository(model<Follow>(Follow.name, FollowSchema));
  const categoryFollows = new CategoryFollowsRepository(
    model<CategoryFollow>(CategoryFollow.name, CategoryFollowSchema),
  );
  const reactions = new ReactionsRepository(model<Reaction>(Reaction.name, ReactionSchema));
  const revisions = new PostRevisionsRepository(model<PostRevision>(PostRevision.name, PostRevisionSchema));

  const access = new AccessService();
  access.register(forumAccess);
  access.register(platformAdminAccess, { outranking: true });
  const groups = {
    rolesOf: async (caller: Principal | null) => (caller?.role === 'member' ? groupRoles : new Map()),
    open: async (_caller: Principal | null, groupId: string) => ({
      group: { id: groupId, name: 'A group', type: 'working_group', visibility: 'public', joinPolicy: 'open' },
      role: null,
      status: null,
    }),
  } as unknown as GroupScope;
  const abilities = new ForumAbilities(access, groups);
  const profiles = { authorNames: async () => new Map() } as unknown as ProfilesService;
  const unused = {} as never;
  const views = new ForumViews(profiles, readMarks, follows, reactions);
  const activity = new ThreadActivity(threads, readMarks);
  const categoriesService = new CategoriesService(categories, abilities, groups, activity, categoryFollows);
  const threadsService = new ThreadsService(
    threads,
    posts,
    categoriesService,
    abilities,
    views,
    unused as PostContentMaker,
    follows,
    readMarks,
    unused as DomainEvents,
  );
  const postsService = new PostsService(
    posts,
    revisions,
    reactions,
    threads,
    threadsService,
    abilities,
    views,
    unused as PostContentMaker,
    follows,
    readMarks,
    unused as DomainEvents,
  );
  const search = new SearchService(threads, posts, abilities, views);
  const users = { principalOf: async (id: string) => callers.find(([, caller]) => caller?.id === id)?.[1] ?? null };
  const digests = new ForumDigestSource(users as never, abilities, categoryFollows, categories, threads);
  return { abilities, categoriesService, threadsService, postsService, search, digests };
}

const log: Captured[] = [];
const services = forum(log);

/** The caller's read filters (the access rules as list filters): residual wherever a query holds them. */
async function accessFilters(caller: Principal | null): Promise<Record<string, unknown>[]> {
  const forumCaller = await services.abilities.of(caller);
  return [CATEGORY, THREAD, POST].flatMap((type) => {
    const filter = forumCaller.filter('read', type);
    return filter ? [filter] : [];
  });
}

/**
 * A search is bounded by its first word: its facets, and the service's own `status: visible` on posts, are checked
 * on the documents of that word, like the access conditions.
 */
const SEARCH_RESIDUAL = ['categoryId', 'groupId', 'authorId', 'tags', 'objectives', 'language', 'status'];

const cursor = (value: string | number | null, sortedBy?: string) =>
  encodeCursor({ value, id: new Types.ObjectId().toHexString(), sortedBy });

/**
 * A digest's new threads are bounded by the followed categories and the time since the last digest; within that
 * range, hidden threads and the member's own are rare.
 */
const DIGEST_RESIDUAL = ['status', 'authorId'];

/** The pages, as the services serve them (a search's facets are residual too). */
const pages: {
  page: string;
  search?: boolean;
  residual?: string[];
  run: (caller: Principal | null) => Promise<unknown>;
}[] = [
  {
    page: 'thread page',
    run: (caller) => services.postsService.list(caller, ids.thread.toHexString(), { limit: 50 }),
  },
  {
    page: 'thread page, next page',
    run: (caller) =>
      services.postsService.list(caller, ids.thread.toHexString(), { limit: 50, cursor: cursor(50, 'number') }),
  },
  ...(['latest', 'top', 'unanswered'] as ThreadSort[]).flatMap((sort) => [
    {
      page: `category page, ${sort} (pinned first)`,
      run: (caller: Principal | null) =>
        services.threadsService.list(caller, ids.category.toHexString(), { sort, limit: 30 }),
    },
    {
      page: `category page, ${sort}, next page`,
      run: (caller: Principal | null) =>
        services.threadsService.list(caller, ids.category.toHexString(), {
          sort,
          limit: 30,
          cursor: sort === 'top' ? cursor(12, 'score') : cursor(now.getTime(), 'lastActivityAt'),
        }),
    },
  ]),
  {
    page: 'category list with counts and unread counts',
    run: (caller) => services.categoriesService.list(caller, {}),
  },
  {
    page: 'platform categories with counts',
    run: (caller) => services.categoriesService.list(caller, { platform: 'true' }),
  },
  {
    page: "a group's categories with counts",
    run: (caller) => services.categoriesService.list(caller, { groupId: ids.groupA }),
  },
  {
    page: 'digest: new threads in followed categories',
    residual: DIGEST_RESIDUAL,
    run: (caller) =>
      caller
        ? services.digests.newThreadsInFollowedCategories(caller.id, { since: now, until: new Date() }, 10)
        : Promise.resolve([]),
  },
  {
    page: 'search',
    search: true,
    run: (caller) => services.search.search(caller, { q: 'fair recruitment', limit: 20 }),
  },
  {
    page: 'search, next page',
    search: true,
    run: (caller) => services.search.search(caller, { q: 'recruitment', limit: 20, cursor: cursor(null) }),
  },
  {
    page: 'search with every facet',
    search: true,
    run: (caller) =>
      services.search.search(caller, {
        q: 'recruitment',
        limit: 20,
        category: ids.category.toHexString(),
        group: ids.groupA,
        author: ids.member,
        tag: 'Fair work',
        objective: 6,
        language: 'en',
      }),
  },
];

interface Checked {
  page: string;
  caller: string;
  query: string;
  served: boolean;
  coverage: string;
}

async function checkAll(): Promise<Checked[]> {
  const checked: Checked[] = [];
  for (const { page, search, residual, run } of pages) {
    for (const [callerName, caller] of callers) {
      const residualFilters = await accessFilters(caller);
      log.length = 0;
      await run(caller);
      for (const query of log) {
        const coverage = indexCoverage(
          query.schema,
          { filter: query.filter, sort: query.sort },
          { residualFilters, residual: search ? SEARCH_RESIDUAL : (residual ?? []) },
        );
        checked.push({
          page,
          caller: callerName,
          query: `${query.operation} ${query.collection}${query.sort ? ` sort ${JSON.stringify(query.sort)}` : ''}`,
          served: coverage.served,
          coverage: describeCoverage(coverage),
        });
      }
    }
  }
  return checked;
}

describe('forum list queries against the declared indexes', () => {
  let checked: Checked[];
  const results = async () => (checked ??= await checkAll());

  it('records the queries of every page', async () => {
    // INDEX_COVERAGE_REPORT=1 prints which index serves which query, and what is left to the documents.
    if (process.env.INDEX_COVERAGE_REPORT) {
      console.log(
        (await results())
          .map(
            (result) =>
              `${result.page} (${result.caller}): ${result.query}\n  ${result.coverage.replaceAll('\n', '\n  ')}`,
          )
          .join('\n'),
      );
    }
    const queries = new Set((await results()).map((result) => `${result.page}: ${result.query}`));
    expect(queries).toContain('thread page: find forum_posts sort {"number":1}');
    expect(queries).toContain(
      'category page, latest (pinned first): find forum_threads sort {"lastActivityAt":-1,"_id":-1}',
    );
    expect(queries).toContain('category page, top, next page: find forum_threads sort {"score":-1,"_id":-1}');
    expect(queries).toContain('category page, latest (pinned first): find forum_read_marks');
    expect(queries).toContain('category list with counts and unread counts: aggregate forum_threads');
    expect(queries).toContain('category list with counts and unread counts: find forum_read_marks');
    expect(queries).toContain('category list with counts and unread counts: find forum_threads');
    expect(queries).toContain('search: find forum_threads sort {"_id":-1}');
    expect(queries).toContain('category list with counts and unread counts: find forum_category_follows');
    expect(queries).toContain('digest: new threads in followed categories: find forum_threads sort {"createdAt":-1}');
    expect(queries).toContain('search: find forum_posts sort {"_id":-1}');
  });

  it('serves every query by a declared index', async () => {
    const unserved = (await results())
      .filter((result) => !result.served)
      .map((result) => `${result.page}, ${result.caller}: ${result.query}\n${result.coverage}`);
    expect(unserved).toEqual([]);
  });
});
