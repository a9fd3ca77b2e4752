import { Injectable } from '@nestjs/common';
import {
  ApiError,
  DomainEvents,
  ModeratorActed,
  normaliseTag,
  pageRequest,
  searchTerms,
  sentFields,
} from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { type ForumCaller, ForumAbilities } from '../access/forum-abilities.js';
import { CategoriesService } from '../categories/categories.service.js';
import type { CategoryRecord } from '../categories/category.schema.js';
import { CATEGORY, noReactions, THREAD } from '../model/forum-kinds.js';
import { FollowsRepository, ReadMarksRepository } from '../reading/reading.repositories.js';
import { PostContentMaker } from './content.js';
import type {
  CreateThreadDto,
  MoveThreadDto,
  ThreadListQuery,
  ThreadPage,
  ThreadView,
  UpdateThreadDto,
} from './dto/thread.dto.js';
import { AnswerAccepted, PostCreated, ThreadCreated, ThreadUpdated } from './forum.events.js';
import { PostsRepository } from './posts.repository.js';
import type { ThreadRecord } from './thread.schema.js';
import { type ThreadState, ThreadsRepository } from './threads.repository.js';
import { ForumViews } from './views.js';

/** The moderation actions on a thread, as POST /threads/:id/<action>: the state each sets. */
export const THREAD_ACTIONS = {
  pin: { pinned: true },
  unpin: { pinned: false },
  lock: { locked: true },
  unlock: { locked: false },
  hide: { status: 'hidden' },
  restore: { status: 'visible' },
} as const satisfies Record<string, ThreadState>;
export type ThreadAction = keyof typeof THREAD_ACTIONS;

