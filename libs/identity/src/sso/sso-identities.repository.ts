import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { SsoIdentity, type SsoIdentityRecord } from './sso-identity.schema.js';

@Injectable()
export class SsoIdentitiesRepository extends BaseRepository<SsoIdentity> {
  constructor(@InjectModel(SsoIdentity.name) model: Model<SsoIdentity>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the provider's subject is linked already. */
  link(identity: { providerSlug: string; subject: string; userId: string; email: string }): Promise<SsoIdentityRecord> {
    return this.insertOne({ ...identity, linkedAt: new Date() });
  }

  find(providerSlug: string, subject: string): Promise<SsoIdentityRecord | null> {
    return this.findOne({ providerSlug, subject });
  }

  listForUser(userId: string): Promise<SsoIdentityRecord[]> {
    return this.findMany({ userId }, { linkedAt: 1 });
  }

  async unlink(providerSlug: string, subject: string): Promise<void> {
    await this.deleteOne({ providerSlug, subject });
  }

  async deleteForProvider(providerSlug: string): Promise<void> {
    await this.deleteMany({ providerSlug });
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
