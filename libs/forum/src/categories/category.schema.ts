import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { AUDIENCES, type Audience, POSTING_POLICIES, type PostingPolicy } from '../model/forum-kinds.js';

/** A forum category, platform-wide or inside a group. */
@Schema({ collection: 'forum_categories', timestamps: true })
export class Category {
  @Prop({ type: String, required: true })
  name!: string;

  /** Unique within its scope. */
  @Prop({ type: String, required: true })
  slug!: string;

  /** The group's id, or PLATFORM_SCOPE: always set, so the unique (scopeKey, slug) index holds on FerretDB too. */
  @Prop({ type: String, required: true })
  scopeKey!: string;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: AUDIENCES })
  audience!: Audience;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: String, required: true, enum: POSTING_POLICIES })
  postingPolicy!: PostingPolicy;

  @Prop({ type: Number, required: true, default: 0 })
  order!: number;

  /** ISO 639-1: the language threads start in unless they say otherwise. */
  @Prop({ type: String, required: true, default: 'en' })
  language!: string;

  createdAt!: Date;
  updatedAt!: Date;
}

export type CategoryRecord = PlainRecord<Category>;
export type NewCategory = Omit<Category, 'groupId' | 'createdAt' | 'updatedAt'> & { groupId: string | null };
export type CategoryChanges = Partial<
  Pick<Category, 'name' | 'slug' | 'description' | 'postingPolicy' | 'order' | 'language'>
>;

export const CategorySchema = SchemaFactory.createForClass(Category);
CategorySchema.index({ scopeKey: 1, slug: 1 }, { unique: true });
// The category list: a scope's categories in order.
CategorySchema.index({ scopeKey: 1, order: 1, _id: 1 });
CategorySchema.index({ audience: 1, order: 1, _id: 1 });
