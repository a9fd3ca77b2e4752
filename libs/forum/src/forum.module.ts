import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { AccessService, IdentityModule } from '@plenary/identity';
import { RealtimeModule } from '@plenary/realtime';
import { ForumAbilities } from './access/forum-abilities.js';
import { CategoriesController } from './categories/categories.controller.js';
import { CategoriesRepository } from './categories/categories.repository.js';
import { CategoriesService } from './categories/categories.service.js';
import { CategoryActivity } from './categories/category-activity.js';
import { Category, CategorySchema } from './categories/category.schema.js';
import { CategoryFollow, CategoryFollowSchema } from './categories/category-follow.schema.js';
import { CategoryFollowsRepository } from './categories/category-follows.repository.js';
import { forumAccess } from './forum.access.js';
import { ForumCommunity } from './forum-community.js';
import { ForumGateway } from './live/forum.gateway.js';
import { Follow, FollowSchema, ReadMark, ReadMarkSchema } from './reading/reading.schema.js';
import { FollowsRepository, ReadMarksRepository } from './reading/reading.repositories.js';
import { SearchController } from './search/search.controller.js';
import { SearchService } from './search/search.service.js';
import { PostContentMaker } from './threads/content.js';
import { ForumContent } from './threads/forum-content.js';
import { ForumDigestSource } from './threads/forum-digest-source.js';
import { ForumPublishing } from './threads/forum-publishing.js';
import { Post, PostRevision, PostRevisionSchema, PostSchema, Reaction, ReactionSchema } from './threads/post.schema.js';
import { PostsController } from './threads/posts.controller.js';
import { PostRevisionsRepository, PostsRepository, ReactionsRepository } from './threads/posts.repository.js';
import { PostsService } from './threads/posts.service.js';
import { ThreadActivity } from './threads/thread-activity.js';
import { Thread, ThreadSchema } from './threads/thread.schema.js';
import { ThreadsController } from './threads/threads.controller.js';
import { ThreadsRepository } from './threads/threads.repository.js';
import { ThreadsService } from './threads/threads.service.js';
import { ForumViews } from './threads/views.js';

/**
 * The forum: categories (platform-wide or a group's), threads and posts with reactions, follows
 * and unread marks, search, its rooms, and moderation of its content. Moderation and
 * notifications use ForumContent, the notification digests ForumDigestSource, live sessions
 * ForumPublishing (to carry questions to a thread); the forum publishes its events and imports
 * none of them.
 */
@Module({
  imports: [
    IdentityModule,
    CommunityModule,
    RealtimeModule,
    MongooseModule.forFeature([
      { name: Category.name, schema: CategorySchema },
      { name: CategoryFollow.name, schema: CategoryFollowSchema },
      { name: Thread.name, schema: ThreadSchema },
      { name: Post.name, schema: PostSchema },
      { name: PostRevision.name, schema: PostRevisionSchema },
      { name: Reaction.name, schema: ReactionSchema },
      { name: Follow.name, schema: FollowSchema },
      { name: ReadMark.name, schema: ReadMarkSchema },
    ]),
  ],
  controllers: [CategoriesController, ThreadsController, PostsController, SearchController],
  providers: [
    CategoriesRepository,
    CategoriesService,
    { provide: CategoryActivity, useExisting: ThreadActivity },
    CategoryFollowsRepository,
    FollowsRepository,
    ForumAbilities,
    ForumCommunity,
    ForumContent,
    ForumDigestSource,
    ForumGateway,
    ForumPublishing,
    ForumViews,
    PostContentMaker,
    PostRevisionsRepository,
    PostsRepository,
    PostsService,
    ReactionsRepository,
    ReadMarksRepository,
    SearchService,
    ThreadActivity,
    ThreadsRepository,
    ThreadsService,
  ],
  exports: [ForumContent, ForumDigestSource, ForumPublishing],
})
export class ForumModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(forumAccess);
  }
}
