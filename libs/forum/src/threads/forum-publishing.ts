import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ForumAbilities } from '../access/forum-abilities.js';
import { CategoriesService } from '../categories/categories.service.js';
import { CATEGORY } from '../model/forum-kinds.js';
import { MAX_BODY } from './dto/thread.dto.js';
import { PostsService } from './posts.service.js';
import { ThreadsService } from './threads.service.js';

/** What another context publishes as a new thread: the limits of POST /categories/:id/threads. */
export interface ThreadDraft {
  title: string;
  body: string;
}

export const THREAD_TITLE_LENGTH = { min: 3, max: 200 } as const;

/**
 * How other contexts (live sessions carrying their questions) write to the forum on a member's
 * behalf: through ThreadsService and PostsService, so that the forum's rules (who may start a
 * thread where, locked threads), rendering, mentions, events and notifications all apply, as if
 * the member had posted themselves. The forum never imports those contexts.
 */
@Injectable()
export class ForumPublishing {
  constructor(
    private readonly abilities: ForumAbilities,
    private readonly categories: CategoriesService,
    private readonly threads: ThreadsService,
    private readonly posts: PostsService,
  ) {}

  /** Checks, without writing, that the member may start a thread in the category: 404 unseen, 403 not allowed. */
  async assertMayStartThread(principal: Principal, categoryId: string): Promise<void> {
    const caller = await this.abilities.of(principal);
    const category = await this.categories.open(caller, categoryId);
    caller.assert('startThread', CATEGORY, category);
  }

  /** Starts a thread with its opening post, authored by the member. */
  async startThread(
    principal: Principal,
    categoryId: string,
    draft: ThreadDraft,
  ): Promise<{ threadId: string; categoryId: string }> {
    const title = draft.title.trim();
    if (title.length < THREAD_TITLE_LENGTH.min || title.length > THREAD_TITLE_LENGTH.max) {
      throw ApiError.invalidField(
        'title',
        `must be ${THREAD_TITLE_LENGTH.min} to ${THREAD_TITLE_LENGTH.max} characters`,
      );
    }
    assertBody(draft.body);
    const thread = await this.threads.create(principal, categoryId, { title, body: draft.body });
    return { threadId: thread.id, categoryId: thread.categoryId };
  }

  /** Replies to the thread as the member. */
  async reply(principal: Principal, threadId: string, body: string): Promise<{ postId: string; number: number }> {
    assertBody(body);
    const post = await this.posts.reply(principal, threadId, { body });
    return { postId: post.id, number: post.number };
  }
}

function assertBody(body: string): void {
  if (body.trim().length === 0 || body.length > MAX_BODY)
    throw ApiError.invalidField('body', `must be 1 to ${MAX_BODY} characters`);
}
