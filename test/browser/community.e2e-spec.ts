import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { register, type SignedIn } from '../support/users.js';

const OWN = '/api/v1/members/me';

/** Members already in the community, each with a profile the directory shows. */
const PEOPLE = {
  amara: {
    displayName: 'Amara Diallo',
    profile: {
      organisation: 'Dakar Migrant Rights Collective',
      orgType: 'civil_society',
      country: 'SN',
      region: 'africa',
      languages: ['fr', 'wo'],
      expertise: ['labour migration', 'fair recruitment'],
      objectives: [5, 6, 7],
      visibility: 'public',
    },
  },
  bruno: {
    displayName: 'Bruno Salgado',
    profile: {
      organisation: 'Instituto de Movilidad Humana',
      orgType: 'academia',
      country: 'MX',
      region: 'americas',
      languages: ['es', 'en'],
      expertise: ['remittances'],
      objectives: [7, 20],
      visibility: 'members',
    },
  },
  chen: {
    displayName: 'Chen Wei',
    profile: {
      organisation: 'City of Guangzhou',
      orgType: 'local_authority',
      country: 'CN',
      region: 'asia',
      languages: ['zh', 'en'],
      expertise: ['integration', 'local governance'],
      objectives: [16, 23],
      visibility: 'members',
    },
  },
  dana: {
    displayName: 'Dana Okafor',
    profile: {
      organisation: 'IOM',
      orgType: 'un_entity',
      country: 'NG',
      region: 'africa',
      languages: ['en', 'yo'],
      expertise: ['return and reintegration', 'data'],
      objectives: [1, 21],
      visibility: 'public',
    },
  },
  elena: {
    displayName: 'Elena Petrova',
    profile: {
      organisation: 'Ministry of Labour',
      orgType: 'member_state',
      country: 'BG',
      region: 'europe',
      languages: ['bg', 'en', 'ru'],
      expertise: ['labour mobility'],
      objectives: [5, 18],
      visibility: 'members',
    },
  },
  farid: {
    displayName: 'Farid Haddad',
    profile: {
      organisation: 'Migrant Workers Forum',
      orgType: 'civil_society',
      country: 'LB',
      region: 'asia',
      languages: ['ar', 'fr', 'en'],
      expertise: ['domestic workers', 'labour rights'],
      objectives: [6, 17],
      visibility: 'public',
    },
  },
} as const;
type Person = keyof typeof PEOPLE;

const NEWCOMER = {
  displayName: 'Nadia Rahman',
  email: 'nadia.rahman@plenary.test',
  password: 'Safe-corridors-2030',
  organisation: 'Corridor Research Lab',
};
const GROUP_NAME = 'Labour corridors working group';

/** Waits until the user sees it (never a sleep). */
async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

/** The tokens the client stored after signing in (to check what the server holds). */
async function sessionOf(page: Page): Promise<{ accessToken: string; user: { id: string } }> {
  const raw = await page.evaluate(() => localStorage.getItem('plenary.session'));
  expect(raw).not.toBeNull();
  return JSON.parse(raw as string) as { accessToken: string; user: { id: string } };
}

