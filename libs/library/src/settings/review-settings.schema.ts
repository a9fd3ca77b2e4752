import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

export class Criterion {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: String, required: true })
  label!: string;

  @Prop({ type: String, default: '' })
  description!: string;
}

/** The review settings admins configure: the rubric, the quorum and the reviewers' time. One document. */
@Schema({ collection: 'library_settings', timestamps: true })
export class ReviewSettings {
  /** Always `review`: one document, behind a unique index. */
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: [Criterion], required: true })
  criteria!: Criterion[];

  @Prop({ type: Number, required: true })
  quorum!: number;

  @Prop({ type: Number, required: true })
  reviewDays!: number;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ReviewSettingsRecord = PlainRecord<ReviewSettings>;
export const ReviewSettingsSchema = SchemaFactory.createForClass(ReviewSettings);
ReviewSettingsSchema.index({ key: 1 }, { unique: true });
