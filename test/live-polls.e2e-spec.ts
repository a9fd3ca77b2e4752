import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { API, nextEvent, pause, startForumApp, watchWrites } from './support/forum.js';
import { ack, closeLiveSockets, guestToken, liveSession, liveSocket } from './support/live.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

interface PollBody {
  id: string;
  sessionId: string;
  question: string;
  kind: 'single' | 'multiple';
  options: { id: string; text: string }[];
  state: 'draft' | 'open' | 'closed';
  showResults: boolean;
  results: { voters: number; counts: Record<string, number> } | null;
  myVote?: string[] | null;
}

type Headers = Record<string, string>;
const bearer = (token: string): Headers => ({ Authorization: `Bearer ${token}` });

describe('live polls', () => {
  let app: TestApp;
  let host: SignedIn;
  let member: SignedIn;
  let other: SignedIn;

  beforeAll(async () => {
    app = await startForumApp('live_polls');
    [host, member, other] = await Promise.all([register(app), register(app), register(app)]);
  });
  afterEach(closeLiveSockets);
  afterAll(async () => {
    await app?.close();
  });

  async function createPoll(sessionId: string, body: Record<string, unknown>, who: SignedIn = host): Promise<PollBody> {
    const created = await app.http.post(`${API}/live/sessions/${sessionId}/polls`).set(who.auth).send(body);
    expect({ status: created.status, body: created.body as unknown }).toMatchObject({ status: 201 });
    return created.body as PollBody;
  }

  async function act(pollId: string, action: 'open' | 'close', who: Headers = host.auth) {
    return app.http.post(`${API}/live/polls/${pollId}/${action}`).set(who);
  }

  async function opened(pollId: string): Promise<PollBody> {
    const response = await act(pollId, 'open');
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({
      status: 200,
      body: { state: 'open' },
    });
    return response.body as PollBody;
  }

  async function showResults(pollId: string, value: unknown, who: Headers = host.auth) {
    return app.http.patch(`${API}/live/polls/${pollId}`).set(who).send({ showResults: value });
  }

  async function pollsOf(sessionId: string, who: Headers | null): Promise<PollBody[]> {
    const request = app.http.get(`${API}/live/sessions/${sessionId}/polls`);
    const response = await (who ? request.set(who) : request);
    expect(response.status).toBe(200);
    return (response.body as { items: PollBody[] }).items;
  }

  async function joinedPolls(socket: Socket, sessionId: string): Promise<PollBody[]> {
    const answer = await ack<{ polls: PollBody[] }>(socket, 'session:join', { sessionId });
    if (!answer.ok) throw new Error(`session:join refused: ${JSON.stringify(answer.error)}`);
    return answer.data.polls;
  }

  function recordPolls(socket: Socket): PollBody[] {
    const seen: PollBody[] = [];
    socket.on('poll:updated', ({ poll }: { poll: PollBody }) => seen.push(poll));
    return seen;
  }

  const resultsReach = (socket: Socket, pollId: string, voters: number) =>
    nextEvent<{ poll: PollBody }>(
      socket,
      'poll:updated',
      10_000,
      ({ poll }) => poll.id === pollId && poll.results?.voters === voters,
    );

  it('counts 20 concurrent guest votes exactly, in a single and a multiple poll, and shows results only once shown', async () => {
    const session = await liveSession(app, host);
    const single = await createPoll(session.id, {
      question: 'Where should the next regional review meet?',
      kind: 'single',
      options: ['Rabat', 'Dakar', 'Quito'],
    });
    const multiple = await createPoll(session.id, {
      question: 'Which themes should the working group take up?',
      kind: 'multiple',
      options: ['Remittances', 'Visas', 'Labour rights', 'Data'],
    });
    expect(single).toMatchObject({ state: 'draft', showResults: false, results: { voters: 0 } });
    expect(single.options.map((option) => option.text)).toEqual(['Rabat', 'Dakar', 'Quito']);
    expect(new Set(multiple.options.map((option) => option.id)).size).toBe(4);

    const staff = await liveSocket(app, host);
    await joinedPolls(staff, session.id);
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => guestToken(app, session.code, `Voter ${i}`)));
    const voters = await Promise.all(tokens.map((token) => liveSocket(app, token)));
    const snapshots = await Promise.all(voters.map((socket) => joinedPolls(socket, session.id)));
    expect(snapshots.every((polls) => polls.length === 0)).toBe(true);
    expect(await pollsOf(session.id, bearer(tokens[0]))).toEqual([]);

    const watcher = voters[0];
    const toAttendees = recordPolls(watcher);
    const openedForAttendees = nextEvent<{ poll: PollBody }>(watcher, 'poll:updated', 3_000, ({ poll }) =>
      [single.id, multiple.id].includes(poll.id),
    );
    await opened(single.id);
    expect((await openedForAttendees).poll).toMatchObject({ state: 'open', results: null });
    await opened(multiple.id);

    const [a, b, c] = single.options.map((option) => option.id);
    const [m0, m1, m2, m3] = multiple.options.map((option) => option.id);
    const singleChoice = (i: number) => [[a, b, c][i % 3]];
    const multipleChoice = (i: number) => [m0, [m1, m2, m3][i % 3]];
    const singleCounted = resultsReach(staff, single.id, 20);
    const multipleCounted = resultsReach(staff, multiple.id, 20);
    const acks = await Promise.all(
      voters.flatMap((socket, i) => [
        ack(socket, 'poll:vote', { pollId: single.id, optionIds: singleChoice(i) }),
        ack(socket, 'poll:vote', { pollId: multiple.id, optionIds: multipleChoice(i) }),
      ]),
    );
    expect(acks.filter((answer) => !answer.ok)).toEqual([]);
    expect(acks[0]).toEqual({ ok: true, data: { pollId: single.id, optionIds: [a] } });

    const expectedSingle = { voters: 20, counts: { [a]: 7, [b]: 7, [c]: 6 } };
    const expectedMultiple = { voters: 20, counts: { [m0]: 20, [m1]: 7, [m2]: 7, [m3]: 6 } };
    expect((await singleCounted).poll.results).toEqual(expectedSingle);
    expect((await multipleCounted).poll.results).toEqual(expectedMultiple);
    const asHost = new Map((await pollsOf(session.id, host.auth)).map((poll) => [poll.id, poll]));
    expect(asHost.get(single.id)?.results).toEqual(expectedSingle);
    expect(asHost.get(multiple.id)?.results).toEqual(expectedMultiple);

    // Attendees have seen no results so far, neither live nor by REST, but they see their own vote.
    await pause(600);
    expect(toAttendees.length).toBeGreaterThan(0);
    expect(toAttendees.filter((poll) => poll.results !== null)).toEqual([]);
    const asGuest = await pollsOf(session.id, bearer(tokens[4]));
    expect(asGuest).toEqual([
      expect.objectContaining({ id: single.id, results: null, myVote: singleChoice(4) }),
      expect.objectContaining({ id: multiple.id, results: null, myVote: multipleChoice(4) }),
    ]);

    const shown = nextEvent<{ poll: PollBody }>(watcher, 'poll:updated', 3_000, ({ poll }) => poll.id === single.id);
    const patched = await showResults(single.id, true);
    expect({ status: patched.status, body: patched.body as unknown }).toMatchObject({
      status: 200,
      body: { id: single.id, showResults: true, results: expectedSingle },
    });
    expect((await shown).poll).toMatchObject({ showResults: true, results: expectedSingle });
    const afterShown = new Map((await pollsOf(session.id, bearer(tokens[1]))).map((poll) => [poll.id, poll]));
    expect(afterShown.get(single.id)?.results).toEqual(expectedSingle);
    expect(afterShown.get(multiple.id)?.results).toBeNull();

    const latecomer = await liveSocket(app, await guestToken(app, session.code, 'Latecomer'));
    const snapshot = await joinedPolls(latecomer, session.id);
    expect(snapshot).toEqual([
      expect.objectContaining({ id: single.id, state: 'open', results: expectedSingle, myVote: null }),
      expect.objectContaining({ id: multiple.id, state: 'open', results: null, myVote: null }),
    ]);
  }, 60_000);

  it('counts a double vote once, even from two sockets of one member at once, and says why with a 409', async () => {
    const session = await liveSession(app, host);
    const poll = await createPoll(session.id, {
      question: 'Adopt the draft?',
      kind: 'multiple',
      options: ['Yes', 'No'],
    });
    await opened(poll.id);
    const [yes, no] = poll.options.map((option) => option.id);
    const [one, two] = [await liveSocket(app, member), await liveSocket(app, member)];
    await Promise.all([joinedPolls(one, session.id), joinedPolls(two, session.id)]);
    const answers = await Promise.all([
      ack(one, 'poll:vote', { pollId: poll.id, optionIds: [yes] }),
      ack(two, 'poll:vote', { pollId: poll.id, optionIds: [no] }),
      ack(one, 'poll:vote', { pollId: poll.id, optionIds: [yes, no] }),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    for (const answer of answers.filter((each) => !each.ok)) {
      expect(answer).toMatchObject({
        ok: false,
        error: { statusCode: 409, message: expect.stringContaining('already voted') },
      });
    }
    const later = await watchWrites(app, () => ack(two, 'poll:vote', { pollId: poll.id, optionIds: [no] }));
    expect(later.result).toMatchObject({ ok: false, error: { statusCode: 409 } });
    expect(later.writes).toEqual([]);

    const [counted] = await pollsOf(session.id, host.auth);
    expect(counted.results?.voters).toBe(1);
    const won = answers.find((answer) => answer.ok);
    const chosen = won?.ok ? (won.data as { optionIds: string[] }).optionIds : [];
    expect(counted.results?.counts).toEqual({ [yes]: chosen.includes(yes) ? 1 : 0, [no]: chosen.includes(no) ? 1 : 0 });
    expect((await pollsOf(session.id, member.auth))[0].myVote).toEqual(chosen);
  });

  it('keeps drafts from attendees, and takes votes only while a poll is open', async () => {
    const session = await liveSession(app, host);
    const attendee = await liveSocket(app, other);
    await joinedPolls(attendee, session.id);
    const seen = recordPolls(attendee);
    const staff = await liveSocket(app, host);
    await joinedPolls(staff, session.id);
    const toStaff = nextEvent<{ poll: PollBody }>(staff, 'poll:updated', 3_000);
    const draft = await createPoll(session.id, {
      question: 'Extend the session?',
      kind: 'single',
      options: ['Yes', 'No'],
    });
    expect((await toStaff).poll).toMatchObject({ id: draft.id, state: 'draft' });
    const [yes, no] = draft.options.map((option) => option.id);

    expect(await pollsOf(session.id, other.auth)).toEqual([]);
    expect(await pollsOf(session.id, null)).toEqual([]);
    expect(await joinedPolls(await liveSocket(app, other), session.id)).toEqual([]);
    expect(await ack(attendee, 'poll:vote', { pollId: draft.id, optionIds: [yes] })).toMatchObject({
      ok: false,
      error: { statusCode: 404, message: 'Poll not found' },
    });
    await pause(400);
    expect(seen).toEqual([]);

    await opened(draft.id);
    expect((await ack(attendee, 'poll:vote', { pollId: draft.id, optionIds: [yes] })).ok).toBe(true);
    const closedForAttendee = nextEvent<{ poll: PollBody }>(
      attendee,
      'poll:updated',
      3_000,
      ({ poll }) => poll.state === 'closed',
    );
    const closed = await act(draft.id, 'close');
    expect({ status: closed.status, body: closed.body as unknown }).toMatchObject({
      status: 200,
      body: { state: 'closed', results: { voters: 1 } },
    });
    expect((await closedForAttendee).poll).toMatchObject({ id: draft.id, state: 'closed', results: null });

    const late = await liveSocket(app, member);
    await joinedPolls(late, session.id);
    const refused = await watchWrites(app, () => ack(late, 'poll:vote', { pollId: draft.id, optionIds: [no] }));
    expect(refused.result).toMatchObject({
      ok: false,
      error: { statusCode: 409, message: expect.stringContaining('closed') },
    });
    expect(refused.writes).toEqual([]);
    expect((await act(draft.id, 'open')).status).toBe(409);
    expect((await act(draft.id, 'close')).status).toBe(409);

    // A closed poll stays listed; the snapshot takes it once its results are shown.
    expect(await pollsOf(session.id, other.auth)).toEqual([
      expect.objectContaining({ id: draft.id, state: 'closed', results: null, myVote: [yes] }),
    ]);
    expect(await joinedPolls(await liveSocket(app, member), session.id)).toEqual([]);
    expect((await showResults(draft.id, true)).status).toBe(200);
    expect(await joinedPolls(await liveSocket(app, member), session.id)).toEqual([
      expect.objectContaining({ id: draft.id, state: 'closed', results: { voters: 1, counts: { [yes]: 1, [no]: 0 } } }),
    ]);
  });

  it('lets only hosts run polls, hosts and moderators export them (CSV and JSON), and audits every host action', async () => {
    const session = await liveSession(app, host);
    const moderator = await register(app);
    await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${moderator.id}`)
      .set(host.auth)
      .send({ role: 'moderator' });
    await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${member.id}`)
      .set(host.auth)
      .send({ role: 'presenter' });
    const guest = bearer(await guestToken(app, session.code, 'Guest'));
    const body = { question: '=HYPERLINK("http://evil") best format?', kind: 'single', options: ['Online', '=1+1'] };

    for (const [who, status] of [
      [other.auth, 403],
      [member.auth, 403],
      [moderator.auth, 403],
      [guest, 403],
    ] as const) {
      const { result, writes } = await watchWrites(app, () =>
        app.http.post(`${API}/live/sessions/${session.id}/polls`).set(who).send(body),
      );
      expect({ status: result.status, writes }).toEqual({ status, writes: [] });
    }
    const poll = await createPoll(session.id, body);
    expect((await act(poll.id, 'open', other.auth)).status).toBe(404);
    expect((await act(poll.id, 'open', moderator.auth)).status).toBe(403);
    await opened(poll.id);
    for (const who of [other.auth, member.auth, moderator.auth, guest]) {
      const { result, writes } = await watchWrites(app, async () => [
        (await act(poll.id, 'close', who)).status,
        (await showResults(poll.id, true, who)).status,
      ]);
      expect({ result, writes }).toEqual({ result: [403, 403], writes: [] });
    }

    const [online, formula] = poll.options.map((option) => option.id);
    for (const [who, optionIds] of [
      [other, [online]],
      [member, [formula]],
      [moderator, [formula]],
    ] as const) {
      const socket = await liveSocket(app, who);
      await joinedPolls(socket, session.id);
      expect((await ack(socket, 'poll:vote', { pollId: poll.id, optionIds })).ok).toBe(true);
    }
    expect((await act(poll.id, 'close')).status).toBe(200);
    expect((await showResults(poll.id, true)).status).toBe(200);

    const exportUrl = `${API}/live/sessions/${session.id}/polls/export`;
    for (const who of [other.auth, member.auth, guest]) {
      expect((await app.http.get(`${exportUrl}?format=csv`).set(who)).status).toBe(403);
    }
    const csv = await app.http.get(`${exportUrl}?format=csv`).set(moderator.auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.trim().split('\n')).toEqual([
      'poll,option,votes',
      `"'=HYPERLINK(""http://evil"") best format?",Online,1`,
      `"'=HYPERLINK(""http://evil"") best format?",'=1+1,2`,
    ]);
    const json = await app.http.get(`${exportUrl}?format=json`).set(host.auth);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      sessionId: session.id,
      polls: [{ id: poll.id, state: 'closed', results: { voters: 3, counts: { [online]: 1, [formula]: 2 } } }],
    });
    expect((await app.http.get(`${exportUrl}?format=xml`).set(host.auth)).status).toBe(400);

    const admin = await loginAdmin(app);
    const audit = await app.http
      .get(`${API}/moderation/audit?targetType=live_poll&targetId=${poll.id}`)
      .set(admin.auth);
    expect(audit.status).toBe(200);
    const entries = (audit.body as { items: { action: string; actor: { id: string } | null }[] }).items;
    expect(entries.map((entry) => entry.action).sort()).toEqual(
      ['poll.close', 'poll.create', 'poll.open', 'poll.show_results'].sort(),
    );
    expect(entries.every((entry) => entry.actor?.id === host.id)).toBe(true);
  }, 60_000);

  it('refuses bad payloads with an error naming the field, writes nothing, and keeps the socket', async () => {
    const session = await liveSession(app, host);
    const single = await createPoll(session.id, { question: 'One?', kind: 'single', options: ['A', 'B', 'C'] });
    const multiple = await createPoll(session.id, { question: 'Many?', kind: 'multiple', options: ['A', 'B', 'C'] });
    await opened(single.id);
    await opened(multiple.id);
    const [a, b] = single.options.map((option) => option.id);
    const [ma] = multiple.options.map((option) => option.id);
    const unknown = '0123456789abcdef01234567';

    const url = `${API}/live/sessions/${session.id}/polls`;
    const valid = { question: 'Fine?', kind: 'single', options: ['Yes', 'No'] };
    const rest: [string, () => PromiseLike<{ status: number; body: unknown }>, string][] = [
      ['empty body', () => app.http.post(url).set(host.auth).send({}), 'question'],
      [
        'no options',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: undefined }),
        'options',
      ],
      [
        'no kind',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, kind: undefined }),
        'kind',
      ],
      [
        'one option',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: ['Only'] }),
        'options',
      ],
      [
        'eleven options',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: Array.from({ length: 11 }, (_, i) => `Option ${i}`) }),
        'options',
      ],
      [
        'operator question',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, question: { $gt: '' } }),
        'question',
      ],
      [
        'operator options',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: { $size: 2 } }),
        'options',
      ],
      [
        'numeric kind',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, kind: 1 }),
        'kind',
      ],
      [
        'texts as numbers',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: [1, 2] }),
        'options',
      ],
      [
        'long option',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, options: ['A', 'x'.repeat(201)] }),
        'options',
      ],
      [
        'long question',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, question: 'x'.repeat(301) }),
        'question',
      ],
      [
        'extra field',
        () =>
          app.http
            .post(url)
            .set(host.auth)
            .send({ ...valid, state: 'open' }),
        'state',
      ],
      ['showResults as text', () => showResults(single.id, 'yes'), 'showResults'],
      [
        'showResults missing',
        () => app.http.patch(`${API}/live/polls/${single.id}`).set(host.auth).send({}),
        'showResults',
      ],
      ['bad poll id', () => act('nope', 'open'), 'id'],
    ];
    for (const [what, request, field] of rest) {
      const { result, writes } = await watchWrites(app, request);
      expect({ what, status: result.status, writes }).toEqual({ what, status: 400, writes: [] });
      expect({ what, error: JSON.stringify(result.body) }).toEqual({ what, error: expect.stringContaining(field) });
    }

    const socket = await liveSocket(app, member);
    await joinedPolls(socket, session.id);
    const cases: [unknown, string][] = [
      [{}, 'pollId'],
      [{ pollId: single.id }, 'optionIds'],
      [{ optionIds: [a] }, 'pollId'],
      [{ pollId: 42, optionIds: [a] }, 'pollId'],
      [{ pollId: { $ne: null }, optionIds: [a] }, 'pollId'],
      [{ pollId: single.id, optionIds: { $in: [a] } }, 'optionIds'],
      [{ pollId: single.id, optionIds: a }, 'optionIds'],
      [{ pollId: single.id, optionIds: [1] }, 'optionIds'],
      [{ pollId: single.id, optionIds: [{ $gt: '' }] }, 'optionIds'],
      [{ pollId: single.id, optionIds: [] }, 'optionIds'],
      [{ pollId: single.id, optionIds: ['ffffff'] }, 'optionIds'],
      [{ pollId: single.id, optionIds: [ma] }, 'optionIds'],
      [{ pollId: single.id, optionIds: [a, b] }, 'optionIds'],
      [{ pollId: multiple.id, optionIds: [ma, ma] }, 'optionIds'],
      [{ pollId: multiple.id, optionIds: Array.from({ length: 11 }, (_, i) => `o${i}`) }, 'optionIds'],
      [{ pollId: single.id, optionIds: [a], extra: 1 }, 'extra'],
      [{ pollId: unknown, optionIds: [a] }, 'Poll'],
      [[], 'body'],
    ];
    for (const [payload, field] of cases) {
      const { result, writes } = await watchWrites(app, () => ack(socket, 'poll:vote', payload));
      expect({ payload, ok: result.ok, writes }).toEqual({ payload, ok: false, writes: [] });
      expect({ payload, error: JSON.stringify(result.ok ? null : result.error) }).toEqual({
        payload,
        error: expect.stringContaining(field),
      });
    }
    expect(socket.connected).toBe(true);
    expect(await ack(socket, 'poll:vote', { pollId: single.id, optionIds: [b] })).toEqual({
      ok: true,
      data: { pollId: single.id, optionIds: [b] },
    });
    expect((await pollsOf(session.id, host.auth)).map((poll) => poll.results?.voters)).toEqual([1, 0]);
  }, 60_000);
});