describe('community pages in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  const people = {} as Record<Person, SignedIn>;
  const contexts: BrowserContext[] = [];
  let newcomer: Page;
  let groupPath = '';

  const context = async (options: Parameters<typeof openContext>[2]) => {
    const opened = await openContext(browser, app, options);
    contexts.push(opened);
    return opened;
  };

  beforeAll(async () => {
    // A short fuse on the sign-in throttle: the second failure locks that account (from this address) for 2 minutes.
    app = await startTestApp('browser_community', {
      LOGIN_FREE_ATTEMPTS: '1',
      LOGIN_LOCK_AFTER: '2',
      LOGIN_LOCK_SECONDS: '120',
    });
    browser = await launchBrowser();
    for (const [key, person] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      people[key] = await register(app, { displayName: person.displayName });
      await app.http.patch(OWN).set(people[key].auth).send(person.profile).expect(200);
    }
  }, 90_000);

  afterAll(async () => {
    for (const opened of contexts) await opened.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('registers through the page, with the server’s word next to the field it is about', async () => {
    newcomer = await (await context({ viewport: DESKTOP })).newPage();
    await newcomer.goto('/register');
    await visible(newcomer.getByRole('heading', { level: 1, name: 'Join Plenary' }));
    await expectAccessible(newcomer);

    const password = newcomer.getByLabel('Password', { exact: true });
    const email = newcomer.getByLabel('Email', { exact: true });
    await newcomer.getByLabel('Name', { exact: true }).fill(NEWCOMER.displayName);
    await email.fill(NEWCOMER.email);
    await password.fill('short-1');
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await visible(newcomer.getByText('Enter at least 10 characters.'));
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-invalid')).toBeNull();

    // a taken email is named next to the email
    await password.fill(NEWCOMER.password);
    await email.fill(people.amara.email);
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await visible(newcomer.getByText('An account with this email already exists', { exact: false }));
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-invalid')).toBeNull();

    await email.fill(NEWCOMER.email);
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await newcomer.waitForURL(/\/profile\?welcome=1$/);
    await visible(newcomer.getByRole('heading', { level: 1, name: 'My profile' }));
    await visible(newcomer.getByRole('link', { name: NEWCOMER.displayName }));
    const session = await sessionOf(newcomer);
    const me = await app.http
      .get('/api/v1/me')
      .set({ Authorization: `Bearer ${session.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ displayName: NEWCOMER.displayName, email: NEWCOMER.email });
  }, 90_000);

  it('edits the profile: a field, who sees it, and a GCM objective from the taxonomy', async () => {
    const organisation = newcomer.getByLabel('Organisation', { exact: true });
    await visible(organisation);
    await expectAccessible(newcomer);

    await organisation.fill(NEWCOMER.organisation);
    await newcomer.getByLabel('Country', { exact: true }).selectOption('SN');
    await newcomer.getByLabel('Who sees: Country').selectOption('private');
    await newcomer.getByRole('checkbox', { name: /^Objective 5 Regular pathways/ }).check();
    await newcomer.getByLabel('Expertise', { exact: true }).fill('climate mobility');
    await newcomer.getByLabel('Expertise', { exact: true }).press('Enter');
    await visible(newcomer.getByRole('button', { name: 'Remove climate mobility' }));
    await newcomer.getByRole('radio', { name: 'Signed-in members' }).check();
    await newcomer.getByRole('button', { name: 'Save my profile' }).click();
    await visible(newcomer.getByRole('status').filter({ hasText: 'Your profile is saved.' }));

    const session = await sessionOf(newcomer);
    const saved = await app.http
      .get(OWN)
      .set({ Authorization: `Bearer ${session.accessToken}` })
      .expect(200);
    expect(saved.body).toMatchObject({
      organisation: NEWCOMER.organisation,
      country: 'SN',
      objectives: [5],
      expertise: ['climate mobility'],
      visibility: 'members',
      fieldVisibility: { country: 'private', organisation: 'public', objectives: 'public' },
    });
  }, 90_000);

  it('lets another member find them in the directory by filters, and keeps what they hid hidden', async () => {
    const page = await (await context({ viewport: DESKTOP, as: people.bruno })).newPage();
    await page.goto('/directory');
    await visible(page.getByRole('heading', { level: 1, name: 'Member directory' }));
    await visible(page.getByRole('link', { name: 'Farid Haddad' }));
    await expectAccessible(page);

    const cards = page.locator('.community-card h3');
    const farid = page.getByRole('link', { name: 'Farid Haddad' });
    // by objective: those working on objective 5, the newcomer among them
    await page.getByLabel('GCM objective', { exact: true }).selectOption('5');
    await page.waitForURL(/objective=5/);
    await farid.waitFor({ state: 'hidden' });
    await visible(page.getByRole('link', { name: NEWCOMER.displayName }));
    await visible(page.getByRole('status').filter({ hasText: '3 members' }));
    expect((await cards.allTextContents()).sort()).toEqual(['Amara Diallo', 'Elena Petrova', NEWCOMER.displayName]);

    // by text, on top of the objective: the organisation finds them
    await page.getByLabel('Search', { exact: true }).fill('corridor research');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=corridor/);
    await page.getByRole('link', { name: 'Amara Diallo' }).waitFor({ state: 'hidden' });
    await visible(page.getByRole('status').filter({ hasText: '1 member' }));
    expect(await cards.allTextContents()).toEqual([NEWCOMER.displayName]);

    // by country: Senegal finds Amara, never the newcomer, who keeps their country to themself
    await page.getByRole('button', { name: 'Clear all filters' }).first().click();
    await visible(farid);
    await page.getByLabel('Country', { exact: true }).selectOption('SN');
    await page.waitForURL(/country=SN/);
    await farid.waitFor({ state: 'hidden' });
    await visible(page.getByRole('status').filter({ hasText: '1 member' }));
    expect(await cards.allTextContents()).toEqual(['Amara Diallo']);

    // nothing matches: the empty state offers to clear the filters
    await page.getByLabel('Type of organisation', { exact: true }).selectOption('private_sector');
    await visible(page.getByText('No member matches these filters.'));

    await page.goto(`/members/${(await sessionOf(newcomer)).user.id}`);
    await visible(page.getByRole('heading', { level: 1, name: NEWCOMER.displayName }));
    await visible(page.getByText(NEWCOMER.organisation).first());
    await visible(page.getByText('Regular pathways').first());
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('Senegal');
    expect(text).not.toContain('Country');
  }, 90_000);

  it('shows the directory of several members (screenshot)', async () => {
    const page = await (await context({ viewport: DESKTOP, as: people.dana })).newPage();
    await page.goto('/directory');
    await visible(page.getByRole('link', { name: 'Chen Wei' }));
    await visible(page.getByRole('link', { name: NEWCOMER.displayName }));
    // the six members, the newcomer, and the seeded admin
    expect(await page.locator('.community-card').count()).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'directory');
  }, 60_000);

  it('creates a group, invites a member, who accepts in their own browser and appears among its members', async () => {
    await newcomer.goto('/groups');
    await visible(newcomer.getByRole('heading', { level: 1, name: 'Groups' }));
    await expectAccessible(newcomer);
    await newcomer.getByRole('button', { name: 'Create a group' }).click();
    await newcomer.getByLabel('Name', { exact: true }).fill(GROUP_NAME);
    await newcomer.getByLabel('Description').fill('Fair recruitment along the West African and Gulf corridors.');
    await newcomer.getByLabel('How members join').selectOption('invite');
    await newcomer.getByLabel('Who sees the group').selectOption('members');
    await newcomer.getByRole('button', { name: 'Create the group' }).click();
    await newcomer.waitForURL(/\/groups\/[0-9a-f]{24}$/);
    groupPath = new URL(newcomer.url()).pathname;
    await visible(newcomer.getByRole('heading', { level: 1, name: GROUP_NAME }));
    const members = newcomer.getByRole('region', { name: 'Members', exact: true });
    await visible(members.getByRole('link', { name: NEWCOMER.displayName }));
    await expectAccessible(newcomer);

    // invite Bruno, found by name
    const invite = newcomer.getByRole('region', { name: 'Invite a member' });
    await invite.getByLabel('Find a member').fill('Bruno');
    await invite.getByRole('button', { name: 'Search', exact: true }).click();
    await invite.getByRole('button', { name: 'Invite Bruno Salgado' }).click();
    await visible(invite.getByRole('status').filter({ hasText: 'Invitation sent to Bruno Salgado.' }));
    // the invitation waits for his answer, where the owner can still withdraw it
    await visible(invite.getByRole('heading', { name: 'Awaiting an answer (1)' }));
    await visible(invite.getByRole('button', { name: 'Withdraw the invitation to Bruno Salgado' }));

    // Bruno, in his own browser, sees the invitation on /groups and accepts it
    const bruno = await (await context({ viewport: PHONE, as: people.bruno })).newPage();
    await bruno.goto('/groups');
    await visible(bruno.getByRole('heading', { name: '1 invitation' }));
    await bruno.getByRole('button', { name: `Accept the invitation to ${GROUP_NAME}` }).click();
    await visible(bruno.getByRole('status').filter({ hasText: `You joined ${GROUP_NAME}.` }));
    await bruno.getByRole('link', { name: 'Open the group' }).click();
    await visible(bruno.getByRole('heading', { level: 1, name: GROUP_NAME }));
    await visible(bruno.getByText('You are a member of this group (Member).'));
    await visible(
      bruno.getByRole('region', { name: 'Members', exact: true }).getByRole('link', { name: 'Bruno Salgado' }),
    );
    await expectAccessible(bruno);

    // and the owner sees him among the members
    await newcomer.reload();
    await visible(members.getByRole('link', { name: 'Bruno Salgado' }));
    expect(await invite.getByRole('heading', { name: /Awaiting an answer/ }).count()).toBe(0);
    expect(await members.getByRole('link').allTextContents()).toEqual([NEWCOMER.displayName, 'Bruno Salgado']);
    const group = await app.http.get(`/api/v1${groupPath}`).set(people.bruno.auth).expect(200);
    expect(group.body).toMatchObject({ memberCount: 2, viewer: { role: 'member', status: 'active' } });
  }, 120_000);

  it('explains the sign-in throttle, signs in back to where the member was going, and signs out', async () => {
    const page = await (await context({ viewport: PHONE })).newPage();
    await page.goto(`/signin?next=${encodeURIComponent(groupPath)}`);
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await expectAccessible(page);

    const submit = page.locator('form button[type="submit"]');
    await page.getByLabel('Email', { exact: true }).fill(people.chen.email);
    // wrong passwords until the throttle locks the account (here at the second failure; the one before may wait 1 s)
    let locked = false;
    for (let attempt = 0; attempt < 6 && !locked; attempt += 1) {
      await page.getByLabel('Password', { exact: true }).fill(`Wrong-password-${attempt}`);
      await page.locator('form button[type="submit"]:enabled').waitFor();
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      await submit.click();
      const response = await answered;
      locked = response.status() === 429 && Number(response.headers()['retry-after']) > 10;
    }
    expect(locked).toBe(true);
    const throttled = page.getByRole('alert').filter({ hasText: 'Too many failed attempts' });
    await visible(throttled);
    expect(await throttled.textContent()).toMatch(/You can try again in \d{2,3} seconds\./);
    expect(await submit.isDisabled()).toBe(true);
    expect(await submit.textContent()).toMatch(/^Wait \d+ seconds$/);
    await visible(page.getByText('We slow down repeated attempts', { exact: false }));

    // another account may sign in at once, and lands where it was going
    await page.getByLabel('Email', { exact: true }).fill(people.bruno.email);
    await page.getByLabel('Password', { exact: true }).fill(people.bruno.password);
    await submit.click();
    await page.waitForURL((url) => url.pathname === groupPath);
    await visible(page.getByRole('heading', { level: 1, name: GROUP_NAME }));
    await visible(page.getByRole('link', { name: 'Bruno Salgado' }).first());

    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('link', { name: 'Sign in', exact: true }));
    expect(await page.evaluate(() => localStorage.getItem('plenary.session'))).toBeNull();
  }, 90_000);
});
