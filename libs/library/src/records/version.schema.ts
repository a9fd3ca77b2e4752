import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { REVIEWABLE_KINDS, type ReviewableKind } from '../model/library-kinds.js';

/**
 * One version of an item, numbered from 1, behind a unique (item, number) index. A version is
 * edited in place until it is reviewed (a review or a decision names it); the author's next edit
 * then starts the next version, so reviews always read the version they scored. History is kept.
 */
@Schema({ collection: 'library_versions', timestamps: true })
export class LibraryVersion {
  @Prop({ type: String, required: true, enum: REVIEWABLE_KINDS })
  kind!: ReviewableKind;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  itemId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  number!: number;

  @Prop({ type: SchemaTypes.Mixed, required: true })
  content!: Record<string, unknown>;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  /** Reviewed or decided on: the next edit makes a new version. */
  @Prop({ type: Boolean, required: true, default: false })
  reviewed!: boolean;

  @Prop({ type: Date, default: null })
  submittedAt!: Date | null;

  @Prop({ type: Date, default: null })
  publishedAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export type LibraryVersionRecord = PlainRecord<LibraryVersion>;
export const LibraryVersionSchema = SchemaFactory.createForClass(LibraryVersion);
LibraryVersionSchema.index({ itemId: 1, number: 1 }, { unique: true });
