import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { type Principal, UsersService } from '@plenary/identity';
import { ForumAbilities } from '../access/forum-abilities.js';
import { type ContentStatus, POST, THREAD } from '../model/forum-kinds.js';
import { FollowsRepository } from '../reading/reading.repositories.js';
import { PostsRepository } from './posts.repository.js';
import { PostsService } from './posts.service.js';
import { ThreadsRepository } from './threads.repository.js';

/** A post as moderation and notifications see it. */
export interface ForumPostSummary {
  postId: string;
  threadId: string;
  threadTitle: string;
  groupId: string | null;
  authorId: string;
  status: ContentStatus;
  /** The start of its text, for a moderation queue or a notification. */
  excerpt: string;
}

/** A thread as moderation and notifications see it, whatever its status. */
export interface ForumThreadSummary {
  threadId: string;
  title: string;
  groupId: string | null;
  authorId: string;
  status: ContentStatus;
}

const EXCERPT_LENGTH = 200;

/** What the moderation and notification libs ask of the forum (they depend on it, never the reverse). */
@Injectable()
export class ForumContent {
  constructor(
    private readonly posts: PostsRepository,
    private readonly postsService: PostsService,
    private readonly threads: ThreadsRepository,
    private readonly follows: FollowsRepository,
    private readonly abilities: ForumAbilities,
    private readonly users: UsersService,
  ) {}

  /** The post the caller wants to flag: 404 when they may not read it, 403 when it is not flaggable. */
  async postToFlag(principal: Principal, postId: string): Promise<ForumPostSummary> {
    const caller = await this.abilities.of(principal);
    const post = await this.postsService.open(caller, postId);
    caller.assert('flag', POST, post);
    return (await this.describe(postId)) as ForumPostSummary;
  }

  async describe(postId: string): Promise<ForumPostSummary | null> {
    const post = await this.posts.findById(postId);
    const thread = post ? await this.threads.findById(post.threadId) : null;
    if (!post || !thread) return null;
    return {
      postId: post.id,
      threadId: post.threadId,
      threadTitle: thread.title,
      groupId: post.groupId,
      authorId: post.authorId,
      status: post.status,
      excerpt: post.body.slice(0, EXCERPT_LENGTH),
    };
  }

  async describeThread(threadId: string): Promise<ForumThreadSummary | null> {
    const thread = await this.threads.findById(threadId);
    if (!thread) return null;
    return {
      threadId: thread.id,
      title: thread.title,
      groupId: thread.groupId,
      authorId: thread.authorId,
      status: thread.status,
    };
  }

  /** Hides a visible post (flagged past the threshold); false when it was not visible. */
  async hide(postId: string): Promise<boolean> {
    const post = await this.posts.findById(postId);
    if (!post || post.status !== 'visible') return false;
    await this.postsService.hideOrRestore(post, 'hide');
    return true;
  }

  /** Restores a hidden post (its flags were dismissed); false when it was not hidden. */
  async restore(postId: string): Promise<boolean> {
    const post = await this.posts.findById(postId);
    if (!post || post.status !== 'hidden') return false;
    await this.postsService.hideOrRestore(post, 'restore');
    return true;
  }

  /** Whether the member may read the thread now (for notifications: never about what they may not read). */
  async canReadThread(userId: string, threadId: string): Promise<boolean> {
    const [principal, thread] = await Promise.all([this.users.principalOf(userId), this.threads.findById(threadId)]);
    if (!principal || principal.status !== 'active' || !thread) return false;
    return (await this.abilities.of(principal)).can('read', THREAD, thread);
  }

  followers(threadId: string): Promise<string[]> {
    return this.follows.followers(threadId);
  }

  async threadTitle(threadId: string): Promise<string> {
    const thread = await this.threads.findById(threadId);
    if (!thread) throw ApiError.notFound('Thread');
    return thread.title;
  }
}
