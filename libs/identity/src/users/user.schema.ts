import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

export const PLATFORM_ROLES = ['admin', 'moderator', 'member'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** The access subject of a user account. */
export const USER = 'User';

export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Schema({ collection: 'users', timestamps: true })
export class User {
  @Prop({ type: String, required: true, trim: true })
  email!: string;

  /** Lower-cased email: the unique key, so that Ana@x.org and ana@x.org are one account. */
  @Prop({ type: String, required: true })
  emailNormalized!: string;

  @Prop({ type: String, required: true, trim: true })
  displayName!: string;

  @Prop({ type: String, required: true, enum: PLATFORM_ROLES, default: 'member' })
  role!: PlatformRole;

  @Prop({ type: String, required: true, enum: USER_STATUSES, default: 'active' })
  status!: UserStatus;

  /** When a suspension for a time ends (the account is active again from then on); null: until lifted. */
  @Prop({ type: Date, default: null })
  suspendedUntil!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type UserRecord = PlainRecord<User>;

export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.index({ emailNormalized: 1 }, { unique: true });
UserSchema.index({ createdAt: -1, _id: -1 });
UserSchema.index({ role: 1, createdAt: -1, _id: -1 });
UserSchema.index({ status: 1, createdAt: -1, _id: -1 });

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
