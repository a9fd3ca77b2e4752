import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { NotificationDigest } from './digest.schema.js';

@Injectable()
export class DigestsRepository extends BaseRepository<NotificationDigest> {
  constructor(@InjectModel(NotificationDigest.name) model: Model<NotificationDigest>) {
    super(model);
  }

  /** True when this call claimed the member's digest of the period; false when someone had. */
  async claim(digest: { userId: string; period: string; since: Date; until: Date }): Promise<boolean> {
    try {
      await this.insertOne(digest);
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** Gives the claim back (the digest could not be made), so that a later run makes it. */
  async release(userId: string, period: string): Promise<void> {
    await this.deleteOne({ userId, period });
  }

  /** Of these members, those whose digest of the period is claimed already. */
  async claimedAmong(period: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const claimed = await this.findMany({ userId: { $in: userIds }, period });
    return new Set(claimed.map((digest) => digest.userId));
  }

  /** Where the last digest of each of these members ended, for those with one ending after `after`. */
  async lastEnds(userIds: string[], after: Date): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const ends = new Map<string, Date>();
    for (const digest of await this.findMany({ userId: { $in: userIds }, until: { $gt: after } })) {
      const end = ends.get(digest.userId);
      if (!end || digest.until > end) ends.set(digest.userId, digest.until);
    }
    return ends;
  }

  async deleteEndedBefore(before: Date): Promise<void> {
    await this.deleteMany({ until: { $lt: before } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
