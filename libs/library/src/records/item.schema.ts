import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  ITEM_STATUSES,
  type ItemStatus,
  LIBRARY_AUDIENCES,
  type LibraryAudience,
  REVIEWABLE_KINDS,
  type ReviewableKind,
} from '../model/library-kinds.js';

/**
 * A reviewable item of the library: a resource or an initiative, in one collection so that one
 * review engine runs both. `content` is its current version's content as sent (kind-specific); the
 * fields below it are that content in the catalogue's shape (filters, facets, search words), so
 * that every catalogue query is served by this collection's indexes. Versions are their own
 * documents (library_versions); the item holds the current version's number and the published one's.
 */
@Schema({ collection: 'library_items', timestamps: true })
export class LibraryItem {
  @Prop({ type: String, required: true, enum: REVIEWABLE_KINDS })
  kind!: ReviewableKind;

  @Prop({ type: String, required: true, enum: ITEM_STATUSES })
  status!: ItemStatus;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: LIBRARY_AUDIENCES })
  audience!: LibraryAudience;

  /** The current version's content, kind-specific, as sent. */
  @Prop({ type: SchemaTypes.Mixed, required: true })
  content!: Record<string, unknown>;

  @Prop({ type: Number, required: true, default: 1 })
  version!: number;

  @Prop({ type: Number, default: null })
  publishedVersion!: number | null;

  /** Set when published: the catalogue's order (always set there, as the catalogue lists only published items). */
  @Prop({ type: Date, default: null })
  publishedAt!: Date | null;

  @Prop({ type: Date, default: null })
  submittedAt!: Date | null;

  // The catalogue's shape of the content.
  @Prop({ type: String, required: true })
  title!: string;

  /** A resource's type; `initiative` for initiatives. */
  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: Number, default: null })
  year!: number | null;

  @Prop({ type: [Number], default: [] })
  objectives!: number[];

  @Prop({ type: [String], default: [] })
  principles!: string[];

  @Prop({ type: [String], default: [] })
  regions!: string[];

  @Prop({ type: [String], default: [] })
  countries!: string[];

  @Prop({ type: [String], default: [] })
  languages!: string[];

  /** Lower-cased organisation names, for the filter (the content keeps them as sent). */
  @Prop({ type: [String], default: [] })
  organisations!: string[];

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  fileIds!: Types.ObjectId[];

  /** Search words of the title, summary, tags and the files' extracted text (text/search-terms.ts). */
  @Prop({ type: [String], default: [] })
  terms!: string[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type LibraryItemRecord = PlainRecord<LibraryItem>;

export const LibraryItemSchema = SchemaFactory.createForClass(LibraryItem);
// The catalogue: a kind's published items, latest published first; with a search, by word prefix.
LibraryItemSchema.index({ kind: 1, status: 1, publishedAt: -1, _id: -1 });
LibraryItemSchema.index({ terms: 1, publishedAt: -1, _id: -1 });
// Queues: an author's items, and a board's (the platform's, or a group's) by status.
LibraryItemSchema.index({ kind: 1, authorId: 1, _id: -1 });
LibraryItemSchema.index({ kind: 1, groupId: 1, status: 1, _id: -1 });
LibraryItemSchema.index({ kind: 1, _id: -1 });
