import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { EmailInvitationFields } from './email-invitation.schema.js';

/**
 * An invitation to a group mailed to an address, which may or may not have an account yet. One
 * document per (group, address): inviting the address again gives it a new token and expiry.
 */
@Schema({ collection: 'group_email_invitations', timestamps: true })
export class GroupEmailInvitation extends EmailInvitationFields {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  groupId!: Types.ObjectId;
}

export type GroupEmailInvitationRecord = PlainRecord<GroupEmailInvitation>;

export const GroupEmailInvitationSchema = SchemaFactory.createForClass(GroupEmailInvitation);
GroupEmailInvitationSchema.index({ tokenHash: 1 }, { unique: true });
GroupEmailInvitationSchema.index({ groupId: 1, emailNormalized: 1 }, { unique: true });
// The pending list of a group, soonest to expire first.
GroupEmailInvitationSchema.index({ groupId: 1, expiresAt: 1, _id: 1 });
// A member's invitations, sent and accepted: their data export and deletion.
GroupEmailInvitationSchema.index({ invitedBy: 1 });
GroupEmailInvitationSchema.index({ acceptedBy: 1 });
