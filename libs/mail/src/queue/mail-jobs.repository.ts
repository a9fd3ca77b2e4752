import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { MailClaim, type MailClaimRecord, MailJob, type MailJobRecord } from './mail-job.schema.js';

export interface NewMailJob {
  key: string;
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

@Injectable()
export class MailJobsRepository extends BaseRepository<MailJob> {
  constructor(@InjectModel(MailJob.name) model: Model<MailJob>) {
    super(model);
  }

  /** Throws DuplicateKeyError when a job with this key exists. */
  add(job: NewMailJob, now: Date): Promise<MailJobRecord> {
    return this.insertOne({ ...job, status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, sentAt: null });
  }

  due(now: Date, limit: number): Promise<MailJobRecord[]> {
    return this.findMany({ status: 'queued', nextAttemptAt: { $lte: now } }, { nextAttemptAt: 1, _id: 1 }, limit);
  }

  findByKey(key: string): Promise<MailJobRecord | null> {
    return this.findOne({ key });
  }

  async markSent(id: string, attempts: number, at: Date): Promise<void> {
    await this.updateMany({ _id: id }, { $set: { status: 'sent', attempts, sentAt: at, lastError: null } });
  }

  /** Sent and given-up mail is kept this long for support questions, then forgotten (addresses included). */
  async deleteFinishedBefore(before: Date): Promise<void> {
    await this.deleteMany({ status: { $in: ['sent', 'failed'] }, updatedAt: { $lt: before } });
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.updateMany({ _id: id }, { $set: { status: 'failed', attempts, lastError: error } });
  }

  /** Another attempt later. Guarded by the attempt it ends, so it is a no-op when that attempt is already over. */
  async retryLater(id: string, attemptsBefore: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.updateMany(
      { _id: id, status: 'queued', attempts: attemptsBefore },
      { $set: { attempts: attemptsBefore + 1, nextAttemptAt, lastError: error } },
    );
  }
}

@Injectable()
export class MailClaimsRepository extends BaseRepository<MailClaim> {
  constructor(@InjectModel(MailClaim.name) model: Model<MailClaim>) {
    super(model);
  }

  /** True when this worker now holds the attempt; false when another one claimed it first. */
  async claim(jobId: string, attempt: number, worker: string, at: Date): Promise<boolean> {
    try {
      await this.insertOne({ jobId, attempt, worker, claimedAt: at });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  find(jobId: string, attempt: number): Promise<MailClaimRecord | null> {
    return this.findOne({ jobId, attempt });
  }

  /** Claims of finished work are only history; keeps the collection small. */
  async deleteOlderThan(before: Date): Promise<void> {
    await this.deleteMany({ claimedAt: { $lt: before } });
  }
}
