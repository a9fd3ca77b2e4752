import { Prop } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * The fields every invitation by email has, whatever it invites to (a group, an event): each kind
 * is a schema extending this one with its scope's id, in a collection of its own. Only the token's
 * hash is stored.
 */
export abstract class EmailInvitationFields {
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
