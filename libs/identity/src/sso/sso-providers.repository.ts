import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { SsoProvider, type SsoProviderRecord, SsoProviderSecret } from './sso-provider.schema.js';

export type NewSsoProvider = Omit<SsoProvider, 'createdAt' | 'updatedAt'>;
export type SsoProviderChanges = Partial<Omit<NewSsoProvider, 'slug'>>;

@Injectable()
export class SsoProvidersRepository extends BaseRepository<SsoProvider> {
  constructor(@InjectModel(SsoProvider.name) model: Model<SsoProvider>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the slug is taken. */
  create(provider: NewSsoProvider): Promise<SsoProviderRecord> {
    return this.insertOne(provider);
  }

  findBySlug(slug: string): Promise<SsoProviderRecord | null> {
    return this.findOne({ slug });
  }

  findEnabled(slug: string): Promise<SsoProviderRecord | null> {
    return this.findOne({ slug, enabled: true });
  }

  list(): Promise<SsoProviderRecord[]> {
    return this.findMany({}, { slug: 1 });
  }

  listEnabled(): Promise<SsoProviderRecord[]> {
    return this.findMany({ enabled: true }, { slug: 1 });
  }

  /** An enabled provider that turns passwords off for this email domain, or null. */
  passwordlessFor(domain: string): Promise<SsoProviderRecord | null> {
    return this.findOne({ allowedDomains: domain, passwordSignInDisabled: true, enabled: true });
  }

  update(slug: string, changes: SsoProviderChanges): Promise<SsoProviderRecord | null> {
    return this.updateOneAndGet({ slug }, { $set: changes });
  }

  delete(slug: string): Promise<boolean> {
    return this.deleteOne({ slug });
  }
}

@Injectable()
export class SsoProviderSecretsRepository extends BaseRepository<SsoProviderSecret> {
  constructor(@InjectModel(SsoProviderSecret.name) model: Model<SsoProviderSecret>) {
    super(model);
  }

  set(providerSlug: string, clientSecret: string): Promise<void> {
    return this.upsert({ providerSlug }, { $set: { clientSecret } });
  }

  async find(providerSlug: string): Promise<string | null> {
    return (await this.findOne({ providerSlug }))?.clientSecret ?? null;
  }

  async delete(providerSlug: string): Promise<void> {
    await this.deleteOne({ providerSlug });
  }
}
