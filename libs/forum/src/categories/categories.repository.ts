import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { allOf, BaseRepository } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import { type Audience, PLATFORM_SCOPE } from '../model/forum-kinds.js';
import { Category, type CategoryChanges, type CategoryRecord, type NewCategory } from './category.schema.js';

@Injectable()
export class CategoriesRepository extends BaseRepository<Category> {
  constructor(@InjectModel(Category.name) model: Model<Category>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the slug is taken in the scope. */
  create(category: NewCategory): Promise<CategoryRecord> {
    return this.insertOne(category);
  }

  /** Throws DuplicateKeyError when the new slug is taken in the scope. */
  update(id: string, changes: CategoryChanges): Promise<CategoryRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  async delete(id: string): Promise<void> {
    await this.deleteOne({ _id: id });
  }

  /** The categories the filter lets through, platform ones first, then by group, in their order. */
  list(visible: QueryFilter<Category>, groupId: string | null | undefined): Promise<CategoryRecord[]> {
    const scoped = groupId === undefined ? visible : allOf(visible, { scopeKey: groupId ?? PLATFORM_SCOPE });
    return this.findMany(scoped, { scopeKey: 1, order: 1, _id: 1 });
  }

  findByIds(ids: string[]): Promise<CategoryRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.findMany({ _id: { $in: ids } });
  }

  inGroup(groupId: string): Promise<CategoryRecord[]> {
    return this.findMany({ groupId });
  }

  async setAudienceOfGroup(groupId: string, audience: Audience): Promise<void> {
    await this.updateMany({ groupId }, { $set: { audience } });
  }

  async deleteInGroup(groupId: string): Promise<void> {
    await this.deleteMany({ groupId });
  }
}
