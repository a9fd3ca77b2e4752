import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** A member follows a thread: they hear of its new posts. Unique per (thread, member). */
@Schema({ collection: 'forum_follows', timestamps: { createdAt: true, updatedAt: false } })
export class Follow {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;
}

export const FollowSchema = SchemaFactory.createForClass(Follow);
FollowSchema.index({ threadId: 1, userId: 1 }, { unique: true });
FollowSchema.index({ userId: 1, threadId: 1 });

/** How far a member has read a thread: the number of the last post they read. Unique per (thread, member). */
@Schema({ collection: 'forum_read_marks', timestamps: true })
export class ReadMark {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The thread's category, so that a category's unread threads are counted from the member's marks. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  categoryId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  lastReadNumber!: number;
}

export const ReadMarkSchema = SchemaFactory.createForClass(ReadMark);
ReadMarkSchema.index({ threadId: 1, userId: 1 }, { unique: true });
ReadMarkSchema.index({ userId: 1, threadId: 1 });
ReadMarkSchema.index({ userId: 1, categoryId: 1 });
