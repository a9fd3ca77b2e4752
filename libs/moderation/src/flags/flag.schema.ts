import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  FLAG_REASONS,
  FLAG_STATUSES,
  FLAG_TARGET_TYPES,
  type FlagReason,
  type FlagStatus,
  type FlagTargetType,
} from '../model/moderation-kinds.js';

/**
 * One member's flag on one piece of content. The scope (`groupId`) and the content's author are
 * copied from the content when it is flagged, so that the queue filters without asking the forum.
 */
@Schema({ collection: 'moderation_flags', timestamps: true })
export class Flag {
  @Prop({ type: String, required: true, enum: FLAG_TARGET_TYPES })
  targetType!: FlagTargetType;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  targetId!: Types.ObjectId;

  /**
   * The post's thread (a thread moved to another group takes its flags' scope along), or the
   * comment's consultation.
   */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  reporterId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: FLAG_REASONS })
  reason!: FlagReason;

  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: String, required: true, enum: FLAG_STATUSES })
  status!: FlagStatus;

  /**
   * 'open' while the flag is open, the flag's own id once it is closed: the unique index on
   * (target, reporter, openKey) then allows one open flag per member and content, and any number
   * of closed ones (every field of it is always set).
   */
  @Prop({ type: String, required: true })
  openKey!: string;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  reviewerId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  reviewReason!: string | null;

  @Prop({ type: Date, default: null })
  reviewedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type FlagRecord = PlainRecord<Flag>;

export const FlagSchema = SchemaFactory.createForClass(Flag);
FlagSchema.index({ targetType: 1, targetId: 1, reporterId: 1, openKey: 1 }, { unique: true });
FlagSchema.index({ targetType: 1, targetId: 1, status: 1 });
FlagSchema.index({ status: 1, _id: -1 });
FlagSchema.index({ groupId: 1, status: 1, _id: -1 });
FlagSchema.index({ groupId: 1, _id: -1 });
FlagSchema.index({ reporterId: 1, _id: -1 });
FlagSchema.index({ threadId: 1 });
