import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { REVIEWABLE_KINDS, type ReviewableKind } from '../model/library-kinds.js';

/**
 * A reviewer on an item: assigned by an editor (or claimed), one document per (item, reviewer)
 * behind a unique index, so the same reviewer is never counted twice. They review every version
 * the author submits until the decision.
 */
@Schema({ collection: 'library_assignments', timestamps: true })
export class ReviewAssignment {
  @Prop({ type: String, required: true, enum: REVIEWABLE_KINDS })
  kind!: ReviewableKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  reviewerId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  assignedBy!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  dueAt!: Date;

  /** The reminder for the current due date went out (always set, for the reminder job's index). */
  @Prop({ type: Boolean, required: true, default: false })
  reminded!: boolean;

  /** Still expected to review: false once the item is decided for good (published, rejected, withdrawn). */
  @Prop({ type: Boolean, required: true, default: true })
  active!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ReviewAssignmentRecord = PlainRecord<ReviewAssignment>;
export const ReviewAssignmentSchema = SchemaFactory.createForClass(ReviewAssignment);
ReviewAssignmentSchema.index({ itemId: 1, reviewerId: 1 }, { unique: true });
// A reviewer's queue, newest first.
ReviewAssignmentSchema.index({ reviewerId: 1, _id: -1 });
// The reminder job: active, not reminded, due soon.
ReviewAssignmentSchema.index({ active: 1, reminded: 1, dueAt: 1 });

/** A review of one version of an item by one reviewer: scores on the rubric, and comments. */
@Schema({ collection: 'library_reviews', timestamps: true })
export class Review {
  @Prop({ type: String, required: true, enum: REVIEWABLE_KINDS })
  kind!: ReviewableKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  reviewerId!: Types.ObjectId;

  /** Criterion key → 1..5, on the rubric in force when the review was made. */
  @Prop({ type: SchemaTypes.Mixed, required: true })
  scores!: Record<string, number>;

  @Prop({ type: String, required: true })
  commentToAuthor!: string;

  /** For editors only. */
  @Prop({ type: String, default: '' })
  noteToEditors!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ReviewRecord = PlainRecord<Review>;
export const ReviewSchema = SchemaFactory.createForClass(Review);
ReviewSchema.index({ itemId: 1, version: 1, reviewerId: 1 }, { unique: true });
ReviewSchema.index({ itemId: 1, _id: 1 });
