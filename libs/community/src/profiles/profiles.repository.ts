import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, containsPattern, DuplicateKeyError } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import { Profile, type ProfileChanges, type ProfileRecord } from './profile.schema.js';

export interface DirectoryFilter {
  country?: string;
  region?: string;
  orgType?: string;
  objective?: number;
  language?: string;
  /** Case-insensitive substring of the name, organisation or an expertise tag. */
  q?: string;
}

@Injectable()
export class ProfilesRepository extends BaseRepository<Profile> {
  constructor(@InjectModel(Profile.name) model: Model<Profile>) {
    super(model);
  }

  async findByUser(userId: string): Promise<ProfileRecord | null> {
    if (!Types.ObjectId.isValid(userId)) return null;
    return this.findOne({ userId });
  }

  async findByUsers(userIds: string[]): Promise<ProfileRecord[]> {
    const ids = userIds.filter((id) => Types.ObjectId.isValid(id));
    if (ids.length === 0) return [];
    return this.findMany({ userId: { $in: ids } });
  }

  /** The user's profile, created with defaults when absent (two concurrent callers get the same one). */
  async ensure(userId: string, displayName: string): Promise<ProfileRecord> {
    const existing = await this.findByUser(userId);
    if (existing) return existing;
    try {
      // An insert, not an upsert: FerretDB drops null and empty-array fields from $setOnInsert.
      return await this.insertOne({ userId, displayName, sortName: sortNameOf(displayName) });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const winner = await this.findByUser(userId);
      if (!winner) throw new Error(`profile of ${userId} vanished while being created`, { cause: error });
      return winner;
    }
  }

  update(userId: string, changes: ProfileChanges): Promise<ProfileRecord | null> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.displayName !== undefined) set.sortName = sortNameOf(changes.displayName);
    return this.updateOneAndGet({ userId }, { $set: set });
  }

  async deleteByUser(userId: string): Promise<void> {
    await this.deleteOne({ userId });
  }

  /** The directory, limited to `visible` (the access filter), sorted by name. */
  directory(visible: QueryFilter<Profile>, filter: DirectoryFilter, page: PageRequest): Promise<Page<ProfileRecord>> {
    const conditions: QueryFilter<Profile>[] = [visible];
    if (filter.country) conditions.push({ country: filter.country });
    if (filter.region) conditions.push({ region: filter.region });
    if (filter.orgType) conditions.push({ orgType: filter.orgType } as QueryFilter<Profile>);
    if (filter.objective !== undefined) conditions.push({ objectives: filter.objective });
    if (filter.language) conditions.push({ languages: filter.language });
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      conditions.push({ $or: [{ sortName: pattern }, { organisation: pattern }, { expertise: pattern }] });
    }
    return this.paginate(allOf(...conditions), { field: 'sortName', direction: 1 }, page);
  }
}

function sortNameOf(displayName: string): string {
  return displayName.toLowerCase();
}
