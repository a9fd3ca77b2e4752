import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page } from '@plenary/core';
import { BaseRepository, containsPattern, type PageRequest, rethrowDuplicateKey, toRecord } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { GroupType } from './group-kinds.js';
import { Group, type GroupChanges, type GroupRecord, type NewGroup } from './group.schema.js';

export interface GroupFilter {
  type?: GroupType;
  country?: string;
  region?: string;
  objective?: number;
  /** Case-insensitive substring of the name. */
  q?: string;
  /** Only these groups (the caller's own, for `mine`). */
  ids?: string[];
}

type GroupDocument = Group & { _id: Types.ObjectId };

@Injectable()
export class GroupsRepository extends BaseRepository<Group> {
  constructor(@InjectModel(Group.name) model: Model<Group>) {
    super(model);
  }

  /** Throws DuplicateKeyError when another group has this name in any letter case. */
  async create(group: NewGroup): Promise<GroupRecord> {
    try {
      const created = await this.model.create({
        ...group,
        nameKey: nameKeyOf(group.name),
        createdBy: new Types.ObjectId(group.createdBy),
      });
      return toRecord<Group>(created.toObject<GroupDocument>());
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  async update(id: string, changes: GroupChanges): Promise<GroupRecord | null> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.name !== undefined) set.nameKey = nameKeyOf(changes.name);
    try {
      const group = await this.model
        .findOneAndUpdate({ _id: id }, { $set: set }, { new: true, runValidators: true })
        .lean<GroupDocument>()
        .exec();
      return group ? toRecord<Group>(group) : null;
    } catch (error) {
      rethrowDuplicateKey(error);
    }
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  async findByIds(ids: string[]): Promise<GroupRecord[]> {
    if (ids.length === 0) return [];
    const groups = await this.model
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } })
      .lean<GroupDocument[]>()
      .exec();
    return groups.map((group) => toRecord<Group>(group));
  }

  async findCreatedBy(userId: string): Promise<GroupRecord[]> {
    const groups = await this.model
      .find({ createdBy: new Types.ObjectId(userId) })
      .lean<GroupDocument[]>()
      .exec();
    return groups.map((group) => toRecord<Group>(group));
  }

  list(visible: QueryFilter<Group>, filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>> {
    return this.paginate(this.filterOf(visible, filter), { field: 'nameKey', direction: 1 }, page);
  }

  count(visible: QueryFilter<Group>, filter: GroupFilter): Promise<number> {
    return this.model.countDocuments(this.filterOf(visible, filter)).exec();
  }

  private filterOf(visible: QueryFilter<Group>, filter: GroupFilter): QueryFilter<Group> {
    const conditions: QueryFilter<Group>[] = [visible];
    if (filter.type) conditions.push({ type: filter.type });
    if (filter.country) conditions.push({ country: filter.country });
    if (filter.region) conditions.push({ region: filter.region });
    if (filter.objective !== undefined) conditions.push({ objectives: filter.objective });
    if (filter.q) conditions.push({ nameKey: containsPattern(filter.q) });
    if (filter.ids) conditions.push({ _id: { $in: filter.ids.map((id) => new Types.ObjectId(id)) } });
    return { $and: conditions } as QueryFilter<Group>;
  }
}

function nameKeyOf(name: string): string {
  return name.toLowerCase();
}
