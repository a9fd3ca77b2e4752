import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { PLEDGE_STATUSES, PLEDGER_KINDS, type PledgerKind, type PledgeStatus } from '../model/pledge-kinds.js';

/** Who made the pledge: a Member State (its country) or an organisation. */
export class Pledger {
  @Prop({ type: String, required: true, enum: PLEDGER_KINDS })
  kind!: PledgerKind;

  @Prop({ type: String, required: true })
  name!: string;

  /** ISO 3166-1 alpha-2: a Member State's own country, an organisation's seat when given. */
  @Prop({ type: String, default: null })
  country!: string | null;
}

/**
 * A pledge made by a Member State or an organisation, spoken for by its representatives (members
 * who may report its progress). Its progress updates and followers are documents of their own;
 * the pledge keeps only what its latest update said (`lastUpdate…`, `percent`), set by a guarded
 * write so that the latest update wins whatever order concurrent ones land in.
 */
@Schema({ collection: 'pledges', timestamps: true })
export class Pledge {
  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  @Prop({ type: Pledger, _id: false, required: true })
  pledger!: Pledger;

  @Prop({ type: [SchemaTypes.ObjectId], default: [] })
  representativeIds!: Types.ObjectId[];

  /** GCM objective numbers (1–23). */
  @Prop({ type: [Number], default: [] })
  objectives!: number[];

  /** GCM guiding principle keys. */
  @Prop({ type: [String], default: [] })
  principles!: string[];

  /** A key of the configured cluster list. */
  @Prop({ type: String, required: true })
  cluster!: string;

  @Prop({ type: [String], default: [] })
  countries!: string[];

  @Prop({ type: [String], default: [] })
  regions!: string[];

  @Prop({ type: Date, required: true })
  madeAt!: Date;

  /** The UTC year of `madeAt`, kept for the year filter and the dashboard. */
  @Prop({ type: Number, required: true })
  year!: number;

  @Prop({ type: String, required: true, enum: PLEDGE_STATUSES })
  status!: PledgeStatus;

  /** The progress last reported (0–100), null until an update gives one. */
  @Prop({ type: Number, default: null })
  percent!: number | null;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  lastUpdateId!: Types.ObjectId | null;

  @Prop({ type: Date, default: null })
  lastUpdateAt!: Date | null;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export type PledgeRecord = PlainRecord<Pledge>;
export type NewPledge = Omit<
  Pledge,
  'representativeIds' | 'createdBy' | 'percent' | 'lastUpdateId' | 'lastUpdateAt' | 'createdAt' | 'updatedAt'
> & { representativeIds: string[]; createdBy: string };
export type PledgeChanges = Partial<Omit<NewPledge, 'createdBy'> & { pledger: Pledger; representativeIds: string[] }>;
/** What a progress update changes on its pledge. */
export interface ReportedProgress {
  updateId: string;
  at: Date;
  percent?: number;
  status?: PledgeStatus;
}

export const PledgeSchema = SchemaFactory.createForClass(Pledge);
// The list, newest first, by each filter; q is matched within the rows these give.
PledgeSchema.index({ status: 1, _id: -1 });
PledgeSchema.index({ cluster: 1, _id: -1 });
PledgeSchema.index({ objectives: 1, _id: -1 });
PledgeSchema.index({ regions: 1, _id: -1 });
PledgeSchema.index({ countries: 1, _id: -1 });
PledgeSchema.index({ year: 1, _id: -1 });
// A member's pledges (account export and deletion).
PledgeSchema.index({ representativeIds: 1, _id: -1 });
