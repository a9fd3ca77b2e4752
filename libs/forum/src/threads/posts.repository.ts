import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import { type Audience, type ContentStatus, REACTION_KINDS, type ReactionKind } from '../model/forum-kinds.js';
import { Post, type PostRecord, PostRevision, type PostRevisionRecord, Reaction } from './post.schema.js';

export type NewPost = Omit<
  Post,
  'threadId' | 'categoryId' | 'groupId' | 'authorId' | 'replyTo' | 'mentions' | 'editedAt' | 'createdAt' | 'updatedAt'
> & {
  threadId: string;
  categoryId: string;
  groupId: string | null;
  authorId: string;
  replyTo: string | null;
  mentions: string[];
};

export interface PostContent {
  body: string;
  html: string;
  mentions: string[];
  terms: string[];
}

@Injectable()
export class PostsRepository extends BaseRepository<Post> {
  constructor(@InjectModel(Post.name) model: Model<Post>) {
    super(model);
  }

  create(post: NewPost): Promise<PostRecord> {
    return this.insertOne({ ...post, editedAt: null });
  }

  findByIds(ids: string[]): Promise<PostRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.findMany({ _id: { $in: ids } });
  }

  findByNumber(threadId: string, number: number): Promise<PostRecord | null> {
    return this.findOne({ threadId, number });
  }

  /** A thread's posts that `visible` lets through, in order. */
  list(threadId: string, visible: QueryFilter<Post>, page: PageRequest): Promise<Page<PostRecord>> {
    return this.paginate(
      allOf(visible, { threadId }),
      { field: 'number', direction: 1, kind: 'number', unique: true },
      page,
    );
  }

  /** Replaces the content of a post that is still visible; null when it is not (any more). */
  edit(id: string, content: PostContent, at: Date): Promise<PostRecord | null> {
    return this.updateOneAndGet(
      { _id: id, status: 'visible' },
      { $set: { ...content, editedAt: at }, $inc: { editCount: 1 } },
    );
  }

  setStatus(id: string, status: ContentStatus, from: ContentStatus[]): Promise<PostRecord | null> {
    return this.updateOneAndGet({ _id: id, status: { $in: from } }, { $set: { status } });
  }

  async addReaction(id: string, kind: ReactionKind, delta: 1 | -1): Promise<PostRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $inc: { [`reactions.${kind}`]: delta } });
  }

  async setThreadStatus(threadId: string, threadStatus: ContentStatus): Promise<void> {
    await this.updateMany({ threadId }, { $set: { threadStatus } });
  }

  async moveThread(threadId: string, categoryId: string, groupId: string | null, audience: Audience): Promise<void> {
    await this.updateMany({ threadId }, { $set: { categoryId, groupId, audience } });
  }

  /** Newest first; the conditions hold the search terms, its facets and the caller's access. */
  search(conditions: QueryFilter<Post>[], page: PageRequest): Promise<Page<PostRecord>> {
    return this.paginate(allOf(...conditions), { field: '_id', direction: -1 }, page);
  }

  async setAudienceOfGroup(groupId: string, audience: Audience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteForThreads(threadIds: string[]): Promise<void> {
    await this.deleteMany({ threadId: { $in: threadIds } });
  }

  byAuthor(authorId: string): Promise<PostRecord[]> {
    return this.findMany({ authorId }, { _id: 1 });
  }

  idsOfThreads(threadIds: string[]): Promise<string[]> {
    return this.findMany({ threadId: { $in: threadIds } }).then((posts) => posts.map((post) => post.id));
  }
}

@Injectable()
export class PostRevisionsRepository extends BaseRepository<PostRevision> {
  constructor(@InjectModel(PostRevision.name) model: Model<PostRevision>) {
    super(model);
  }

  async add(revision: {
    postId: string;
    editorId: string;
    previousBody: string;
    reason: string | null;
  }): Promise<void> {
    await this.insertOne(revision);
  }

  forPost(postId: string): Promise<PostRevisionRecord[]> {
    return this.findMany({ postId }, { createdAt: 1, _id: 1 });
  }

  async deleteForPosts(postIds: string[]): Promise<void> {
    await this.deleteMany({ postId: { $in: postIds } });
  }
}

@Injectable()
export class ReactionsRepository extends BaseRepository<Reaction> {
  constructor(@InjectModel(Reaction.name) model: Model<Reaction>) {
    super(model);
  }

  /** True when this call stored the reaction; false when it was there already. */
  async add(postId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    try {
      await this.insertOne({ postId, userId, kind });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** True when this call removed the reaction. */
  remove(postId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    return this.deleteOne({ postId, userId, kind });
  }

  /**
   * The post's reactions counted from the reactions themselves, with the member's own: what a
   * reaction request answers, so that its counts and `mine` agree even while another request's
   * change to the post's stored counts is still on its way.
   */
  async onPost(
    postId: string,
    userId: string,
  ): Promise<{ counts: Record<ReactionKind, number>; mine: ReactionKind[] }> {
    const [counts, mine] = await Promise.all([
      Promise.all(REACTION_KINDS.map((kind) => this.count({ postId, kind }))),
      this.mine(userId, [postId]),
    ]);
    return {
      counts: Object.fromEntries(REACTION_KINDS.map((kind, index) => [kind, counts[index]])) as Record<
        ReactionKind,
        number
      >,
      mine: mine.get(postId) ?? [],
    };
  }

  /** The member's reactions to these posts, by post. */
  async mine(userId: string, postIds: string[]): Promise<Map<string, ReactionKind[]>> {
    const mine = new Map<string, ReactionKind[]>();
    if (postIds.length === 0) return mine;
    for (const reaction of await this.findMany({ userId, postId: { $in: postIds } })) {
      mine.set(reaction.postId, [...(mine.get(reaction.postId) ?? []), reaction.kind as ReactionKind]);
    }
    return mine;
  }

  async deleteForPosts(postIds: string[]): Promise<void> {
    await this.deleteMany({ postId: { $in: postIds } });
  }
}
