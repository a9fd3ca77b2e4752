import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { GROUP_ROLES, type GroupRole, MEMBERSHIP_STATUSES, type MembershipStatus } from './group-kinds.js';

/** One user's place in one group; its own collection, unique per (group, user). */
@Schema({ collection: 'memberships', timestamps: true })
export class Membership {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  groupId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: GROUP_ROLES })
  role!: GroupRole;

  @Prop({ type: String, required: true, enum: MEMBERSHIP_STATUSES })
  status!: MembershipStatus;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  invitedBy!: Types.ObjectId | null;

  /** When the membership became active; the member list's sort key (pending and invited: createdAt). */
  @Prop({ type: Date, required: true })
  since!: Date;

  createdAt!: Date;
  updatedAt!: Date;
}

export type MembershipRecord = PlainRecord<Membership>;

export const MembershipSchema = SchemaFactory.createForClass(Membership);
MembershipSchema.index({ groupId: 1, userId: 1 }, { unique: true });
MembershipSchema.index({ groupId: 1, status: 1, since: 1, _id: 1 });
MembershipSchema.index({ userId: 1, status: 1 });
