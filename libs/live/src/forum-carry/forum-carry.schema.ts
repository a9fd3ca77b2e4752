import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * The claim of one request to carry a session's open questions to the forum, taken before the
 * thread is made: a unique index on the session lets one request through, on MongoDB and FerretDB
 * alike and across instances, so two requests at once make one thread. The session then links the
 * thread (`forumThreadId`); a claim whose request failed before making the thread is released.
 */
@Schema({ collection: 'live_forum_carries', timestamps: { createdAt: true, updatedAt: false } })
export class ForumCarry {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  carriedBy!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  categoryId!: Types.ObjectId;

  createdAt!: Date;
}

export type ForumCarryRecord = PlainRecord<ForumCarry>;
export const ForumCarrySchema = SchemaFactory.createForClass(ForumCarry);
ForumCarrySchema.index({ sessionId: 1 }, { unique: true });
