import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, startForumApp, watchWrites } from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { register, type SignedIn } from './support/users.js';

/** What the session and event pages of the web client lean on: events by date, and links a host can remove. */

const HOUR = 60 * 60 * 1000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface EventBody {
  id: string;
  title: string;
}

interface SessionBody {
  id: string;
  link: string | null;
  recordingUrl: string;
}

describe('live events by date, and removable session links', () => {
  let app: TestApp;
  let host: SignedIn;
  let attendee: SignedIn;

  const createEvent = async (title: string, startsIn: number, endsIn: number): Promise<EventBody> => {
    const response = await app.http
      .post(`${API}/live/events`)
      .set(host.auth)
      .send({ title, startsAt: at(startsIn), endsAt: at(endsIn), timezone: 'Africa/Dakar', format: 'hybrid' });
    expect(response.status).toBe(201);
    return response.body as EventBody;
  };

  const titles = async (query: string): Promise<string[]> => {
    const response = await app.http.get(`${API}/live/events${query}`).set(attendee.auth);
    expect(response.status).toBe(200);
    return (response.body as { items: EventBody[] }).items.map((event) => event.title);
  };

  beforeAll(async () => {
    app = await startForumApp('live_event_listing');
    [host, attendee] = await Promise.all([register(app), register(app)]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists upcoming events soonest first (one under way included), past ones latest first, all by default', async () => {
    await createEvent('Last year', -24 * 400, -24 * 399);
    await createEvent('Last month', -24 * 30, -24 * 29);
    await createEvent('Under way', -2, 6);
    await createEvent('Next month', 24 * 30, 24 * 31);
    await createEvent('Next week', 24 * 7, 24 * 8);

    expect(await titles('?when=upcoming')).toEqual(['Under way', 'Next week', 'Next month']);
    expect(await titles('?when=past')).toEqual(['Last month', 'Last year']);
    expect(await titles('')).toEqual(['Last year', 'Last month', 'Under way', 'Next week', 'Next month']);

    const first = await app.http.get(`${API}/live/events?when=past&limit=1`).set(attendee.auth);
    const { items, nextCursor } = first.body as { items: EventBody[]; nextCursor: string };
    expect(items.map((event) => event.title)).toEqual(['Last month']);
    expect(await titles(`?when=past&limit=1&cursor=${nextCursor}`)).toEqual(['Last year']);

    const bad = await app.http.get(`${API}/live/events?when=tomorrow`).set(attendee.auth);
    expect(bad.status).toBe(400);
    expect((bad.body as { details: { field: string }[] }).details).toEqual([
      expect.objectContaining({ field: 'when' }),
    ]);
  });

  it('lets a host remove the meeting link and the recording link with an empty string, and still refuses a bad link', async () => {
    const created = await app.http
      .post(`${API}/live/sessions`)
      .set(host.auth)
      .send({
        title: 'Webinar on remittances',
        startsAt: at(1),
        endsAt: at(2),
        timezone: 'UTC',
        format: 'online',
        link: 'https://meet.example.org/remittances',
      });
    expect(created.status).toBe(201);
    const session = created.body as SessionBody;
    const patch = (body: Record<string, unknown>) =>
      app.http.patch(`${API}/live/sessions/${session.id}`).set(host.auth).send(body);

    const withRecording = await patch({ recordingUrl: 'https://video.example.org/remittances' });
    expect(withRecording.body).toMatchObject({ recordingUrl: 'https://video.example.org/remittances' });

    const cleared = await patch({ link: '', recordingUrl: '  ' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ link: '', recordingUrl: '' });

    for (const [field, value] of [
      ['link', 'javascript:alert(1)'],
      ['recordingUrl', 'not a link'],
    ] as const) {
      const { result, writes } = await watchWrites(app, () => patch({ [field]: value }));
      expect({ field, status: result.status, writes }).toEqual({ field, status: 400, writes: [] });
      expect((result.body as { details: { field: string }[] }).details).toEqual([expect.objectContaining({ field })]);
    }
  });
});
