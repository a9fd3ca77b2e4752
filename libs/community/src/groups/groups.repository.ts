import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, containsPattern } from '@plenary/database';
import type { Model, QueryFilter } from 'mongoose';
import type { GroupType } from './group-kinds.js';
import { Group, type GroupChanges, type GroupRecord, type NewGroup } from './group.schema.js';

export interface GroupFilter {
  type?: GroupType;
  country?: string;
  region?: string;
  objective?: number;
  /** Case-insensitive substring of the name. */
  q?: string;
  /** Only these groups (the caller's own, for `mine` and `membership`). */
  ids?: string[];
}

@Injectable()
export class GroupsRepository extends BaseRepository<Group> {
  constructor(@InjectModel(Group.name) model: Model<Group>) {
    super(model);
  }

  /** Throws DuplicateKeyError when another group has this name in any letter case. */
  create(group: NewGroup): Promise<GroupRecord> {
    return this.insertOne({ ...group, nameKey: nameKeyOf(group.name) });
  }

  /** Throws DuplicateKeyError when another group has the new name in any letter case. */
  update(id: string, changes: GroupChanges): Promise<GroupRecord | null> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.name !== undefined) set.nameKey = nameKeyOf(changes.name);
    return this.updateOneAndGet({ _id: id }, { $set: set });
  }

  async delete(id: string): Promise<void> {
    await this.deleteOne({ _id: id });
  }

  async findByIds(ids: string[]): Promise<GroupRecord[]> {
    if (ids.length === 0) return [];
    return this.findMany({ _id: { $in: ids } });
  }

  findCreatedBy(userId: string): Promise<GroupRecord[]> {
    return this.findMany({ createdBy: userId });
  }

  list(visible: QueryFilter<Group>, filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>> {
    return this.paginate(this.filterOf(visible, filter), { field: 'nameKey', direction: 1 }, page);
  }

  countVisible(visible: QueryFilter<Group>, filter: GroupFilter): Promise<number> {
    return this.count(this.filterOf(visible, filter));
  }

  private filterOf(visible: QueryFilter<Group>, filter: GroupFilter): QueryFilter<Group> {
    const conditions: QueryFilter<Group>[] = [visible];
    if (filter.type) conditions.push({ type: filter.type });
    if (filter.country) conditions.push({ country: filter.country });
    if (filter.region) conditions.push({ region: filter.region });
    if (filter.objective !== undefined) conditions.push({ objectives: filter.objective });
    if (filter.q) conditions.push({ nameKey: containsPattern(filter.q) });
    if (filter.ids) conditions.push({ _id: { $in: filter.ids } });
    return allOf(...conditions);
  }
}

function nameKeyOf(name: string): string {
  return name.toLowerCase();
}
