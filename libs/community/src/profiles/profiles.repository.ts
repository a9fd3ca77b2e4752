import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, containsPattern, DuplicateKeyError } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import {
  Profile,
  type ProfileChanges,
  type ProfileField,
  type ProfileRecord,
  type ProfileVisibility,
} from './profile.schema.js';

export interface DirectoryFilter {
  country?: string;
  region?: string;
  orgType?: string;
  objective?: number;
  language?: string;
  /** Case-insensitive substring of the name, organisation or an expertise tag. */
  q?: string;
}

/** What the caller sees of profile fields: none set to these levels, except on their own profile. */
export interface FieldsSeen {
  hiddenLevels: ProfileVisibility[];
  ownerId: string | null;
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

  /** Field visibilities are set one path each, so that the fields not named keep theirs. */
  update(userId: string, changes: ProfileChanges): Promise<ProfileRecord | null> {
    const { fieldVisibility, ...rest } = changes;
    const set: Record<string, unknown> = { ...rest };
    if (changes.displayName !== undefined) set.sortName = sortNameOf(changes.displayName);
    for (const [field, level] of Object.entries(fieldVisibility ?? {})) set[`fieldVisibility.${field}`] = level;
    return this.updateOneAndGet({ userId }, { $set: set });
  }

  async deleteByUser(userId: string): Promise<void> {
    await this.deleteOne({ userId });
  }

  /**
   * The directory, limited to `visible` (the access filter), sorted by name. A filter or the search
   * matches a field only where `seen` lets the caller see it, so that no one is found by what they hid.
   */
  directory(
    visible: QueryFilter<Profile>,
    filter: DirectoryFilter,
    seen: FieldsSeen,
    page: PageRequest,
  ): Promise<Page<ProfileRecord>> {
    const where = (field: ProfileField, condition: Record<string, unknown>): QueryFilter<Profile> => {
      if (seen.hiddenLevels.length === 0) return condition as QueryFilter<Profile>;
      const shown: Record<string, unknown>[] = [{ [`fieldVisibility.${field}`]: { $nin: seen.hiddenLevels } }];
      if (seen.ownerId) shown.push({ userId: seen.ownerId });
      return allOf<Profile>(condition as QueryFilter<Profile>, { $or: shown } as QueryFilter<Profile>);
    };
    const conditions: QueryFilter<Profile>[] = [visible];
    if (filter.country) conditions.push(where('country', { country: filter.country }));
    if (filter.region) conditions.push(where('region', { region: filter.region }));
    if (filter.orgType) conditions.push(where('orgType', { orgType: filter.orgType }));
    if (filter.objective !== undefined) conditions.push(where('objectives', { objectives: filter.objective }));
    if (filter.language) conditions.push(where('languages', { languages: filter.language }));
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      conditions.push({
        $or: [
          { sortName: pattern },
          where('organisation', { organisation: pattern }),
          where('expertise', { expertise: pattern }),
        ],
      });
    }
    return this.paginate(allOf<Profile>(...conditions), { field: 'sortName', direction: 1 }, page);
  }
}

function sortNameOf(displayName: string): string {
  return displayName.toLowerCase();
}
