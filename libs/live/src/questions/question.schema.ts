import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { DISMISS_REASONS, type DismissReason, QUESTION_STATES, type QuestionState } from '../model/live-kinds.js';

/** A question asked in a session. Its votes are documents of their own (QuestionVote), counted, never stored here. */
@Schema({ collection: 'live_questions', timestamps: true })
export class Question {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  /** `member:<id>` or `guest:<id>`: who asked, whichever kind of attendee. */
  @Prop({ type: String, required: true })
  askerKey!: string;

  /** The member who asked; null for a guest. Never shown for an anonymous question. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  authorId!: Types.ObjectId | null;

  /** The asker's display name when they asked (a guest has no other). */
  @Prop({ type: String, required: true })
  authorName!: string;

  @Prop({ type: Boolean, required: true })
  anonymous!: boolean;

  /** The asker's own id for this question: a retried ask finds the question it made. */
  @Prop({ type: String, required: true })
  clientId!: string;

  @Prop({ type: String, required: true })
  text!: string;

  @Prop({ type: String, required: true })
  language!: string;

  @Prop({ type: String, required: true, enum: QUESTION_STATES })
  state!: QuestionState;

  @Prop({ type: Boolean, default: false })
  highlighted!: boolean;

  @Prop({ type: String, default: null })
  answer!: string | null;

  @Prop({ type: Date, default: null })
  answeredAt!: Date | null;

  @Prop({ type: String, default: null, enum: [...DISMISS_REASONS, null] })
  dismissReason!: DismissReason | null;

  @Prop({ type: String, default: null })
  dismissNote!: string | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  mergedInto!: Types.ObjectId | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type QuestionRecord = PlainRecord<Question>;
export type NewQuestion = Pick<
  Question,
  'askerKey' | 'authorName' | 'anonymous' | 'clientId' | 'text' | 'language' | 'state'
> & { sessionId: string; authorId: string | null };

export const QuestionSchema = SchemaFactory.createForClass(Question);
QuestionSchema.index({ sessionId: 1, askerKey: 1, clientId: 1 }, { unique: true });
// A session's questions in order of asking; an asker's recent ones (their per-minute budget).
QuestionSchema.index({ sessionId: 1, _id: 1 });
QuestionSchema.index({ sessionId: 1, askerKey: 1, createdAt: 1 });

/** One attendee's vote for one question: unique, so a double click or two sockets count once. */
@Schema({ collection: 'live_question_votes', timestamps: { createdAt: true, updatedAt: false } })
export class QuestionVote {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  voterKey!: string;
}

export type QuestionVoteRecord = PlainRecord<QuestionVote>;
export const QuestionVoteSchema = SchemaFactory.createForClass(QuestionVote);
QuestionVoteSchema.index({ questionId: 1, voterKey: 1 }, { unique: true });
QuestionVoteSchema.index({ sessionId: 1, voterKey: 1 });

/** A question's text before a moderator's edit. */
@Schema({ collection: 'live_question_revisions', timestamps: { createdAt: true, updatedAt: false } })
export class QuestionRevision {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  questionId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  editorId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  previousText!: string;

  createdAt!: Date;
}

export type QuestionRevisionRecord = PlainRecord<QuestionRevision>;
export const QuestionRevisionSchema = SchemaFactory.createForClass(QuestionRevision);
QuestionRevisionSchema.index({ questionId: 1, _id: 1 });
