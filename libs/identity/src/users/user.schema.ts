import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

export const PLATFORM_ROLES = ['admin', 'moderator', 'member'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** The access subject of a user account. */
export const USER = 'User';

export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_LOCALES = ['en', 'fr', 'es'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

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

  /** The language of the interface and of mails (en, fr, es). */
  @Prop({ type: String, required: true, enum: USER_LOCALES, default: 'en' })
  locale!: UserLocale;

  /** When the member proved they read mail at `email`; null until then. */
  @Prop({ type: Date, default: null })
  emailVerifiedAt!: Date | null;

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
