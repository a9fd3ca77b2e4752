import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { COMMENT_STATUSES, type CommentStatus } from '../model/consultation-kinds.js';

/** A member's input on one section of a consultation. Endorsements are documents of their own, counted. */
@Schema({ collection: 'consultation_comments', timestamps: true })
export class ConsultationComment {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  consultationId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sectionId!: Types.ObjectId;

  /** The consultation's group (null on the platform): the scope of its moderation and flags. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  /** Markdown. */
  @Prop({ type: String, required: true })
  body!: string;

  @Prop({ type: String, required: true })
  html!: string;

  @Prop({ type: String, required: true, enum: COMMENT_STATUSES })
  status!: CommentStatus;

  createdAt!: Date;
  updatedAt!: Date;
}

export type CommentRecord = PlainRecord<ConsultationComment>;
export type NewComment = Pick<ConsultationComment, 'body' | 'html'> & {
  consultationId: string;
  sectionId: string;
  groupId: string | null;
  authorId: string;
};

export const ConsultationCommentSchema = SchemaFactory.createForClass(ConsultationComment);
// A section's comments in order; a consultation's (counts, the owner's view, the export).
ConsultationCommentSchema.index({ consultationId: 1, sectionId: 1, _id: 1 });
ConsultationCommentSchema.index({ consultationId: 1, _id: 1 });
ConsultationCommentSchema.index({ authorId: 1, _id: 1 });
ConsultationCommentSchema.index({ groupId: 1 });

/**
 * One member's +1 on one comment: the unique (comment, member) index lets one through however
 * many arrive at once, so a count of these documents is exact on every server.
 */
@Schema({ collection: 'consultation_endorsements', timestamps: { createdAt: true, updatedAt: false } })
export class ConsultationEndorsement {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  commentId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  memberId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  consultationId!: Types.ObjectId;

  createdAt!: Date;
}

export type ConsultationEndorsementRecord = PlainRecord<ConsultationEndorsement>;

export const ConsultationEndorsementSchema = SchemaFactory.createForClass(ConsultationEndorsement);
ConsultationEndorsementSchema.index({ commentId: 1, memberId: 1 }, { unique: true });
ConsultationEndorsementSchema.index({ consultationId: 1 });
ConsultationEndorsementSchema.index({ memberId: 1, _id: 1 });
