import { describe, expect, it } from '@jest/globals';
import type { Schema } from 'mongoose';
import { NotificationDigestSchema } from './digests/digest.schema.js';
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
    ['NotificationDigest.userId', NotificationDigestSchema, 'userId'],
  ] as const)('declares %s as an ObjectId path', (_name, schema, path) => {
    expect((schema as Schema).path(path).instance).toBe('ObjectId');
  });

  it('indexes the list, the unread count and the digests by always-set fields only', () => {
    expect(NotificationSchema.indexes()).toEqual([
      [{ recipientId: 1, _id: -1 }, {}],
      [{ recipientId: 1, read: 1, _id: -1 }, {}],
      [{ recipientId: 1, read: 1, createdAt: -1 }, {}],
    ]);
    expect(NotificationSchema.path('read').isRequired).toBe(true);
    expect(NotificationPreferenceSchema.indexes()).toEqual([
      [{ userId: 1 }, { unique: true }],
      [{ digest: 1, _id: 1 }, {}],
    ]);
    expect(NotificationPreferenceSchema.path('digest').isRequired).toBe(true);
  });

  it('lets one digest per member and period through, on fields that are always set', () => {
    expect(NotificationDigestSchema.indexes()).toContainEqual([{ userId: 1, period: 1 }, { unique: true }]);
    for (const path of ['userId', 'period', 'since', 'until']) {
      expect(NotificationDigestSchema.path(path).isRequired).toBe(true);
    }
  });
});
