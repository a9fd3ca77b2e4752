import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { DEFAULT_PLEDGE_CLUSTERS, type PledgeCluster } from '../model/pledge-kinds.js';
import { ClustersRepository } from './clusters.repository.js';

/**
 * The pledge clusters in force: what admins stored, else the defaults. Read from the database on
 * each use, so that a change made on one instance holds on every other at once.
 */
@Injectable()
export class ClusterList {
  constructor(private readonly clusters: ClustersRepository) {}

  async all(): Promise<PledgeCluster[]> {
    return (await this.clusters.stored()) ?? DEFAULT_PLEDGE_CLUSTERS.map((cluster) => ({ ...cluster }));
  }

  /** A 400 naming `field` unless the key is one of the clusters in force. */
  async assertKnown(key: string, field = 'cluster'): Promise<void> {
    const keys = (await this.all()).map((cluster) => cluster.key);
    if (!keys.includes(key)) throw ApiError.invalidField(field, `must be one of ${keys.join(', ')}`);
  }

  replace(clusters: PledgeCluster[]): Promise<void> {
    return this.clusters.put(clusters);
  }
}
