import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import { UsersService } from './users.service.js';

/** Creates (or promotes) the first admin from ADMIN_EMAIL / ADMIN_PASSWORD at boot. */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeeder.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.admin) return;
    const { user, created } = await this.users.ensureAdmin(this.config.admin);
    this.logger.log(`${created ? 'Created' : 'Confirmed'} admin ${user.email}`);
  }
}
