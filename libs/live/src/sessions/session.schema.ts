import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { Capacity } from '../events/event.schema.js';
import {
  LIVE_AUDIENCES,
  type LiveAudience,
  type QaSettings,
  SESSION_FORMATS,
  SESSION_STATUSES,
  type SessionFormat,
  type SessionStatus,
} from '../model/live-kinds.js';

export class AgendaItem {
  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: Date, default: null })
  startsAt!: Date | null;

  @Prop({ type: [String], default: [] })
  speakers!: string[];
}

export class Material {
  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, required: true })
  url!: string;
}

export class Qa implements QaSettings {
  @Prop({ type: Boolean, required: true }) open!: boolean;
  @Prop({ type: Boolean, required: true }) anonymousAllowed!: boolean;
  @Prop({ type: Boolean, required: true }) guestsAllowed!: boolean;
  @Prop({ type: Boolean, required: true }) preModeration!: boolean;
  @Prop({ type: Number, required: true }) maxLength!: number;
  @Prop({ type: Number, required: true }) perAttendeeLimit!: number;
}

/** A session: one of an event's, or a standalone webinar. */
@Schema({ collection: 'live_sessions', timestamps: true })
export class LiveSession {
  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  eventId!: Types.ObjectId | null;

  /** The event's group for an event's session. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: LIVE_AUDIENCES })
  audience!: LiveAudience;

  @Prop({ type: Date, required: true })
  startsAt!: Date;

  @Prop({ type: Date, required: true })
  endsAt!: Date;

  @Prop({ type: String, required: true })
  timezone!: string;

  @Prop({ type: String, required: true, enum: SESSION_FORMATS })
  format!: SessionFormat;

  @Prop({ type: String, default: '' })
  venue!: string;

  /** The streaming or meeting link: shown to registered attendees and the session's staff only. */
  @Prop({ type: String, default: '' })
  link!: string;

  @Prop({ type: [AgendaItem], default: [] })
  agenda!: AgendaItem[];

  @Prop({ type: [String], default: [] })
  languages!: string[];

  @Prop({ type: String, required: true, enum: SESSION_STATUSES })
  status!: SessionStatus;

  @Prop({ type: Date, default: null })
  startedAt!: Date | null;

  @Prop({ type: Date, default: null })
  endedAt!: Date | null;

  @Prop({ type: String, default: '' })
  recordingUrl!: string;

  @Prop({ type: [Material], default: [] })
  materials!: Material[];

  /** The join code while the session is not ended; null after. */
  @Prop({ type: String, default: null })
  code!: string | null;

  @Prop({ type: Qa, required: true })
  qa!: Qa;

  /** For a standalone session (an event's sessions take the event's registration). */
  @Prop({ type: Capacity, default: () => ({ in_person: null, remote: null }) })
  capacity!: Capacity;

  @Prop({ type: Boolean, default: true })
  registrationOpen!: boolean;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  /** The forum thread its open questions were carried to, once (forum-carry/); null before. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  forumThreadId!: Types.ObjectId | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type LiveSessionRecord = PlainRecord<LiveSession>;
export type NewLiveSession = Omit<
  LiveSession,
  'eventId' | 'groupId' | 'createdBy' | 'createdAt' | 'updatedAt' | 'startedAt' | 'endedAt' | 'forumThreadId'
> & { eventId: string | null; groupId: string | null; createdBy: string };
export type LiveSessionChanges = Partial<
  Pick<
    LiveSession,
    | 'title'
    | 'description'
    | 'startsAt'
    | 'endsAt'
    | 'timezone'
    | 'format'
    | 'venue'
    | 'link'
    | 'agenda'
    | 'languages'
    | 'recordingUrl'
    | 'materials'
    | 'qa'
    | 'capacity'
    | 'registrationOpen'
  >
>;

export const LiveSessionSchema = SchemaFactory.createForClass(LiveSession);
// Session lists: by audience or group or event, by start time; `when` filters on status.
LiveSessionSchema.index({ audience: 1, startsAt: 1, _id: 1 });
LiveSessionSchema.index({ groupId: 1, startsAt: 1, _id: 1 });
LiveSessionSchema.index({ eventId: 1, startsAt: 1, _id: 1 });
