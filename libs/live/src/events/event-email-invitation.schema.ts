import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { EmailInvitationFields } from '@plenary/community';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * An invitation to an event mailed to an address, which may or may not have an account yet. One
 * document per (event, address): inviting the address again gives it a new token and expiry.
 */
@Schema({ collection: 'event_email_invitations', timestamps: true })
export class EventEmailInvitation extends EmailInvitationFields {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  eventId!: Types.ObjectId;

  /** The event's group (null for a platform-wide event): the invitations go with the group. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;
}

export type EventEmailInvitationRecord = PlainRecord<EventEmailInvitation>;

export const EventEmailInvitationSchema = SchemaFactory.createForClass(EventEmailInvitation);
EventEmailInvitationSchema.index({ tokenHash: 1 }, { unique: true });
EventEmailInvitationSchema.index({ eventId: 1, emailNormalized: 1 }, { unique: true });
// The hosts' list of open invitations, soonest to expire first.
EventEmailInvitationSchema.index({ eventId: 1, expiresAt: 1, _id: 1 });
EventEmailInvitationSchema.index({ groupId: 1 });
// The events a member accepted invitations to, read with every live request of theirs (access).
EventEmailInvitationSchema.index({ acceptedBy: 1 });
// The invitations a member sent: their data export and deletion.
EventEmailInvitationSchema.index({ invitedBy: 1 });
