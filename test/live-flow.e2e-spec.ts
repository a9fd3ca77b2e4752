import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { API, nextEvent, startForumApp } from './support/forum.js';
import { ack, asked, closeLiveSockets, guestToken, joined, liveSocket, QA, type QuestionBody } from './support/live.js';
import type { TestApp } from './support/test-app.js';
import { register, type SignedIn } from './support/users.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface PollBody {
  id: string;
  options: { id: string; text: string }[];
  results: { voters: number; options: { optionId: string; votes: number }[] } | null;
}

/**
 * The whole flow of a meeting, as the issue tells it: a host creates an event with two sessions and
 * starts one; a member and a guest join by code; they ask and vote; the host moderates, answers,
 * highlights and runs a poll; the export holds it all and the report's counts match.
 */
describe('a hybrid meeting, end to end', () => {
  let app: TestApp;
  let host: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    app = await startForumApp('live_flow');
    [host, member] = await Promise.all([register(app), register(app)]);
  });
  afterEach(closeLiveSockets);
  afterAll(async () => {
    await app?.close();
  });

  it('runs from the event to the export and the report', async () => {
    const event = await app.http
      .post(`${API}/live/events`)
      .set(host.auth)
      .send({ title: 'Annual meeting', startsAt: at(1), endsAt: at(30), timezone: 'Africa/Dakar', format: 'hybrid' });
    expect(event.status).toBe(201);
    const eventId = (event.body as { id: string }).id;
    const sessions: { id: string; code: string }[] = [];
    for (const title of ['Opening session', 'Working session on remittances']) {
      const created = await app.http
        .post(`${API}/live/sessions`)
        .set(host.auth)
        .send({ title, eventId, startsAt: at(1), endsAt: at(2), timezone: 'Africa/Dakar', format: 'hybrid', qa: QA });
      expect(created.status).toBe(201);
      sessions.push(created.body as { id: string; code: string });
    }
    const listed = await app.http.get(`${API}/live/sessions?event=${eventId}`).set(member.auth);
    expect((listed.body as { items: { id: string }[] }).items.map((s) => s.id).sort()).toEqual(
      sessions.map((s) => s.id).sort(),
    );
    const [opening] = sessions;
    expect((await app.http.post(`${API}/live/sessions/${opening.id}/start`).set(host.auth)).body).toMatchObject({
      status: 'live',
    });

    const byCode = await app.http.get(`${API}/live/sessions/by-code/${opening.code}`).set(member.auth);
    expect((byCode.body as { id: string }).id).toBe(opening.id);
    const staff = await liveSocket(app, host);
    const asMember = await liveSocket(app, member);
    const guest = await liveSocket(app, await guestToken(app, opening.code, 'Visitor from Dakar'));
    expect((await joined(staff, opening.id)).role).toBe('host');
    await joined(asMember, opening.id);
    await joined(guest, opening.id);

    const first = await asked(asMember, opening.id, 'How will the workplan be reviewed?');
    const second = await asked(guest, opening.id, 'Is there interpretation into Spanish?', { language: 'en' });
    const third = await asked(guest, opening.id, 'Off topic, sorry', { anonymous: true });
    for (const socket of [guest, staff])
      expect((await ack(socket, 'question:vote', { questionId: first.id })).ok).toBe(true);
    expect((await ack(asMember, 'question:vote', { questionId: second.id })).ok).toBe(true);

    const moderate = (payload: Record<string, unknown>) => ack<QuestionBody>(staff, 'question:moderate', payload);
    expect(await moderate({ questionId: first.id, action: 'highlight' })).toMatchObject({
      ok: true,
      data: { highlighted: true },
    });
    const answeredSeen = nextEvent<{ question: QuestionBody }>(
      guest,
      'question:updated',
      3_000,
      ({ question }) => question.state === 'answered',
    );
    expect(
      await moderate({ questionId: first.id, action: 'answer', answer: 'By the steering group in June.' }),
    ).toMatchObject({
      ok: true,
    });
    expect((await answeredSeen).question).toMatchObject({ id: first.id, answer: 'By the steering group in June.' });
    expect(await moderate({ questionId: third.id, action: 'dismiss', reason: 'off_topic' })).toMatchObject({
      ok: true,
    });

    const poll = await app.http
      .post(`${API}/live/sessions/${opening.id}/polls`)
      .set(host.auth)
      .send({ question: 'Which objective first?', kind: 'single', options: ['Objective 5', 'Objective 20'] });
    expect(poll.status).toBe(201);
    const { id: pollId, options } = poll.body as PollBody;
    expect((await app.http.post(`${API}/live/polls/${pollId}/open`).set(host.auth)).status).toBe(200);
    for (const socket of [asMember, guest]) {
      expect(await ack(socket, 'poll:vote', { pollId, optionIds: [options[1].id] })).toMatchObject({ ok: true });
    }

    const exported = await app.http
      .get(`${API}/live/sessions/${opening.id}/questions/export?format=json`)
      .set(host.auth);
    expect(exported.status).toBe(200);
    const rows = (exported.body as { items: Record<string, unknown>[] }).items;
    expect(rows).toHaveLength(3);
    const row = (id: string) => rows.find((item) => item.id === id);
    expect(row(first.id)).toMatchObject({ votes: 2, state: 'answered', answer: 'By the steering group in June.' });
    expect(row(second.id)).toMatchObject({ votes: 1, state: 'approved' });
    expect(row(third.id)).toMatchObject({ state: 'dismissed', dismissReason: 'off_topic' });
    expect(JSON.stringify(row(third.id))).not.toContain('Visitor from Dakar');
    const csv = await app.http.get(`${API}/live/sessions/${opening.id}/questions/export?format=csv`).set(host.auth);
    expect(csv.text).toContain('How will the workplan be reviewed?');
    const pollExport = await app.http.get(`${API}/live/sessions/${opening.id}/polls/export?format=csv`).set(host.auth);
    expect(pollExport.text).toMatch(/Which objective first\?,Objective 20,2/);

    expect((await app.http.post(`${API}/live/sessions/${opening.id}/end`).set(host.auth)).status).toBe(200);
    const report = await app.http.get(`${API}/live/sessions/${opening.id}/report`).set(member.auth);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      status: 'ended',
      questions: { received: 3, approved: 1, answered: 1, dismissed: { total: 1 }, merged: 0 },
      votes: 3,
    });
  });
});
