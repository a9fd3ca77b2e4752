import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  AUDIENCES,
  type Audience,
  CONTENT_STATUSES,
  type ContentStatus,
  type ReactionCounts,
} from '../model/forum-kinds.js';

/** One post of a thread; `number` 1 is the opening post. */
@Schema({ collection: 'forum_posts', timestamps: true })
export class Post {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  threadId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  number!: number;

  /** The thread's, copied so that search filters without a join (kept in step on move, hide, restore). */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  categoryId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: AUDIENCES })
  audience!: Audience;

  @Prop({ type: String, required: true, enum: CONTENT_STATUSES, default: 'visible' })
  threadStatus!: ContentStatus;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  authorId!: Types.ObjectId;

  /** The Markdown as written. */
  @Prop({ type: String, required: true })
  body!: string;

  /** The sanitized HTML rendering, made when the post is written. */
  @Prop({ type: String, required: true })
  html!: string;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  replyTo!: Types.ObjectId | null;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  mentions!: Types.ObjectId[];

  @Prop({ type: String, required: true, enum: CONTENT_STATUSES, default: 'visible' })
  status!: ContentStatus;

  /** Counts by kind, kept with $inc after each reaction document is stored or removed. */
  @Prop({ type: Object, required: true })
  reactions!: ReactionCounts;

  @Prop({ type: Number, required: true, default: 0 })
  editCount!: number;

  @Prop({ type: Date, default: null })
  editedAt!: Date | null;

  @Prop({ type: [String], default: [] })
  terms!: string[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type PostRecord = PlainRecord<Post>;

export const PostSchema = SchemaFactory.createForClass(Post);
PostSchema.index({ threadId: 1, number: 1 }, { unique: true });
PostSchema.index({ terms: 1, _id: -1 });
PostSchema.index({ groupId: 1 });
PostSchema.index({ authorId: 1, _id: -1 });

/** A post as it was before an edit. */
@Schema({ collection: 'forum_post_revisions', timestamps: { createdAt: true, updatedAt: false } })
export class PostRevision {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  editorId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  previousBody!: string;

  @Prop({ type: String, default: null })
  reason!: string | null;

  createdAt!: Date;
}

export type PostRevisionRecord = PlainRecord<PostRevision>;
export const PostRevisionSchema = SchemaFactory.createForClass(PostRevision);
PostRevisionSchema.index({ postId: 1, createdAt: 1, _id: 1 });

/** One member's reaction of one kind to one post: unique, so a double click never counts twice. */
@Schema({ collection: 'forum_reactions', timestamps: { createdAt: true, updatedAt: false } })
export class Reaction {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  postId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  kind!: string;
}

export const ReactionSchema = SchemaFactory.createForClass(Reaction);
ReactionSchema.index({ postId: 1, userId: 1, kind: 1 }, { unique: true });
ReactionSchema.index({ userId: 1, postId: 1 });
ReactionSchema.index({ postId: 1, kind: 1 });
