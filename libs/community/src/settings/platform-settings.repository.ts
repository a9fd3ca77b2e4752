import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { PlatformSetting } from './platform-setting.schema.js';

@Injectable()
export class PlatformSettingsRepository extends BaseRepository<PlatformSetting> {
  constructor(@InjectModel(PlatformSetting.name) model: Model<PlatformSetting>) {
    super(model);
  }

  async get(key: string): Promise<Record<string, unknown> | null> {
    const setting = await this.model.findOne({ key }).lean<PlatformSetting>().exec();
    return setting?.value ?? null;
  }

  async put(key: string, value: Record<string, unknown>): Promise<void> {
    await this.model.updateOne({ key }, { $set: { value } }, { upsert: true }).exec();
  }
}
