import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { NotificationSchema } from './notifications/notification.schema.js';
import { NotificationPreferenceSchema } from './preferences/preference.schema.js';

describe('notifications schemas', () => {
  // Ids arrive as strings; mongoose casts them in filters only on ObjectId paths.
  it.each([
    ['Notification.recipientId', NotificationSchema, 'recipientId'],
    ['Notification.actorId', NotificationSchema, 'actorId'],
    ['Notification.threadId', NotificationSchema, 'threadId'],
    ['Notification.postId', NotificationSchema, 'postId'],
    ['Notification.groupId', NotificationSchema, 'groupId'],
    ['Notification.sessionId', NotificationSchema, 'sessionId'],
    ['Notification.itemId', NotificationSchema, 'itemId'],
    ['NotificationPreference.userId', NotificationPreferenceSchema, 'userId'],
  ] as const)('declares %s as an ObjectId path', (_name, schema, path) => {
    expect((schema as Schema).path(path).instance).toBe('ObjectId');
  });

  it('indexes the list and the unread count by always-set fields only', () => {
    expect(NotificationSchema.indexes()).toEqual([
      [{ recipientId: 1, _id: -1 }, {}],
      [{ recipientId: 1, read: 1, _id: -1 }, {}],
    ]);
    expect(NotificationSchema.path('read').isRequired).toBe(true);
    expect(NotificationPreferenceSchema.indexes()).toEqual([[{ userId: 1 }, { unique: true }]]);
  });
});
