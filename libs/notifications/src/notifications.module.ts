import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { ForumModule } from '@plenary/forum';
import { IdentityModule } from '@plenary/identity';
import { MailModule } from '@plenary/mail';
import { RealtimeModule } from '@plenary/realtime';
import { NotificationDigest, NotificationDigestSchema } from './digests/digest.schema.js';
import { Digests } from './digests/digests.js';
import { DigestsRepository } from './digests/digests.repository.js';
import { UnsubscribeController } from './digests/unsubscribe.controller.js';
import { UnsubscribeTokens } from './digests/unsubscribe-tokens.js';
import { Unsubscriptions } from './digests/unsubscriptions.js';
import { NotificationsAccounts } from './notifications-accounts.js';
import { Notification, NotificationSchema } from './notifications/notification.schema.js';
import { NotificationViews } from './notifications/notification-views.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationsRepository } from './notifications/notifications.repository.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { Notifier } from './notifications/notifier.js';
import { NotificationPreference, NotificationPreferenceSchema } from './preferences/preference.schema.js';
import { PreferencesController } from './preferences/preferences.controller.js';
import { PreferencesRepository } from './preferences/preferences.repository.js';
import { PreferencesService } from './preferences/preferences.service.js';
import { ForumNotifications } from './sources/forum-notifications.js';
import { GroupNotifications } from './sources/group-notifications.js';
import { LiveNotifications } from './sources/live-notifications.js';
import { LibraryNotifications } from './sources/library-notifications.js';
import { ModerationNotifications } from './sources/moderation-notifications.js';
import { PledgeNotifications } from './sources/pledge-notifications.js';

/**
 * Per-member notifications, fed by the domain events of the forum, the community, moderation and
 * live sessions (none of which imports this lib), delivered live to the member's user room; their
 * preferences; the email digests of what a member has not read, with their unsubscribe links.
 */
@Module({
  imports: [
    IdentityModule,
    RealtimeModule,
    CommunityModule,
    ForumModule,
    MailModule,
    MongooseModule.forFeature([
      { name: Notification.name, schema: NotificationSchema },
      { name: NotificationPreference.name, schema: NotificationPreferenceSchema },
      { name: NotificationDigest.name, schema: NotificationDigestSchema },
    ]),
  ],
  controllers: [NotificationsController, PreferencesController, UnsubscribeController],
  providers: [
    Digests,
    DigestsRepository,
    ForumNotifications,
    GroupNotifications,
    LibraryNotifications,
    LiveNotifications,
    ModerationNotifications,
    PledgeNotifications,
    NotificationsAccounts,
    NotificationsRepository,
    NotificationsService,
    NotificationViews,
    Notifier,
    PreferencesRepository,
    PreferencesService,
    UnsubscribeTokens,
    Unsubscriptions,
  ],
})
export class NotificationsModule {}
