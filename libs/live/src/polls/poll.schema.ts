import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/** The audit log's name for a poll. */
export const LIVE_POLL = 'live_poll';

/** `single`: one option per vote; `multiple`: one or more. */
export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** A poll's life: `draft` (hosts only), `open` (takes votes), `closed` (keeps its votes, takes none). */
export const POLL_STATES = ['draft', 'open', 'closed'] as const;
export type PollState = (typeof POLL_STATES)[number];

export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_MAX = 200;
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 10;

/** One option of a poll; its id is short, unique within the poll, and what votes name. */
@Schema({ _id: false })
export class PollOption {
  @Prop({ type: String, required: true })
  id!: string;

  @Prop({ type: String, required: true })
  text!: string;
}

export const PollOptionSchema = SchemaFactory.createForClass(PollOption);

/** A poll of a session. Its votes are documents of their own (PollVote), counted, never stored here. */
@Schema({ collection: 'live_polls', timestamps: true })
export class Poll {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  question!: string;

  @Prop({ type: String, required: true, enum: POLL_KINDS })
  kind!: PollKind;

  /** 2 to 10 options, in the order the host gave them. */
  @Prop({ type: [PollOptionSchema], required: true })
  options!: PollOption[];

  @Prop({ type: String, required: true, enum: POLL_STATES })
  state!: PollState;

  /** Attendees see the results; hosts and moderators always do. */
  @Prop({ type: Boolean, default: false })
  showResults!: boolean;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  @Prop({ type: Date, default: null })
  openedAt!: Date | null;

  @Prop({ type: Date, default: null })
  closedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type PollRecord = PlainRecord<Poll>;
export type NewPoll = Pick<Poll, 'question' | 'kind' | 'options' | 'state'> & {
  sessionId: string;
  createdBy: string;
};
export type PollChanges = Partial<Pick<Poll, 'state' | 'showResults' | 'openedAt' | 'closedAt'>>;

export const PollSchema = SchemaFactory.createForClass(Poll);
// A session's polls in order of creation.
PollSchema.index({ sessionId: 1, _id: 1 });

/**
 * One attendee's vote in one poll, with the options they chose: unique per (poll, voter), so a
 * double click or two sockets of one attendee count once, and a vote is never changed.
 */
@Schema({ collection: 'live_poll_votes', timestamps: { createdAt: true, updatedAt: false } })
export class PollVote {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  pollId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  /** `member:<id>` or `guest:<id>` (questions' attendeeKey). */
  @Prop({ type: String, required: true })
  voterKey!: string;

  @Prop({ type: [String], required: true })
  optionIds!: string[];

  createdAt!: Date;
}

export type PollVoteRecord = PlainRecord<PollVote>;
export const PollVoteSchema = SchemaFactory.createForClass(PollVote);
PollVoteSchema.index({ pollId: 1, voterKey: 1 }, { unique: true });
// An attendee's votes in a session (their own choices, in a snapshot).
PollVoteSchema.index({ sessionId: 1, voterKey: 1 });
