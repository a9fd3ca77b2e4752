import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, PHONE, screenshot } from '../support/browser.js';
import { pdfWithText } from '../support/files.js';
import { type LibraryStage, openLibraryStage } from './library-stage.js';
import { API, type ItemBody, publish, resourceBody } from '../support/library.js';
import type { SignedIn } from '../support/users.js';

const TITLE = 'Lowering the cost of remittances in West African corridors';
/** A word that occurs only in the PDF's text: the catalogue finds the resource by it once published. */
const PDF_WORD = 'zanzibarquokka';
const FILE_NAME = 'corridor-study.pdf';
/** A queue's action on the resource: its visible words, then (for assistive technology) the title. */
const withTitle = (action: string) => new RegExp(`^${action}\\s*: ${TITLE}$`);

/**
 * The library in a real browser: a member shares a resource with a PDF (its upload's progress shown), the editor
 * assigns two reviewers from the directory, each reviews it in their queue on the rubric, the editor publishes it,
 * the author reads the reviews without the reviewers' names, and a guest finds it by a word of the PDF.
 */
describe('the library in the browser', () => {
  let stage: LibraryStage;
  let resourceId = '';

  const resource = async (who: SignedIn): Promise<ItemBody> => {
    const response = await stage.app.http.get(`${API}/resources/${resourceId}`).set(who.auth).expect(200);
    return response.body as ItemBody;
  };

  beforeAll(async () => {
    stage = await openLibraryStage('browser_library', {
      name: FILE_NAME,
      content: pdfWithText(`Corridor study: the ${PDF_WORD} method lowers fees by a third`),
    });
    const { roles } = stage;
    // A catalogue around it, as a library has: two reports and a dataset, already reviewed and published.
    await publish(stage.app, roles, resourceBody({ title: 'Remittance prices across corridors, 2023', year: 2023 }));
    await publish(
      stage.app,
      roles,
      resourceBody({ title: 'Skills partnerships in practice', objectives: [18], regions: ['europe'], year: 2024 }),
    );
    await publish(
      stage.app,
      roles,
      resourceBody({ type: 'dataset', title: 'Migrant deaths and disappearances data', objectives: [8], year: 2022 }),
    );
  }, 90_000);

  afterAll(() => stage?.close());

  it('lets a member share a resource with a PDF, showing the upload’s progress, and submit it for review', async () => {
    const page = await stage.pageAs(stage.author);
    await page.goto('/library/submit');
    await page.getByRole('heading', { level: 1, name: 'Share a resource' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Type', { exact: true }).selectOption('toolkit');
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Abstract', { exact: true })
      .fill('What sending money home costs between Senegal, Mali and Côte d’Ivoire, and how to lower it.');
    await page.getByLabel('Authors', { exact: true }).fill('Amina Diallo\nJean Koné');
    await page.getByLabel('Year', { exact: true }).fill('2025');
    await page.getByLabel('Licence', { exact: true }).fill('CC BY 4.0');

    // Submitting with nothing attached is refused by the form, next to the files.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Add a file or a link before submitting it.').waitFor();
    await page.getByText('Choose at least one objective.').waitFor();

    await page.getByLabel('Add files').setInputFiles(stage.file);
    const progress = page.getByRole('progressbar', { name: `Uploading ${FILE_NAME}` });
    await progress.waitFor();
    await page.locator(`[role="progressbar"][aria-valuenow="100"]`).waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await page.getByText(/^Uploaded · /).waitFor();

    await page.getByLabel('20. Remittances').check();
    await page.getByLabel('French', { exact: true }).check();
    await page.getByLabel('Africa', { exact: true }).check();
    await page.getByLabel('Add a country').selectOption('SN');
    await page.getByRole('button', { name: 'Remove Senegal' }).waitFor();
    await page.getByLabel('Tags', { exact: true }).fill('remittances, corridors');
    await page.getByRole('button', { name: 'Submit for review' }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Submitted for review. The editors will assign reviewers.').waitFor();
    resourceId = new URL(page.url()).pathname.split('/')[3];
    const submitted = await resource(stage.author);
    expect(submitted).toMatchObject({
      status: 'submitted',
      type: 'toolkit',
      year: 2025,
      objectives: [20],
      languages: ['en', 'fr'],
      regions: ['africa'],
      countries: ['SN'],
      tags: ['remittances', 'corridors'],
      authors: ['Amina Diallo', 'Jean Koné'],
    });
    expect((submitted.files as { name: string }[]).map((file) => file.name)).toEqual([FILE_NAME]);
    // Not in the catalogue before it is reviewed.
    const hidden = await stage.app.http.get(`${API}/resources`).query({ q: PDF_WORD }).expect(200);
    expect(hidden.body.total).toBe(0);
  }, 60_000);

  it('lets the editor find it in the board’s queue and assign two reviewers from the directory', async () => {
    const page = await stage.pageAs(stage.editor);
    await page.goto('/library/reviews');
    await page.getByRole('heading', { level: 1, name: 'Reviews and submissions' }).waitFor();
    await page.getByRole('button', { name: 'Editors’ queue', pressed: true }).waitFor();
    await page.getByRole('link', { name: withTitle('Assign reviewers') }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Editorial decision' }).waitFor();
    await page.getByText('No reviewer yet.').waitFor();
    for (const name of ['Kofi Mensah', 'Mei Chen']) {
      await page.getByLabel('Find a member').fill(name.split(' ')[0]);
      await page.getByRole('button', { name: `Add ${name}` }).click();
    }
    await page.getByRole('button', { name: 'Assign 2 reviewers' }).click();
    await page.getByText('2 reviewers assigned.').waitFor();
    await page.locator('.library-reviewers').getByText('Kofi Mensah').waitFor();
    await expectAccessible(page);
    const assigned = await resource(stage.editor);
    expect(assigned.status).toBe('in_review');
    expect(assigned.reviewers?.map((reviewer) => reviewer.id).sort()).toEqual([stage.kofi.id, stage.mei.id].sort());
  }, 60_000);

  it('lets each reviewer review it from their queue, scoring the rubric', async () => {
    const scores: [SignedIn, number, string, string][] = [
      [
        stage.kofi,
        5,
        'Clear, well sourced and useful to practitioners.',
        'The fee data for Mali needs a second source.',
      ],
      [stage.mei, 4, 'Useful. Add the 2024 fee figures.', ''],
    ];
    for (const [reviewer, score, comment, note] of scores) {
      const page = await stage.pageAs(reviewer);
      await page.goto('/library/reviews');
      await page.getByRole('heading', { level: 2, name: 'Assigned to you' }).waitFor();
      await page.getByText('1 waits for your review.').waitFor();
      if (reviewer === stage.kofi) await expectAccessible(page);
      await page.getByRole('link', { name: withTitle('Review') }).click();

      await page.getByRole('heading', { level: 2, name: 'Your review' }).waitFor();
      // Sending without scores names what is missing.
      await page.getByRole('button', { name: 'Send the review' }).click();
      await page.getByText('Choose a score.').first().waitFor();
      await page.getByText('Write a comment to the author.').waitFor();
      for (const criterion of [
        'Relevance to the GCM',
        'Accuracy',
        'Currency',
        'Alignment with the guiding principles',
        'Clarity',
      ]) {
        await page
          .getByRole('group', { name: criterion })
          .getByRole('radio', { name: new RegExp(`^${criterion === 'Currency' ? 3 : score} `) })
          .check();
      }
      await page.getByLabel('Comment to the author').fill(comment);
      if (note) await page.getByLabel('Note to the editors (optional)').fill(note);
      await page.getByRole('button', { name: 'Send the review' }).click();
      await page.getByRole('heading', { level: 3, name: 'What you sent' }).waitFor();
      await page.getByText(comment).waitFor();
    }
    const reviews = await stage.app.http
      .get(`${API}/resources/${resourceId}/reviews`)
      .set(stage.editor.auth)
      .expect(200);
    const byReviewer = new Map(
      (reviews.body.items as { reviewer: { id: string }; scores: Record<string, number>; noteToEditors: string }[]).map(
        (review) => [review.reviewer.id, review],
      ),
    );
    expect(byReviewer.get(stage.kofi.id)?.scores).toEqual({
      relevance: 5,
      accuracy: 5,
      currency: 3,
      principles: 5,
      clarity: 5,
    });
    expect(byReviewer.get(stage.kofi.id)?.noteToEditors).toBe('The fee data for Mali needs a second source.');
    expect(byReviewer.get(stage.mei.id)?.scores.accuracy).toBe(4);
  }, 90_000);

  it('lets the editor publish it once the reviews are in; the author reads them without the reviewers’ names', async () => {
    const page = await stage.pageAs(stage.editor);
    await page.goto(`/library/r/${resourceId}`);
    await page.getByText('2 of the 2 reviews of version 1 are in.').waitFor();
    await page.getByText('The fee data for Mali needs a second source.').waitFor();
    await page.getByRole('radio', { name: /^Publish/ }).check();
    await page.getByLabel('Reason', { exact: true }).fill('Two positive reviews; a useful toolkit.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByText('Take it out of the library').waitFor();
    const published = await resource(stage.editor);
    expect(published.status).toBe('published');
    expect(published.publishedVersion).toBe(1);

    const own = await stage.pageAs(stage.author);
    await own.goto(`/library/r/${resourceId}`);
    await own.getByRole('heading', { level: 2, name: 'Reviews' }).waitFor();
    await own.getByText('Published: everyone can find it in the library.').waitFor();
    await own.getByText('Reviewer 1').waitFor();
    await own.getByText('Reviewer 2').waitFor();
    await own.getByText('Clear, well sourced and useful to practitioners.').waitFor();
    const text = await own.locator('main').innerText();
    expect(text).not.toContain('Kofi Mensah');
    expect(text).not.toContain('Mei Chen');
    expect(text).not.toContain('The fee data for Mali needs a second source.');
  }, 60_000);

  it('lets a guest find it by a word of its PDF, narrow the catalogue by facets and download the file', async () => {
    const page = await stage.pageAs(undefined);
    await page.goto('/library');
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^4 resources$/ })
      .waitFor();
    // Facet counts for the whole catalogue: the two reports and the dataset seeded, the one toolkit shared.
    await page.getByRole('button', { name: 'Report 2 resources' }).waitFor();
    await page.getByRole('button', { name: 'Toolkit 1 resource' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'library');

    await page.getByRole('button', { name: 'Report 2 resources' }).click();
    await page.getByRole('button', { name: 'Report 2 resources', pressed: true }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^2 resources$/ })
      .waitFor();
    expect(await page.getByRole('link', { name: TITLE }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear all filters' }).first().click();
    await page
      .getByRole('status')
      .filter({ hasText: /^4 resources$/ })
      .waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill(PDF_WORD);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 resource$/ })
      .waitFor();
    await page.getByRole('link', { name: TITLE }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Files and link' }).waitFor();
    await expectAccessible(page);
    expect(await page.getByRole('heading', { name: 'Reviews' }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download ${FILE_NAME}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);

    // On a phone: the same catalogue, no sideways scrolling.
    const phone = await stage.pageAs(undefined, PHONE);
    await phone.goto(`/library?q=${PDF_WORD}`);
    await phone.getByRole('link', { name: TITLE }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }, 60_000);
});
