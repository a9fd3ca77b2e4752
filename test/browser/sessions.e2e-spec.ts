import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot } from '../support/browser.js';
import { API, startForumApp } from '../support/forum.js';
import type { TestApp } from '../support/test-app.js';
import { register, type SignedIn } from '../support/users.js';

const DAY = 24 * 3_600_000;
const STEP_MS = 90_000;

/** A calendar day `days` from now (UTC), as a datetime-local input's date part. */
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

interface SessionBody {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  eventId: string | null;
  languages: string[];
  agenda: { title: string; startsAt: string | null; speakers: string[] }[];
  recordingUrl: string;
  status: string;
}

/**
 * The sessions pages in a real browser: a member creates an event and a session in it, members register (online,
 * and in person until the places run out), and after the session its recording appears.
 */
describe('sessions and events in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let host: SignedIn;
  let remote: SignedIn;
  let seated: SignedIn;
  let late: SignedIn;
  const contexts: BrowserContext[] = [];
  // Bangkok's clocks are 7 hours ahead of UTC all year: 09:00 there is 02:00 UTC.
  const day1 = dayFromNow(10);
  const day2 = dayFromNow(11);
  let eventId = '';
  let sessionId = '';

  const pageAs = async (who: SignedIn | undefined, viewport = DESKTOP): Promise<Page> => {
    const context = await openContext(browser, app, { viewport, as: who });
    contexts.push(context);
    return context.newPage();
  };

  const api = async <T>(who: SignedIn, method: 'get' | 'post', path: string, body?: object) => {
    const response = await app.http[method](`${API}${path}`).set(who.auth).send(body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };

  beforeAll(async () => {
    app = await startForumApp('browser_sessions');
    browser = await launchBrowser();
    [host, remote, seated, late] = await Promise.all([
      register(app, { displayName: 'Amina Diallo' }),
      register(app, { displayName: 'Jorge Ramírez' }),
      register(app, { displayName: 'Mei Chen' }),
      register(app, { displayName: 'Kofi Mensah' }),
    ]);
    // Other sessions around it, as a real programme has: webinars in other zones, and one live now.
    const webinars: [string, number, string, string, string[]][] = [
      ['Labour mobility and skills partnerships', 3, 'Europe/Zurich', 'online', ['en', 'es']],
      ['Regional review: Latin America and the Caribbean', 6, 'America/Santiago', 'hybrid', ['es', 'en']],
      ['Remittances: lowering the cost of sending money home', 15, 'Africa/Nairobi', 'online', ['en', 'fr', 'sw']],
      ['Data for migration governance', 0, 'Europe/Lisbon', 'online', ['en', 'pt']],
    ];
    const halfHour = 1_800_000;
    for (const [title, days, timezone, format, languages] of webinars) {
      // On the hour (13:00 UTC), as people schedule them; the live one began on the last half hour.
      const startsAt =
        days === 0 ? Math.floor(Date.now() / halfHour) * halfHour : Date.parse(`${dayFromNow(days)}T13:00:00Z`);
      const session = await api<SessionBody>(host, 'post', '/live/sessions', {
        title,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3 * halfHour).toISOString(),
        timezone,
        format,
        languages,
        venue: format === 'hybrid' ? 'CEPAL, Santiago de Chile' : undefined,
        link: 'https://meet.example.org/webinar',
      });
      if (days === 0) await api(host, 'post', `/live/sessions/${session.id}/start`);
    }
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it(
    'lets a member create an event, then a session in it with times on the event’s clocks, an agenda and languages',
    async () => {
      const page = await pageAs(host);
      await page.goto('/events/new');
      await page.getByRole('heading', { level: 1, name: 'New event' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Asia-Pacific regional review');
      await page
        .getByLabel('Description', { exact: true })
        .fill('Two days of review of the Global Compact in Asia and the Pacific.\nWorking sessions on each objective.');
      await page.getByLabel('Starts', { exact: true }).fill(`${day1}T08:00`);
      await page.getByLabel('Ends', { exact: true }).fill(`${day2}T18:00`);
      await page.getByLabel('Time zone', { exact: true }).fill('Asia/Bangkok');
      await page.getByLabel('Format', { exact: true }).selectOption('hybrid');
      await page.getByLabel('Venue', { exact: true }).fill('United Nations Conference Centre, Bangkok');
      for (const language of ['en', 'fr']) {
        await page.getByLabel('Add a language').selectOption(language);
        await page.getByRole('button', { name: 'Add language', exact: true }).click();
      }
      await page.getByRole('button', { name: 'Remove French' }).waitFor();
      await page.getByLabel('Places in person').fill('1');
      await page.getByRole('button', { name: 'Create the event' }).click();

      await page.getByRole('heading', { level: 1, name: 'Asia-Pacific regional review' }).waitFor();
      eventId = new URL(page.url()).pathname.split('/')[2];
      const event = await api<{ startsAt: string; endsAt: string; capacity: object; languages: string[] }>(
        host,
        'get',
        `/live/events/${eventId}`,
      );
      expect(event).toMatchObject({
        startsAt: `${day1}T01:00:00.000Z`,
        endsAt: `${day2}T11:00:00.000Z`,
        capacity: { in_person: 1, remote: null },
        languages: ['en', 'fr'],
      });

      await page.getByRole('link', { name: 'Add a session' }).click();
      await page.getByRole('heading', { level: 1, name: 'New session' }).waitFor();
      // The event's zone, format and languages are the session's to start with.
      expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Asia/Bangkok');
      await page.getByRole('button', { name: 'Remove English' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Opening session');
      await page.getByLabel('Description', { exact: true }).fill('Welcome by the hosts and the regional network.');
      await page.getByLabel('Starts', { exact: true }).fill(`${day1}T09:00`);
      await page.getByLabel('Ends', { exact: true }).fill(`${day1}T10:30`);
      await page.getByLabel('Meeting link').fill('https://meet.example.org/opening');
      await page.getByRole('button', { name: 'Add an agenda item' }).click();
      await page.getByLabel('Time', { exact: true }).fill('09:15');
      await page.getByLabel('Item', { exact: true }).fill('Welcome and objectives');
      await page.getByLabel('Speakers', { exact: true }).fill('Amina Diallo, Somchai Wongsakul');
      await page.getByLabel('A moderator approves questions before attendees see them').check();
      await page.getByRole('button', { name: 'Create the session' }).click();

      await page.getByRole('heading', { level: 1, name: 'Opening session' }).waitFor();
      sessionId = new URL(page.url()).pathname.split('/')[2];
      await page.getByText('Welcome and objectives').waitFor();
      await page.getByText('Speakers: Amina Diallo, Somchai Wongsakul').waitFor();
      await page.getByRole('link', { name: 'Moderator console' }).waitFor();
      expect(await page.getByRole('link', { name: 'Presenter screen' }).getAttribute('href')).toBe(
        `/live/${sessionId}/present`,
      );
      // Languages by their names (Intl.DisplayNames), not their codes.
      await page
        .getByRole('listitem')
        .filter({ hasText: /^English$/ })
        .waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: /^French$/ })
        .waitFor();

      const session = await api<SessionBody & { qa: { preModeration: boolean } }>(
        host,
        'get',
        `/live/sessions/${sessionId}`,
      );
      expect(session).toMatchObject({
        eventId,
        timezone: 'Asia/Bangkok',
        startsAt: `${day1}T02:00:00.000Z`,
        endsAt: `${day1}T03:30:00.000Z`,
        languages: ['en', 'fr'],
        agenda: [
          {
            title: 'Welcome and objectives',
            startsAt: `${day1}T02:15:00.000Z`,
            speakers: ['Amina Diallo', 'Somchai Wongsakul'],
          },
        ],
        qa: { preModeration: true },
      });
    },
    STEP_MS,
  );

  it(
    'shows the new session among the upcoming ones, and the live one with a Join link to its code',
    async () => {
      const page = await pageAs(host);
      await page.goto('/sessions');
      const list = page.getByRole('region', { name: 'Upcoming sessions' });
      const item = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Opening session' }) });
      await item.waitFor();
      await item.getByText('Part of Asia-Pacific regional review').waitFor();
      expect(await list.getByRole('link', { name: 'Data for migration governance' }).count()).toBe(0);
      await page.getByRole('complementary').getByRole('link', { name: 'Asia-Pacific regional review' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'sessions');

      await page.getByRole('button', { name: /Live now/ }).click();
      const live = page.getByRole('region', { name: 'Live now' });
      const join = live.getByRole('link', { name: 'Join Data for migration governance' });
      await join.waitFor();
      expect(await page.getByRole('button', { name: /Live now/ }).getAttribute('aria-pressed')).toBe('true');
      expect(await join.getAttribute('href')).toMatch(/^\/j\/[A-Z0-9]{6}$/);
      expect(new URL(page.url()).searchParams.get('when')).toBe('live');

      // Filtered by language: only the sessions interpreted into Swahili.
      await page.getByRole('button', { name: 'Upcoming' }).click();
      await page.getByRole('search').getByLabel('Language', { exact: true }).selectOption('sw');
      await list.getByRole('link', { name: /Remittances/ }).waitFor();
      await list.getByRole('link', { name: 'Opening session' }).waitFor({ state: 'detached' });

      const phone = await pageAs(remote, PHONE);
      await phone.goto('/sessions');
      await phone.getByRole('link', { name: 'Opening session' }).waitFor();
      await expectAccessible(phone);
    },
    STEP_MS,
  );

  it(
    'registers a member online, who then sees the meeting link',
    async () => {
      const page = await pageAs(remote);
      await page.goto(`/sessions/${sessionId}`);
      await page.getByRole('heading', { level: 1, name: 'Opening session' }).waitFor();
      await page.getByText('The meeting link appears here once you are registered.').waitFor();
      expect(await page.getByRole('link', { name: /Open the meeting link/ }).count()).toBe(0);
      await page.getByRole('link', { name: 'Asia-Pacific regional review' }).first().waitFor();

      await page.getByRole('radio', { name: /Online \(remote\)/ }).check();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Done: you are registered (Online (remote)).' }).waitFor();
      const meeting = page.getByRole('link', { name: /Open the meeting link/ });
      await meeting.waitFor();
      expect(await meeting.getAttribute('href')).toBe('https://meet.example.org/opening');
      await page.getByText('You are registered: Online (remote).').waitFor();
      await page.getByRole('button', { name: 'Cancel my registration' }).waitFor();
      await expectAccessible(page);
    },
    STEP_MS,
  );

  it(
    'puts the next member on the waiting list once the in-person places are taken',
    async () => {
      const first = await api<{ status: string }>(seated, 'post', `/live/events/${eventId}/registration`, {
        mode: 'in_person',
      });
      expect(first.status).toBe('registered');

      const page = await pageAs(late);
      await page.goto(`/events/${eventId}`);
      await page.getByRole('heading', { level: 1, name: 'Asia-Pacific regional review' }).waitFor();
      await page.getByRole('region', { name: 'Programme' }).getByRole('link', { name: 'Opening session' }).waitFor();
      const inPerson = page.getByRole('radio', { name: /In person/ });
      await inPerson.check();
      await page.getByText('1 place; when it is taken, you join the waiting list').waitFor();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'The places are all taken (In person): you are on the waiting list.' })
        .waitFor();
      await page.getByRole('button', { name: 'Leave the waiting list' }).waitFor();
      const mine = await api<{ registration: object }>(late, 'get', `/live/events/${eventId}`);
      expect(mine.registration).toEqual({ mode: 'in_person', status: 'waitlisted' });
      await expectAccessible(page);
    },
    STEP_MS,
  );

  it(
    'shows the recording the host posts once the session has ended',
    async () => {
      await api(host, 'post', `/live/sessions/${sessionId}/start`);
      await api(host, 'post', `/live/sessions/${sessionId}/end`);

      const hostPage = await pageAs(host);
      await hostPage.goto(`/sessions/${sessionId}/edit`);
      await hostPage.getByRole('heading', { level: 1, name: 'Edit the session' }).waitFor();
      expect(await hostPage.getByLabel('Meeting link').inputValue()).toBe('https://meet.example.org/opening');
      await hostPage.getByLabel('Recording link').fill('https://video.example.org/opening');
      await hostPage.getByRole('button', { name: 'Add a material' }).click();
      await hostPage.getByLabel('Title', { exact: true }).last().fill('Slides of the opening');
      await hostPage.getByLabel('Link', { exact: true }).fill('https://docs.example.org/opening.pdf');
      await hostPage.getByRole('button', { name: 'Save changes' }).click();
      await hostPage.getByRole('heading', { level: 2, name: 'After the session' }).waitFor();

      const page = await pageAs(remote);
      await page.goto(`/sessions/${sessionId}`);
      await page.getByRole('heading', { level: 1, name: 'Opening session' }).waitFor();
      const recording = page.getByRole('link', { name: /Watch the recording/ });
      await recording.waitFor();
      expect(await recording.getAttribute('href')).toBe('https://video.example.org/opening');
      expect(await page.getByRole('link', { name: 'Slides of the opening' }).getAttribute('href')).toBe(
        'https://docs.example.org/opening.pdf',
      );
      await page.getByText('Ended', { exact: true }).first().waitFor();
      await page.getByText('No questions were asked in this session.').waitFor();
      // Over: nothing to register for, and no meeting to open.
      expect(await page.getByRole('button', { name: 'Register', exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Open the meeting link/ }).count()).toBe(0);
      const stored = await api<SessionBody>(host, 'get', `/live/sessions/${sessionId}`);
      expect(stored).toMatchObject({ status: 'ended', recordingUrl: 'https://video.example.org/opening' });
    },
    STEP_MS,
  );
});
