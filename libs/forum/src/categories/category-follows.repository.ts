import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import { CategoryFollow } from './category-follow.schema.js';

@Injectable()
export class CategoryFollowsRepository extends BaseRepository<CategoryFollow> {
  constructor(@InjectModel(CategoryFollow.name) model: Model<CategoryFollow>) {
    super(model);
  }

  /** Idempotent: following twice is following. */
  async follow(categoryId: string, userId: string): Promise<void> {
    try {
      await this.insertOne({ categoryId, userId });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  async unfollow(categoryId: string, userId: string): Promise<void> {
    await this.deleteOne({ categoryId, userId });
  }

  /** Of these categories, the ones the member follows. */
  async followed(userId: string, categoryIds: string[]): Promise<Set<string>> {
    if (categoryIds.length === 0) return new Set();
    const follows = await this.findMany({ userId, categoryId: { $in: categoryIds } });
    return new Set(follows.map((follow) => follow.categoryId));
  }

  /** Every category the member follows (one document each: as many as there are categories at most). */
  async categoriesOf(userId: string): Promise<string[]> {
    return (await this.findMany({ userId })).map((follow) => follow.categoryId);
  }

  async deleteForCategories(categoryIds: string[]): Promise<void> {
    if (categoryIds.length === 0) return;
    await this.deleteMany({ categoryId: { $in: categoryIds } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
