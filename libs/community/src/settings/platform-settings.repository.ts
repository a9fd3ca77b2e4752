import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { PlatformSetting } from './platform-setting.schema.js';

/** Platform-wide settings that admins change, one document per key; contexts own their keys' meaning. */
@Injectable()
export class PlatformSettingsRepository extends BaseRepository<PlatformSetting> {
  constructor(@InjectModel(PlatformSetting.name) model: Model<PlatformSetting>) {
    super(model);
  }

  async get(key: string): Promise<Record<string, unknown> | null> {
    return (await this.findOne({ key }))?.value ?? null;
  }

  put(key: string, value: Record<string, unknown>): Promise<void> {
    return this.upsert({ key }, { $set: { value } });
  }
}
