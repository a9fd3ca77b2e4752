import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot } from '../support/browser.js';
import { pdfWithText } from '../support/files.js';
import { API, expectStatus, startForumApp } from '../support/forum.js';
import type { TestApp } from '../support/test-app.js';
import { register, type SignedIn } from '../support/users.js';

const TITLE = 'Ending child immigration detention by 2030';
const FIRST_UPDATE = 'Alternatives to detention piloted in three border states, with case management by civil society.';
const SECOND_UPDATE = 'The reform of the migration law was adopted: children are no longer detained.';
const EVIDENCE_LINK = 'https://example.org/atd-pilot-evaluation-2023';

interface PledgeBody {
  id: string;
  title: string;
  status: string;
  percent: number | null;
  year: number;
  followerCount: number;
  representatives: { id: string | null; displayName: string }[];
}

interface DashboardBody {
  total: number;
  byStatus: { key: string; count: number }[];
  byCluster: { key: string; count: number }[];
  byYearStatus: { key: number; byStatus: { key: string; count: number }[] }[];
}

/**
 * Pledges in a real browser against the real server: a member makes a pledge through the form, naming a
 * representative; a member follows it; the representative reports progress twice (a percentage with evidence,
 * then the status to realised); the follower is notified; the dashboard draws its charts, with data tables
 * giving the exact totals, and the list filters.
 */
