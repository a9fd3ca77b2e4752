import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { NotificationKind } from '../model/notification-kinds.js';
import { Notification, type NotificationRecord } from './notification.schema.js';

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  actorId: string | null;
  threadId: string | null;
  postId: string | null;
  groupId: string | null;
  sessionId: string | null;
  pledgeId: string | null;
  itemKind: string | null;
  itemId: string | null;
  text: string | null;
  action: string | null;
  reason: string | null;
}

@Injectable()
export class NotificationsRepository extends BaseRepository<Notification> {
  constructor(@InjectModel(Notification.name) model: Model<Notification>) {
    super(model);
  }

  create(notification: NewNotification): Promise<NotificationRecord> {
    return this.insertOne({ ...notification, read: false, readAt: null });
  }

  /** The member's notifications, newest first; only the unread ones when asked. */
  list(recipientId: string, unreadOnly: boolean, page: PageRequest): Promise<Page<NotificationRecord>> {
    return this.paginate(
      unreadOnly ? { recipientId, read: false } : { recipientId },
      { field: '_id', direction: -1 },
      page,
    );
  }

  countUnread(recipientId: string): Promise<number> {
    return this.count({ recipientId, read: false });
  }

  /** The member's notifications made in (since, until] and still unread, newest first. */
  unreadIn(recipientId: string, window: { since: Date; until: Date }, limit: number): Promise<NotificationRecord[]> {
    return this.findMany(unreadInWindow(recipientId, window), { createdAt: -1 }, limit);
  }

  countUnreadIn(recipientId: string, window: { since: Date; until: Date }): Promise<number> {
    return this.count(unreadInWindow(recipientId, window));
  }

  /** Marks one of the member's notifications read (keeping when it first was); null when it is not theirs. */
  async markRead(recipientId: string, id: string, at: Date): Promise<NotificationRecord | null> {
    return (
      (await this.updateOneAndGet({ _id: id, recipientId, read: false }, { $set: { read: true, readAt: at } })) ??
      this.findOne({ _id: id, recipientId })
    );
  }

  markAllRead(recipientId: string, at: Date): Promise<number> {
    return this.updateMany({ recipientId, read: false }, { $set: { read: true, readAt: at } });
  }

  allFor(recipientId: string): Promise<NotificationRecord[]> {
    return this.findMany({ recipientId }, { _id: -1 });
  }

  async eraseFor(recipientId: string): Promise<void> {
    await this.deleteMany({ recipientId });
  }
}

function unreadInWindow(recipientId: string, { since, until }: { since: Date; until: Date }) {
  return { recipientId, read: false, createdAt: { $gt: since, $lte: until } };
}
