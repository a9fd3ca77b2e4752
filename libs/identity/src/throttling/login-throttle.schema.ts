import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Sign-in attempts counted per key: `pair:<email>|<address>` (one account from one address) or
 * `address:<address>` (every account from one address). `inFlight` counts attempts reserved and
 * not yet decided, so that a burst is held to the allowance before any password is checked.
 */
@Schema({ collection: 'login_throttles' })
export class LoginThrottle {
  @Prop({ type: String, required: true })
  key!: string;

  /** The account of a pair key (null for an address key): for the account-wide check. */
  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: Number, required: true, default: 0 })
  failures!: number;

  @Prop({ type: Number, required: true, default: 0 })
  inFlight!: number;

  @Prop({ type: Date, required: true })
  lastAttemptAt!: Date;

  @Prop({ type: Date, default: null })
  lastFailureAt!: Date | null;

  @Prop({ type: Date, default: null })
  lockedUntil!: Date | null;
}

export const LoginThrottleSchema = SchemaFactory.createForClass(LoginThrottle);
LoginThrottleSchema.index({ key: 1 }, { unique: true });
LoginThrottleSchema.index({ email: 1, lastFailureAt: -1 });
LoginThrottleSchema.index({ lastAttemptAt: 1 });

/** An address an account signed in from: never slowed down by attacks on that account from elsewhere. */
@Schema({ collection: 'login_known_addresses' })
export class KnownAddress {
  @Prop({ type: String, required: true })
  email!: string;

  @Prop({ type: String, required: true })
  address!: string;

  @Prop({ type: Date, required: true })
  lastSuccessAt!: Date;
}

export const KnownAddressSchema = SchemaFactory.createForClass(KnownAddress);
KnownAddressSchema.index({ email: 1, address: 1 }, { unique: true });
