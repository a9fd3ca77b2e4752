import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { LIVE_AUDIENCES, type LiveAudience, SESSION_FORMATS, type SessionFormat } from '../model/live-kinds.js';

/** Places per attendance mode; null: no limit. */
export class Capacity {
  @Prop({ type: Number, default: null })
  in_person!: number | null;

  @Prop({ type: Number, default: null })
  remote!: number | null;
}

/** An event (an annual meeting over two days): the sessions it holds, and one registration for all of them. */
@Schema({ collection: 'live_events', timestamps: true })
export class LiveEvent {
  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: Date, required: true })
  startsAt!: Date;

  @Prop({ type: Date, required: true })
  endsAt!: Date;

  /** IANA time zone the times are shown in. */
  @Prop({ type: String, required: true })
  timezone!: string;

  @Prop({ type: String, required: true, enum: SESSION_FORMATS })
  format!: SessionFormat;

  @Prop({ type: String, default: '' })
  venue!: string;

  /** ISO 639-1 interpretation channels. */
  @Prop({ type: [String], default: [] })
  languages!: string[];

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: LIVE_AUDIENCES })
  audience!: LiveAudience;

  @Prop({ type: Capacity, default: () => ({ in_person: null, remote: null }) })
  capacity!: Capacity;

  @Prop({ type: Boolean, default: true })
  registrationOpen!: boolean;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export type LiveEventRecord = PlainRecord<LiveEvent>;
export type NewLiveEvent = Omit<LiveEvent, 'groupId' | 'createdBy' | 'createdAt' | 'updatedAt'> & {
  groupId: string | null;
  createdBy: string;
};
export type LiveEventChanges = Partial<
  Pick<
    LiveEvent,
    | 'title'
    | 'description'
    | 'startsAt'
    | 'endsAt'
    | 'timezone'
    | 'format'
    | 'venue'
    | 'languages'
    | 'capacity'
    | 'registrationOpen'
  >
>;

export const LiveEventSchema = SchemaFactory.createForClass(LiveEvent);
// The event list: soonest first, filtered by audience or group.
LiveEventSchema.index({ audience: 1, startsAt: 1, _id: 1 });
LiveEventSchema.index({ groupId: 1, startsAt: 1, _id: 1 });
