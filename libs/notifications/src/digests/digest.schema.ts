import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * One member's digest of one period, claimed before it is made: the unique (member, period) index
 * lets one instance make it, whichever gets there first. Kept even when there was nothing to
 * mail, so that the period is not looked at again; the next digest starts where this one ended.
 */
@Schema({ collection: 'notification_digests', timestamps: { createdAt: true, updatedAt: false } })
export class NotificationDigest {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** `2026-11-26` (daily) or `2026-W48` (weekly). */
  @Prop({ type: String, required: true })
  period!: string;

  /** What it covers: what happened after `since`, up to `until`. */
  @Prop({ type: Date, required: true })
  since!: Date;

  @Prop({ type: Date, required: true })
  until!: Date;

  createdAt!: Date;
}

export type DigestRecord = PlainRecord<NotificationDigest>;

export const NotificationDigestSchema = SchemaFactory.createForClass(NotificationDigest);
NotificationDigestSchema.index({ userId: 1, period: 1 }, { unique: true });
// Where each member's last digest ended, and the old ones to forget.
NotificationDigestSchema.index({ userId: 1, until: -1 });
NotificationDigestSchema.index({ until: 1 });
