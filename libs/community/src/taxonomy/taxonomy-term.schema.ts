import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

export const TERM_KINDS = ['objective', 'principle', 'region'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** Text in the interface languages; a missing language falls back to English. */
export interface LocalizedText {
  en: string;
  fr?: string;
  es?: string;
}

/** One entry of the reference taxonomy: a GCM objective, a guiding principle or a region. */
@Schema({ collection: 'taxonomy_terms', timestamps: true })
export class TaxonomyTerm {
  @Prop({ type: String, required: true, enum: TERM_KINDS })
  kind!: TermKind;

  /** The objective number as a string, or the principle's or region's key. */
  @Prop({ type: String, required: true })
  key!: string;

  /** Display order within the kind. */
  @Prop({ type: Number, required: true })
  position!: number;

  @Prop({ type: Object, required: true })
  label!: LocalizedText;

  @Prop({ type: Object, default: null })
  title!: LocalizedText | null;
}

export type TaxonomyTermRecord = PlainRecord<TaxonomyTerm>;
export type NewTaxonomyTerm = Pick<TaxonomyTerm, 'kind' | 'key' | 'position' | 'label' | 'title'>;

export const TaxonomyTermSchema = SchemaFactory.createForClass(TaxonomyTerm);
TaxonomyTermSchema.index({ kind: 1, key: 1 }, { unique: true });
TaxonomyTermSchema.index({ kind: 1, position: 1 });
