import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { type DESKTOP, expectAccessible, launchBrowser, openContext } from '../support/browser.js';
import { createCategory, startForumApp, startThread } from '../support/forum.js';
import { liveSession } from '../support/live.js';
import type { TestApp } from '../support/test-app.js';
import { loginAdmin, register, type SignedIn } from '../support/users.js';

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
async function expectNoOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
}

/** What the pages' paths need: made once per spec file, in its beforeAll. */
interface SweepFixtures {
  member: { id: string };
  session: { id: string; code: string };
  thread: { id: string };
}

type Caller = 'guest' | 'member' | 'admin';

const PAGES: { path: (fixtures: SweepFixtures) => string; as: Caller }[] = [
  { path: () => '/', as: 'guest' },
  { path: (f) => `/j/${f.session.code}`, as: 'guest' },
  { path: () => '/signin', as: 'guest' },
  { path: () => '/sessions', as: 'guest' },
  { path: (f) => `/sessions/${f.session.id}`, as: 'guest' },
  { path: () => '/forum', as: 'guest' },
  { path: (f) => `/forum/t/${f.thread.id}`, as: 'guest' },
  { path: () => '/forum/search?q=reintegration', as: 'member' },
  { path: () => '/notifications', as: 'member' },
  { path: () => '/profile', as: 'member' },
  { path: (f) => `/members/${f.member.id}`, as: 'member' },
  { path: () => '/groups', as: 'member' },
  { path: () => '/sessions/new', as: 'member' },
  { path: () => '/events/new', as: 'member' },
  { path: (f) => `/live/${f.session.id}/moderate`, as: 'admin' },
  { path: () => '/forum/moderation/flags', as: 'admin' },
  { path: () => '/forum/moderation/audit', as: 'admin' },
  { path: () => '/library', as: 'guest' },
  { path: () => '/library/submit', as: 'member' },
  { path: () => '/library/reviews', as: 'member' },
  { path: () => '/library/initiatives', as: 'guest' },
  { path: () => '/library/initiatives/new', as: 'member' },
  { path: () => '/pledges', as: 'guest' },
  { path: () => '/pledges/browse', as: 'guest' },
  { path: () => '/pledges/new', as: 'member' },
  { path: () => '/consultations', as: 'guest' },
  { path: () => '/consultations/new', as: 'member' },
  { path: () => '/register', as: 'guest' },
  { path: () => '/forgot-password', as: 'guest' },
  { path: () => '/reset-password?token=a-token-from-a-mail', as: 'guest' },
  { path: () => '/verify-email?token=a-spent-token', as: 'guest' },
  { path: () => '/invitations/groups/an-invitation-token-of-no-invitation', as: 'guest' },
  { path: () => '/invitations/events/an-invitation-token-of-no-invitation', as: 'member' },
  { path: () => '/sso/callback?error=domain_not_allowed', as: 'guest' },
  { path: () => '/sso/link?token=a-spent-token', as: 'guest' },
  { path: () => '/unsubscribe?token=a-spent-token', as: 'guest' },
  { path: () => '/admin/sso', as: 'admin' },
  { path: () => '/no-such-page', as: 'guest' },
];

/** Each page's route as its test's name: `/forum/t/:thread`. */
const AS_ROUTE: SweepFixtures = {
  member: { id: ':member' },
  session: { id: ':session', code: ':code' },
  thread: { id: ':thread' },
};

/**
 * Every main page at one screen size: a title, a heading, no serious or critical accessibility
 * problem (axe), nothing wider than the screen. One spec file per size, so they run side by side.
 */
export function sweepPages(name: string, viewport: typeof DESKTOP): void {
  describe(`every main page, on a ${name}`, () => {
    let app: TestApp;
    let browser: Browser;
    let admin: SignedIn;
    let fixtures: SweepFixtures;
    let signedIn: Record<Caller, SignedIn | undefined>;

    beforeAll(async () => {
      app = await startForumApp('web_pages');
      browser = await launchBrowser();
      admin = await loginAdmin(app);
      const member = await register(app, { displayName: 'Amina Diallo' });
      const category = await createCategory(app, admin, { name: 'Return and reintegration' });
      const thread = await startThread(app, member, category.id, { title: 'Reintegration support after return' });
      const session = await liveSession(app, admin);
      fixtures = { member, session, thread };
      signedIn = { guest: undefined, member, admin };
    });

    /**
     * One tab per caller, reused from page to page as a person browsing would (each page is loaded
     * afresh; the scripts come from the browser's cache): a context per page cost a second each.
     */
    const tabs = new Map<Caller, Page>();
    async function pageAs(as: Caller): Promise<Page> {
      const open = tabs.get(as);
      if (open) return open;
      const context = await openContext(browser, app, { viewport, as: signedIn[as] });
      const page = await context.newPage();
      tabs.set(as, page);
      return page;
    }

    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    // One test per page, so a slow machine makes one page's test slow rather than one test of all pages too long.
    it.each(PAGES.map((page) => ({ ...page, route: page.path(AS_ROUTE) })))(
      '$route ($as) has a title, a heading and no serious accessibility problem, and fits the screen',
      async ({ path: pathOf, as }) => {
        const path = pathOf(fixtures);
        const page = await pageAs(as);
        try {
          await page.goto(path);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          expect(await page.title()).toMatch(/Plenary/);
          await expectAccessible(page);
          await expectNoOverflow(page);
        } catch (error) {
          throw new Error(`${path} (${as}): ${(error as Error).message}`, { cause: error });
        }
      },
      60_000,
    );
  });
}
