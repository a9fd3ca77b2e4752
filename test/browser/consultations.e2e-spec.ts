import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot } from '../support/browser.js';
import { API } from '../support/forum.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { register, registerWithRole, type SignedIn } from '../support/users.js';

const DAY = 24 * 3_600_000;
const TITLE = 'Workplan 2027 of the Regional Network on Migration';
const PRIORITIES =
  'Our priority is fair recruitment: we propose a joint audit of recruitment agencies in the corridor.';
const BUDGET = 'The budget should set aside funds for interpretation at every regional meeting.';

/** A calendar day `days` from now (the machine's clock, as the browser's), as a datetime-local input's date part. */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * DAY);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

interface CommentBody {
  id: string;
  author: { id: string | null; displayName: string };
  body: string;
  status: string;
  endorsements: number;
}

interface ConsultationBody {
  id: string;
  title: string;
  closesAt: string;
  status: string;
  sections: { id: string; title: string; text: string; commentCount: number; comments: CommentBody[] }[];
}

/**
 * Consultations in a real browser against the real server: an owner opens a draft with three sections (reordered
 * on the form), members comment on different sections, another endorses (+1 once), flags; a moderator hides and
 * restores; the owner reads the inputs by section and downloads them; after the deadline the page is read-only.
 */
describe('consultations (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let owner: SignedIn;
  let jorge: SignedIn;
  let mei: SignedIn;
  let kofi: SignedIn;
  let moderator: SignedIn;
  let consultationId = '';
  const deadlineDay = dayFromNow(20);

  const pageAs = async (member: SignedIn | undefined, viewport = DESKTOP, locale?: string): Promise<Page> => {
    const context = await openContext(browser, app, { viewport, as: member, locale });
    contexts.push(context);
    return context.newPage();
  };

  const call = async <T>(who: SignedIn, method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const response = await app.http[method](`${API}${path}`).set(who.auth).send(body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as T;
  };

  const consultation = () => call<ConsultationBody>(owner, 'get', `/consultations/${consultationId}`);

  beforeAll(async () => {
    app = await startTestApp('browser_consultations');
    browser = await launchBrowser();
    [owner, jorge, mei, kofi] = await Promise.all([
      register(app, { displayName: 'Amina Diallo' }),
      register(app, { displayName: 'Jorge Ramírez' }),
      register(app, { displayName: 'Mei Chen' }),
      register(app, { displayName: 'Kofi Mensah' }),
    ]);
    moderator = await registerWithRole(app, 'moderator');
    // Other consultations around it: one open, closing sooner, and one already closed.
    const section = { title: 'Scope', text: 'What the plan covers.' };
    await call(jorge, 'post', '/consultations', {
      title: 'Terms of reference of the working group on remittances',
      closesAt: new Date(Date.now() + 5 * DAY).toISOString(),
      sections: [section],
    });
    const closed = await call<ConsultationBody>(mei, 'post', '/consultations', {
      title: 'Guidance note on return and reintegration',
      closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
      sections: [section],
    });
    await call(mei, 'patch', `/consultations/${closed.id}`, { closesAt: new Date(Date.now() - DAY).toISOString() });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('lists open and closed consultations with their deadlines in the viewer’s language', async () => {
    const page = await pageAs(owner);
    await page.goto('/consultations');
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    const open = page.getByRole('button', { name: 'Open for inputs' });
    expect(await open.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Terms of reference of the working group on remittances' }).waitFor();
    await page.getByText('Inputs until', { exact: false }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Guidance note on return and reintegration' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Closed', exact: true }).click();
    await page.getByRole('link', { name: 'Guidance note on return and reintegration' }).waitFor();
    expect(await page.getByRole('button', { name: 'Closed', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Closed on', { exact: false }).first().waitFor();

    // In French: the labels and the dates ("… mai 2026 …") in French.
    const french = await pageAs(undefined, PHONE, 'fr-FR');
    await french.goto('/consultations');
    await french.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    const when = french.getByText('Contributions jusqu’au', { exact: false }).first();
    await when.waitFor();
    const expected = new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(new Date(Date.now() + 5 * DAY));
    expect(await when.textContent()).toContain(expected);
  });

  it('lets an owner open a consultation with three sections, reordered on the form', async () => {
    const page = await pageAs(owner);
    await page.goto('/consultations');
    await page.getByRole('link', { name: 'New consultation' }).click();
    await page.getByRole('heading', { level: 1, name: 'New consultation' }).waitFor();

    // Nothing filled: the form says what is missing, and sends nothing.
    await page.getByLabel('Title', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Open the consultation' }).click();
    await page.getByText('Give the consultation a title (at least 2 characters).').waitFor();
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Introduction', { exact: true })
      .fill('The network’s draft workplan for 2027. Please comment on each section before the deadline.');
    await page.getByLabel('Inputs taken until').fill(`${deadlineDay}T17:00`);
    const section = (number: number) => page.getByRole('group', { name: `Section ${number}`, exact: true });
    await section(1).getByLabel('Section title').fill('Priorities');
    await section(1).getByLabel('Section text').fill('1. Fair recruitment\n2. Regular pathways');
    await page.getByRole('button', { name: 'Add a section' }).click();
    await section(2).getByLabel('Section title').fill('Budget and resources');
    await section(2).getByLabel('Section text').fill('Funding of the secretariat and of the regional meetings.');
    await page.getByRole('button', { name: 'Add a section' }).click();
    await section(3).getByLabel('Section title').fill('Activities');
    await section(3).getByLabel('Section text').fill('Workshops, peer exchanges and a regional review.');
    // Activities before the budget.
    await page.getByRole('button', { name: 'Move section 3 up' }).click();
    expect(await section(2).getByLabel('Section title').inputValue()).toBe('Activities');
    expect(await section(3).getByLabel('Section title').inputValue()).toBe('Budget and resources');
    await page.getByRole('button', { name: 'Open the consultation' }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    consultationId = new URL(page.url()).pathname.split('/')[2];
    const saved = await consultation();
    expect(saved.sections.map((item) => item.title)).toEqual(['Priorities', 'Activities', 'Budget and resources']);
    expect(saved.closesAt).toBe(new Date(`${deadlineDay}T17:00`).toISOString());
    expect(saved.status).toBe('open');
    const contents = page.getByRole('navigation', { name: 'Sections' });
    expect(await contents.getByRole('listitem').allTextContents()).toEqual([
      'Priorities 0 comments',
      'Activities 0 comments',
      'Budget and resources 0 comments',
    ]);
    await page.getByRole('link', { name: 'Inputs by section' }).waitFor();
  });

  it('takes comments from two members on different sections', async () => {
    const jorgePage = await pageAs(jorge);
    await jorgePage.goto(`/consultations/${consultationId}`);
    const priorities = jorgePage.getByRole('region', { name: '1. Priorities' });
    await priorities.getByLabel('Your comment on section 1, “Priorities”').fill(PRIORITIES);
    await priorities.getByRole('button', { name: 'Send comment' }).click();
    await priorities.getByText('Your comment was added.').waitFor();
    await priorities.getByText(PRIORITIES).waitFor();
    await priorities.getByRole('heading', { level: 3, name: '1 comment' }).waitFor();
    // One's own comment is not one's to endorse or flag.
    const own = priorities.getByRole('article', { name: /^Jorge Ramírez/ });
    await own.getByText('0 endorsements').waitFor();
    expect(await own.getByRole('button', { name: 'Endorse' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Flag' }).count()).toBe(0);

    // Mei, on her phone, on the third section.
    const meiPage = await pageAs(mei, PHONE);
    await meiPage.goto(`/consultations/${consultationId}`);
    const budget = meiPage.getByRole('region', { name: '3. Budget and resources' });
    await budget.getByLabel('Your comment on section 3, “Budget and resources”').fill(BUDGET);
    await budget.getByRole('button', { name: 'Send comment' }).click();
    await budget.getByText('Your comment was added.').waitFor();
    await budget.getByText(BUDGET).waitFor();
    await meiPage
      .getByRole('navigation', { name: 'Sections' })
      .getByText('Budget and resources 1 comment', { exact: true })
      .waitFor();

    const saved = await consultation();
    expect(saved.sections.map((item) => [item.title, item.comments.map((comment) => comment.body)])).toEqual([
      ['Priorities', [PRIORITIES]],
      ['Activities', []],
      ['Budget and resources', [BUDGET]],
    ]);
  });

  it('counts an endorsement once, undone and redone with the same button, and takes a flag', async () => {
    const page = await pageAs(kofi);
    await page.goto(`/consultations/${consultationId}`);
    const comment = page
      .getByRole('region', { name: '1. Priorities' })
      .getByRole('article', { name: /^Jorge Ramírez/ });
    const endorse = comment.getByRole('button', { name: 'Endorse' });
    // The state shows at once, and settles (the button usable again) when the server has answered.
    const pressed = async (state: 'true' | 'false', text: string) => {
      await comment.getByRole('button', { name: 'Endorse', pressed: state === 'true', disabled: false }).waitFor();
      await comment.getByText(text, { exact: true }).waitFor();
      expect(await endorse.getAttribute('aria-pressed')).toBe(state);
    };
    await pressed('false', '0 endorsements');
    await endorse.click();
    await pressed('true', '1 endorsement');
    await endorse.click();
    await pressed('false', '0 endorsements');
    await endorse.click();
    await pressed('true', '1 endorsement');
    const saved = await consultation();
    expect(saved.sections[0].comments[0].endorsements).toBe(1);
    // After a reload, the same: the server's count and Kofi's own +1.
    await page.reload();
    await pressed('true', '1 endorsement');
    await expectAccessible(page);
    await screenshot(page, 'consultation');

    // Flag Mei's comment: the moderators are told.
    const meis = page
      .getByRole('region', { name: '3. Budget and resources' })
      .getByRole('article', { name: /^Mei Chen/ });
    await meis.getByRole('button', { name: 'Flag' }).click();
    await meis.getByLabel('What is wrong with it?').selectOption('off_topic');
    await meis.getByRole('button', { name: 'Send to the moderators' }).click();
    await meis.getByText('Thank you: the moderators will look at it.').waitFor();
    const flags = await call<{ items: { reason: string; status: string }[] }>(moderator, 'get', '/moderation/flags');
    expect(flags.items.map((flag) => [flag.reason, flag.status])).toEqual([['off_topic', 'open']]);
  });

  it('lets a moderator hide and restore a comment with a reason', async () => {
    const page = await pageAs(moderator);
    await page.goto(`/consultations/${consultationId}`);
    const meis = page
      .getByRole('region', { name: '3. Budget and resources' })
      .getByRole('article', { name: /^Mei Chen/ });
    await meis.getByRole('button', { name: 'Hide' }).click();
    await meis.getByLabel('Reason').fill('Repeated in another section');
    await meis.getByRole('button', { name: 'Hide the comment' }).click();
    await meis.getByText('The comment is hidden.').waitFor();
    await meis.getByText('Hidden', { exact: true }).waitFor();
    const hidden = await call<{ sections: { comments: number; hidden: number }[] }>(
      owner,
      'get',
      `/consultations/${consultationId}/inputs`,
    );
    expect(hidden.sections[2]).toMatchObject({ comments: 0, hidden: 1 });

    await meis.getByRole('button', { name: 'Restore' }).click();
    await meis.getByLabel('Reason').fill('Checked: it is on the budget');
    await meis.getByRole('button', { name: 'Restore the comment' }).click();
    await meis.getByText('The comment is visible again.').waitFor();
    expect(await meis.getByText('Hidden', { exact: true }).count()).toBe(0);
    const restored = await consultation();
    expect(restored.sections[2].comments.map((comment) => comment.status)).toEqual(['visible']);
  });

  it('shows the owner the inputs grouped by section and downloads them as CSV', async () => {
    const page = await pageAs(owner);
    await page.goto(`/consultations/${consultationId}`);
    await page.getByRole('link', { name: 'Inputs by section' }).click();
    await page.getByRole('heading', { level: 1, name: `Inputs: ${TITLE}` }).waitFor();

    const counts = async (region: string) => {
      const section = page.getByRole('region', { name: region });
      const terms = await section.locator('dt').allTextContents();
      const values = await section.locator('dd').allTextContents();
      return Object.fromEntries(terms.map((term, index) => [term, values[index]]));
    };
    expect(await counts('All sections')).toEqual({
      Comments: '2',
      Endorsements: '1',
      Commenters: '2',
      'Hidden by moderation': '0',
    });
    expect(await counts('1. Priorities')).toMatchObject({ Comments: '1', Endorsements: '1', Commenters: '1' });
    expect(await counts('2. Activities')).toMatchObject({ Comments: '0', Endorsements: '0' });
    expect(await counts('3. Budget and resources')).toMatchObject({ Comments: '1', Endorsements: '0' });
    const priorities = page.getByRole('region', { name: '1. Priorities' });
    await priorities.getByText(PRIORITIES).waitFor();
    await priorities.getByText('1 endorsement', { exact: true }).waitFor();
    await page.getByRole('region', { name: '2. Activities' }).getByText('No input on this section.').waitFor();
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('workplan-2027-of-the-regional-network-on-migration-inputs.csv');
    const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe('section,section title,comment id,author,author id,written at,endorsements,comment');
    const saved = await consultation();
    const [jorgeComment] = saved.sections[0].comments;
    const [meiComment] = saved.sections[2].comments;
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(`^1,Priorities,${jorgeComment.id},Jorge Ramírez,${jorge.id},[0-9T:.Z-]+,1,${escape(PRIORITIES)}$`),
      ),
      expect.stringMatching(
        new RegExp(`^3,Budget and resources,${meiComment.id},Mei Chen,${mei.id},[0-9T:.Z-]+,0,${escape(BUDGET)}$`),
      ),
    ]);
    await page.getByRole('status').filter({ hasText: 'The CSV file was downloaded.' }).waitFor();
  });

  it('is read-only after the deadline: no comment box, no endorsing, a notice instead', async () => {
    await call(owner, 'patch', `/consultations/${consultationId}`, {
      closesAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const page = await pageAs(jorge);
    await page.goto(`/consultations/${consultationId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('This consultation closed on', { exact: false }).waitFor();
    await page.getByText(PRIORITIES).waitFor();
    await page.getByText(BUDGET).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send comment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Endorse' }).count()).toBe(0);
    await page.getByRole('region', { name: '1. Priorities' }).getByText('1 endorsement', { exact: true }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Consultations', exact: true }).first().click();
    await page.getByRole('button', { name: 'Closed', exact: true }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
  });
});

/** A literal string inside a regular expression (a CSV cell without quotes or commas is written as is). */
function escape(text: string): string {
  const cell = /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  return cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
