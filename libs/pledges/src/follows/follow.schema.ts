import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/** A member following a pledge: its own document behind a unique (pledge, member) index, counted, never a counter. */
@Schema({ collection: 'pledge_follows', timestamps: { createdAt: true, updatedAt: false } })
export class PledgeFollow {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  pledgeId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  createdAt!: Date;
}

export type PledgeFollowRecord = PlainRecord<PledgeFollow>;
export const PledgeFollowSchema = SchemaFactory.createForClass(PledgeFollow);
PledgeFollowSchema.index({ pledgeId: 1, userId: 1 }, { unique: true });
// A member's follows (their data export, their account's deletion).
PledgeFollowSchema.index({ userId: 1, _id: 1 });
