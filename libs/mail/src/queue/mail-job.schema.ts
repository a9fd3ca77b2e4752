import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

export const MAIL_JOB_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MailJobStatus = (typeof MAIL_JOB_STATUSES)[number];

/**
 * One mail to send, rendered when it was queued. Only the worker holding the claim for its
 * current attempt writes to it (see MailClaim), so instances never write it at the same time.
 */
@Schema({ collection: 'mail_jobs', timestamps: true })
export class MailJob {
  /** Once-only key: the caller's, or a random one. */
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  template!: string;

  @Prop({ type: String, required: true })
  to!: string;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: String, required: true })
  html!: string;

  @Prop({ type: String, required: true })
  text!: string;

  @Prop({ type: Object, default: {} })
  headers!: Record<string, string>;

  @Prop({ type: String, required: true, enum: MAIL_JOB_STATUSES, default: 'queued' })
  status!: MailJobStatus;

  /** Attempts made so far; the next one is claimed as (job, attempts). */
  @Prop({ type: Number, required: true, default: 0 })
  attempts!: number;

  @Prop({ type: Date, required: true })
  nextAttemptAt!: Date;

  @Prop({ type: String, default: null })
  lastError!: string | null;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type MailJobRecord = PlainRecord<MailJob>;

export const MailJobSchema = SchemaFactory.createForClass(MailJob);
MailJobSchema.index({ key: 1 }, { unique: true });
MailJobSchema.index({ status: 1, nextAttemptAt: 1, _id: 1 });

/**
 * A worker's claim on one attempt of one job: whoever inserts (jobId, attempt) first sends it;
 * the unique index turns every other instance away. FerretDB keeps unique indexes under
 * concurrency, which it does not do for guarded updates of one document.
 */
@Schema({ collection: 'mail_claims', versionKey: false })
export class MailClaim {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  jobId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  attempt!: number;

  @Prop({ type: String, required: true })
  worker!: string;

  @Prop({ type: Date, required: true })
  claimedAt!: Date;
}

export type MailClaimRecord = PlainRecord<MailClaim>;

export const MailClaimSchema = SchemaFactory.createForClass(MailClaim);
MailClaimSchema.index({ jobId: 1, attempt: 1 }, { unique: true });
MailClaimSchema.index({ claimedAt: 1 });
