import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectAccessible, PHONE, screenshot } from '../support/browser.js';
import { pdfWithText } from '../support/files.js';
import { type LibraryStage, openLibraryStage } from './library-stage.js';
import { API, initiativeBody, type ItemBody, publish, SCORES } from '../support/library.js';
import type { SignedIn } from '../support/users.js';

const TITLE = 'Safe return and reintegration in the Sahel';
/** A word of its summary only: the catalogue finds the initiative by it once published. */
const WORD = 'tessalitbridge';
const FILE_NAME = 'sahel-evaluation.pdf';
/** A queue's action on the initiative: its visible words, then (for assistive technology) the title. */
const withTitle = (action: string) => new RegExp(`^${action}\\s*: ${TITLE}$`);

/** Nothing wider than the screen. */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * Initiatives in a real browser: a member proposes one with an attachment through the form (the form's own checks and
 * the server's word shown at their fields), the editor assigns reviewers and a reviewer reviews it from their queue,
 * the editor publishes it, and a guest finds it in the initiatives' catalogue and reads it, on a desktop and a phone.
 */
describe('initiatives in the browser', () => {
  let stage: LibraryStage;
  let initiativeId = '';

  const initiative = async (who: SignedIn): Promise<ItemBody> => {
    const response = await stage.app.http.get(`${API}/initiatives/${initiativeId}`).set(who.auth).expect(200);
    return response.body as ItemBody;
  };

  beforeAll(async () => {
    stage = await openLibraryStage('browser_initiatives', {
      name: FILE_NAME,
      content: pdfWithText('Mid-term evaluation of the reintegration programme'),
    });
    const { roles } = stage;
    // One initiative already reviewed and published (in Africa and Europe), and a resource, which is not an initiative.
    await publish(
      stage.app,
      roles,
      initiativeBody({ title: 'Skills partnership between Morocco and Spain' }),
      'initiatives',
    );
    await publish(stage.app, roles, undefined, 'resources');
  }, 90_000);

  afterAll(() => stage?.close());

  it('lets a member propose an initiative with a file, showing the form’s and the server’s word at the fields', async () => {
    const page = await stage.pageAs(stage.author);
    await page.goto('/library');
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('link', { name: 'Propose an initiative' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Propose an initiative' }).waitFor();
    await expectAccessible(page);

    // Nothing filled in: the form names what is missing, next to each field.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Write a summary.').waitFor();
    await page.getByText('Name the lead organisation.').waitFor();
    await page.getByText('Give the start date.').waitFor();
    await page.getByText('Choose at least one objective.').waitFor();

    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Summary', { exact: true })
      .fill(`Returnees in Mali and Niger start businesses with the ${WORD} scheme: grants, mentoring and a network.`);
    await page.getByLabel('Lead organisation', { exact: true }).fill('Sahel Return Network');
    await page.getByLabel('Partner organisations', { exact: true }).fill('Ministry of Malians Abroad\nNiger Red Cross');
    await page.getByLabel('Start date', { exact: true }).fill('2024-03-01');
    await page.getByLabel('End date', { exact: true }).fill('2026-12-31');
    await page.getByLabel('Stage', { exact: true }).selectOption('ongoing');
    await page.getByLabel('Results', { exact: true }).fill('412 returnees supported, 180 businesses opened.');
    // A link the server refuses: its word shows next to the links.
    await page.getByLabel('Links', { exact: true }).fill('sahel-return.example');
    await page.getByLabel('20. Remittances').check();
    await page.getByLabel('French', { exact: true }).check();
    await page.getByLabel('Africa', { exact: true }).check();
    await page.getByLabel('Add a country').selectOption('ML');
    await page.getByLabel('Add a country').selectOption('NE');
    await page.getByLabel('Tags', { exact: true }).fill('reintegration, entrepreneurship');
    await page.getByLabel('Add files').setInputFiles(stage.file);
    await page.locator(`[role="progressbar"][aria-valuenow="100"]`).waitFor();
    await page.getByText(/^Uploaded · /).waitFor();

    await page.getByRole('button', { name: 'Submit for review' }).click();
    const links = page.getByLabel('Links', { exact: true });
    await page.locator('.field', { has: links }).locator('.field__error').waitFor();
    expect(await page.locator('.field', { has: links }).locator('.field__error').innerText()).toMatch(/http/);
    expect(await links.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Check the fields marked.').waitFor();
    // Nothing was saved.
    const none = await stage.app.http
      .get(`${API}/initiatives/submissions`)
      .query({ mine: true })
      .set(stage.author.auth);
    expect(none.body.items).toEqual([]);

    await links.fill('https://sahel-return.example/programme');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('Saved as a draft.').waitFor();
    // The draft opens again in the form, as it was written, and is submitted from there.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit the initiative' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/library\/i\/[0-9a-f]{24}\/edit$/);
    expect(await page.getByLabel('End date', { exact: true }).inputValue()).toBe('2026-12-31');
    expect(await page.getByLabel('Partner organisations', { exact: true }).inputValue()).toBe(
      'Ministry of Malians Abroad\nNiger Red Cross',
    );
    await page.getByText(FILE_NAME).waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Submitted for review. The editors will assign reviewers.').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/library\/i\/[0-9a-f]{24}$/);
    initiativeId = new URL(page.url()).pathname.split('/')[3];
    await page.getByRole('heading', { level: 2, name: 'Your submission' }).waitFor();
    await expectAccessible(page);

    const submitted = await initiative(stage.author);
    expect(submitted).toMatchObject({
      kind: 'initiative',
      status: 'submitted',
      summary: expect.stringContaining(WORD),
      leadOrganisation: 'Sahel Return Network',
      partnerOrganisations: ['Ministry of Malians Abroad', 'Niger Red Cross'],
      period: { start: '2024-03-01', end: '2026-12-31' },
      stage: 'ongoing',
      results: '412 returnees supported, 180 businesses opened.',
      links: ['https://sahel-return.example/programme'],
      objectives: [20],
      languages: ['en', 'fr'],
      regions: ['africa'],
      countries: ['ML', 'NE'],
      tags: ['reintegration', 'entrepreneurship'],
    });
    expect((submitted.files as { name: string }[]).map((file) => file.name)).toEqual([FILE_NAME]);
  }, 60_000);

  it('lets the editor assign reviewers, a reviewer review it from their queue and the editor publish it', async () => {
    const board = await stage.pageAs(stage.editor);
    await board.goto('/library/reviews?tab=editor&kind=initiative');
    await board.getByRole('button', { name: 'Initiatives', pressed: true }).waitFor();
    await board.getByRole('link', { name: withTitle('Assign reviewers') }).click();
    await board.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(board.url()).pathname).toBe(`/library/i/${initiativeId}`);
    for (const name of ['Kofi Mensah', 'Mei Chen']) {
      await board.getByLabel('Find a member').fill(name.split(' ')[0]);
      await board.getByRole('button', { name: `Add ${name}` }).click();
    }
    await board.getByRole('button', { name: 'Assign 2 reviewers' }).click();
    await board.getByText('2 reviewers assigned.').waitFor();
    expect((await initiative(stage.editor)).status).toBe('in_review');

    // Kofi reviews from his queue, which lists the initiative and links to its page.
    const page = await stage.pageAs(stage.kofi);
    await page.goto('/library/reviews');
    await page.getByText('1 waits for your review.').waitFor();
    await page.getByRole('link', { name: withTitle('Review') }).click();
    await page.getByRole('heading', { level: 2, name: 'Your review' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/library/i/${initiativeId}`);
    await page.getByRole('button', { name: 'Send the review' }).click();
    await page.getByText('Write a comment to the author.').waitFor();
    for (const criterion of [
      'Relevance to the GCM',
      'Accuracy',
      'Currency',
      'Alignment with the guiding principles',
      'Clarity',
    ]) {
      await page.getByRole('group', { name: criterion }).getByRole('radio', { name: /^4 / }).check();
    }
    await page.getByLabel('Comment to the author').fill('A well documented programme; add the 2025 figures.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send the review' }).click();
    await page.getByRole('heading', { level: 3, name: 'What you sent' }).waitFor();
    // Mei's review through the API: the quorum is two.
    await stage.app.http
      .post(`${API}/initiatives/${initiativeId}/reviews`)
      .set(stage.mei.auth)
      .send({ scores: SCORES, commentToAuthor: 'Sound and useful.' })
      .expect(201);

    await board.reload();
    await board.getByText('2 of the 2 reviews of version 1 are in.').waitFor();
    await board.getByRole('radio', { name: /^Publish/ }).check();
    await board.getByLabel('Reason', { exact: true }).fill('Two positive reviews.');
    await board.getByRole('button', { name: 'Record the decision' }).click();
    await board.getByText('Take it out of the library').waitFor();
    await expectAccessible(board);
    const published = await initiative(stage.editor);
    expect(published.status).toBe('published');
    const kofiReview = await stage.app.http
      .get(`${API}/initiatives/${initiativeId}/reviews`)
      .set(stage.editor.auth)
      .expect(200);
    expect(
      (kofiReview.body.items as { reviewer: { id: string }; scores: Record<string, number> }[]).find(
        (review) => review.reviewer.id === stage.kofi.id,
      )?.scores,
    ).toEqual({ relevance: 4, accuracy: 4, currency: 4, principles: 4, clarity: 4 });

    // The author reads the reviews on a phone, without the reviewers' names.
    const own = await stage.pageAs(stage.author, PHONE);
    await own.goto(`/library/i/${initiativeId}`);
    await own.getByText('Published: everyone can find it in the library.').waitFor();
    await own.getByText('A well documented programme; add the 2025 figures.').waitFor();
    expect(await own.locator('main').innerText()).not.toContain('Kofi Mensah');
    await expectAccessible(own);
    expect(await fits(own)).toBe(true);
    // And finds it among their own initiatives, in the queues.
    await own.goto('/library/reviews?tab=mine&kind=initiative&status=published');
    await own.getByRole('button', { name: 'Initiatives', pressed: true }).waitFor();
    await own.getByRole('link', { name: TITLE }).click();
    await own.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(own.url()).pathname).toBe(`/library/i/${initiativeId}`);
  }, 90_000);

  it('lets a guest find it in the initiatives’ catalogue, narrow it by facets and read it', async () => {
    const page = await stage.pageAs(undefined);
    await page.goto('/library');
    await page.getByRole('navigation', { name: 'Library' }).getByRole('link', { name: 'Initiatives' }).click();
    await page.getByRole('heading', { level: 1, name: 'Initiatives' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^2 initiatives$/ })
      .waitFor();
    // Facets count initiatives only (the published resource is not among them); no type facet.
    await page.getByRole('button', { name: 'Africa 2 initiatives' }).waitFor();
    await page.getByRole('button', { name: 'Europe 1 initiative' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: 'Type' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Europe 1 initiative' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 initiative$/ })
      .waitFor();
    expect(await page.getByRole('link', { name: TITLE }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear all filters' }).first().click();

    await page.getByRole('searchbox', { name: 'Search' }).fill(WORD);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 initiative$/ })
      .waitFor();
    await page.getByRole('link', { name: TITLE }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/library/i/${initiativeId}`);
    await page.getByText('Led by Sahel Return Network').waitFor();
    await page.getByText('With Ministry of Malians Abroad, Niger Red Cross').waitFor();
    await page.getByText('March 2024 – December 2026').first().waitFor();
    await page.getByText('412 returnees supported, 180 businesses opened.').waitFor();
    const details = page.locator('.library-facts');
    expect(await details.innerText()).toMatch(/Stage\s+Ongoing/);
    expect(await details.innerText()).toMatch(/Countries\s+Mali, Niger/);
    await details.getByRole('link', { name: /^20\. / }).waitFor();
    expect(await page.getByRole('link', { name: /^Open the link/ }).getAttribute('href')).toBe(
      'https://sahel-return.example/programme',
    );
    await page.getByRole('button', { name: `Download ${FILE_NAME}` }).waitFor();
    expect(await page.getByRole('heading', { name: 'Reviews' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'initiative');

    // On a phone: the catalogue and the page, accessible, with no sideways scrolling.
    const phone = await stage.pageAs(undefined, PHONE);
    await phone.goto(`/library/initiatives?q=${WORD}`);
    await phone.getByRole('link', { name: TITLE }).waitFor();
    await expectAccessible(phone);
    expect(await fits(phone)).toBe(true);
    await phone.getByRole('link', { name: TITLE }).click();
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expectAccessible(phone);
    expect(await fits(phone)).toBe(true);
  }, 60_000);
});
