import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { PledgeCluster } from '../model/pledge-kinds.js';
import { PledgeSetting } from './cluster-list.schema.js';

const KEY = 'clusters';

@Injectable()
export class ClustersRepository extends BaseRepository<PledgeSetting> {
  constructor(@InjectModel(PledgeSetting.name) model: Model<PledgeSetting>) {
    super(model);
  }

  /** The clusters stored, or null while admins never changed the defaults. */
  async stored(): Promise<PledgeCluster[] | null> {
    const setting = await this.findOne({ key: KEY });
    return setting
      ? setting.clusters.map(({ key, label }) => ({ key, label: { en: label.en, fr: label.fr, es: label.es } }))
      : null;
  }

  put(clusters: PledgeCluster[]): Promise<void> {
    return this.upsert({ key: KEY }, { $set: { clusters } });
  }
}
