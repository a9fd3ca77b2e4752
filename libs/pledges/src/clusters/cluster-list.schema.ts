import { Prop, raw, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

/** One cluster as stored: its key and its labels. */
export class StoredCluster {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop(
    raw({
      en: { type: String, required: true },
      fr: { type: String, required: true },
      es: { type: String, required: true },
    }),
  )
  label!: { en: string; fr: string; es: string };
}

/**
 * The pledge clusters admins configured: one document (key `clusters`) once they first change
 * them; until then the defaults hold and nothing is stored (so reading never writes).
 */
@Schema({ collection: 'pledge_settings', timestamps: true })
export class PledgeSetting {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: [StoredCluster], _id: false, default: [] })
  clusters!: StoredCluster[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type PledgeSettingRecord = PlainRecord<PledgeSetting>;
export const PledgeSettingSchema = SchemaFactory.createForClass(PledgeSetting);
PledgeSettingSchema.index({ key: 1 }, { unique: true });
