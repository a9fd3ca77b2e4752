import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  ATTENDANCE_MODES,
  type AttendanceMode,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from '../model/live-kinds.js';

/** A member's registration for an event (all its sessions) or a standalone session: `event:<id>` or `session:<id>`. */
@Schema({ collection: 'live_registrations', timestamps: true })
export class Registration {
  @Prop({ type: String, required: true })
  targetKey!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: ATTENDANCE_MODES })
  mode!: AttendanceMode;

  @Prop({ type: String, required: true, enum: REGISTRATION_STATUSES })
  status!: RegistrationStatus;

  createdAt!: Date;
  updatedAt!: Date;
}

export type RegistrationRecord = PlainRecord<Registration>;

export const RegistrationSchema = SchemaFactory.createForClass(Registration);
RegistrationSchema.index({ targetKey: 1, userId: 1 }, { unique: true });
// The host's list, in order of registration; the waiting list of a mode, first come first served.
RegistrationSchema.index({ targetKey: 1, _id: 1 });
RegistrationSchema.index({ targetKey: 1, mode: 1, status: 1, _id: 1 });
RegistrationSchema.index({ userId: 1 });

/**
 * A numbered place of one mode, held by one registration. The unique (target, mode, number) index
 * is what keeps a mode within its capacity when members register at the same moment: each takes
 * the lowest free number it can store, and a full mode has no number left below its capacity.
 */
@Schema({ collection: 'live_seats', timestamps: true })
export class Seat {
  @Prop({ type: String, required: true })
  targetKey!: string;

  @Prop({ type: String, required: true, enum: ATTENDANCE_MODES })
  mode!: AttendanceMode;

  @Prop({ type: Number, required: true })
  number!: number;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;
}

export type SeatRecord = PlainRecord<Seat>;

export const SeatSchema = SchemaFactory.createForClass(Seat);
SeatSchema.index({ targetKey: 1, mode: 1, number: 1 }, { unique: true });
SeatSchema.index({ targetKey: 1, userId: 1 }, { unique: true });
