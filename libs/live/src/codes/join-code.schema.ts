import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * A join code held by a session that has not ended. Codes live here, not on the session, so that a
 * plain unique index keeps them unique among current sessions (a partial index is not portable):
 * the session's end deletes its code, which another session may then draw.
 */
@Schema({ collection: 'live_join_codes', timestamps: true })
export class JoinCode {
  @Prop({ type: String, required: true })
  code!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;
}

export type JoinCodeRecord = PlainRecord<JoinCode>;

export const JoinCodeSchema = SchemaFactory.createForClass(JoinCode);
JoinCodeSchema.index({ code: 1 }, { unique: true });
JoinCodeSchema.index({ sessionId: 1 }, { unique: true });
