import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import {
  SsoAttempt,
  type SsoAttemptRecord,
  SsoLinkRequest,
  type SsoLinkRequestRecord,
  SsoSignInCode,
  type SsoSignInCodeRecord,
} from './sso-flow.schema.js';

/** There are no TTL indexes on every server we run on: each kind clears its expired documents when a new one is made. */
@Injectable()
export class SsoAttemptsRepository extends BaseRepository<SsoAttempt> {
  constructor(@InjectModel(SsoAttempt.name) model: Model<SsoAttempt>) {
    super(model);
  }

  async create(attempt: SsoAttempt): Promise<void> {
    await this.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.insertOne(attempt);
  }

  /** The unexpired attempt, deleted as it is taken: null when unknown, expired or taken by someone else. */
  async take(stateHash: string): Promise<SsoAttemptRecord | null> {
    const attempt = await this.findOne({ stateHash, expiresAt: { $gt: new Date() } });
    return attempt && (await this.deleteOne({ stateHash })) ? attempt : null;
  }
}

@Injectable()
export class SsoSignInCodesRepository extends BaseRepository<SsoSignInCode> {
  constructor(@InjectModel(SsoSignInCode.name) model: Model<SsoSignInCode>) {
    super(model);
  }

  async create(code: { codeHash: string; userId: string; familyId: string; expiresAt: Date }): Promise<void> {
    await this.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.insertOne(code);
  }

  findUnexpired(codeHash: string): Promise<SsoSignInCodeRecord | null> {
    return this.findOne({ codeHash, expiresAt: { $gt: new Date() } });
  }

  async delete(codeHash: string): Promise<void> {
    await this.deleteOne({ codeHash });
  }
}

@Injectable()
export class SsoLinkRequestsRepository extends BaseRepository<SsoLinkRequest> {
  constructor(@InjectModel(SsoLinkRequest.name) model: Model<SsoLinkRequest>) {
    super(model);
  }

  async create(request: {
    tokenHash: string;
    providerSlug: string;
    subject: string;
    userId: string;
    email: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.insertOne(request);
  }

  findUnexpired(tokenHash: string): Promise<SsoLinkRequestRecord | null> {
    return this.findOne({ tokenHash, expiresAt: { $gt: new Date() } });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.deleteOne({ tokenHash });
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }

  async deleteForProvider(providerSlug: string): Promise<void> {
    await this.deleteMany({ providerSlug });
  }
}
