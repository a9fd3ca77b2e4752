import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { Credential } from './credential.schema.js';

@Injectable()
export class CredentialsRepository extends BaseRepository<Credential> {
  constructor(@InjectModel(Credential.name) model: Model<Credential>) {
    super(model);
  }

  setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    return this.upsert({ userId }, { $set: { passwordHash } });
  }

  async findPasswordHash(userId: string): Promise<string | null> {
    return (await this.findOne({ userId }))?.passwordHash ?? null;
  }

  async deleteFor(userId: string): Promise<void> {
    await this.deleteOne({ userId });
  }
}
