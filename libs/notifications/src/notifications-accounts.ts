import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { DigestsRepository } from './digests/digests.repository.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { PreferencesService } from './preferences/preferences.service.js';

/** A member's notifications and preferences go into their data export, and with their account (their digests too). */
@Injectable()
export class NotificationsAccounts implements AccountParticipant, OnModuleInit {
  readonly section = 'notifications';

  constructor(
    private readonly participants: AccountParticipants,
    private readonly notifications: NotificationsService,
    private readonly preferences: PreferencesService,
    private readonly digests: DigestsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async exportData(userId: string): Promise<unknown> {
    return {
      preferences: await this.preferences.get(userId),
      notifications: await this.notifications.exportFor(userId),
    };
  }

  async erase(userId: string): Promise<void> {
    await this.notifications.eraseFor(userId);
    await this.preferences.eraseFor(userId);
    await this.digests.eraseFor(userId);
  }
}
