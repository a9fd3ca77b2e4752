import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { ForumCarry, type ForumCarryRecord } from './forum-carry.schema.js';

@Injectable()
export class ForumCarriesRepository extends BaseRepository<ForumCarry> {
  constructor(@InjectModel(ForumCarry.name) model: Model<ForumCarry>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the session's questions were claimed already. */
  claim(sessionId: string, carriedBy: string, categoryId: string): Promise<ForumCarryRecord> {
    return this.insertOne({ sessionId, carriedBy, categoryId });
  }

  async release(sessionId: string): Promise<void> {
    await this.deleteOne({ sessionId });
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}
