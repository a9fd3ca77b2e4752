import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import { type FlagReason, type FlagStatus, type FlagTargetType, OPEN } from '../model/moderation-kinds.js';
import { Flag, type FlagRecord } from './flag.schema.js';

export interface NewFlag {
  targetType: FlagTargetType;
  targetId: string;
  threadId: string;
  groupId: string | null;
  authorId: string;
  reporterId: string;
  reason: FlagReason;
  note: string | null;
}

export interface Review {
  status: Exclude<FlagStatus, 'open'>;
  reviewerId: string;
  reason: string;
  at: Date;
}

@Injectable()
export class FlagsRepository extends BaseRepository<Flag> {
  constructor(@InjectModel(Flag.name) model: Model<Flag>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the reporter already has an open flag on the target. */
  create(flag: NewFlag): Promise<FlagRecord> {
    return this.insertOne({
      ...flag,
      status: 'open',
      openKey: OPEN,
      reviewerId: null,
      reviewReason: null,
      reviewedAt: null,
    });
  }

  countOpen(targetType: FlagTargetType, targetId: string): Promise<number> {
    return this.count({ targetType, targetId, status: 'open' });
  }

  openOn(targetType: FlagTargetType, targetId: string): Promise<FlagRecord[]> {
    return this.findMany({ targetType, targetId, status: 'open' }, { _id: 1 });
  }

  /** Every flag on these targets, whatever its status. */
  onTargets(targetType: FlagTargetType, targetIds: string[]): Promise<FlagRecord[]> {
    if (targetIds.length === 0) return Promise.resolve([]);
    return this.findMany({ targetType, targetId: { $in: targetIds } });
  }

  /** Closes the flag if it is still open; null when it was not (another review closed it). */
  close(id: string, review: Review): Promise<FlagRecord | null> {
    return this.updateOneAndGet(
      { _id: id, status: 'open' },
      {
        $set: {
          status: review.status,
          openKey: id,
          reviewerId: review.reviewerId,
          reviewReason: review.reason,
          reviewedAt: review.at,
        },
      },
    );
  }

  /** Newest first; `visible` is the caller's scope. */
  list(visible: QueryFilter<Flag>, status: FlagStatus | undefined, page: PageRequest): Promise<Page<FlagRecord>> {
    return this.paginate(status ? allOf(visible, { status }) : visible, { field: '_id', direction: -1 }, page);
  }

  async moveThread(threadId: string, groupId: string | null): Promise<void> {
    await this.updateMany({ threadId }, { $set: { groupId } });
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }

  byReporter(reporterId: string): Promise<FlagRecord[]> {
    return this.findMany({ reporterId }, { _id: 1 });
  }
}
