import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import { Credential } from './credential.schema.js';

@Injectable()
export class CredentialsRepository extends BaseRepository<Credential> {
  constructor(@InjectModel(Credential.name) model: Model<Credential>) {
    super(model);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.model
      .updateOne({ userId: new Types.ObjectId(userId) }, { $set: { passwordHash } }, { upsert: true })
      .exec();
  }

  async findPasswordHash(userId: string): Promise<string | null> {
    const credential = await this.model
      .findOne({ userId: new Types.ObjectId(userId) })
      .lean<Credential>()
      .exec();
    return credential?.passwordHash ?? null;
  }

  async deleteFor(userId: string): Promise<void> {
    await this.model.deleteOne({ userId: new Types.ObjectId(userId) }).exec();
  }
}