describe('pledges (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let amina: SignedIn;
  let jorge: SignedIn;
  let mei: SignedIn;
  let pledgeId = '';

  const pageAs = async (member: SignedIn | undefined, viewport = DESKTOP): Promise<Page> => {
    const context = await openContext(browser, app, { viewport, as: member });
    contexts.push(context);
    return context.newPage();
  };

  const call = async <T>(who: SignedIn, method: 'get' | 'post', path: string, body?: object): Promise<T> => {
    const response = await app.http[method](`${API}${path}`).set(who.auth).send(body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };

  /** A table's rows as the reader sees them: the header cell, then each figure. */
  const rowsOf = (page: Page, name: string) =>
    page
      .getByRole('table', { name, exact: true })
      .evaluate((table) =>
        [...table.querySelectorAll('tbody tr')].map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
        ),
      );

  beforeAll(async () => {
    app = await startForumApp('browser_pledges');
    browser = await launchBrowser();
    [amina, jorge, mei] = await Promise.all([
      register(app, { displayName: 'Amina Diallo' }),
      register(app, { displayName: 'Jorge Ramírez' }),
      register(app, { displayName: 'Mei Chen' }),
    ]);
    // Other pledges, as a real platform has: two made in 2019, two in 2022, in other clusters and states.
    const others: [string, string, string, string, string[], number[]][] = [
      ['Funding the Migration Multi-Partner Trust Fund', 'funding', '2019-12-18', 'realised', ['europe'], [23]],
      [
        'Regional labour mobility agreements',
        'international-cooperation',
        '2019-06-01',
        'in_progress',
        ['africa'],
        [5, 6],
      ],
      ['Reintegration support for returnees', 'return-reintegration', '2022-05-19', 'discontinued', ['asia'], [21]],
      [
        'A national GCM implementation plan',
        'national-implementation-plans',
        '2022-09-10',
        'planned',
        ['americas'],
        [1],
      ],
    ];
    for (const [title, cluster, madeAt, status, regions, objectives] of others) {
      await call(mei, 'post', '/pledges', {
        title,
        description: `${title}: what will be done, by when, and how progress is measured.`,
        pledger: { kind: 'organisation', name: 'Migration Policy Network' },
        objectives,
        cluster,
        regions,
        madeAt,
        status,
      });
    }
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('a member makes a pledge through the form, naming a representative', async () => {
    const page = await pageAs(amina);
    await page.goto('/pledges');
    await page.getByRole('heading', { level: 1, name: 'Pledges' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pledges' }).waitFor();
    await page.getByRole('link', { name: 'Make a pledge' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Make a pledge' }).waitFor();

    // What the form checks before sending: named next to each field.
    await page.getByRole('button', { name: 'Make the pledge' }).click();
    await page.getByText('Give the pledge a title (at least 2 characters).').waitFor();
    await page.getByText('Choose at least one objective.').waitFor();
    await page.getByText('Choose a cluster.').waitFor();

    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('What was pledged').fill('No child will be held in immigration detention by 2030.');
    await page.getByRole('radio', { name: 'Member State' }).check();
    await page.getByLabel('Name of the Member State').fill('Mexico');
    await page.getByLabel('Country of the Member State').selectOption({ label: 'Mexico' });
    await page.getByLabel('Cluster').selectOption({ label: 'Climate change and migration' });
    await page.getByLabel('Made on').fill('2022-05-20');
    await page.getByRole('checkbox', { name: 'Objective 13 · Alternatives to detention' }).check();
    await page.getByRole('checkbox', { name: 'Americas' }).check();
    await page.getByRole('combobox', { name: 'Countries concerned' }).selectOption({ label: 'Guatemala' });
    await page.getByRole('button', { name: 'Remove Guatemala' }).waitFor();
    // Amina is a representative already; Jorge is found by name and added.
    await page.getByRole('button', { name: 'Remove Amina Diallo' }).waitFor();
    await page.getByLabel('Add a representative: search members by name').fill('Jorge');
    await page.getByRole('button', { name: 'Add Jorge Ramírez' }).click();
    await page.getByRole('button', { name: 'Remove Jorge Ramírez' }).waitFor();
    await page.getByRole('button', { name: 'Make the pledge' }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    pledgeId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(pledgeId).toMatch(/^[0-9a-f]{24}$/);
    const pledge = await call<PledgeBody & { countries: string[]; objectives: number[]; regions: string[] }>(
      amina,
      'get',
      `/pledges/${pledgeId}`,
    );
    expect(pledge).toMatchObject({
      title: TITLE,
      status: 'planned',
      year: 2022,
      objectives: [13],
      regions: ['americas'],
      countries: ['GT'],
      percent: null,
    });
    expect(pledge.representatives.map((person) => person.displayName)).toEqual(['Amina Diallo', 'Jorge Ramírez']);
    await page.getByRole('link', { name: 'Edit the pledge' }).waitFor();
    // Amina made it but Jorge reports too: both see the reporting form.
    await page.getByRole('heading', { level: 2, name: 'Report progress' }).waitFor();
  });

  it('a member follows the pledge, on a phone', async () => {
    const page = await pageAs(mei, PHONE);
    await page.goto(`/pledges/${pledgeId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // Not a representative: no reporting form, no edit link.
    expect(await page.getByRole('heading', { name: 'Report progress' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit the pledge' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Follow', pressed: false }).click();
    await page.getByRole('button', { name: 'Following', pressed: true }).waitFor();
    await page.getByText('You follow this pledge: you will be notified of each progress update.').waitFor();
    expect((await call<PledgeBody>(mei, 'get', `/pledges/${pledgeId}`)).followerCount).toBe(1);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('a representative reports progress twice: a percentage with evidence, then the status to realised', async () => {
    const page = await pageAs(jorge);
    await page.goto(`/pledges/${pledgeId}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('No progress has been reported on this pledge yet.').waitFor();

    // The form's own check: a percentage over 100.
    await page.getByLabel('What happened').fill(FIRST_UPDATE);
    await page.getByLabel('How far it is, in percent (optional)').fill('140');
    await page.getByRole('button', { name: 'Post the update' }).click();
    await page.getByText('Give a number from 0 to 100, or leave it empty.').waitFor();

    await page.getByLabel('How far it is, in percent (optional)').fill('40');
    await page.getByLabel('Evidence links (optional)').fill(EVIDENCE_LINK);
    await page.getByLabel('Evidence files (optional)').setInputFiles({
      name: 'atd-evaluation.pdf',
      mimeType: 'application/pdf',
      buffer: pdfWithText('Evaluation of the alternatives to detention pilot'),
    });
    await page.getByRole('button', { name: 'Remove atd-evaluation.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Post the update' }).click();
    await page.getByText('Your progress update is posted.').waitFor();

    const timeline = page.getByRole('region', { name: 'Progress timeline' });
    const first = timeline.getByRole('listitem').filter({ hasText: FIRST_UPDATE });
    await first.waitFor();
    await first.getByText('40%', { exact: true }).waitFor();
    await first.getByRole('link', { name: new RegExp(EVIDENCE_LINK) }).waitFor();
    await first.getByRole('button', { name: /^Download atd-evaluation\.pdf \(/ }).waitFor();
    await page.getByRole('progressbar', { name: 'Progress reported' }).waitFor();
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    // The second: a milestone and the status moved to realised.
    await page.getByLabel('What happened').fill(SECOND_UPDATE);
    await page.getByLabel('Milestone reached (optional)').fill('Law adopted');
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Realised' });
    await page.getByRole('button', { name: 'Post the update' }).click();
    await page.getByText('Your progress update is posted.').waitFor();
    const second = timeline.getByRole('listitem').filter({ hasText: SECOND_UPDATE });
    await second.getByText('Milestone: Law adopted').waitFor();
    await second.getByText('Realised', { exact: true }).waitFor();
    // The pledge now says realised, its timeline newest first.
    await page.locator('.pledges-pledge__eyebrow').getByText('Realised', { exact: true }).waitFor();
    const order = await timeline.locator('.pledges-update__text').allTextContents();
    expect(order).toEqual([SECOND_UPDATE, FIRST_UPDATE]);
    const pledge = await call<PledgeBody>(jorge, 'get', `/pledges/${pledgeId}`);
    expect(pledge).toMatchObject({ status: 'realised', percent: 40 });
    await expectAccessible(page);
  });

  it('the follower is notified of both updates, and downloads the evidence from the timeline', async () => {
    const page = await pageAs(mei);
    await page.goto('/');
    await page.getByRole('link', { name: 'Notifications, 2 unread' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const notices = page.getByRole('link', { name: `Jorge Ramírez reported progress on the pledge “${TITLE}”` });
    await notices.first().waitFor();
    expect(await notices.count()).toBe(2);
    await notices.first().click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/pledges/${pledgeId}`);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /^Download atd-evaluation\.pdf \(/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('atd-evaluation.pdf');
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the dashboard draws its charts, with data tables giving the exact totals', async () => {
    const board = await call<DashboardBody>(amina, 'get', '/pledges/dashboard');
    expect(board.total).toBe(5);
    const page = await pageAs(undefined, DESKTOP);
    // Without motion the charts are drawn whole at once (as for anyone who asks their system for less motion).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/pledges');
    await page.getByRole('heading', { level: 1, name: 'Pledges' }).waitFor();
    const totals = page.locator('.pledges-totals');
    await totals.getByText('Pledges in all').waitFor();
    expect(await totals.locator('.pledges-totals__all dd').textContent()).toBe('5');

    // Five charts, each drawn: its canvas holds painted pixels.
    const canvases = page.locator('.pledges-chart canvas');
    await canvases.nth(4).waitFor();
    expect(await canvases.count()).toBe(5);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('.pledges-chart canvas')].every((canvas) => {
        if (canvas.width === 0 || canvas.height === 0) return false;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) painted += 1;
        return painted > 500;
      }),
    );
    await page
      .getByRole('img', { name: /^Chart: By status\. Planned: 1; In progress: 1; Realised: 2; Discontinued: 1$/ })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Latest progress' }).waitFor();
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await screenshot(page, 'pledges');

    // The figures as tables, under their disclosures.
    for (const summary of await page.locator('.pledges-chart__data summary').all()) await summary.click();
    expect(await rowsOf(page, 'By status')).toEqual([
      ['Planned', '1'],
      ['In progress', '1'],
      ['Realised', '2'],
      ['Discontinued', '1'],
    ]);
    expect(await rowsOf(page, 'Status over time, by the year pledges were made')).toEqual([
      ['2019', '0', '1', '1', '0', '2'],
      ['2022', '1', '0', '1', '1', '3'],
    ]);
    expect(await rowsOf(page, 'By cluster')).toEqual([
      ['Climate change and migration', '1'],
      ['Funding', '1'],
      ['International cooperation', '1'],
      ['National implementation plans', '1'],
      ['Return and reintegration', '1'],
    ]);
    const regions = Object.fromEntries(await rowsOf(page, 'By region'));
    expect(regions).toMatchObject({ Africa: '1', Americas: '2', Asia: '1', Europe: '1' });
    const objectives = await rowsOf(page, 'By GCM objective');
    expect(objectives).toHaveLength(23);
    expect(
      objectives.filter(([, count]) => count !== '0').map(([label, count]) => [label.split(' · ')[0], count]),
    ).toEqual([
      ['Objective 1', '1'],
      ['Objective 5', '1'],
      ['Objective 6', '1'],
      ['Objective 13', '1'],
      ['Objective 21', '1'],
      ['Objective 23', '1'],
    ]);
    // The same figures as the API's.
    expect(board.byStatus.map(({ count }) => count)).toEqual([1, 1, 2, 1]);
    expect(board.byYearStatus.map(({ key, byStatus }) => [key, byStatus.map(({ count }) => count)])).toEqual([
      [2019, [0, 1, 1, 0]],
      [2022, [1, 0, 1, 1]],
    ]);
    const csv = page.getByRole('link', { name: 'Download CSV (spreadsheet)' });
    expect(await csv.getAttribute('href')).toBe('/api/v1/pledges/export?format=csv');
    expectStatus(await app.http.get(`${API}/pledges/export?format=csv`), 200, 'the CSV export');
    await expectAccessible(page);
  });

  it('the list filters pledges by status and by words', async () => {
    const page = await pageAs(undefined, DESKTOP);
    await page.goto('/pledges');
    await page.getByRole('link', { name: 'Browse all pledges' }).click();
    await page.getByRole('heading', { level: 1, name: 'All pledges' }).waitFor();
    await page.getByRole('status').filter({ hasText: '5 pledges' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Realised' });
    await page.getByRole('status').filter({ hasText: '2 pledges' }).waitFor();
    const titles = page.locator('.pledges-card__title');
    expect((await titles.allTextContents()).sort()).toEqual([TITLE, 'Funding the Migration Multi-Partner Trust Fund']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('realised');
    const card = page.getByRole('listitem').filter({ hasText: TITLE });
    await card.getByText('40%', { exact: true }).waitFor();
    await card.getByText('Realised', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByRole('status').filter({ hasText: '5 pledges' }).waitFor();
    await page.getByRole('searchbox', { name: 'Words' }).fill('reintegration');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 pledge' }).waitFor();
    expect(await titles.allTextContents()).toEqual(['Reintegration support for returnees']);
    await page.getByLabel('Status').selectOption({ label: 'Planned' });
    await page.getByText('No pledge matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Any' });
    await page.getByRole('status').filter({ hasText: '1 pledge' }).waitFor();
    await expectAccessible(page);
  });
});
