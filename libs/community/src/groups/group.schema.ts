import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import {
  GROUP_TYPES,
  GROUP_VISIBILITIES,
  type GroupType,
  type GroupVisibility,
  JOIN_POLICIES,
  type JoinPolicy,
} from './group-kinds.js';

/**
 * A working group, a country or regional network, or a thematic space. Its members are
 * memberships; their number is counted from them when read (FerretDB 1.24 loses concurrent $inc
 * updates, so a stored counter would drift).
 */
@Schema({ collection: 'groups', timestamps: true })
export class Group {
  @Prop({ type: String, required: true })
  name!: string;

  /** Lower-cased name: unique, and the sort key of the group list. */
  @Prop({ type: String, required: true })
  nameKey!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: String, required: true, enum: GROUP_TYPES })
  type!: GroupType;

  @Prop({ type: String, required: true, enum: GROUP_VISIBILITIES })
  visibility!: GroupVisibility;

  @Prop({ type: String, required: true, enum: JOIN_POLICIES })
  joinPolicy!: JoinPolicy;

  @Prop({ type: String, default: null })
  country!: string | null;

  @Prop({ type: String, default: null })
  region!: string | null;

  @Prop({ type: [Number], default: [] })
  objectives!: number[];

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export type GroupRecord = PlainRecord<Group>;
export type NewGroup = Pick<
  Group,
  'name' | 'description' | 'type' | 'visibility' | 'joinPolicy' | 'country' | 'region' | 'objectives'
> & { createdBy: string };
export type GroupChanges = Partial<
  Pick<Group, 'name' | 'description' | 'visibility' | 'joinPolicy' | 'country' | 'region' | 'objectives'>
>;

export const GroupSchema = SchemaFactory.createForClass(Group);
GroupSchema.index({ nameKey: 1 }, { unique: true });
GroupSchema.index({ visibility: 1, nameKey: 1, _id: 1 });
GroupSchema.index({ type: 1, nameKey: 1, _id: 1 });
GroupSchema.index({ country: 1, nameKey: 1, _id: 1 });
GroupSchema.index({ region: 1, nameKey: 1, _id: 1 });
GroupSchema.index({ objectives: 1, nameKey: 1, _id: 1 });
GroupSchema.index({ createdBy: 1 });
