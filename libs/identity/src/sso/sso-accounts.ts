import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccountParticipant, AccountParticipants } from '../users/account-participants.js';
import { SsoLinkRequestsRepository } from './sso-flows.repository.js';
import { SsoIdentitiesRepository } from './sso-identities.repository.js';

/** Single sign-on's part in an account's data export and deletion: the identities linked to it. */
@Injectable()
export class SsoAccounts implements AccountParticipant, OnModuleInit {
  readonly section = 'singleSignOn';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly identities: SsoIdentitiesRepository,
    private readonly linkRequests: SsoLinkRequestsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async exportData(userId: string): Promise<unknown> {
    const identities = await this.identities.listForUser(userId);
    return {
      linkedIdentities: identities.map(({ providerSlug, subject, email, linkedAt }) => ({
        provider: providerSlug,
        subject,
        email,
        linkedAt,
      })),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.identities.deleteForUser(userId);
    await this.linkRequests.deleteForUser(userId);
  }
}
