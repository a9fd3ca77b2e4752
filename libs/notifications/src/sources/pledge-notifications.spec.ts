import { describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@plenary/core';
import { PledgeProgressReported } from '@plenary/pledges';
import type { NotificationDraft, Notifier } from '../notifications/notifier.js';
import { PledgeNotifications } from './pledge-notifications.js';

/** The source on a real event bus, its notifier recording each batch it is asked to notify. */
function setUp() {
  const events = new DomainEvents();
  const batches: NotificationDraft[][] = [];
  const notifier = { notify: async (batch: NotificationDraft[]) => void batches.push(batch) } as unknown as Notifier;
  const source = new PledgeNotifications(events, notifier);
  source.onModuleInit();
  return { events, batches };
}

describe('PledgeNotifications', () => {
  it('tells every follower of the pledge, in one batch, naming the pledge by its title and the reporter as actor', async () => {
    const { events, batches } = setUp();
    await events.publish(PledgeProgressReported, {
      pledgeId: 'p1',
      updateId: 'u1',
      title: 'End child detention',
      authorId: 'rep',
      followerIds: ['ana', 'ben'],
    });
    expect(batches).toEqual([
      [
        { recipientId: 'ana', kind: 'pledge_update', actorId: 'rep', pledgeId: 'p1', text: 'End child detention' },
        { recipientId: 'ben', kind: 'pledge_update', actorId: 'rep', pledgeId: 'p1', text: 'End child detention' },
      ],
    ]);
  });

  it('notifies nobody when nobody follows', async () => {
    const { events, batches } = setUp();
    await events.publish(PledgeProgressReported, {
      pledgeId: 'p1',
      updateId: 'u1',
      title: 'End child detention',
      authorId: 'rep',
      followerIds: [],
    });
    expect(batches).toEqual([]);
  });
});
