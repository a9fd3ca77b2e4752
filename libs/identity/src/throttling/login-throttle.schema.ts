import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Failed sign-ins counted per key: `account:<email>` or `ip:<address>`. */
@Schema({ collection: 'login_throttles' })
export class LoginThrottle {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: Number, required: true, default: 0 })
  failures!: number;

  @Prop({ type: Date, required: true })
  lastFailureAt!: Date;

  @Prop({ type: Date, default: null })
  lockedUntil!: Date | null;
}

export const LoginThrottleSchema = SchemaFactory.createForClass(LoginThrottle);
LoginThrottleSchema.index({ key: 1 }, { unique: true });
