import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * One moderator action, as it was stored: never changed or deleted (the repository can only insert
 * and read). `target` is flattened into `targetType`, `targetId` and `groupId` so that each has an
 * index of its own with the log's (at, _id) order.
 */
@Schema({ collection: 'moderation_audit', versionKey: false, minimize: false })
export class AuditEntry {
  /** Null when Plenary itself acted: a post hidden by its flags. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  /** `thread.pin`, `post.hide`, `flag.resolve`, `user.suspend`, … */
  @Prop({ type: String, required: true })
  action!: string;

  @Prop({ type: String, required: true })
  targetType!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  targetId!: Types.ObjectId;

  /** The target's group; null for platform content and for accounts. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  reason!: string | null;

  /** The changed fields as they were, and as they became. */
  @Prop({ type: Object, default: {} })
  before!: Record<string, unknown>;

  @Prop({ type: Object, default: {} })
  after!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export type AuditEntryRecord = PlainRecord<AuditEntry>;

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ at: -1, _id: -1 });
AuditEntrySchema.index({ actorId: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ targetType: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ targetId: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ action: 1, at: -1, _id: -1 });
AuditEntrySchema.index({ groupId: 1, at: -1, _id: -1 });
