import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * An invitation to a group mailed to an address, which may or may not have an account yet. One
 * document per (group, address): inviting the address again gives it a new token and expiry. Only
 * the token's hash is stored, in this collection of its own.
 */
@Schema({ collection: 'group_email_invitations', timestamps: true })
export class GroupEmailInvitation {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  groupId!: Types.ObjectId;

  /** As the inviter typed it (the mail goes there). */
  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: String, required: true })
  emailNormalized!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  invitedBy!: Types.ObjectId;

  @Prop({ type: String, required: true })
  tokenHash!: string;

  /** When the last mail for it was queued. */
  @Prop({ type: Date, required: true })
  sentAt!: Date;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  acceptedAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  acceptedBy!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  withdrawnAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type GroupEmailInvitationRecord = PlainRecord<GroupEmailInvitation>;

export const GroupEmailInvitationSchema = SchemaFactory.createForClass(GroupEmailInvitation);
GroupEmailInvitationSchema.index({ tokenHash: 1 }, { unique: true });
GroupEmailInvitationSchema.index({ groupId: 1, emailNormalized: 1 }, { unique: true });
// The pending list of a group, soonest to expire first.
GroupEmailInvitationSchema.index({ groupId: 1, expiresAt: 1, _id: 1 });
