import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import type { ForumCaller } from '../access/forum-abilities.js';
import { noReactions, POST } from '../model/forum-kinds.js';
import { FollowsRepository, ReadMarksRepository } from '../reading/reading.repositories.js';
import type { PersonView, PostView, ThreadView } from './dto/thread.dto.js';
import type { PostRecord } from './post.schema.js';
import { ReactionsRepository } from './posts.repository.js';
import type { ThreadRecord } from './thread.schema.js';

/** Threads and posts as one caller sees them: names, their unread counts, follows and reactions. */
@Injectable()
export class ForumViews {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly readMarks: ReadMarksRepository,
    private readonly follows: FollowsRepository,
    private readonly reactions: ReactionsRepository,
  ) {}

  async threads(caller: ForumCaller, threads: ThreadRecord[]): Promise<ThreadView[]> {
    const ids = threads.map((thread) => thread.id);
    const [names, marks, followed] = await Promise.all([
      this.names(threads.flatMap((thread) => [thread.authorId, thread.lastPosterId])),
      caller.id ? this.readMarks.marks(caller.id, ids) : new Map<string, number>(),
      caller.id ? this.follows.followed(caller.id, ids) : new Set<string>(),
    ]);
    return threads.map((thread) => ({
      id: thread.id,
      categoryId: thread.categoryId,
      groupId: thread.groupId,
      title: thread.title,
      author: names(thread.authorId),
      tags: thread.tags,
      objectives: thread.objectives,
      language: thread.language,
      status: thread.status,
      pinned: thread.pinned,
      locked: thread.locked,
      replyCount: thread.postCount - 1,
      lastActivityAt: thread.lastActivityAt,
      lastPoster: names(thread.lastPosterId),
      acceptedPostId: thread.acceptedPostId,
      unreadCount: caller.id ? thread.postCount - (marks.get(thread.id) ?? 0) : 0,
      following: followed.has(thread.id),
      createdAt: thread.createdAt,
      updatedAt: thread.updatedAt,
    }));
  }

  async posts(caller: ForumCaller, posts: PostRecord[]): Promise<PostView[]> {
    const [names, mine] = await Promise.all([
      this.names(posts.flatMap((post) => [post.authorId, ...post.mentions])),
      caller.id
        ? this.reactions.mine(
            caller.id,
            posts.map((post) => post.id),
          )
        : new Map(),
    ]);
    return posts.map((post) => {
      // A moderator sees what was hidden or deleted; everyone else sees that something was.
      const shown = post.status === 'visible' || caller.can('moderate', POST, post) || post.authorId === caller.id;
      return {
        id: post.id,
        threadId: post.threadId,
        number: post.number,
        author: names(post.authorId),
        body: shown && post.status !== 'deleted' ? post.body : null,
        html: shown && post.status !== 'deleted' ? post.html : '',
        replyTo: post.replyTo,
        mentions: post.mentions.map(names),
        reactions: { counts: { ...noReactions(), ...post.reactions }, mine: mine.get(post.id) ?? [] },
        status: post.status,
        editCount: post.editCount,
        editedAt: post.editedAt,
        createdAt: post.createdAt,
      };
    });
  }

  /** A post as everyone in its thread's room may see it (no caller's own reactions, nothing hidden). */
  async publicPost(post: PostRecord): Promise<PostView> {
    const names = await this.names([post.authorId, ...post.mentions]);
    const visible = post.status === 'visible';
    return {
      id: post.id,
      threadId: post.threadId,
      number: post.number,
      author: names(post.authorId),
      body: visible ? post.body : null,
      html: visible ? post.html : '',
      replyTo: post.replyTo,
      mentions: post.mentions.map(names),
      reactions: { counts: { ...noReactions(), ...post.reactions }, mine: [] },
      status: post.status,
      editCount: post.editCount,
      editedAt: post.editedAt,
      createdAt: post.createdAt,
    };
  }

  async names(ids: string[]): Promise<(id: string) => PersonView> {
    const found = await this.profiles.authorNames(ids);
    return (id: string) => found.get(id) ?? { id: null, displayName: '' };
  }
}
