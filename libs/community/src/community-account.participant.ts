import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { type AccountParticipant, AccountParticipants, type AccountSummary } from '@plenary/identity';
import { MembersService } from './members/members.service.js';
import { MembershipsService } from './memberships/memberships.service.js';

/** The community's part in an account's life: its profile and memberships. */
@Injectable()
export class CommunityAccountParticipant implements AccountParticipant, OnModuleInit {
  readonly section = 'community';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly members: MembersService,
    private readonly memberships: MembershipsService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async accountCreated(account: AccountSummary): Promise<void> {
    await this.members.ensureProfile(account.id, account.displayName);
  }

  async accountRenamed(account: AccountSummary): Promise<void> {
    await this.members.renamed(account.id, account.displayName);
  }

  async exportData(userId: string): Promise<unknown> {
    return { profile: await this.members.exportOwn(userId), ...(await this.memberships.exportFor(userId)) };
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
    await this.members.erase(userId);
  }
}
