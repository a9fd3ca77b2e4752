import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, type SortSpec } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { Audience, ThreadSort } from '../model/forum-kinds.js';
import { Thread, type ThreadRecord } from './thread.schema.js';

export type NewThread = Omit<
  Thread,
  'categoryId' | 'groupId' | 'authorId' | 'lastPosterId' | 'acceptedPostId' | 'createdAt' | 'updatedAt'
> & { categoryId: string; groupId: string | null; authorId: string; lastPosterId: string };

export type ThreadChanges = Partial<Pick<Thread, 'title' | 'tags' | 'objectives' | 'language' | 'terms'>>;
export type ThreadState = Partial<Pick<Thread, 'pinned' | 'locked' | 'status'>> & { acceptedPostId?: string | null };

export type ThreadSummary = Pick<
  ThreadRecord,
  'id' | 'categoryId' | 'groupId' | 'audience' | 'status' | 'authorId' | 'postCount'
>;

/** At most this many pinned threads head a category's first page. */
const MAX_PINNED = 10;

const SORTS: Record<ThreadSort, SortSpec> = {
  latest: { field: 'lastActivityAt', direction: -1, kind: 'date' },
  top: { field: 'score', direction: -1, kind: 'number' },
  unanswered: { field: 'lastActivityAt', direction: -1, kind: 'date' },
};

@Injectable()
export class ThreadsRepository extends BaseRepository<Thread> {
  constructor(@InjectModel(Thread.name) model: Model<Thread>) {
    super(model);
  }

  create(thread: NewThread): Promise<ThreadRecord> {
    return this.insertOne(thread);
  }

  async delete(id: string): Promise<void> {
    await this.deleteOne({ _id: id });
  }

  findByIds(ids: string[]): Promise<ThreadRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.findMany({ _id: { $in: ids } });
  }

  /**
   * Takes the next post number for a reply and records the activity, in one update: the thread
   * as it is after it, or null when it is no longer open to replies (hidden, deleted, or locked
   * unless `evenIfLocked`).
   */
  takeNextNumber(id: string, posterId: string, at: Date, evenIfLocked: boolean): Promise<ThreadRecord | null> {
    const open: QueryFilter<Thread> = { _id: id, status: 'visible' };
    if (!evenIfLocked) open.locked = false;
    return this.updateOneAndGet(open, {
      $inc: { postCount: 1, score: 1 },
      $set: { lastActivityAt: at, lastPosterId: new Types.ObjectId(posterId) },
    });
  }

  async addToScore(id: string, delta: number): Promise<void> {
    await this.updateMany({ _id: id }, { $inc: { score: delta } });
  }

  update(id: string, changes: ThreadChanges): Promise<ThreadRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  setState(id: string, state: ThreadState): Promise<ThreadRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: state });
  }

  move(id: string, categoryId: string, groupId: string | null, audience: Audience): Promise<ThreadRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: { categoryId, groupId, audience } });
  }

  /** The pinned threads of a category that `visible` lets through, latest first. */
  pinned(categoryId: string, visible: QueryFilter<Thread>): Promise<ThreadRecord[]> {
    return this.findMany(allOf(visible, { categoryId, pinned: true }), { lastActivityAt: -1, _id: -1 }, MAX_PINNED);
  }

  /** A page of a category's threads that are not pinned, in the order asked. */
  list(
    categoryId: string,
    visible: QueryFilter<Thread>,
    sort: ThreadSort,
    page: PageRequest,
  ): Promise<Page<ThreadRecord>> {
    const filter: QueryFilter<Thread> = { categoryId, pinned: false };
    if (sort === 'unanswered') filter.postCount = 1;
    return this.paginate(allOf(visible, filter), SORTS[sort], page);
  }

  /**
   * The visible threads that members other than `exceptAuthorId` started in (since, until] in these
   * categories, as far as `visible` lets through; newest first.
   */
  startedIn(
    categoryIds: string[],
    visible: QueryFilter<Thread>,
    window: { since: Date; until: Date; exceptAuthorId: string },
    limit: number,
  ): Promise<ThreadRecord[]> {
    if (categoryIds.length === 0) return Promise.resolve([]);
    const started: QueryFilter<Thread> = {
      categoryId: { $in: categoryIds },
      createdAt: { $gt: window.since, $lte: window.until },
      status: 'visible',
      authorId: { $ne: window.exceptAuthorId },
    };
    return this.findMany(allOf(visible, started), { createdAt: -1 }, limit);
  }

  /** Threads `visible` lets through, by category. */
  async countByCategory(categoryIds: string[], visible: QueryFilter<Thread>): Promise<Map<string, number>> {
    if (categoryIds.length === 0) return new Map();
    // One accumulator only: FerretDB 1.24 gets a second one in the same $group wrong.
    const counts = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: this.cast(allOf(visible, { categoryId: { $in: categoryIds } })) },
        { $group: { _id: '$categoryId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(counts.map((count) => [count._id.toString(), count.count]));
  }

  /** What unread figures need of these threads: their place, access fields and post count, nothing else. */
  async summaries(ids: string[]): Promise<ThreadSummary[]> {
    if (ids.length === 0) return [];
    const threads = await this.model
      .find({ _id: { $in: ids } }, { categoryId: 1, groupId: 1, audience: 1, status: 1, authorId: 1, postCount: 1 })
      .lean<(ThreadSummary & { _id: Types.ObjectId })[]>()
      .exec();
    return threads.map(({ _id, categoryId, groupId, authorId, ...rest }) => ({
      ...rest,
      id: _id.toString(),
      categoryId: String(categoryId),
      groupId: groupId ? String(groupId) : null,
      authorId: String(authorId),
    }));
  }

  /** Newest first; the conditions hold the search terms, its facets and the caller's access. */
  search(conditions: QueryFilter<Thread>[], page: PageRequest): Promise<Page<ThreadRecord>> {
    return this.paginate(allOf(...conditions), { field: '_id', direction: -1 }, page);
  }

  byAuthor(authorId: string): Promise<ThreadRecord[]> {
    return this.findMany({ authorId }, { _id: 1 });
  }

  inGroup(groupId: string): Promise<ThreadRecord[]> {
    return this.findMany({ groupId });
  }

  async setAudienceOfGroup(groupId: string, audience: Audience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }
}
