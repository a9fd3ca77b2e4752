import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { allOf, BaseRepository, containsPattern } from '@plenary/database';
import { type Model, type QueryFilter, Types } from 'mongoose';
import type { PledgeStatus } from '../model/pledge-kinds.js';
import {
  Pledge,
  type NewPledge,
  type PledgeChanges,
  type PledgeRecord,
  type ReportedProgress,
} from './pledge.schema.js';

export interface PledgeFilter {
  status?: PledgeStatus;
  cluster?: string;
  objective?: number;
  region?: string;
  country?: string;
  year?: number;
  q?: string;
}

/** The fields the dashboard counts pledges by. */
export type CountedPledge = Pick<PledgeRecord, 'status' | 'cluster' | 'objectives' | 'regions' | 'year'>;

@Injectable()
export class PledgesRepository extends BaseRepository<Pledge> {
  constructor(@InjectModel(Pledge.name) model: Model<Pledge>) {
    super(model);
  }

  create(pledge: NewPledge): Promise<PledgeRecord> {
    return this.insertOne(pledge);
  }

  update(id: string, changes: PledgeChanges): Promise<PledgeRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: changes });
  }

  /**
   * Records what an update reported, unless a later update is already recorded: the guard keeps the
   * latest update's word whatever order concurrent ones are applied in (FerretDB: behind the write gate).
   */
  async reportProgress(id: string, progress: ReportedProgress): Promise<void> {
    const updateId = new Types.ObjectId(progress.updateId);
    await this.updateOneAndGet(
      { _id: id, $or: [{ lastUpdateId: null }, { lastUpdateId: { $lt: updateId } }] },
      {
        $set: {
          lastUpdateId: updateId,
          lastUpdateAt: progress.at,
          ...(progress.percent !== undefined ? { percent: progress.percent } : {}),
          ...(progress.status !== undefined ? { status: progress.status } : {}),
        },
      },
    );
  }

  /** Newest first; every filter is served by its index, `q` (title or pledger) matched within it. */
  list(filter: PledgeFilter, page: PageRequest): Promise<Page<PledgeRecord>> {
    return this.paginate(pledgeListFilter(filter), { field: '_id', direction: -1 }, page);
  }

  /** Every pledge the filter lets through, newest first (the export: hundreds, not millions). */
  all(filter: PledgeFilter = {}): Promise<PledgeRecord[]> {
    return this.findMany(pledgeListFilter(filter), { _id: -1 });
  }

  /**
   * What the dashboard counts, of every pledge, read in one query: the counts are made from the
   * pledge documents themselves (no counter to drift under concurrent writes), and every total of
   * one dashboard comes from the same read.
   */
  async counted(): Promise<CountedPledge[]> {
    const rows = await this.model
      .find({}, { status: 1, cluster: 1, objectives: 1, regions: 1, year: 1 })
      .lean<(CountedPledge & { _id: unknown })[]>()
      .exec();
    return rows.map(({ status, cluster, objectives, regions, year }) => ({
      status,
      cluster,
      objectives,
      regions,
      year,
    }));
  }

  /** The titles of these pledges. */
  async titlesOf(ids: string[]): Promise<{ id: string; title: string }[]> {
    if (ids.length === 0) return [];
    return (await this.findMany({ _id: { $in: ids } })).map((pledge) => ({ id: pledge.id, title: pledge.title }));
  }

  /** How many pledges are in each of these clusters (those with none are absent). */
  async inClusters(keys: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const count = await this.count({ cluster: key });
      if (count > 0) counts.set(key, count);
    }
    return counts;
  }

  /** The pledges a member speaks for. */
  representedBy(userId: string): Promise<PledgeRecord[]> {
    return this.findMany({ representativeIds: userId }, { _id: -1 });
  }

  /** The member no longer speaks for any pledge (their account is deleted). */
  async removeRepresentative(userId: string): Promise<void> {
    await this.updateMany({ representativeIds: userId }, { $pull: { representativeIds: new Types.ObjectId(userId) } });
  }
}

/** The filter of the pledge list (and of the export): each condition served by its index, `q` matched within. */
export function pledgeListFilter(filter: PledgeFilter): QueryFilter<Pledge> {
  const conditions: QueryFilter<Pledge>[] = [];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.cluster) conditions.push({ cluster: filter.cluster });
  if (filter.objective !== undefined) conditions.push({ objectives: filter.objective });
  if (filter.region) conditions.push({ regions: filter.region });
  if (filter.country) conditions.push({ countries: filter.country });
  if (filter.year !== undefined) conditions.push({ year: filter.year });
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push({ $or: [{ title: pattern }, { 'pledger.name': pattern }] });
  }
  return allOf<Pledge>(...conditions);
}
