import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiError, DomainEvents } from '@plenary/core';
import {
  AccountCreated,
  type AccountParticipant,
  AccountParticipants,
  AccountRenamed,
  type Principal,
  SsoAccountCreated,
} from '@plenary/identity';
import { exportedEmailInvitations } from './groups/email-invitation.js';
import { GroupEmailInvitationsRepository } from './groups/group-email-invitations.repository.js';
import { MembershipsService } from './groups/memberships.service.js';
import { ProfilesService } from './profiles/profiles.service.js';

/**
 * The community's part in an account's life. It hears of new and renamed accounts (a profile is
 * made, its copy of the name follows), and takes part in the owner's data export and deletion
 * (profile, memberships, invitations by email).
 */
@Injectable()
export class CommunityAccounts implements AccountParticipant, OnModuleInit {
  readonly section = 'community';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly events: DomainEvents,
    private readonly profiles: ProfilesService,
    private readonly memberships: MembershipsService,
    private readonly invitations: GroupEmailInvitationsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    // A failure here leaves no account without a profile for long: one is made on first use.
    this.events.subscribe(AccountCreated, CommunityAccounts.name, ({ userId, displayName }) =>
      this.profiles.ensureProfile(userId, displayName),
    );
    this.events.subscribe(SsoAccountCreated, CommunityAccounts.name, ({ userId, organisation, organisationType }) =>
      this.profiles.setOrganisation(userId, organisation, organisationType),
    );
    this.events.subscribe(AccountRenamed, CommunityAccounts.name, ({ userId, displayName }) =>
      this.profiles.rename(userId, displayName),
    );
  }

  isVisibleTo(caller: Principal, userId: string): Promise<boolean> {
    return this.profiles.isVisibleTo(caller, userId);
  }

  async exportData(userId: string): Promise<unknown> {
    const invitations = await exportedEmailInvitations(this.invitations, userId, ({ groupId }) => ({ groupId }));
    return {
      profile: await this.profiles.exportOwn(userId),
      ...(await this.memberships.exportFor(userId)),
      groupInvitationsSent: invitations.sent,
      groupInvitationsAccepted: invitations.accepted,
    };
  }

  async assertErasable(userId: string): Promise<void> {
    const groups = await this.memberships.soleOwnerships(userId);
    if (groups.length === 0) return;
    throw ApiError.conflict(
      `You are the only owner of ${groups.map((group) => `"${group.name}"`).join(', ')}: ` +
        'make another member an owner, or delete the group, before deleting your account',
    );
  }

  async erase(userId: string): Promise<void> {
    await this.memberships.eraseFor(userId);
    await this.invitations.eraseFor(userId);
    await this.profiles.erase(userId);
  }
}
