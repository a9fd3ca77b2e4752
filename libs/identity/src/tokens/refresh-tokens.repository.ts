import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, type PlainRecord } from '@plenary/database';
import type { Model } from 'mongoose';
import { RefreshToken } from './refresh-token.schema.js';

export type RefreshTokenRecord = PlainRecord<RefreshToken>;

@Injectable()
export class RefreshTokensRepository extends BaseRepository<RefreshToken> {
  constructor(@InjectModel(RefreshToken.name) model: Model<RefreshToken>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the predecessor already has a successor (it was rotated before). */
  async store(token: {
    tokenHash: string;
    userId: string;
    familyId: string;
    predecessor: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.insertOne({ ...token, rotatedAt: null, revokedAt: null });
  }

  async markRotated(tokenHash: string, now: Date): Promise<void> {
    await this.updateMany({ tokenHash, rotatedAt: null }, { $set: { rotatedAt: now } });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.findOne({ tokenHash });
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } });
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    await this.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
  }

  listForUser(userId: string): Promise<RefreshTokenRecord[]> {
    return this.findMany({ userId });
  }

  async deleteAllForUser(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
