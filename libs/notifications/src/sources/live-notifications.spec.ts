import { describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@plenary/core';
import { SessionStarted } from '@plenary/live';
import type { NotificationDraft, Notifier } from '../notifications/notifier.js';
import { LiveNotifications } from './live-notifications.js';

/** The source on a real event bus, its notifier recording each batch it is asked to notify. */
function setUp() {
  const events = new DomainEvents();
  const batches: NotificationDraft[][] = [];
  const notifier = { notify: async (batch: NotificationDraft[]) => void batches.push(batch) } as unknown as Notifier;
  const source = new LiveNotifications(events, notifier);
  source.onModuleInit();
  return { events, batches };
}

describe('LiveNotifications', () => {
  it('tells every registrant the session went live, in one batch, naming the session by its title', async () => {
    const { events, batches } = setUp();
    await events.publish(SessionStarted, { sessionId: 's1', title: 'Labour mobility', registrantIds: ['ana', 'ben'] });
    expect(batches).toEqual([
      [
        { recipientId: 'ana', kind: 'session_live', actorId: null, sessionId: 's1', text: 'Labour mobility' },
        { recipientId: 'ben', kind: 'session_live', actorId: null, sessionId: 's1', text: 'Labour mobility' },
      ],
    ]);
  });

  it('notifies nobody when nobody registered', async () => {
    const { events, batches } = setUp();
    await events.publish(SessionStarted, { sessionId: 's1', title: 'Labour mobility', registrantIds: [] });
    expect(batches).toEqual([]);
  });
});