@Injectable()
export class ThreadsService {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly categories: CategoriesService,
    private readonly abilities: ForumAbilities,
    private readonly views: ForumViews,
    private readonly content: PostContentMaker,
    private readonly follows: FollowsRepository,
    private readonly readMarks: ReadMarksRepository,
    private readonly events: DomainEvents,
  ) {}

  /** A category's threads the caller may read; the first page starts with the pinned ones. */
  async list(principal: Principal | null, categoryId: string, query: ThreadListQuery): Promise<ThreadPage> {
    const caller = await this.abilities.of(principal);
    await this.categories.open(caller, categoryId);
    const visible = caller.filter('read', THREAD);
    if (!visible) return { items: [], nextCursor: null };
    const pinned = query.cursor ? [] : await this.threads.pinned(categoryId, visible);
    const page = await this.threads.list(categoryId, visible, query.sort, pageRequest(query));
    return { items: await this.views.threads(caller, [...pinned, ...page.items]), nextCursor: page.nextCursor };
  }

  /** Starts a thread with its opening post; its author follows it and has read it. */
  async create(principal: Principal, categoryId: string, dto: CreateThreadDto): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const category = await this.categories.open(caller, categoryId);
    caller.assert('startThread', CATEGORY, category);
    const body = await this.content.make(dto.body);
    const tags = normaliseTags(dto.tags);
    const now = new Date();
    const thread = await this.threads.create({
      categoryId: category.id,
      groupId: category.groupId,
      audience: category.audience,
      title: dto.title,
      authorId: principal.id,
      tags,
      objectives: dto.objectives ?? [],
      language: dto.language ?? category.language,
      status: 'visible',
      pinned: false,
      locked: false,
      postCount: 1,
      score: 0,
      lastActivityAt: now,
      lastPosterId: principal.id,
      terms: searchTerms([dto.title, ...tags]),
    });
    let postId: string;
    try {
      const post = await this.posts.create({
        threadId: thread.id,
        number: 1,
        categoryId: category.id,
        groupId: category.groupId,
        audience: category.audience,
        threadStatus: 'visible',
        authorId: principal.id,
        ...body,
        replyTo: null,
        status: 'visible',
        reactions: noReactions(),
        editCount: 0,
      });
      postId = post.id;
    } catch (error) {
      await this.threads.delete(thread.id);
      throw error;
    }
    await this.follows.follow(thread.id, principal.id);
    await this.readMarks.markRead(thread.id, principal.id, category.id, 1);
    const place = { threadId: thread.id, categoryId: category.id, groupId: category.groupId };
    await this.events.publish(ThreadCreated, { ...place, authorId: principal.id, title: thread.title });
    await this.events.publish(PostCreated, {
      ...place,
      postId,
      authorId: principal.id,
      number: 1,
      mentions: body.mentions,
      replyToAuthorId: null,
    });
    return (await this.views.threads(caller, [thread]))[0];
  }

  async get(principal: Principal | null, id: string): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    return (await this.views.threads(caller, [await this.open(caller, id)]))[0];
  }

  /** The author edits title, tags, objectives and language; a moderator too, recorded in the audit log. */
  async update(principal: Principal, id: string, dto: UpdateThreadDto): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    const changes = sentFields(dto);
    const fields = Object.keys(changes);
    if (fields.length === 0) throw ApiError.badRequest('Nothing to change: send title, tags, objectives or language');
    for (const field of fields) caller.assert('update', THREAD, thread, field);
    const tags = changes.tags ? normaliseTags(changes.tags) : thread.tags;
    const updated = await this.threads.update(id, {
      ...changes,
      ...(changes.tags ? { tags } : {}),
      terms: searchTerms([changes.title ?? thread.title, ...tags]),
    });
    if (!updated) throw ApiError.notFound('Thread');
    await this.audited(principal, thread, updated, 'thread.edit', null, fields);
    await this.events.publish(ThreadUpdated, placeOf(updated));
    return (await this.views.threads(caller, [updated]))[0];
  }

  /** Deletes the thread (its posts go with it, out of sight): its author while nobody replied, or a moderator. */
  async delete(principal: Principal, id: string, reason: string | null): Promise<void> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    caller.assert('delete', THREAD, thread);
    await this.setState(principal, thread, { status: 'deleted' }, 'thread.delete', reason);
  }

  /** Pin, lock, hide and their opposites: moderators of the thread's scope. */
  async act(principal: Principal, id: string, action: ThreadAction, reason: string | null): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    caller.assert('moderate', THREAD, thread);
    const updated = await this.setState(principal, thread, THREAD_ACTIONS[action], `thread.${action}`, reason);
    return (await this.views.threads(caller, [updated]))[0];
  }

  /** Moves the thread and its posts to another category the moderator may post in. */
  async move(principal: Principal, id: string, dto: MoveThreadDto): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    caller.assert('moderate', THREAD, thread);
    const target: CategoryRecord = await this.categories.open(caller, dto.categoryId);
    if (!caller.can('moderate', CATEGORY, target) && !caller.can('startThread', CATEGORY, target)) {
      throw ApiError.forbidden('You may not move threads into that category');
    }
    if (target.id === thread.categoryId) throw ApiError.invalidField('categoryId', 'is already the thread’s category');
    const moved = await this.threads.move(id, target.id, target.groupId, target.audience);
    if (!moved) throw ApiError.notFound('Thread');
    await this.posts.moveThread(id, target.id, target.groupId, target.audience);
    await this.readMarks.moveThread(id, target.id);
    await this.audit(
      principal,
      thread,
      'thread.move',
      dto.reason ?? null,
      { categoryId: thread.categoryId },
      { categoryId: target.id },
    );
    await this.events.publish(ThreadUpdated, {
      ...placeOf(moved),
      previousCategoryId: thread.categoryId,
      audienceChanged: true,
    });
    return (await this.views.threads(caller, [moved]))[0];
  }

  /** Marks a reply as the answer: the thread's author, or a moderator. */
  async accept(principal: Principal, id: string, postId: string): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    caller.assert('accept', THREAD, thread);
    const post = await this.posts.findById(postId);
    if (!post || post.threadId !== thread.id) throw ApiError.invalidField('postId', 'is not a post of this thread');
    if (post.number === 1) throw ApiError.invalidField('postId', 'must be a reply, not the opening post');
    if (post.status !== 'visible') throw ApiError.invalidField('postId', 'is hidden or deleted');
    const updated = await this.threads.setState(id, { acceptedPostId: post.id });
    if (!updated) throw ApiError.notFound('Thread');
    if (thread.authorId !== principal.id) {
      await this.audit(
        principal,
        thread,
        'thread.accept',
        null,
        { acceptedPostId: thread.acceptedPostId },
        { acceptedPostId: post.id },
      );
    }
    await this.events.publish(AnswerAccepted, {
      ...placeOf(updated),
      postId: post.id,
      postAuthorId: post.authorId,
      byUserId: principal.id,
    });
    await this.events.publish(ThreadUpdated, placeOf(updated));
    return (await this.views.threads(caller, [updated]))[0];
  }

  async follow(principal: Principal, id: string, following: boolean): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    if (following) await this.follows.follow(thread.id, principal.id);
    else await this.follows.unfollow(thread.id, principal.id);
    return (await this.views.threads(caller, [thread]))[0];
  }

  /** The caller has read the thread up to this post (never moving their mark back). */
  async read(principal: Principal, id: string, postId: string): Promise<ThreadView> {
    const caller = await this.abilities.of(principal);
    const thread = await this.open(caller, id);
    const post = await this.posts.findById(postId);
    if (!post || post.threadId !== thread.id) throw ApiError.invalidField('postId', 'is not a post of this thread');
    await this.readMarks.markRead(thread.id, principal.id, thread.categoryId, post.number);
    return (await this.views.threads(caller, [thread]))[0];
  }

  /** The thread, if the caller may read it (and its category); 404 otherwise. */
  async open(caller: ForumCaller, id: string): Promise<ThreadRecord> {
    const thread = await this.threads.findById(id);
    if (!thread) throw ApiError.notFound('Thread');
    caller.assertReadable(THREAD, thread, 'Thread');
    return thread;
  }

  private async setState(
    principal: Principal,
    thread: ThreadRecord,
    state: ThreadState,
    action: string,
    reason: string | null,
  ): Promise<ThreadRecord> {
    const updated = await this.threads.setState(thread.id, state);
    if (!updated) throw ApiError.notFound('Thread');
    const audienceChanged = state.status !== undefined && state.status !== thread.status;
    if (audienceChanged) await this.posts.setThreadStatus(thread.id, updated.status);
    await this.audited(principal, thread, updated, action, reason, Object.keys(state));
    await this.events.publish(ThreadUpdated, { ...placeOf(updated), audienceChanged });
    return updated;
  }

  /** Records the change in the audit log: a moderation action, or a change to someone else's thread. */
  private async audited(
    principal: Principal,
    before: ThreadRecord,
    after: ThreadRecord,
    action: string,
    reason: string | null,
    fields: string[],
  ): Promise<void> {
    const moderation = action.slice('thread.'.length) in THREAD_ACTIONS;
    if (!moderation && before.authorId === principal.id) return;
    const pick = (thread: ThreadRecord) =>
      Object.fromEntries(fields.map((field) => [field, (thread as Record<string, unknown>)[field]]));
    await this.audit(principal, before, action, reason, pick(before), pick(after));
  }

  private async audit(
    principal: Principal,
    thread: ThreadRecord,
    action: string,
    reason: string | null,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action,
      target: { type: 'thread', id: thread.id, groupId: thread.groupId },
      reason,
      before,
      after,
    });
  }
}

export function placeOf(thread: ThreadRecord): { threadId: string; categoryId: string; groupId: string | null } {
  return { threadId: thread.id, categoryId: thread.categoryId, groupId: thread.groupId };
}

function normaliseTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map(normaliseTag))];
}
