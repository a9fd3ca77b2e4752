import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot } from '../support/browser.js';
import {
  API,
  type CategoryBody,
  createCategory,
  expectStatus,
  reply,
  startForumApp,
  startThread,
} from '../support/forum.js';
import type { TestApp } from '../support/test-app.js';
import { login, loginAdmin, register, type SignedIn } from '../support/users.js';

const TITLE = 'How are you applying the ILO fair recruitment principles?';
const ILO = 'ILO General Principles and Operational Guidelines';
const ILO_URL = 'https://www.ilo.org/publications/general-principles-and-operational-guidelines-fair-recruitment';
const OPENING = [
  'We are reviewing the recruitment agencies we work with against the **fair recruitment** principles. Where we stand:',
  '',
  '- No recruitment fees charged to workers',
  '- Contracts in a language the worker understands',
  '- Free access to grievance mechanisms',
  '',
  `Our reference is the [${ILO}](${ILO_URL}). How are you auditing agencies in practice?`,
].join('\n');

/**
 * The forum in a real browser against the real server: Markdown rendered as such, a reply with a mention picked
 * from the autocomplete arriving live with the bell's count, the notification, and a moderator's lock.
 */
describe('forum (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let amina: SignedIn;
  let carlos: SignedIn;
  let lena: SignedIn;
  let category: CategoryBody;
  let aminaPage: Page;
  let carlosPage: Page;
  let threadId = '';

  const pageAs = async (member: SignedIn, viewport = DESKTOP): Promise<Page> => {
    const context = await openContext(browser, app, { viewport, as: member });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    app = await startForumApp('browser_forum');
    browser = await launchBrowser();
    const admin = await loginAdmin(app);
    amina = await register(app, { displayName: 'Amina Diallo' });
    carlos = await register(app, { displayName: 'Carlos Mendoza' });
    const moderator = await register(app, { displayName: 'Lena Fischer' });
    expectStatus(
      await app.http.patch(`${API}/users/${moderator.id}`).set(admin.auth).send({ role: 'moderator' }),
      200,
      'make Lena a moderator',
    );
    lena = await login(app, moderator);
    category = await createCategory(app, admin, { name: 'Labour mobility and decent work' });
    await createCategory(app, admin, { name: 'Regular pathways and family reunification' });
    const skills = await startThread(app, carlos, category.id, {
      title: 'Skills partnerships: what worked in your country?',
      body: 'We piloted a **global skills partnership** with a vocational school. Happy to share the curriculum.',
      tags: ['skills'],
      objectives: [18],
    });
    await reply(app, lena, skills.id, 'The Migration Network Hub has two case studies on this, both worth reading.');
    await startThread(app, lena, category.id, {
      title: 'Recruitment fees: collecting evidence for the regional review',
      body: 'Please share any survey on recruitment costs paid by workers in the last two years.',
    });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('lists categories and threads accessibly, and renders a new thread’s Markdown as such', async () => {
    aminaPage = await pageAs(amina);
    await aminaPage.goto('/forum');
    await aminaPage.getByRole('heading', { level: 1, name: 'Forum' }).waitFor();
    await aminaPage.getByRole('link', { name: 'Labour mobility and decent work' }).waitFor();
    await aminaPage.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    await expectAccessible(aminaPage);

    await aminaPage.getByRole('link', { name: 'Labour mobility and decent work' }).click();
    await aminaPage.getByRole('heading', { level: 1, name: 'Labour mobility and decent work' }).waitFor();
    await aminaPage.getByRole('link', { name: 'Skills partnerships: what worked in your country?' }).waitFor();
    await aminaPage
      .getByRole('link', { name: 'Recruitment fees: collecting evidence for the regional review' })
      .waitFor();
    expect(await aminaPage.getByRole('button', { name: 'Latest' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(aminaPage);

    await aminaPage.getByRole('link', { name: 'New thread' }).click();
    await aminaPage.getByRole('heading', { level: 1, name: 'New thread' }).waitFor();
    await aminaPage.getByRole('textbox', { name: 'Title', exact: true }).fill(TITLE);
    await aminaPage.getByRole('textbox', { name: 'Opening post' }).fill(OPENING);
    await aminaPage.getByRole('textbox', { name: 'Tags' }).fill('fair recruitment, due diligence');
    // the preview is the server's rendering, as the post will be saved
    await aminaPage.getByRole('button', { name: 'Preview' }).click();
    const preview = aminaPage.getByRole('region', { name: 'Preview' });
    await preview.locator('strong', { hasText: 'fair recruitment' }).waitFor();
    expect(await preview.getByRole('link', { name: ILO }).getAttribute('href')).toBe(ILO_URL);
    await aminaPage.getByRole('button', { name: 'Start the thread' }).click();

    await aminaPage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    threadId = /\/forum\/t\/([0-9a-f]{24})$/.exec(aminaPage.url())?.[1] ?? '';
    expect(threadId).toMatch(/^[0-9a-f]{24}$/);
    const opening = aminaPage.locator('.forum-post__body').first();
    const bold = opening.locator('strong', { hasText: 'fair recruitment' });
    await bold.waitFor();
    const items = opening.locator('ul > li');
    expect(await items.allTextContents()).toEqual([
      'No recruitment fees charged to workers',
      'Contracts in a language the worker understands',
      'Free access to grievance mechanisms',
    ]);
    const link = opening.getByRole('link', { name: ILO });
    expect(await link.getAttribute('href')).toBe(ILO_URL);
    expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
    // nothing of the Markdown syntax is left as text
    expect(await opening.textContent()).not.toMatch(/\*\*|\]\(/);
    await aminaPage.getByRole('link', { name: '#fair-recruitment' }).waitFor();
    expect(await aminaPage.getByRole('button', { name: 'Following' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(aminaPage);
  }, 120_000);

  it('a reply with a mention picked from the autocomplete appears live for the author, with the bell’s count', async () => {
    carlosPage = await pageAs(carlos, PHONE);
    await carlosPage.goto(`/forum/t/${threadId}`);
    await carlosPage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expectAccessible(carlosPage);

    const box = carlosPage.getByRole('textbox', { name: 'Your reply' });
    await box.click();
    await box.pressSequentially('In Senegal we follow the same list. @Ami');
    await carlosPage.getByRole('option', { name: /Amina Diallo/ }).click();
    await box.pressSequentially('could you share the checklist you use for agency audits?');
    expect(await box.inputValue()).toBe(
      `In Senegal we follow the same list. @[Amina Diallo](${amina.id}) could you share the checklist you use for agency audits?`,
    );
    await carlosPage.getByRole('button', { name: 'Post reply' }).click();
    const mine = carlosPage.locator('.forum-post__body', { hasText: 'the checklist you use for agency audits' });
    await mine.waitFor();
    expect(await mine.getByRole('link', { name: '@Amina Diallo' }).getAttribute('href')).toBe(`/members/${amina.id}`);
    // once the server has answered, the composer is empty again (and its button with it)
    await carlosPage.getByRole('button', { name: 'Post reply', disabled: true }).waitFor();
    expect(await box.inputValue()).toBe('');

    // Amina never reloads: the reply arrives over Socket.IO, and so does her notification.
    await aminaPage.locator('.forum-post__body', { hasText: 'the checklist you use for agency audits' }).waitFor();
    expect(await aminaPage.locator('.forum-post').count()).toBe(2);
    const theirs = aminaPage.locator('.forum-post', { hasText: 'the checklist you use for agency audits' });
    await theirs.getByRole('button', { name: 'Insightful 0' }).click();
    await theirs.getByRole('button', { name: 'Insightful 1', pressed: true }).waitFor();
    await aminaPage.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();

    await aminaPage.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await aminaPage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const notification = aminaPage.getByRole('link', { name: `Carlos Mendoza mentioned you in “${TITLE}”` });
    await notification.waitFor();
    await expectAccessible(aminaPage);
    await notification.click();
    await aminaPage.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // opened, it is read
    await aminaPage.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    const unread = await app.http.get(`${API}/notifications`).set(amina.auth).query({ unread: true });
    expect(unread.body.unreadTotal).toBe(0);

    await aminaPage.goto(`/forum/t/${threadId}`);
    await aminaPage.locator('.forum-post__body', { hasText: 'the checklist you use for agency audits' }).waitFor();
    await aminaPage.evaluate('window.scrollTo(0, 0)');
    await screenshot(aminaPage, 'forum-thread');
  }, 120_000);

  it('a moderator locks the thread: the reply box goes from members’ pages, and the API refuses a reply', async () => {
    const lenaPage = await pageAs(lena);
    await lenaPage.goto(`/forum/t/${threadId}`);
    await lenaPage.getByRole('heading', { level: 2, name: 'Moderation' }).waitFor();
    await lenaPage.getByRole('button', { name: 'Lock thread' }).click();
    await lenaPage.getByText('The thread is locked.').waitFor();
    await lenaPage.getByRole('button', { name: 'Unlock thread' }).waitFor();
    // a moderator may still reply, quoting a post: its text as a quote, its mention no longer one
    const lenaBox = lenaPage.getByRole('textbox', { name: 'Your reply' });
    await lenaBox.waitFor();
    await lenaPage
      .locator('.forum-post', { hasText: 'the checklist you use for agency audits' })
      .getByRole('button', { name: 'Quote' })
      .click();
    await lenaPage.getByText('Replying to post #2.').waitFor();
    expect(await lenaBox.inputValue()).toBe(
      '> **Carlos Mendoza** wrote (#2):\n>\n' +
        '> In Senegal we follow the same list. @Amina Diallo could you share the checklist you use for agency audits?\n\n',
    );
    expect(await lenaBox.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await expectAccessible(lenaPage);

    // Carlos's page, left open, loses its reply box as the change arrives
    await carlosPage.getByText('This thread is locked: it takes no new replies.').waitFor();
    expect(await carlosPage.getByRole('textbox', { name: 'Your reply' }).count()).toBe(0);
    expect(await carlosPage.getByRole('button', { name: 'Quote' }).count()).toBe(0);
    await carlosPage.reload();
    await carlosPage.getByText('This thread is locked: it takes no new replies.').waitFor();
    expect(await carlosPage.getByRole('textbox', { name: 'Your reply' }).count()).toBe(0);

    const refused = await app.http
      .post(`${API}/threads/${threadId}/posts`)
      .set(carlos.auth)
      .send({ body: 'One more thing about agency audits.' });
    expect(refused.status).toBe(409);
    const posts = await app.http.get(`${API}/threads/${threadId}/posts`).set(carlos.auth);
    expect((posts.body as { items: unknown[] }).items).toHaveLength(2);
  }, 120_000);

  it('a flagged post reaches the moderator’s queue; resolving hides it, and the audit log shows who did what', async () => {
    await aminaPage.goto(`/forum/t/${threadId}`);
    const theirs = aminaPage.locator('.forum-post', { hasText: 'the checklist you use for agency audits' });
    await theirs.getByRole('button', { name: 'Flag' }).click();
    await theirs.getByRole('radio', { name: 'Off topic' }).check();
    await theirs
      .getByRole('textbox', { name: 'A note for the moderators (optional)' })
      .fill('Belongs in the regional review thread.');
    await theirs.getByRole('button', { name: 'Send to the moderators' }).click();
    await theirs.getByText('Thank you: the moderators will review this post.').waitFor();

    const lenaPage = await pageAs(lena, PHONE);
    await lenaPage.goto('/forum/moderation/flags');
    await lenaPage.getByRole('heading', { level: 1, name: 'Flagged posts' }).waitFor();
    const flag = lenaPage.locator('.forum-flag', { hasText: 'Belongs in the regional review thread.' });
    await flag.getByRole('link', { name: TITLE }).waitFor();
    // the excerpt reads as text: the mention by name, not its Markdown
    await flag.getByText('@Amina Diallo could you share the checklist', { exact: false }).waitFor();
    await expectAccessible(lenaPage);
    await flag.getByRole('textbox', { name: 'Reason' }).fill('Off topic here; moved to the review thread.');
    await flag.getByRole('button', { name: 'Hide the post' }).click();
    await lenaPage.getByRole('status').filter({ hasText: 'Resolved: the post is hidden.' }).waitFor();
    // it has left the open queue
    await flag.waitFor({ state: 'detached' });
    const posts = await app.http.get(`${API}/threads/${threadId}/posts`).set(lena.auth);
    const hidden = (posts.body as { items: { number: number; status: string }[] }).items.find(
      (post) => post.number === 2,
    );
    expect(hidden?.status).toBe('hidden');

    await lenaPage.getByRole('link', { name: 'Audit log' }).click();
    await lenaPage.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const entries = lenaPage.locator('.forum-audit-entry');
    await entries.filter({ hasText: 'Flag resolved' }).first().waitFor();
    const lock = entries.filter({ hasText: 'Thread locked' });
    await lock.getByText('by Lena Fischer').waitFor();
    await expectAccessible(lenaPage);
  }, 120_000);
});
