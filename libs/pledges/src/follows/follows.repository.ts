import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import { PledgeFollow, type PledgeFollowRecord } from './follow.schema.js';

@Injectable()
export class PledgeFollowsRepository extends BaseRepository<PledgeFollow> {
  constructor(@InjectModel(PledgeFollow.name) model: Model<PledgeFollow>) {
    super(model);
  }

  /** False when the member already followed it (the unique index refused a second one). */
  async add(pledgeId: string, userId: string): Promise<boolean> {
    try {
      await this.insertOne({ pledgeId, userId });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** False when the member did not follow it. */
  remove(pledgeId: string, userId: string): Promise<boolean> {
    return this.deleteOne({ pledgeId, userId });
  }

  async isFollowing(pledgeId: string, userId: string): Promise<boolean> {
    return (await this.findOne({ pledgeId, userId })) !== null;
  }

  /** Of these pledges, those the member follows. */
  async followedAmong(pledgeIds: string[], userId: string): Promise<Set<string>> {
    if (pledgeIds.length === 0) return new Set();
    const follows = await this.findMany({ userId, pledgeId: { $in: pledgeIds } });
    return new Set(follows.map((follow) => follow.pledgeId));
  }

  async followerIds(pledgeId: string): Promise<string[]> {
    return (await this.findMany({ pledgeId })).map((follow) => follow.userId);
  }

  /** Followers per pledge, for the pledges given (those without followers are absent). */
  async counts(pledgeIds: string[]): Promise<Map<string, number>> {
    if (pledgeIds.length === 0) return new Map();
    // One accumulator, ids as ObjectIds: aggregation stages are not cast, and FerretDB 1.24 gets a second accumulator wrong.
    const rows = await this.model
      .aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { pledgeId: { $in: pledgeIds.map((id) => new Types.ObjectId(id)) } } },
        { $group: { _id: '$pledgeId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }

  ofUser(userId: string): Promise<PledgeFollowRecord[]> {
    return this.findMany({ userId }, { _id: 1 });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
