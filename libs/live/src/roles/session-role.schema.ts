import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { SESSION_ROLES, type SessionRole } from '../model/live-kinds.js';

/** A member's role in one session: one per member and session. */
@Schema({ collection: 'live_session_roles', timestamps: true })
export class SessionRoleAssignment {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: SESSION_ROLES })
  role!: SessionRole;

  createdAt!: Date;
}

export type SessionRoleRecord = PlainRecord<SessionRoleAssignment>;

export const SessionRoleAssignmentSchema = SchemaFactory.createForClass(SessionRoleAssignment);
SessionRoleAssignmentSchema.index({ sessionId: 1, userId: 1 }, { unique: true });
SessionRoleAssignmentSchema.index({ userId: 1 });
