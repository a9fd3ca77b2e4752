import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, isDuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { LoginThrottle } from './login-throttle.schema.js';

@Injectable()
export class LoginThrottlesRepository extends BaseRepository<LoginThrottle> {
  constructor(@InjectModel(LoginThrottle.name) model: Model<LoginThrottle>) {
    super(model);
  }

  findByKeys(keys: string[]): Promise<LoginThrottle[]> {
    return this.model
      .find({ key: { $in: keys } })
      .lean<LoginThrottle[]>()
      .exec();
  }

  /**
   * Counts one failure for the key, atomically. A count whose last failure is older than
   * `staleBefore` starts again from one. Returns the new count.
   */
  async recordFailure(key: string, now: Date, staleBefore: Date): Promise<number> {
    await this.model
      .updateOne({ key, lastFailureAt: { $lt: staleBefore } }, { $set: { failures: 0, lockedUntil: null } })
      .exec();
    const update = { $inc: { failures: 1 }, $set: { lastFailureAt: now } };
    try {
      const counted = await this.model
        .findOneAndUpdate({ key }, update, { upsert: true, new: true })
        .lean<LoginThrottle>()
        .exec();
      return counted?.failures ?? 1;
    } catch (error) {
      // Two first failures raced to insert the key; the loser counts on the winner's document.
      if (!isDuplicateKeyError(error)) throw error;
      const counted = await this.model.findOneAndUpdate({ key }, update, { new: true }).lean<LoginThrottle>().exec();
      return counted?.failures ?? 1;
    }
  }

  async lock(key: string, until: Date): Promise<void> {
    await this.model.updateOne({ key }, { $set: { lockedUntil: until } }).exec();
  }

  async clear(key: string): Promise<void> {
    await this.model.deleteOne({ key }).exec();
  }
}
