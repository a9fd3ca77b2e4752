import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { type Criterion, ReviewSettings, type ReviewSettingsRecord } from './review-settings.schema.js';

const KEY = 'review';

@Injectable()
export class ReviewSettingsRepository extends BaseRepository<ReviewSettings> {
  constructor(@InjectModel(ReviewSettings.name) model: Model<ReviewSettings>) {
    super(model);
  }

  get(): Promise<ReviewSettingsRecord | null> {
    return this.findOne({ key: KEY });
  }

  async put(settings: { criteria: Criterion[]; quorum: number; reviewDays: number }): Promise<void> {
    await this.upsert({ key: KEY }, { $set: settings });
  }
}
