import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, type PlainRecord, toRecord } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import { RefreshToken } from './refresh-token.schema.js';

export type RefreshTokenRecord = PlainRecord<RefreshToken>;

@Injectable()
export class RefreshTokensRepository extends BaseRepository<RefreshToken> {
  constructor(@InjectModel(RefreshToken.name) model: Model<RefreshToken>) {
    super(model);
  }

  async store(token: { tokenHash: string; userId: string; familyId: string; expiresAt: Date }): Promise<void> {
    await this.model.create({ ...token, userId: new Types.ObjectId(token.userId), rotatedAt: null, revokedAt: null });
  }

  /**
   * Marks a live token as rotated and returns it; null when it is unknown, expired, revoked or
   * already rotated. The filter makes this atomic: of two concurrent refreshes only one wins.
   */
  async claimForRotation(tokenHash: string, now: Date): Promise<RefreshTokenRecord | null> {
    const claimed = await this.model
      .findOneAndUpdate(
        { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { rotatedAt: now } },
        { new: true },
      )
      .lean<RefreshToken & { _id: Types.ObjectId }>()
      .exec();
    return claimed ? toRecord<RefreshToken>(claimed) : null;
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const token = await this.model.findOne({ tokenHash }).lean<RefreshToken & { _id: Types.ObjectId }>().exec();
    return token ? toRecord<RefreshToken>(token) : null;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.model.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } }).exec();
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    await this.model
      .updateMany({ userId: new Types.ObjectId(userId), revokedAt: null }, { $set: { revokedAt: now } })
      .exec();
  }

  async listForUser(userId: string): Promise<RefreshTokenRecord[]> {
    const tokens = await this.model
      .find({ userId: new Types.ObjectId(userId) })
      .lean<(RefreshToken & { _id: Types.ObjectId })[]>()
      .exec();
    return tokens.map((token) => toRecord<RefreshToken>(token));
  }

  async deleteAllForUser(userId: string): Promise<void> {
    await this.model.deleteMany({ userId: new Types.ObjectId(userId) }).exec();
  }
}
