import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository, DuplicateKeyError } from '@plenary/database';
import type { Model } from 'mongoose';
import {
  AccountToken,
  type AccountTokenPurpose,
  type AccountTokenRecord,
  AccountTokenUse,
} from './account-token.schema.js';

export interface NewAccountToken {
  tokenHash: string;
  purpose: AccountTokenPurpose;
  userId: string;
  email: string;
  expiresAt: Date;
}

@Injectable()
export class AccountTokensRepository extends BaseRepository<AccountToken> {
  constructor(@InjectModel(AccountToken.name) model: Model<AccountToken>) {
    super(model);
  }

  async store(token: NewAccountToken): Promise<void> {
    await this.insertOne(token);
  }

  /** The token with this hash, if it is for one of the purposes and has not expired. */
  findValid(
    tokenHash: string,
    purposes: readonly AccountTokenPurpose[],
    now: Date,
  ): Promise<AccountTokenRecord | null> {
    return this.findOne({ tokenHash, purpose: { $in: purposes }, expiresAt: { $gt: now } });
  }

  async voidFor(userId: string, purposes: readonly AccountTokenPurpose[]): Promise<void> {
    await this.deleteMany({ userId, purpose: { $in: purposes } });
  }

  async deleteExpiredFor(userId: string, now: Date): Promise<void> {
    await this.deleteMany({ userId, expiresAt: { $lte: now } });
  }

  async deleteAllFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.deleteOne({ tokenHash });
  }
}

@Injectable()
export class AccountTokenUsesRepository extends BaseRepository<AccountTokenUse> {
  constructor(@InjectModel(AccountTokenUse.name) model: Model<AccountTokenUse>) {
    super(model);
  }

  /** True for the one caller that records the use; false when the token was used before (or at the same moment). */
  async claim(tokenHash: string, now: Date): Promise<boolean> {
    try {
      await this.insertOne({ tokenHash, usedAt: now });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  /** Uses older than every token's lifetime guard nothing: their tokens have expired anyway. */
  async forgetBefore(cutoff: Date): Promise<void> {
    await this.deleteMany({ usedAt: { $lt: cutoff } });
  }
}
