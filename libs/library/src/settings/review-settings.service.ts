import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { AccessService, type Principal } from '@plenary/identity';
import {
  DEFAULT_QUORUM,
  DEFAULT_REVIEW_DAYS,
  DEFAULT_RUBRIC,
  REVIEW_SETTINGS,
  type RubricCriterion,
} from '../model/library-kinds.js';
import type { ReviewSettingsDto, ReviewSettingsView } from './dto/review-settings.dto.js';
import { ReviewSettingsRepository } from './review-settings.repository.js';

/** The rubric reviewers score, the quorum of reviews an editor waits for, and the reviewers' time. */
@Injectable()
export class ReviewSettingsService {
  constructor(
    private readonly settings: ReviewSettingsRepository,
    private readonly access: AccessService,
  ) {}

  async get(): Promise<ReviewSettingsView> {
    const stored = await this.settings.get();
    return {
      criteria: (stored?.criteria ?? DEFAULT_RUBRIC).map(({ key, label, description }) => ({
        key,
        label,
        description,
      })),
      quorum: stored?.quorum ?? DEFAULT_QUORUM,
      reviewDays: stored?.reviewDays ?? DEFAULT_REVIEW_DAYS,
    };
  }

  async criteria(): Promise<RubricCriterion[]> {
    return (await this.get()).criteria;
  }

  /** Admins only; the criteria replace the rubric for reviews from now on (earlier reviews keep their scores). */
  async put(principal: Principal, dto: ReviewSettingsDto): Promise<ReviewSettingsView> {
    this.access.assert(principal, 'update', REVIEW_SETTINGS);
    const keys = dto.criteria.map((criterion) => criterion.key);
    const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
    if (repeated) throw ApiError.invalidField('criteria', `must not repeat the key ${repeated}`);
    const current = await this.get();
    await this.settings.put({
      criteria: dto.criteria.map(({ key, label, description }) => ({ key, label, description: description ?? '' })),
      quorum: dto.quorum ?? current.quorum,
      reviewDays: dto.reviewDays ?? current.reviewDays,
    });
    return this.get();
  }
}
