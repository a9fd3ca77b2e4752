import { Injectable } from '@nestjs/common';
import { ApiError, pageRequest } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import type {
  NotificationListQuery,
  NotificationPage,
  NotificationView,
  ReadAllResult,
} from './dto/notification.dto.js';
import { NotificationViews } from './notification-views.js';
import { NotificationsRepository } from './notifications.repository.js';

/** A member's own notifications: nobody else's are ever read or changed here. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly views: NotificationViews,
  ) {}

  async list(principal: Principal, query: NotificationListQuery): Promise<NotificationPage> {
    const [page, unreadTotal] = await Promise.all([
      this.notifications.list(principal.id, query.unread === true, pageRequest(query)),
      this.notifications.countUnread(principal.id),
    ]);
    return { items: await this.views.of(page.items), nextCursor: page.nextCursor, unreadTotal };
  }

  /** Idempotent: reading it again keeps when it was first read. */
  async read(principal: Principal, id: string): Promise<NotificationView> {
    const notification = await this.notifications.markRead(principal.id, id, new Date());
    if (!notification) throw ApiError.notFound('Notification');
    return (await this.views.of([notification]))[0];
  }

  async readAll(principal: Principal): Promise<ReadAllResult> {
    return { updated: await this.notifications.markAllRead(principal.id, new Date()) };
  }

  async exportFor(userId: string): Promise<NotificationView[]> {
    return this.views.of(await this.notifications.allFor(userId));
  }

  async eraseFor(userId: string): Promise<void> {
    await this.notifications.eraseFor(userId);
  }
}
