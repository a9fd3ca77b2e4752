import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { NOTIFICATION_KINDS, type NotificationKind } from '../model/notification-kinds.js';

/** One notification of one member, each its own document (a member's list grows). */
@Schema({ collection: 'notifications', timestamps: { createdAt: true, updatedAt: false } })
export class Notification {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  recipientId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  /** Who did it; null when nobody in particular did (moderation speaks for the moderators). */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  threadId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  postId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  sessionId!: Types.ObjectId | null;

  /** pledge_update: the pledge whose progress was reported. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  pledgeId!: Types.ObjectId | null;

  /** review_assigned, review_reminder, review_decision: the library item (resource or initiative). */
  @Prop({ type: String, default: null })
  itemKind!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  itemId!: Types.ObjectId | null;

  /** What it is about, as it was then: the thread's title, the group's name or the live session's title. */
  @Prop({ type: String, default: null })
  text!: string | null;

  /** For moderation: the moderator's action (`post.hide`, `user.suspend`…) and their reason. */
  @Prop({ type: String, default: null })
  action!: string | null;

  @Prop({ type: String, default: null })
  reason!: string | null;

  /** Always set (readAt is null until read), so that unread lists and counts are served by an index. */
  @Prop({ type: Boolean, required: true, default: false })
  read!: boolean;

  @Prop({ type: Date, default: null })
  readAt!: Date | null;

  createdAt!: Date;
}

export type NotificationRecord = PlainRecord<Notification>;

export const NotificationSchema = SchemaFactory.createForClass(Notification);
NotificationSchema.index({ recipientId: 1, _id: -1 });
NotificationSchema.index({ recipientId: 1, read: 1, _id: -1 });
// A digest: the member's unread notifications of a period.
NotificationSchema.index({ recipientId: 1, read: 1, createdAt: -1 });
