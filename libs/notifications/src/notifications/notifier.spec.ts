import { describe, expect, it } from '@jest/globals';
import type { ProfilesService } from '@plenary/community';
import type { Broadcaster } from '@plenary/realtime';
import type { PreferenceRecord } from '../preferences/preference.schema.js';
import type { PreferencesRepository } from '../preferences/preferences.repository.js';
import { PreferencesService } from '../preferences/preferences.service.js';
import type { NotificationRecord } from './notification.schema.js';
import { NotificationViews } from './notification-views.js';
import type { NewNotification, NotificationsRepository } from './notifications.repository.js';
import { Notifier } from './notifier.js';

/** In-memory stand-ins: stored notifications, one member's preferences, the sockets' emits. */
function setUp(preferences: Partial<PreferenceRecord>[] = []) {
  const stored: NotificationRecord[] = [];
  const emitted: { room: string; event: string; payload: unknown; storedBefore: number }[] = [];
  const notifications = {
    create: async (notification: NewNotification) => {
      const record = { ...notification, id: `n${stored.length + 1}`, read: false, readAt: null, createdAt: new Date() };
      stored.push(record);
      return record;
    },
  } as unknown as NotificationsRepository;
  const preferencesRepository = {
    findForUsers: async (ids: string[]) => preferences.filter((p) => ids.includes(p.userId as string)),
  } as unknown as PreferencesRepository;
  const profiles = {
    authorNames: async (ids: string[]) => new Map(ids.map((id) => [id, { id, displayName: `Name of ${id}` }])),
  } as unknown as ProfilesService;
  const broadcaster = {
    emit: (room: string, event: string, payload: unknown) =>
      emitted.push({ room, event, payload, storedBefore: stored.length }),
  } as unknown as Broadcaster;
  const notifier = new Notifier(
    notifications,
    new PreferencesService(preferencesRepository),
    new NotificationViews(profiles),
    broadcaster,
  );
  return { notifier, stored, emitted };
}

describe('Notifier', () => {
  it('stores each notification, then sends its view to the recipient’s user room', async () => {
    const { notifier, stored, emitted } = setUp();
    await notifier.notify([
      { recipientId: 'ana', kind: 'mention', actorId: 'ben', threadId: 't1', postId: 'p1', text: 'Remittances' },
      { recipientId: 'cy', kind: 'group_invitation', actorId: 'ben', groupId: 'g1', text: 'Returns network' },
    ]);
    expect(stored.map((record) => [record.recipientId, record.kind])).toEqual([
      ['ana', 'mention'],
      ['cy', 'group_invitation'],
    ]);
    expect(stored[1]).toMatchObject({ threadId: null, postId: null, sessionId: null, action: null, reason: null });
    expect(emitted.map(({ room, event, storedBefore }) => [room, event, storedBefore])).toEqual([
      ['user:ana', 'notification:created', 2],
      ['user:cy', 'notification:created', 2],
    ]);
    expect(emitted[0].payload).toEqual({
      notification: {
        id: 'n1',
        kind: 'mention',
        actor: { id: 'ben', displayName: 'Name of ben' },
        threadId: 't1',
        postId: 'p1',
        groupId: null,
        sessionId: null,
        pledgeId: null,
        itemKind: null,
        itemId: null,
        text: 'Remittances',
        action: null,
        reason: null,
        read: false,
        readAt: null,
        createdAt: stored[0].createdAt,
      },
    });
  });

  it('stores nothing of a kind the recipient turned off, and keeps the kinds they left on', async () => {
    const { notifier, stored, emitted } = setUp([{ userId: 'ana', kinds: { reply: false, mention: true } }]);
    await notifier.notify([
      { recipientId: 'ana', kind: 'reply', actorId: 'ben', text: 'Remittances' },
      { recipientId: 'ana', kind: 'mention', actorId: 'ben', text: 'Remittances' },
      { recipientId: 'ana', kind: 'accepted_answer', actorId: 'ben', text: 'Remittances' },
      { recipientId: 'cy', kind: 'reply', actorId: 'ben', text: 'Remittances' },
    ]);
    expect(stored.map((record) => `${record.recipientId} ${record.kind}`)).toEqual([
      'ana mention',
      'ana accepted_answer',
      'cy reply',
    ]);
    expect(emitted).toHaveLength(3);
  });

  it('never tells someone of their own act', async () => {
    const { notifier, stored, emitted } = setUp();
    await notifier.notify([{ recipientId: 'ben', kind: 'group_invitation', actorId: 'ben', text: 'Returns network' }]);
    expect(stored).toEqual([]);
    expect(emitted).toEqual([]);
  });
});
