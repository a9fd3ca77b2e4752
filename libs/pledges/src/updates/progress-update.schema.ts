import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { PLEDGE_STATUSES, type PledgeStatus } from '../model/pledge-kinds.js';

/** One progress report on a pledge, by one of its representatives: its own document (a pledge's timeline grows). */
@Schema({ collection: 'pledge_updates', timestamps: { createdAt: true, updatedAt: false } })
export class ProgressUpdate {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  pledgeId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  text!: string;

  /** How far the pledge is, 0–100, when the update says. */
  @Prop({ type: Number, default: null })
  percent!: number | null;

  /** A milestone reached, when the update names one. */
  @Prop({ type: String, default: null })
  milestone!: string | null;

  /** The status the pledge moved to with this update, if it did. */
  @Prop({ type: String, default: null, enum: PLEDGE_STATUSES })
  status!: PledgeStatus | null;

  @Prop({ type: [String], default: [] })
  links!: string[];

  /** Evidence files (libs/files), attached to this update. */
  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  fileIds!: Types.ObjectId[];

  createdAt!: Date;
}

export type ProgressUpdateRecord = PlainRecord<ProgressUpdate>;
export type NewProgressUpdate = Omit<ProgressUpdate, 'pledgeId' | 'authorId' | 'fileIds' | 'createdAt'> & {
  _id: string;
  pledgeId: string;
  authorId: string;
  fileIds: string[];
};

export const ProgressUpdateSchema = SchemaFactory.createForClass(ProgressUpdate);
// A pledge's timeline, newest first (the dashboard's latest updates use the _id index).
ProgressUpdateSchema.index({ pledgeId: 1, _id: -1 });
// A member's updates (their data export).
ProgressUpdateSchema.index({ authorId: 1, _id: -1 });
