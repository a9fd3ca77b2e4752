import { Injectable } from '@nestjs/common';
import { Broadcaster, room } from '@plenary/realtime';
import type { NotificationKind } from '../model/notification-kinds.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import type { NotificationServerEvents } from './notification-events.js';
import type { NotificationRecord } from './notification.schema.js';
import { NotificationViews } from './notification-views.js';
import { NotificationsRepository } from './notifications.repository.js';

/** What a source asks to notify: a recipient it has checked may read what it is about. */
export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  actorId: string | null;
  text: string | null;
  threadId?: string | null;
  postId?: string;
  groupId?: string | null;
  sessionId?: string | null;
  pledgeId?: string | null;
  itemKind?: string | null;
  itemId?: string | null;
  action?: string;
  reason?: string | null;
}

/** Stores notifications and delivers them live; every source goes through it. */
@Injectable()
export class Notifier {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly preferences: PreferencesService,
    private readonly views: NotificationViews,
    private readonly broadcaster: Broadcaster,
  ) {}

  /**
   * Stores each draft whose recipient has its kind on (nobody hears of their own act), then sends
   * each to its recipient's sockets on every instance.
   */
  async notify(drafts: NotificationDraft[]): Promise<void> {
    const wanted = await this.preferences.wanted(drafts.filter((draft) => draft.recipientId !== draft.actorId));
    const stored: NotificationRecord[] = [];
    for (const draft of wanted) {
      stored.push(
        await this.notifications.create({
          threadId: null,
          postId: null,
          groupId: null,
          sessionId: null,
          pledgeId: null,
          itemKind: null,
          itemId: null,
          action: null,
          reason: null,
          ...draft,
        }),
      );
    }
    const views = await this.views.of(stored);
    views.forEach((notification, index) =>
      this.broadcaster.emit<NotificationServerEvents>(room.user(stored[index].recipientId), 'notification:created', {
        notification,
      }),
    );
  }
}
