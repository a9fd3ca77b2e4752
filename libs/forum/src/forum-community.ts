import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GroupDeleted, GroupVisibilityChanged } from '@plenary/community';
import { DomainEvents } from '@plenary/core';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { CategoriesRepository } from './categories/categories.repository.js';
import { audienceOf } from './categories/categories.service.js';
import { CategoryFollowsRepository } from './categories/category-follows.repository.js';
import { FollowsRepository, ReadMarksRepository } from './reading/reading.repositories.js';
import { PostRevisionsRepository, PostsRepository, ReactionsRepository } from './threads/posts.repository.js';
import { ThreadsRepository } from './threads/threads.repository.js';

/**
 * The forum's part in the community's and in accounts' lives: a group's content follows its
 * visibility and goes with it when it is deleted; a member's data is exported and their reading
 * state erased with their account (what they wrote stays, by "deleted member").
 */
@Injectable()
export class ForumCommunity implements AccountParticipant, OnModuleInit {
  readonly section = 'forum';

  constructor(
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
    private readonly categories: CategoriesRepository,
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly revisions: PostRevisionsRepository,
    private readonly reactions: ReactionsRepository,
    private readonly follows: FollowsRepository,
    private readonly categoryFollows: CategoryFollowsRepository,
    private readonly readMarks: ReadMarksRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    this.events.subscribe(GroupVisibilityChanged, ForumCommunity.name, async ({ groupId, visibility }) => {
      const audience = audienceOf(visibility);
      await this.categories.setAudienceOfGroup(groupId, audience);
      await this.threads.setAudienceOfGroup(groupId, audience);
      await this.posts.setAudienceOfGroup(groupId, audience);
    });
    this.events.subscribe(GroupDeleted, ForumCommunity.name, ({ groupId }) => this.eraseGroup(groupId));
  }

  async exportData(userId: string): Promise<unknown> {
    return {
      threads: (await this.threads.byAuthor(userId)).map((thread) => ({
        id: thread.id,
        title: thread.title,
        createdAt: thread.createdAt,
      })),
      posts: (await this.posts.byAuthor(userId)).map((post) => ({
        id: post.id,
        threadId: post.threadId,
        body: post.body,
        createdAt: post.createdAt,
      })),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.follows.eraseFor(userId);
    await this.categoryFollows.eraseFor(userId);
    await this.readMarks.eraseFor(userId);
  }

  private async eraseGroup(groupId: string): Promise<void> {
    const threadIds = (await this.threads.inGroup(groupId)).map((thread) => thread.id);
    const postIds = await this.posts.idsOfThreads(threadIds);
    await this.reactions.deleteForPosts(postIds);
    await this.revisions.deleteForPosts(postIds);
    await this.posts.deleteForThreads(threadIds);
    await this.follows.deleteForThreads(threadIds);
    await this.readMarks.deleteForThreads(threadIds);
    await this.threads.deleteInGroup(groupId);
    await this.categoryFollows.deleteForCategories(
      (await this.categories.inGroup(groupId)).map((category) => category.id),
    );
    await this.categories.deleteInGroup(groupId);
  }
}
