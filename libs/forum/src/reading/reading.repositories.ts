import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { Follow, ReadMark } from './reading.schema.js';

@Injectable()
export class FollowsRepository extends BaseRepository<Follow> {
  constructor(@InjectModel(Follow.name) model: Model<Follow>) {
    super(model);
  }

  /** Idempotent: following twice is following. */
  async follow(threadId: string, userId: string): Promise<void> {
    try {
      await this.insertOne({ threadId, userId });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  async unfollow(threadId: string, userId: string): Promise<void> {
    await this.deleteOne({ threadId, userId });
  }

  /** Of these threads, the ones the member follows. */
  async followed(userId: string, threadIds: string[]): Promise<Set<string>> {
    if (threadIds.length === 0) return new Set();
    const follows = await this.findMany({ userId, threadId: { $in: threadIds } });
    return new Set(follows.map((follow) => follow.threadId));
  }

  async followers(threadId: string): Promise<string[]> {
    return (await this.findMany({ threadId })).map((follow) => follow.userId);
  }

  async deleteForThreads(threadIds: string[]): Promise<void> {
    await this.deleteMany({ threadId: { $in: threadIds } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}

@Injectable()
export class ReadMarksRepository extends BaseRepository<ReadMark> {
  constructor(@InjectModel(ReadMark.name) model: Model<ReadMark>) {
    super(model);
  }

  /** Moves the member's mark forward to `number` (never back): one $max, so concurrent reads agree. */
  markRead(threadId: string, userId: string, categoryId: string, number: number): Promise<void> {
    return this.upsert({ threadId, userId }, { $max: { lastReadNumber: number }, $set: { categoryId } });
  }

  /** The member's last read post number, by thread, for these threads (absent: never opened). */
  async marks(userId: string, threadIds: string[]): Promise<Map<string, number>> {
    if (threadIds.length === 0) return new Map();
    const marks = await this.findMany({ userId, threadId: { $in: threadIds } });
    return new Map(marks.map((mark) => [mark.threadId, mark.lastReadNumber]));
  }

  /** Every mark of the member in these categories. */
  async marksInCategories(userId: string, categoryIds: string[]): Promise<Map<string, number>> {
    if (categoryIds.length === 0) return new Map();
    const marks = await this.findMany({ userId, categoryId: { $in: categoryIds } });
    return new Map(marks.map((mark) => [mark.threadId, mark.lastReadNumber]));
  }

  async moveThread(threadId: string, categoryId: string): Promise<void> {
    await this.updateMany({ threadId }, { $set: { categoryId } });
  }

  async deleteForThreads(threadIds: string[]): Promise<void> {
    await this.deleteMany({ threadId: { $in: threadIds } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
