import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import {
  addToGroup,
  API,
  closeSockets,
  connectSocket,
  createGroup,
  expectStatus,
  pause,
  startForumApp,
  uniqueName,
} from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { register, type SignedIn } from './support/users.js';

interface NotificationBody {
  id: string;
  kind: string;
  actor: { id: string | null; displayName: string } | null;
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
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

const HOUR = 60 * 60 * 1000;
const soon = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

let app: TestApp;

beforeAll(async () => {
  app = await startForumApp('live_notifications');
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => closeSockets());

async function createSession(
  host: SignedIn,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; title: string }> {
  const title = uniqueName('Live session');
  const response = await app.http
    .post(`${API}/live/sessions`)
    .set(host.auth)
    .send({ title, startsAt: soon(1), endsAt: soon(2), timezone: 'UTC', format: 'online', ...extra });
  expectStatus(response, 201, 'create a session');
  return { id: (response.body as { id: string }).id, title };
}

async function registerFor(sessionId: string, member: SignedIn): Promise<void> {
  const response = await app.http
    .post(`${API}/live/sessions/${sessionId}/registration`)
    .set(member.auth)
    .send({ mode: 'remote' });
  expectStatus(response, 201, 'register');
  expect(response.body).toEqual({ mode: 'remote', status: 'registered' });
}

async function start(sessionId: string, host: SignedIn): Promise<void> {
  const response = await app.http.post(`${API}/live/sessions/${sessionId}/start`).set(host.auth);
  expectStatus(response, 200, 'start');
  expect(response.body).toMatchObject({ status: 'live' });
}

async function notificationsOf(member: SignedIn): Promise<NotificationBody[]> {
  const response = await app.http.get(`${API}/notifications`).query({ limit: 100 }).set(member.auth);
  expectStatus(response, 200, 'list notifications');
  return (response.body as { items: NotificationBody[] }).items;
}

/** A socket of the member's that records every notification it hears, and when. */
async function listen(member: SignedIn): Promise<{ at: number; notification: NotificationBody }[]> {
  const socket = await connectSocket(app, member);
  const heard: { at: number; notification: NotificationBody }[] = [];
  socket.on('notification:created', ({ notification }: { notification: NotificationBody }) =>
    heard.push({ at: Date.now(), notification }),
  );
  return heard;
}

describe('a live session going live', () => {
  it('tells each registrant once, in the list and on their socket within a second; nobody else', async () => {
    const [host, ana, ben, cy] = await Promise.all([register(app), register(app), register(app), register(app)]);
    const session = await createSession(host);
    await registerFor(session.id, ana);
    await registerFor(session.id, ben);
    const [heardByAna, heardByBen, heardByCy, heardByHost] = await Promise.all(
      [ana, ben, cy, host].map((member) => listen(member)),
    );

    await start(session.id, host);
    // Measured from the answer, not the request: how long the request itself takes is the load's.
    const answered = Date.now();

    await eventually(async () => {
      expect(heardByAna).toHaveLength(1);
      expect(heardByBen).toHaveLength(1);
    }, 5_000);
    for (const [member, heard] of [
      [ana, heardByAna],
      [ben, heardByBen],
    ] as const) {
      expect(heard[0].at - answered).toBeLessThan(1_000);
      const items = await notificationsOf(member);
      expect(items).toEqual([
        {
          id: expect.any(String),
          kind: 'session_live',
          actor: null,
          threadId: null,
          postId: null,
          groupId: null,
          sessionId: session.id,
          pledgeId: null,
          itemKind: null,
          itemId: null,
          text: session.title,
          action: null,
          reason: null,
          read: false,
          readAt: null,
          createdAt: expect.any(String),
        },
      ]);
      // the live event carries the very view the list returns
      expect(heard[0].notification).toEqual(items[0]);
    }
    await pause(300);
    expect([heardByAna.length, heardByBen.length, heardByCy, heardByHost]).toEqual([1, 1, [], []]);
    expect(await notificationsOf(cy)).toEqual([]);
    expect(await notificationsOf(host)).toEqual([]);
  });

  it('tells nobody who turned the kind off', async () => {
    const [host, ana, ben] = await Promise.all([register(app), register(app), register(app)]);
    const preferences = await app.http
      .put(`${API}/notifications/preferences`)
      .set(ana.auth)
      .send({ kinds: { session_live: false } });
    expectStatus(preferences, 200, 'turn session_live off');
    expect(preferences.body).toMatchObject({ kinds: { session_live: false, mention: true } });
    const session = await createSession(host);
    await registerFor(session.id, ana);
    await registerFor(session.id, ben);
    const heardByAna = await listen(ana);

    await start(session.id, host);
    expect((await notificationsOf(ben)).map((item) => [item.kind, item.sessionId])).toEqual([
      ['session_live', session.id],
    ]);
    await pause(300);
    expect(heardByAna).toEqual([]);
    expect(await notificationsOf(ana)).toEqual([]);
  });

  it('tells nobody who was removed from the private group of the session before it started', async () => {
    const [host, ana, ben] = await Promise.all([register(app), register(app), register(app)]);
    const group = await createGroup(app, host, 'private', 'Live network');
    await addToGroup(app, host, group, ana);
    await addToGroup(app, host, group, ben);
    const session = await createSession(host, { groupId: group.id });
    await registerFor(session.id, ana);
    await registerFor(session.id, ben);
    expectStatus(
      await app.http.delete(`${API}/groups/${group.id}/members/${ben.id}`).set(host.auth),
      204,
      'remove from the group',
    );
    const heardByBen = await listen(ben);

    await start(session.id, host);
    const toAna = (await notificationsOf(ana)).filter((item) => item.kind !== 'group_invitation');
    expect(toAna.map((item) => [item.kind, item.sessionId, item.text])).toEqual([
      ['session_live', session.id, session.title],
    ]);
    await pause(300);
    expect(heardByBen).toEqual([]);
    expect((await notificationsOf(ben)).filter((item) => item.kind !== 'group_invitation')).toEqual([]);
  });
});
