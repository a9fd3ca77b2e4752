import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { CAPABILITIES, type Capability } from '../model/library-kinds.js';

/**
 * The review capabilities one member holds in one scope: `platform`, or a group's library (the
 * group's id). One document per (member, scope), behind a unique index; replaced as a whole.
 */
@Schema({ collection: 'library_capabilities', timestamps: true })
export class CapabilityGrant {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** `platform` or a group's id. */
  @Prop({ type: String, required: true })
  scope!: string;

  @Prop({ type: [String], enum: CAPABILITIES, default: [] })
  capabilities!: Capability[];

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  grantedBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export type CapabilityGrantRecord = PlainRecord<CapabilityGrant>;
export const CapabilityGrantSchema = SchemaFactory.createForClass(CapabilityGrant);
CapabilityGrantSchema.index({ userId: 1, scope: 1 }, { unique: true });
// Who holds a capability in a scope (the editors and reviewers of a board).
CapabilityGrantSchema.index({ scope: 1, capabilities: 1 });
