import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * An account's identity at a provider: the provider's subject (`sub`) signs in as `userId`.
 * Unique per (provider, subject), so one identity never signs in as two accounts.
 */
@Schema({ collection: 'sso_identities', timestamps: false })
export class SsoIdentity {
  @Prop({ type: String, required: true })
  providerSlug!: string;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The address the provider asserted when the link was made. */
  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: Date, required: true })
  linkedAt!: Date;
}

export type SsoIdentityRecord = PlainRecord<SsoIdentity>;

export const SsoIdentitySchema = SchemaFactory.createForClass(SsoIdentity);
SsoIdentitySchema.index({ providerSlug: 1, subject: 1 }, { unique: true });
SsoIdentitySchema.index({ userId: 1, linkedAt: 1 });
