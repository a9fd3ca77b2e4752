import { Injectable } from '@nestjs/common';
import { type AuthorName, ProfilesService } from '@plenary/community';
import type { NotificationView } from './dto/notification.dto.js';
import type { NotificationRecord } from './notification.schema.js';

/** The one view of a notification, for the REST list and the live event alike. */
@Injectable()
export class NotificationViews {
  constructor(private readonly profiles: ProfilesService) {}

  async of(notifications: NotificationRecord[]): Promise<NotificationView[]> {
    const actorIds = notifications.flatMap((notification) => (notification.actorId ? [notification.actorId] : []));
    const names = actorIds.length > 0 ? await this.profiles.authorNames(actorIds) : new Map<string, AuthorName>();
    return notifications.map((notification) => ({
      id: notification.id,
      kind: notification.kind,
      actor: notification.actorId ? (names.get(notification.actorId) ?? null) : null,
      threadId: notification.threadId,
      postId: notification.postId,
      groupId: notification.groupId,
      // notifications stored before sessions were named have no such field (reads are lean)
      sessionId: notification.sessionId ?? null,
      pledgeId: notification.pledgeId ?? null,
      itemKind: notification.itemKind ?? null,
      itemId: notification.itemId ?? null,
      text: notification.text,
      action: notification.action,
      reason: notification.reason,
      read: notification.read,
      readAt: notification.readAt,
      createdAt: notification.createdAt,
    }));
  }
}
