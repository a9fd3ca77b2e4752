import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import { type NewProgressUpdate, ProgressUpdate, type ProgressUpdateRecord } from './progress-update.schema.js';

@Injectable()
export class ProgressUpdatesRepository extends BaseRepository<ProgressUpdate> {
  constructor(@InjectModel(ProgressUpdate.name) model: Model<ProgressUpdate>) {
    super(model);
  }

  create(update: NewProgressUpdate): Promise<ProgressUpdateRecord> {
    return this.insertOne(update);
  }

  /** A pledge's updates, newest first. */
  ofPledge(pledgeId: string, page: PageRequest): Promise<Page<ProgressUpdateRecord>> {
    return this.paginate({ pledgeId }, { field: '_id', direction: -1 }, page);
  }

  /** The latest updates on any pledge. */
  latest(limit: number): Promise<ProgressUpdateRecord[]> {
    return this.findMany({}, { _id: -1 }, limit);
  }

  /** Every update of these pledges, oldest first (the export). */
  forPledges(pledgeIds: string[]): Promise<ProgressUpdateRecord[]> {
    if (pledgeIds.length === 0) return Promise.resolve([]);
    return this.findMany({ pledgeId: { $in: pledgeIds } }, { _id: 1 });
  }

  /** Updates per pledge (pledges without any are absent). */
  async counts(pledgeIds: string[]): Promise<Map<string, number>> {
    if (pledgeIds.length === 0) return new Map();
    const rows = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { pledgeId: { $in: pledgeIds.map((id) => new Types.ObjectId(id)) } } },
        { $group: { _id: '$pledgeId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }

  byAuthor(authorId: string): Promise<ProgressUpdateRecord[]> {
    return this.findMany({ authorId }, { _id: -1 });
  }
}
