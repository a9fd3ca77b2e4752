import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, isDuplicateKeyError, toRecord } from '@plenary/database';
import type { Model, Types } from 'mongoose';
import { type NewTaxonomyTerm, TaxonomyTerm, type TaxonomyTermRecord, type TermKind } from './taxonomy-term.schema.js';

@Injectable()
export class TaxonomyRepository extends BaseRepository<TaxonomyTerm> {
  constructor(@InjectModel(TaxonomyTerm.name) model: Model<TaxonomyTerm>) {
    super(model);
  }

  /** Inserts the terms that are absent and leaves existing ones (perhaps edited by an admin) alone. */
  async insertMissing(terms: NewTaxonomyTerm[]): Promise<number> {
    let inserted = 0;
    for (const term of terms) {
      try {
        const result = await this.model
          .updateOne({ kind: term.kind, key: term.key }, { $setOnInsert: term }, { upsert: true })
          .exec();
        inserted += result.upsertedCount;
      } catch (error) {
        // Another instance seeding at the same moment inserted it first.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return inserted;
  }

  async listKind(kind: TermKind): Promise<TaxonomyTermRecord[]> {
    const terms = await this.model
      .find({ kind })
      .sort({ position: 1 })
      .lean<(TaxonomyTerm & { _id: Types.ObjectId })[]>()
      .exec();
    return terms.map((term) => toRecord<TaxonomyTerm>(term));
  }
}
