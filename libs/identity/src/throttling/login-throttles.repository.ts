import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, type PlainRecord } from '@plenary/database';
import type { Model } from 'mongoose';
import { KnownAddress, LoginThrottle } from './login-throttle.schema.js';

export type ThrottleRecord = PlainRecord<LoginThrottle>;

/**
 * Counters of sign-in attempts. Each change is one update of one document: atomic on MongoDB,
 * and serialized by the write gate within an instance on FerretDB.
 */
@Injectable()
export class LoginThrottlesRepository extends BaseRepository<LoginThrottle> {
  constructor(@InjectModel(LoginThrottle.name) model: Model<LoginThrottle>) {
    super(model);
  }

  /**
   * Reserves one attempt on the key and returns the counters as they were just before it (null
   * for a key seen for the first time). Counters that saw no attempt for `staleBefore` start over.
   */
  async reserve(key: string, email: string | null, now: Date, staleBefore: Date): Promise<ThrottleRecord | null> {
    const current = await this.findOne({ key });
    if (current && current.lastAttemptAt < staleBefore) {
      await this.updateMany(
        { key, lastAttemptAt: { $lt: staleBefore } },
        { $set: { failures: 0, inFlight: 0, lastFailureAt: null, lockedUntil: null } },
      );
    }
    return this.upsertAndGetPrevious(
      { key },
      { $inc: { inFlight: 1 }, $set: { lastAttemptAt: now }, $setOnInsert: { email, failures: 0 } },
    );
  }

  /** Gives a reserved attempt back (refused before checking, or succeeded). */
  async release(key: string): Promise<void> {
    await this.updateMany({ key, inFlight: { $gt: 0 } }, { $inc: { inFlight: -1 } });
  }

  /** Turns a reserved attempt into a failure; locks the key until `lockUntil` at `lockAfter` failures. */
  async recordFailure(key: string, now: Date, lockAfter: number, lockUntil: Date): Promise<void> {
    const counted = await this.updateOneAndGet(
      { key },
      { $inc: { failures: 1, inFlight: -1 }, $set: { lastFailureAt: now } },
    );
    if (counted && counted.failures >= lockAfter) {
      await this.updateMany({ key, lockedUntil: null }, { $set: { lockedUntil: lockUntil } });
    }
  }

  /** The addresses that failed to sign in to this account since `since`, and the latest failure. */
  async failingAddresses(email: string, since: Date): Promise<{ count: number; latest: Date | null }> {
    const failing = { email, lastFailureAt: { $gte: since } };
    const [count, latest] = await Promise.all([
      this.count(failing),
      this.model.findOne(failing).sort({ lastFailureAt: -1 }).lean<LoginThrottle>().exec(),
    ]);
    return { count, latest: latest?.lastFailureAt ?? null };
  }

  async clear(key: string): Promise<void> {
    await this.deleteOne({ key });
  }

  async clearAccount(email: string): Promise<void> {
    await this.deleteMany({ email });
  }

  /** Forgets counters that saw no attempt since `before` and have none in flight. */
  deleteStale(before: Date): Promise<number> {
    return this.deleteMany({ lastAttemptAt: { $lt: before }, inFlight: { $lte: 0 } });
  }
}

@Injectable()
export class KnownAddressesRepository extends BaseRepository<KnownAddress> {
  constructor(@InjectModel(KnownAddress.name) model: Model<KnownAddress>) {
    super(model);
  }

  remember(email: string, address: string, now: Date): Promise<void> {
    return this.upsert({ email, address }, { $set: { lastSuccessAt: now } });
  }

  async isKnown(email: string, address: string, since: Date): Promise<boolean> {
    return (await this.count({ email, address, lastSuccessAt: { $gte: since } })) > 0;
  }

  async forget(email: string): Promise<void> {
    await this.deleteMany({ email });
  }
}
