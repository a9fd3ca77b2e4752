import { type DynamicModule, Module } from '@nestjs/common';
import { CommunityModule } from '@plenary/community';
import { ConsultationsModule } from '@plenary/consultations';
import { AppConfig, CoreModule } from '@plenary/core';
import { DatabaseModule, RedisModule } from '@plenary/database';
import { FilesModule } from '@plenary/files';
import { ForumModule } from '@plenary/forum';
import { MailModule } from '@plenary/mail';
import { IdentityModule } from '@plenary/identity';
import { LibraryModule } from '@plenary/library';
import { LiveModule } from '@plenary/live';
import { ModerationModule } from '@plenary/moderation';
import { NotificationsModule } from '@plenary/notifications';
import { PledgesModule } from '@plenary/pledges';
import { RealtimeModule } from '@plenary/realtime';
import { HealthController } from './health/health.controller.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        MailModule,
        IdentityModule,
        RealtimeModule,
        CommunityModule,
        ForumModule,
        FilesModule,
        LibraryModule,
        LiveModule,
        PledgesModule,
        ConsultationsModule,
        ModerationModule,
        NotificationsModule,
      ],
      controllers: [HealthController],
    };
  }
}
