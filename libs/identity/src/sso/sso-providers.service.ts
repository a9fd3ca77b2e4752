import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiError, AppConfig, sentFields } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { PasswordSignInPolicy, type PasswordSignInRule } from '../credentials/password-sign-in-policy.js';
import type {
  CreateSsoProviderDto,
  SsoProviderOption,
  SsoProviderView,
  UpdateSsoProviderDto,
} from './dto/sso-provider.dto.js';
import { domainOf } from './sso-claims.js';
import { SsoLinkRequestsRepository } from './sso-flows.repository.js';
import { SsoIdentitiesRepository } from './sso-identities.repository.js';
import { OidcClients } from './oidc-clients.js';
import type { SsoProviderRecord } from './sso-provider.schema.js';
import {
  type SsoProviderChanges,
  SsoProviderSecretsRepository,
  SsoProvidersRepository,
} from './sso-providers.repository.js';

/** The providers admins configure, the sign-in buttons everyone sees, and the domains whose passwords they turn off. */
@Injectable()
export class SsoProvidersService implements PasswordSignInRule, OnModuleInit {
  constructor(
    private readonly providers: SsoProvidersRepository,
    private readonly secrets: SsoProviderSecretsRepository,
    private readonly identities: SsoIdentitiesRepository,
    private readonly linkRequests: SsoLinkRequestsRepository,
    private readonly clients: OidcClients,
    private readonly passwordPolicy: PasswordSignInPolicy,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.passwordPolicy.register(this);
  }

  async list(): Promise<SsoProviderView[]> {
    return (await this.providers.list()).map((provider) => this.view(provider));
  }

  async listEnabled(): Promise<SsoProviderOption[]> {
    return (await this.providers.listEnabled()).map(({ slug, name }) => ({ id: slug, name }));
  }

  async get(id: string): Promise<SsoProviderView> {
    return this.view(await this.existing(id));
  }

  async create(dto: CreateSsoProviderDto): Promise<SsoProviderView> {
    this.assertIssuerAllowed(dto.issuer);
    let provider: SsoProviderRecord;
    try {
      provider = await this.providers.create({
        slug: dto.id,
        name: dto.name,
        issuer: dto.issuer,
        clientId: dto.clientId,
        allowedDomains: [...new Set(dto.allowedDomains ?? [])],
        defaultOrganisation: dto.defaultOrganisation ?? null,
        defaultOrganisationType: dto.defaultOrganisationType ?? null,
        passwordSignInDisabled: dto.passwordSignInDisabled ?? false,
        trustEmail: dto.trustEmail ?? false,
        enabled: dto.enabled ?? true,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw ApiError.conflict('A provider with this id exists', [{ field: 'id', problem: 'is taken' }]);
      }
      throw error;
    }
    try {
      await this.secrets.set(provider.slug, dto.clientSecret);
    } catch (error) {
      await this.providers.delete(provider.slug);
      throw error;
    }
    return this.view(provider);
  }

  async update(id: string, dto: UpdateSsoProviderDto): Promise<SsoProviderView> {
    const before = await this.existing(id);
    const { clientSecret, ...sent } = sentFields(dto);
    if (Object.keys(sent).length === 0 && clientSecret === undefined) {
      throw ApiError.badRequest('Nothing to change: send at least one field');
    }
    if (sent.issuer !== undefined) this.assertIssuerAllowed(sent.issuer);
    const changes: SsoProviderChanges = { ...sent };
    if (sent.allowedDomains) changes.allowedDomains = [...new Set(sent.allowedDomains)];
    if (clientSecret !== undefined) await this.secrets.set(id, clientSecret);
    const updated = await this.providers.update(id, changes);
    if (!updated) throw ApiError.notFound('Sign-in provider');
    if (updated.issuer !== before.issuer) await this.forgetIdentities(id);
    return this.view(updated);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.providers.delete(id))) throw ApiError.notFound('Sign-in provider');
    await this.secrets.delete(id);
    await this.forgetIdentities(id);
  }

  /** Password sign-in's rule: an enabled provider that turns passwords off for the address's domain. */
  async signInInsteadWith(email: string): Promise<string | null> {
    const domain = domainOf(email);
    return domain ? ((await this.providers.passwordlessFor(domain))?.name ?? null) : null;
  }

  private async existing(id: string): Promise<SsoProviderRecord> {
    const provider = await this.providers.findBySlug(id);
    if (!provider) throw ApiError.notFound('Sign-in provider');
    return provider;
  }

  /**
   * Subjects are unique within one issuer only: once a provider is deleted or points to another
   * issuer, its links (and pending link requests) could name someone else's identity.
   */
  private async forgetIdentities(id: string): Promise<void> {
    await this.identities.deleteForProvider(id);
    await this.linkRequests.deleteForProvider(id);
  }

  private assertIssuerAllowed(issuer: string): void {
    if (this.config.isProduction && !issuer.startsWith('https:')) {
      throw ApiError.invalidField('issuer', 'must be an https URL');
    }
  }

  private view(provider: SsoProviderRecord): SsoProviderView {
    return {
      id: provider.slug,
      name: provider.name,
      issuer: provider.issuer,
      clientId: provider.clientId,
      allowedDomains: provider.allowedDomains,
      defaultOrganisation: provider.defaultOrganisation,
      defaultOrganisationType: provider.defaultOrganisationType,
      passwordSignInDisabled: provider.passwordSignInDisabled,
      trustEmail: provider.trustEmail,
      enabled: provider.enabled,
      redirectUri: this.clients.redirectUri(provider.slug),
      createdAt: provider.createdAt,
      updatedAt: provider.updatedAt,
    };
  }
}
