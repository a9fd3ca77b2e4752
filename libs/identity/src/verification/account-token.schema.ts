import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/** What a mailed link proves: the account's address, a new address, or the right to choose a new password. */
export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'change_email', 'reset_password'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** A link mailed to a member, stored as the hash of its token: random, single use, expiring. */
@Schema({ collection: 'account_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class AccountToken {
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: String, required: true, enum: ACCOUNT_TOKEN_PURPOSES })
  purpose!: AccountTokenPurpose;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** The address the link was mailed to: the account's own, or the new one of an email change. */
  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  createdAt!: Date;
}

export type AccountTokenRecord = PlainRecord<AccountToken>;

export const AccountTokenSchema = SchemaFactory.createForClass(AccountToken);
AccountTokenSchema.index({ tokenHash: 1 }, { unique: true });
AccountTokenSchema.index({ userId: 1, purpose: 1 });

/**
 * The use of a token, claimed by inserting this under a unique index: of two requests presenting
 * the same token at once, on one instance or several, exactly one stores it.
 */
@Schema({ collection: 'account_token_uses' })
export class AccountTokenUse {
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: Date, required: true })
  usedAt!: Date;
}

export const AccountTokenUseSchema = SchemaFactory.createForClass(AccountTokenUse);
AccountTokenUseSchema.index({ tokenHash: 1 }, { unique: true });
AccountTokenUseSchema.index({ usedAt: 1 });
