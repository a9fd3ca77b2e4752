import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, isDuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { type NewTaxonomyTerm, TaxonomyTerm, type TaxonomyTermRecord } from './taxonomy-term.schema.js';

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

  /** Every term, by kind and then in display order. */
  listAll(): Promise<TaxonomyTermRecord[]> {
    return this.findMany({}, { kind: 1, position: 1 });
  }
}
