import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/*
 * The short-lived documents of a sign-in, each found by the SHA-256 of a random value that only
 * the browser holds (state, code, token), and deleted once used or expired, so that any instance
 * can finish what another started.
 */

/** A sign-in sent to a provider: what its answer must match. */
@Schema({ collection: 'sso_attempts', timestamps: false })
export class SsoAttempt {
  @Prop({ type: String, required: true })
  stateHash!: string;

  @Prop({ type: String, required: true })
  providerSlug!: string;

  @Prop({ type: String, required: true })
  nonce!: string;

  @Prop({ type: String, required: true })
  codeVerifier!: string;

  /** The page to go back to in the web client. */
  @Prop({ type: String, default: null })
  returnTo!: string | null;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export type SsoAttemptRecord = PlainRecord<SsoAttempt>;
export const SsoAttemptSchema = SchemaFactory.createForClass(SsoAttempt);
SsoAttemptSchema.index({ stateHash: 1 }, { unique: true });
SsoAttemptSchema.index({ expiresAt: 1 });

/** A finished sign-in the web client trades for tokens once: the refresh-token family it starts is chosen here. */
@Schema({ collection: 'sso_sign_in_codes', timestamps: false })
export class SsoSignInCode {
  @Prop({ type: String, required: true })
  codeHash!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  familyId!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export type SsoSignInCodeRecord = PlainRecord<SsoSignInCode>;
export const SsoSignInCodeSchema = SchemaFactory.createForClass(SsoSignInCode);
SsoSignInCodeSchema.index({ codeHash: 1 }, { unique: true });
SsoSignInCodeSchema.index({ expiresAt: 1 });

/**
 * A provider's identity asserting the email of an account it is not linked to: linked only when
 * the account's owner follows the link mailed to them.
 */
@Schema({ collection: 'sso_link_requests', timestamps: false })
export class SsoLinkRequest {
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: String, required: true })
  providerSlug!: string;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export type SsoLinkRequestRecord = PlainRecord<SsoLinkRequest>;
export const SsoLinkRequestSchema = SchemaFactory.createForClass(SsoLinkRequest);
SsoLinkRequestSchema.index({ tokenHash: 1 }, { unique: true });
SsoLinkRequestSchema.index({ expiresAt: 1 });
SsoLinkRequestSchema.index({ userId: 1 });
SsoLinkRequestSchema.index({ providerSlug: 1 });
