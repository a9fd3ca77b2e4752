import { Injectable } from '@nestjs/common';
import { spreadsheetSafe } from '@plenary/core';
import { type AuthorName, OBJECTIVE_NUMBERS, ProfilesService, REGION_KEYS } from '@plenary/community';
import { stringify } from 'csv-stringify/sync';
import { ClusterList } from '../clusters/cluster-list.js';
import { PledgeFollowsRepository } from '../follows/follows.repository.js';
import { DASHBOARD_LATEST_UPDATES, PLEDGE_STATUSES } from '../model/pledge-kinds.js';
import { PledgesRepository } from '../pledges/pledges.repository.js';
import { ProgressUpdatesRepository } from '../updates/updates.repository.js';
import { ProgressUpdatesService } from '../updates/updates.service.js';
import type { ExportedPledge, PledgeDashboard, PledgeExport } from './dto/dashboard.dto.js';

/** The public picture of all pledges: the dashboard's counts and latest updates, and the export. */
@Injectable()
export class PledgeDashboardService {
  constructor(
    private readonly pledges: PledgesRepository,
    private readonly updates: ProgressUpdatesRepository,
    private readonly updateViews: ProgressUpdatesService,
    private readonly follows: PledgeFollowsRepository,
    private readonly clusters: ClusterList,
    private readonly profiles: ProfilesService,
  ) {}

  /**
   * Counted from the pledge documents, all from one read, so that every figure is exact and they
   * agree with each other: the statuses sum to the total, and each pledge counts once under its
   * cluster, its year (and its status in that year's row), and each of its objectives and regions.
   */
  async dashboard(): Promise<PledgeDashboard> {
    const [pledges, clusters, latest] = await Promise.all([
      this.pledges.counted(),
      this.clusters.all(),
      this.updates.latest(DASHBOARD_LATEST_UPDATES),
    ]);
    const tally = <K>(keys: K[]) => {
      const counts = new Map<K, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    };
    const byStatus = tally(pledges.map((pledge) => pledge.status));
    const byCluster = tally(pledges.map((pledge) => pledge.cluster));
    const byObjective = tally(pledges.flatMap((pledge) => [...new Set(pledge.objectives)]));
    const byRegion = tally(pledges.flatMap((pledge) => [...new Set(pledge.regions)]));
    const byYear = tally(pledges.map((pledge) => pledge.year));
    const configured = new Set(clusters.map((cluster) => cluster.key));

    const titles = new Map(
      (await this.pledges.titlesOf([...new Set(latest.map((update) => update.pledgeId))])).map((pledge) => [
        pledge.id,
        pledge.title,
      ]),
    );
    const latestViews = await this.updateViews.views(latest);
    return {
      total: pledges.length,
      byStatus: PLEDGE_STATUSES.map((key) => ({ key, count: byStatus.get(key) ?? 0 })),
      byCluster: [
        ...clusters.map(({ key, label }) => ({ key, label, count: byCluster.get(key) ?? 0 })),
        ...[...byCluster]
          .filter(([key]) => !configured.has(key))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, count]) => ({ key, label: null, count })),
      ],
      byObjective: OBJECTIVE_NUMBERS.map((key) => ({ key, count: byObjective.get(key) ?? 0 })),
      byRegion: REGION_KEYS.map((key) => ({ key, count: byRegion.get(key) ?? 0 })),
      byYear: [...byYear].sort(([a], [b]) => a - b).map(([key, count]) => ({ key, count })),
      byYearStatus: [...byYear.keys()]
        .sort((a, b) => a - b)
        .map((year) => {
          const statuses = tally(pledges.filter((pledge) => pledge.year === year).map((pledge) => pledge.status));
          return { key: year, byStatus: PLEDGE_STATUSES.map((key) => ({ key, count: statuses.get(key) ?? 0 })) };
        }),
      latestUpdates: latestViews.map((update) => ({ ...update, pledgeTitle: titles.get(update.pledgeId) ?? '' })),
    };
  }

  /** Every pledge with its progress updates (oldest first), newest pledge first. */
  async export(): Promise<PledgeExport> {
    const pledges = await this.pledges.all();
    const ids = pledges.map((pledge) => pledge.id);
    const [updates, followers] = await Promise.all([this.updates.forPledges(ids), this.follows.counts(ids)]);
    const people = [
      ...pledges.flatMap((pledge) => pledge.representativeIds),
      ...updates.map((update) => update.authorId),
    ];
    const names = people.length ? await this.profiles.authorNames(people) : new Map<string, AuthorName>();
    const person = (id: string) => names.get(id) ?? { id, displayName: '' };
    const updatesOf = new Map<string, ExportedPledge['updates']>();
    for (const update of updates) {
      const list = updatesOf.get(update.pledgeId) ?? [];
      list.push({
        id: update.id,
        author: person(update.authorId),
        text: update.text,
        percent: update.percent,
        milestone: update.milestone,
        status: update.status,
        links: update.links,
        fileIds: update.fileIds,
        createdAt: update.createdAt,
      });
      updatesOf.set(update.pledgeId, list);
    }
    return {
      exportedAt: new Date(),
      pledges: pledges.map((pledge) => ({
        id: pledge.id,
        title: pledge.title,
        description: pledge.description,
        pledger: { kind: pledge.pledger.kind, name: pledge.pledger.name, country: pledge.pledger.country ?? null },
        representatives: pledge.representativeIds.map(person),
        objectives: pledge.objectives,
        principles: pledge.principles,
        cluster: pledge.cluster,
        countries: pledge.countries,
        regions: pledge.regions,
        madeAt: pledge.madeAt,
        year: pledge.year,
        status: pledge.status,
        percent: pledge.percent,
        followerCount: followers.get(pledge.id) ?? 0,
        updates: updatesOf.get(pledge.id) ?? [],
        createdAt: pledge.createdAt,
      })),
    };
  }

  /** The export as CSV: one row per pledge, its updates counted and its latest one summed up. */
  async exportCsv(): Promise<string> {
    const { pledges } = await this.export();
    return stringify(
      pledges.map((pledge) => {
        const last = pledge.updates[pledge.updates.length - 1];
        return [
          pledge.id,
          spreadsheetSafe(pledge.title),
          pledge.pledger.kind,
          spreadsheetSafe(pledge.pledger.name),
          pledge.pledger.country ?? '',
          pledge.cluster,
          pledge.objectives.join(' '),
          pledge.principles.join(' '),
          pledge.countries.join(' '),
          pledge.regions.join(' '),
          pledge.madeAt.toISOString().slice(0, 10),
          pledge.status,
          pledge.percent ?? '',
          pledge.updates.length,
          last ? last.createdAt.toISOString() : '',
          last ? spreadsheetSafe(last.text) : '',
          pledge.followerCount,
          spreadsheetSafe(pledge.representatives.map((person) => person.displayName).join('; ')),
        ];
      }),
      {
        header: true,
        columns: [
          'id',
          'title',
          'pledger kind',
          'pledger',
          'pledger country',
          'cluster',
          'objectives',
          'principles',
          'countries',
          'regions',
          'made on',
          'status',
          'percent',
          'updates',
          'last update at',
          'last update',
          'followers',
          'representatives',
        ],
      },
    );
  }
}
