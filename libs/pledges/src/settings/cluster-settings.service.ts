import { Injectable } from '@nestjs/common';
import { ApiError, type ErrorDetail } from '@plenary/core';
import { ClusterList } from '../clusters/cluster-list.js';
import type { PledgeCluster } from '../model/pledge-kinds.js';
import { PledgesRepository } from '../pledges/pledges.repository.js';
import type { ClusterListDto, ClusterListView } from './dto/clusters.dto.js';

/** The clusters admins configure: labels change freely; a cluster pledges are in cannot be removed. */
@Injectable()
export class ClusterSettingsService {
  constructor(
    private readonly clusters: ClusterList,
    private readonly pledges: PledgesRepository,
  ) {}

  async get(): Promise<ClusterListView> {
    return { clusters: await this.clusters.all() };
  }

  async replace(dto: ClusterListDto): Promise<ClusterListView> {
    const clusters: PledgeCluster[] = dto.clusters.map(({ key, label }) => ({
      key,
      label: { en: label.en, fr: label.fr, es: label.es },
    }));
    const first = new Map<string, number>();
    const repeated: ErrorDetail[] = [];
    clusters.forEach(({ key }, index) => {
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else repeated.push({ field: `clusters.${index}.key`, problem: `repeats clusters.${earlier}.key` });
    });
    if (repeated.length > 0) throw ApiError.badRequest('Each cluster needs its own key', repeated);

    const removed = (await this.clusters.all()).map(({ key }) => key).filter((key) => !first.has(key));
    const inUse = await this.pledges.inClusters(removed);
    if (inUse.size > 0) {
      throw ApiError.conflict(
        'Clusters that pledges are in cannot be removed; move the pledges to another cluster first',
        [...inUse].map(([key, count]) => ({ field: 'clusters', problem: `${key} holds ${count} pledge(s)` })),
      );
    }
    await this.clusters.replace(clusters);
    return { clusters };
  }
}
