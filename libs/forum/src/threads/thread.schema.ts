import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { AUDIENCES, type Audience, CONTENT_STATUSES, type ContentStatus } from '../model/forum-kinds.js';

/**
 * A discussion in a category. Its posts are their own documents, numbered from 1 (the opening
 * post) by `postCount`, which each new post takes with one $inc: counts and unread figures derive
 * from those numbers and stay exact under concurrent replies.
 */
@Schema({ collection: 'forum_threads', timestamps: true })
export class Thread {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  categoryId!: Types.ObjectId;

  /** The category's, copied so that lists and search filter without a join. */
  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: AUDIENCES })
  audience!: Audience;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  @Prop({ type: [String], default: [] })
  tags!: string[];

  @Prop({ type: [Number], default: [] })
  objectives!: number[];

  @Prop({ type: String, required: true })
  language!: string;

  @Prop({ type: String, required: true, enum: CONTENT_STATUSES, default: 'visible' })
  status!: ContentStatus;

  @Prop({ type: Boolean, required: true, default: false })
  pinned!: boolean;

  @Prop({ type: Boolean, required: true, default: false })
  locked!: boolean;

  /** Posts ever made in the thread, the opening post included: the number of the latest. */
  @Prop({ type: Number, required: true, default: 1 })
  postCount!: number;

  /** Replies plus reactions on all its posts: the `top` order. */
  @Prop({ type: Number, required: true, default: 0 })
  score!: number;

  @Prop({ type: Date, required: true })
  lastActivityAt!: Date;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  lastPosterId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  acceptedPostId!: Types.ObjectId | null;

  /** Title and tag words for search (text/search-terms.ts). */
  @Prop({ type: [String], default: [] })
  terms!: string[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type ThreadRecord = PlainRecord<Thread>;

export const ThreadSchema = SchemaFactory.createForClass(Thread);
// A category's threads: pinned first, then by last activity (latest), by score (top), or those
// without a reply (postCount 1) by last activity (unanswered).
ThreadSchema.index({ categoryId: 1, pinned: -1, lastActivityAt: -1, _id: -1 });
ThreadSchema.index({ categoryId: 1, pinned: -1, score: -1, _id: -1 });
ThreadSchema.index({ categoryId: 1, postCount: 1, pinned: -1, lastActivityAt: -1, _id: -1 });
// A member's digest: the new threads of the categories they follow.
ThreadSchema.index({ categoryId: 1, createdAt: -1 });
// Search: word prefixes, newest first.
ThreadSchema.index({ terms: 1, _id: -1 });
ThreadSchema.index({ groupId: 1 });
