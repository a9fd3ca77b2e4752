import { Injectable } from '@nestjs/common';
import { ApiError, encodeCursor, normaliseTag, pageRequest, searchTerms } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ForumAbilities } from '../access/forum-abilities.js';
import { POST, THREAD } from '../model/forum-kinds.js';
import type { PostRecord } from '../threads/post.schema.js';
import { PostsRepository } from '../threads/posts.repository.js';
import type { ThreadRecord } from '../threads/thread.schema.js';
import { ThreadsRepository } from '../threads/threads.repository.js';
import { ForumViews } from '../threads/views.js';
import type { SearchHit, SearchPage, SearchQuery } from './dto/search.dto.js';

/**
 * Search over the words threads and posts were indexed with (text/search-terms.ts): every query
 * word must start a word of the thread's title or tags, or of the post's text. Anchored prefixes
 * on a multikey index: served by the index on MongoDB, and the same query on FerretDB. Only what
 * the caller may read is ever matched: the access rules are part of the query.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly abilities: ForumAbilities,
    private readonly views: ForumViews,
  ) {}

  async search(principal: Principal | null, query: SearchQuery): Promise<SearchPage> {
    const words = searchTerms([query.q]);
    if (words.length === 0) throw ApiError.invalidField('q', 'must hold a word of two or more letters or digits');
    const caller = await this.abilities.of(principal);
    const request = pageRequest(query);
    const matches = words.map((word) => ({ terms: { $regex: `^${escape(word)}` } }));
    const facets: Record<string, unknown>[] = [];
    if (query.category) facets.push({ categoryId: query.category });
    if (query.group) facets.push({ groupId: query.group });
    if (query.author) facets.push({ authorId: query.author });

    const threadFacets = [...facets];
    if (query.tag) threadFacets.push({ tags: normaliseTag(query.tag) });
    if (query.objective !== undefined) threadFacets.push({ objectives: query.objective });
    if (query.language) threadFacets.push({ language: query.language });
    // Posts have no tags, objectives or language of their own: with those filters, only threads match.
    const threadOnlyFilter = query.tag !== undefined || query.objective !== undefined || query.language !== undefined;

    const visibleThreads = caller.filter('read', THREAD);
    const visiblePosts = caller.filter('read', POST);
    const wantThreads = query.type !== 'post' && visibleThreads !== null;
    const wantPosts = query.type !== 'thread' && visiblePosts !== null && !threadOnlyFilter;
    const [threads, posts] = await Promise.all([
      wantThreads
        ? this.threads.search([visibleThreads, ...matches, ...threadFacets], request)
        : { items: [], nextCursor: null },
      wantPosts
        ? this.posts.search([visiblePosts, { status: 'visible' }, ...matches, ...facets], request)
        : { items: [], nextCursor: null },
    ]);

    // Both lists are newest first by id; merged, the page ends at the limit, and the next one
    // starts after the last id shown, in both lists.
    type Hit = { id: string; thread?: ThreadRecord; post?: PostRecord };
    const hits: Hit[] = [
      ...threads.items.map((thread) => ({ id: thread.id, thread })),
      ...posts.items.map((post) => ({ id: post.id, post })),
    ]
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, request.limit);
    const more =
      threads.nextCursor !== null ||
      posts.nextCursor !== null ||
      hits.length < threads.items.length + posts.items.length;
    const last = hits[hits.length - 1];
    const threadViews = await this.views.threads(
      caller,
      hits.flatMap((hit) => (hit.thread ? [hit.thread] : [])),
    );
    const postViews = await this.views.posts(
      caller,
      hits.flatMap((hit) => (hit.post ? [hit.post] : [])),
    );
    const items: SearchHit[] = hits.map((hit) =>
      hit.thread
        ? { type: 'thread', thread: threadViews.find((view) => view.id === hit.id) }
        : { type: 'post', post: postViews.find((view) => view.id === hit.id) },
    );
    return { items, nextCursor: more && last ? encodeCursor({ value: null, id: last.id }) : null };
  }
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
