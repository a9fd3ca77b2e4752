import { Prop, raw, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { ORGANISATION_TYPES, type OrganisationType } from '../taxonomy/reference-data.js';

/** The access subject of a member's profile. */
export const PROFILE = 'Profile';

export const PROFILE_VISIBILITIES = ['public', 'members', 'private'] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

/**
 * The access subject of one field of a profile: `userId` (whose profile) and `level` (the field's
 * own visibility). A field is seen by those who may see the profile and this subject.
 */
export const PROFILE_FIELD = 'ProfileField';

/** The profile fields a member may hide further than the profile itself (the name is always shown). */
export const PROFILE_FIELDS = [
  'organisation',
  'orgType',
  'country',
  'region',
  'languages',
  'expertise',
  'objectives',
  'bio',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type FieldVisibility = Partial<Record<ProfileField, ProfileVisibility>>;

/** A member's profile: one per account, keyed by the user id. */
@Schema({ collection: 'profiles', timestamps: true })
export class Profile {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** A copy of the account's display name (identity owns it), kept for the directory. */
  @Prop({ type: String, required: true })
  displayName!: string;

  /** Lower-cased display name: the directory's sort key. */
  @Prop({ type: String, required: true })
  sortName!: string;

  @Prop({ type: String, default: null })
  organisation!: string | null;

  @Prop({ type: String, enum: [...ORGANISATION_TYPES, null], default: null })
  orgType!: OrganisationType | null;

  @Prop({ type: String, default: null })
  country!: string | null;

  @Prop({ type: String, default: null })
  region!: string | null;

  @Prop({ type: [String], default: [] })
  languages!: string[];

  @Prop({ type: [String], default: [] })
  expertise!: string[];

  @Prop({ type: [Number], default: [] })
  objectives!: number[];

  @Prop({ type: String, default: null })
  bio!: string | null;

  @Prop({ type: String, required: true, enum: PROFILE_VISIBILITIES, default: 'members' })
  visibility!: ProfileVisibility;

  /**
   * Who sees each field, by field: `public` (whoever sees the profile), `members` (signed-in
   * members among them) or `private` (the member, and moderators). A field not set here is public.
   */
  @Prop(raw(Object.fromEntries(PROFILE_FIELDS.map((field) => [field, { type: String, enum: PROFILE_VISIBILITIES }]))))
  fieldVisibility?: FieldVisibility;

  createdAt!: Date;
  updatedAt!: Date;
}

export type ProfileRecord = PlainRecord<Profile>;
export type ProfileChanges = Partial<
  Pick<
    Profile,
    | 'displayName'
    | 'organisation'
    | 'orgType'
    | 'country'
    | 'region'
    | 'languages'
    | 'expertise'
    | 'objectives'
    | 'bio'
    | 'visibility'
    | 'fieldVisibility'
  >
>;

export const ProfileSchema = SchemaFactory.createForClass(Profile);
ProfileSchema.index({ userId: 1 }, { unique: true });
// The directory: sorted by name, filtered by visibility and one facet at a time.
ProfileSchema.index({ visibility: 1, sortName: 1, _id: 1 });
ProfileSchema.index({ country: 1, sortName: 1, _id: 1 });
ProfileSchema.index({ region: 1, sortName: 1, _id: 1 });
ProfileSchema.index({ orgType: 1, sortName: 1, _id: 1 });
ProfileSchema.index({ objectives: 1, sortName: 1, _id: 1 });
ProfileSchema.index({ languages: 1, sortName: 1, _id: 1 });
