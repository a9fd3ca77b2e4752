import { Prop, raw, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  DIGEST_FREQUENCIES,
  type DigestFrequency,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../model/notification-kinds.js';

/** One member's notification settings, unique per member; a member without one has the defaults. */
@Schema({ collection: 'notification_preferences', timestamps: true })
export class NotificationPreference {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The kinds the member switched, by kind; a kind not set here is on (so kinds added later start on). */
  @Prop(raw(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, { type: Boolean }]))))
  kinds?: Partial<Record<NotificationKind, boolean>>;

  @Prop({ type: String, required: true, enum: DIGEST_FREQUENCIES, default: 'off' })
  digest!: DigestFrequency;

  /** Where the member lives (an IANA name): their digest's days and weeks start at midnight there; null: UTC. */
  @Prop({ type: String, default: null })
  timeZone!: string | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type PreferenceRecord = PlainRecord<NotificationPreference>;

export const NotificationPreferenceSchema = SchemaFactory.createForClass(NotificationPreference);
NotificationPreferenceSchema.index({ userId: 1 }, { unique: true });
// The digests walk the members of one frequency in batches.
NotificationPreferenceSchema.index({ digest: 1, _id: 1 });
