import { randomBytes, randomUUID } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { API, nextEvent, pause, startForumApp, watchWrites } from './support/forum.js';
import {
  ack,
  asked,
  closeLiveSockets,
  guestToken,
  joined,
  liveSession,
  liveSocket,
  type QuestionBody,
  votesReach,
} from './support/live.js';
import { ConnectionGateway } from '@plenary/realtime';
import type { Server } from 'socket.io';
import { startTestApp, type TestApp } from './support/test-app.js';
import { uniqueDatabaseUri } from './support/test-database.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';
import { eventually } from './support/eventually.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('live Q&A over Socket.IO (/live)', () => {
  let app: TestApp;
  let host: SignedIn;
  let member: SignedIn;
  let other: SignedIn;

  beforeAll(async () => {
    app = await startForumApp('live_qa');
    [host, member, other] = await Promise.all([register(app), register(app), register(app)]);
  });
  afterEach(closeLiveSockets);
  afterAll(async () => {
    await app?.close();
  });

  it('runs a session: join by code as member and guest, ask, vote, answer, highlight; counts arrive in batches', async () => {
    const session = await liveSession(app, host);
    const guest = await liveSocket(app, await guestToken(app, session.code, 'Visitor'));
    const asMember = await liveSocket(app, member);
    const asHost = await liveSocket(app, host);
    const snapshot = await joined(guest, session.id);
    expect(snapshot).toMatchObject({ questions: [], myVotes: [], role: 'attendee' });
    await joined(asMember, session.id);
    expect(await joined(asHost, session.id)).toMatchObject({ role: 'host' });

    const seenByGuest = nextEvent<{ question: QuestionBody }>(guest, 'question:created', 10_000);
    const question = await asked(asMember, session.id, 'How do we count remittances?');
    expect(question).toMatchObject({ state: 'approved', mine: true, votes: 0, author: { id: member.id } });
    expect((await seenByGuest).question).toMatchObject({ id: question.id, mine: false, author: { id: member.id } });

    const batch = votesReach(asMember, question.id, 2);
    expect(await ack(guest, 'question:vote', { questionId: question.id })).toEqual({
      ok: true,
      data: { questionId: question.id, voted: true },
    });
    expect((await ack(asHost, 'question:vote', { questionId: question.id })).ok).toBe(true);
    await batch;

    const answered = nextEvent<{ question: QuestionBody }>(guest, 'question:updated', 10_000);
    const moderated = await ack<QuestionBody>(asHost, 'question:moderate', {
      questionId: question.id,
      action: 'answer',
      answer: 'With the central bank data.',
    });
    expect(moderated).toMatchObject({ ok: true, data: { state: 'answered', answer: 'With the central bank data.' } });
    expect((await answered).question).toMatchObject({ state: 'answered', votes: 2 });
    const highlighted = nextEvent<{ question: QuestionBody }>(guest, 'question:updated', 10_000);
    await ack(asHost, 'question:moderate', { questionId: question.id, action: 'highlight' });
    expect((await highlighted).question).toMatchObject({ highlighted: true });

    const listed = await app.http.get(`${API}/live/sessions/${session.id}/questions?sort=top`).set(other.auth);
    expect((listed.body as { items: QuestionBody[] }).items).toEqual([
      expect.objectContaining({ id: question.id, votes: 2, state: 'answered', highlighted: true }),
    ]);
  });

  it('keeps pending questions from attendees until a moderator approves them', async () => {
    const session = await liveSession(app, host, { preModeration: true });
    const attendee = await liveSocket(app, other);
    const asker = await liveSocket(app, member);
    const staff = await liveSocket(app, host);
    await Promise.all([joined(attendee, session.id), joined(asker, session.id), joined(staff, session.id)]);
    const seen: string[] = [];
    attendee.on('question:created', ({ question }: { question: QuestionBody }) => seen.push(question.state));
    const toStaff = nextEvent<{ question: QuestionBody }>(staff, 'question:created', 10_000);
    const pending = await asked(asker, session.id, 'Is the visa fee waived?');
    expect(pending).toMatchObject({ state: 'pending', mine: true });
    expect((await toStaff).question).toMatchObject({ id: pending.id, state: 'pending' });
    await pause(500);
    expect(seen).toEqual([]);
    expect((await joined(await liveSocket(app, other), session.id)).questions).toEqual([]);
    expect((await joined(await liveSocket(app, member), session.id)).questions).toEqual([
      expect.objectContaining({ id: pending.id, state: 'pending', mine: true }),
    ]);

    const approved = nextEvent<{ question: QuestionBody }>(attendee, 'question:created', 10_000);
    await ack(staff, 'question:moderate', { questionId: pending.id, action: 'approve' });
    expect((await approved).question).toMatchObject({ id: pending.id, state: 'approved' });
    const removed = nextEvent<{ questionId: string }>(attendee, 'question:removed', 10_000);
    await ack(staff, 'question:moderate', { questionId: pending.id, action: 'dismiss', reason: 'off_topic' });
    expect(await removed).toEqual({ questionId: pending.id });
  });

  it('counts 20 concurrent votes exactly, a double vote once, an unvote, and a merge without double counting', async () => {
    const session = await liveSession(app, host);
    const asker = await liveSocket(app, member);
    await joined(asker, session.id);
    const first = await asked(asker, session.id, 'What about circular migration?');
    const duplicate = await asked(asker, session.id, 'And circular migration?');
    const voters = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const socket = await liveSocket(app, await guestToken(app, session.code, `Voter ${i}`));
        await joined(socket, session.id);
        return socket;
      }),
    );
    const reached = votesReach(asker, first.id, 20);
    const acks = await Promise.all(voters.map((socket) => ack(socket, 'question:vote', { questionId: first.id })));
    expect(acks.every((answer) => answer.ok)).toBe(true);
    await reached;

    const [one, two] = [await liveSocket(app, other), await liveSocket(app, other)];
    await Promise.all([joined(one, session.id), joined(two, session.id)]);
    await Promise.all([
      ack(one, 'question:vote', { questionId: first.id }),
      ack(two, 'question:vote', { questionId: first.id }),
      ack(one, 'question:vote', { questionId: first.id }),
    ]);
    await votesReach(asker, first.id, 21);
    await ack(one, 'question:unvote', { questionId: first.id });
    await votesReach(asker, first.id, 20);

    // Voters 0-4 voted for both; 5 and the other member vote for the duplicate only.
    await Promise.all(
      [...voters.slice(0, 6), one].map((socket) => ack(socket, 'question:vote', { questionId: duplicate.id })),
    );
    await votesReach(asker, duplicate.id, 7);
    const staff = await liveSocket(app, host);
    await joined(staff, session.id);
    const merged = await ack<QuestionBody>(staff, 'question:moderate', {
      questionId: duplicate.id,
      action: 'merge',
      intoQuestionId: first.id,
    });
    expect(merged).toMatchObject({ ok: true, data: { state: 'merged' } });
    // 20 + `other` (voted for the duplicate only); the asker asked both.
    await votesReach(asker, first.id, 21);
    const listed = await app.http.get(`${API}/live/sessions/${session.id}/questions`).set(host.auth);
    const byId = new Map((listed.body as { items: QuestionBody[] }).items.map((q) => [q.id, q]));
    expect({ first: byId.get(first.id)?.votes, duplicate: byId.get(duplicate.id)?.votes }).toEqual({
      first: 21,
      duplicate: 0,
    });
  });

  it('answers a retried ask with the same question', async () => {
    const session = await liveSession(app, host);
    const asker = await liveSocket(app, member);
    await joined(asker, session.id);
    const clientId = randomUUID();
    const [a, b] = await Promise.all([
      ack<QuestionBody>(asker, 'question:ask', { sessionId: session.id, text: 'Once only?', clientId }),
      ack<QuestionBody>(asker, 'question:ask', { sessionId: session.id, text: 'Once only?', clientId }),
    ]);
    const again = await ack<QuestionBody>(asker, 'question:ask', {
      sessionId: session.id,
      text: 'Once only?',
      clientId,
    });
    const ids = [a, b, again].map((answer) => (answer.ok ? answer.data.id : JSON.stringify(answer.error)));
    expect(new Set(ids).size).toBe(1);
    const listed = await app.http.get(`${API}/live/sessions/${session.id}/questions`).set(host.auth);
    expect((listed.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('holds access: guests stay in their session, attendees do not moderate, presenters never see anonymous askers', async () => {
    const session = await liveSession(app, host, { anonymousAllowed: true });
    const elsewhere = await liveSession(app, host);
    const guest = await liveSocket(app, await guestToken(app, session.code));
    const refused = await ack(guest, 'session:join', { sessionId: elsewhere.id });
    expect(refused).toMatchObject({ ok: false, error: { statusCode: 404 } });
    await joined(guest, session.id);

    const asker = await liveSocket(app, member);
    await joined(asker, session.id);
    const anonymous = await asked(asker, session.id, 'Who funds the programme?', { anonymous: true });
    expect(anonymous.author).toBeNull();
    const notAllowed = await ack(guest, 'question:moderate', {
      questionId: anonymous.id,
      action: 'dismiss',
      reason: 'spam',
    });
    expect(notAllowed).toMatchObject({ ok: false, error: { statusCode: 403 } });

    await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${other.id}`)
      .set(host.auth)
      .send({ role: 'presenter' });
    const presenter = await liveSocket(app, other);
    const presenterView = await joined(presenter, session.id);
    expect(presenterView.role).toBe('presenter');
    expect(presenterView.questions[0]).toMatchObject({ id: anonymous.id, author: null });
    expect(presenterView.questions[0].pseudonym).toBeUndefined();
    const staff = await liveSocket(app, host);
    const staffView = await joined(staff, session.id);
    expect(staffView.questions[0]).toMatchObject({
      author: null,
      pseudonym: expect.stringMatching(/^Anonymous [A-Z0-9]{4}$/),
    });
    const admin = await loginAdmin(app);
    const adminList = await app.http.get(`${API}/live/sessions/${session.id}/questions`).set(admin.auth);
    expect(JSON.stringify(adminList.body)).not.toContain(member.id);
    const viaRest = await app.http.get(`${API}/live/sessions/${elsewhere.id}/questions`).set({
      Authorization: `Bearer ${await guestToken(app, session.code)}`,
    });
    expect(viaRest.status).toBe(404);
  });

  it('refuses bad payloads on every event with an error naming the field, stores nothing, and keeps the socket', async () => {
    const session = await liveSession(app, host, { maxLength: 100 });
    // A moderator of the session, so that moderation payloads reach their checks.
    await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${member.id}`)
      .set(host.auth)
      .send({ role: 'moderator' });
    const socket = await liveSocket(app, member);
    await joined(socket, session.id);
    const question = await asked(socket, session.id, 'A fine question');
    const unknown = '0123456789abcdef01234567';
    const cases: [string, unknown, string][] = [
      ['session:join', {}, 'sessionId'],
      ['session:join', { sessionId: 42 }, 'sessionId'],
      ['session:join', { sessionId: { $ne: null } }, 'sessionId'],
      ['session:join', { sessionId: unknown }, 'Session'],
      ['question:ask', { sessionId: session.id, text: 'x'.repeat(10_000), clientId: randomUUID() }, 'text'],
      ['question:ask', { sessionId: session.id, text: 'x'.repeat(101), clientId: randomUUID() }, 'text'],
      ['question:ask', { sessionId: session.id, text: 'no client id' }, 'clientId'],
      ['question:ask', { sessionId: session.id, text: { $gt: '' }, clientId: randomUUID() }, 'text'],
      ['question:ask', { sessionId: session.id, text: 'hi', clientId: randomUUID(), extra: 1 }, 'extra'],
      ['question:vote', { questionId: 'nope' }, 'questionId'],
      ['question:vote', { questionId: unknown }, 'Question'],
      ['question:moderate', { questionId: question.id, action: 'delete' }, 'action'],
      ['question:moderate', { questionId: question.id, action: 'dismiss' }, 'reason'],
      ['question:withdraw', [], 'body'],
    ];
    for (const [event, payload, field] of cases) {
      const { result, writes } = await watchWrites(app, () => ack(socket, event, payload));
      expect({ event, ok: result.ok, writes }).toEqual({ event, ok: false, writes: [] });
      expect({ event, error: JSON.stringify(result.ok ? null : result.error) }).toEqual({
        event,
        error: expect.stringContaining(field),
      });
    }
    expect(socket.connected).toBe(true);
    expect((await asked(socket, session.id, 'Still here?')).state).toBe('approved');
  });

  it('gives a client that drops for a few seconds the questions it missed', async () => {
    const session = await liveSession(app, host);
    const dropper = await liveSocket(app, other, {
      reconnection: true,
      reconnectionDelay: 1_500,
      reconnectionDelayMax: 1_500,
      randomizationFactor: 0,
    });
    await joined(dropper, session.id);
    const asker = await liveSocket(app, member);
    await joined(asker, session.id);
    const received: string[] = [];
    dropper.on('question:created', ({ question }: { question: QuestionBody }) => received.push(question.text));
    await asked(asker, session.id, 'Before the drop');
    await eventually(async () => expect(received).toEqual(['Before the drop']));
    const dropped = nextEvent(dropper, 'disconnect');
    dropper.io.engine.close();
    await dropped;
    await pause(300);
    await asked(asker, session.id, 'While offline');
    await eventually(async () => expect(dropper.connected && dropper.recovered).toBe(true), 10_000);
    await eventually(async () => expect(received).toEqual(['Before the drop', 'While offline']), 5_000);
  }, 30_000);
});

describe('live Q&A on two instances with Redis', () => {
  afterEach(closeLiveSockets);

  it('shows a question asked on A to an attendee on B, and counts attendees on both', async () => {
    const shared = {
      MONGODB_URI: uniqueDatabaseUri('live_scale'),
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL,
    };
    const a = await startTestApp('live_scale_a', shared);
    let b: TestApp | undefined;
    try {
      b = await startTestApp('live_scale_b', shared);
      const host = await register(a);
      const attendee = await register(b);
      const session = await liveSession(a, host);
      const onA = await liveSocket(a, host);
      const onB = await liveSocket(b, attendee);
      await joined(onA, session.id);
      const presence = nextEvent<{ count: number }>(onB, 'presence', 5_000, ({ count }) => count === 2);
      await joined(onB, session.id);
      expect(await presence).toEqual({ count: 2 });
      const seen = nextEvent<{ question: QuestionBody }>(onB, 'question:created', 3_000);
      const question = await asked(onA, session.id, 'Across instances?');
      expect((await seen).question.id).toBe(question.id);
      const counted = votesReach(onA, question.id, 1);
      await ack(onB, 'question:vote', { questionId: question.id });
      await counted;
    } finally {
      await b?.close({ keepDatabase: true });
      await a.close();
    }
  }, 60_000);

  it('keeps what was stored when an instance dies; its attendees reconnect to the other and resync', async () => {
    const shared = {
      MONGODB_URI: uniqueDatabaseUri('live_failover'),
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL,
    };
    const a = await startTestApp('live_failover_a', shared);
    let b: TestApp | undefined;
    const balancer = await startBalancer(a.url);
    try {
      b = await startTestApp('live_failover_b', shared);
      const host = await register(b);
      const session = await liveSession(b, host);
      const onB = await liveSocket(b, host);
      await joined(onB, session.id);

      // An attendee's client as the web client behaves: reconnects by itself, and joins again for a fresh snapshot
      // when the connection could not be recovered.
      const attendee = await liveSocket(balancer, await guestToken(b, session.code, 'Phone'), {
        reconnection: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 500,
        randomizationFactor: 0,
      });
      expect(balancer.upstreams()).toEqual([a.url]);
      let texts = (await joined(attendee, session.id)).questions.map((question) => question.text);
      const resyncs: Promise<void>[] = [];
      attendee.on('connect', () => {
        if (attendee.recovered) return;
        resyncs.push(
          joined(attendee, session.id).then((snapshot) => {
            texts = snapshot.questions.map((question) => question.text);
          }),
        );
      });
      attendee.on('question:created', ({ question }: { question: QuestionBody }) => texts.push(question.text));

      await asked(attendee, session.id, 'Asked through A');
      // A killed process saves nothing for Socket.IO's recovery: A stops handing sessions to Redis, as if SIGKILLed.
      (a.app.get(ConnectionGateway).server as Server).of('/live').adapter.persistSession = async () => undefined;
      balancer.failOverTo(b.url);
      await a.close({ keepDatabase: true });
      await asked(onB, session.id, 'Asked while A was down');

      await eventually(async () => expect(attendee.connected).toBe(true), 10_000);
      expect(balancer.upstreams()).toEqual([b.url]);
      expect(resyncs).toHaveLength(1);
      await Promise.all(resyncs);
      await eventually(async () => expect(texts).toEqual(['Asked through A', 'Asked while A was down']), 5_000);
      await asked(onB, session.id, 'After the failover');
      await eventually(async () => expect(texts).toContain('After the failover'), 5_000);
      expect((await asked(attendee, session.id, 'From the phone again')).state).toBe('approved');
    } finally {
      await balancer.close();
      await b?.close({ keepDatabase: true });
      await a.close();
    }
  }, 90_000);
});

/**
 * A TCP load balancer in front of the instances: forwards to one; `failOverTo` makes the current one
 * unreachable at once (its clients' connections reset, as when an instance dies) and sends new
 * connections to the other.
 */
async function startBalancer(firstUrl: string) {
  let target = new URL(firstUrl);
  const pairs = new Set<{ client: Socket; upstream: Socket; url: string }>();
  const server = createServer((client) => {
    const url = target.origin;
    const upstream = connect(Number(target.port), target.hostname);
    const pair = { client, upstream, url };
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failOverTo(url: string) {
      target = new URL(url);
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      }
    },
    upstreams: () => [...new Set([...pairs].map((pair) => pair.url))],
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) pair.client.destroy();
        server.close(() => resolve());
      }),
  };
}
