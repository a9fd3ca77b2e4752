import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Digests } from '@plenary/notifications';
import { DESKTOP, expectAccessible, launchBrowser, openContext, PHONE } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { createCategory, createGroup, startThread } from '../support/forum.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../support/mail.js';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loginAdmin, register, type SignedIn } from '../support/users.js';

const API = '/api/v1';
const HOUR = 3600_000;
const soon = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Waits until the user sees it (never a sleep). */
async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
}

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
async function fitsTheScreen(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
}

/** A mail whose text links to this path of the web client. */
const linkingTo = (path: string) => (mail: ParsedMail) => (mail.text ?? '').includes(path);

/** The tokens the client stored after signing in. */
async function sessionOf(page: Page): Promise<{ accessToken: string; user: { id: string; email: string } }> {
  const raw = await page.evaluate(() => localStorage.getItem('plenary.session'));
  expect(raw).not.toBeNull();
  return JSON.parse(raw as string) as { accessToken: string; user: { id: string; email: string } };
}

describe('account pages in a browser (a real SMTP server and OpenID provider)', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let browser: Browser;
  let admin: SignedIn;
  const contexts: BrowserContext[] = [];
  let unique = 0;
  const address = (name: string) => `${name}.${Date.now().toString(36)}${(unique += 1)}@example.org`;

  const newPage = async (options: Parameters<typeof openContext>[2] = {}) => {
    const opened = await openContext(browser, app, options);
    contexts.push(opened);
    return opened.newPage();
  };
  const me = async (accessToken: string) =>
    (
      await app.http
        .get(`${API}/me`)
        .set({ Authorization: `Bearer ${accessToken}` })
        .expect(200)
    ).body as {
      email: string;
      emailVerified: boolean;
      locale: string;
    };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp('accounts-browser', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' });
    browser = await launchBrowser();
    admin = await loginAdmin(app);
  }, 90_000);

  afterAll(async () => {
    for (const opened of contexts) await opened.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await smtp?.stop();
  });

  it('resets a forgotten password from the mailed link, once, and signs in with the new one', async () => {
    const member = await register(app, { displayName: 'Lucía Ortega', email: address('lucia') });
    const page = await newPage({ viewport: PHONE });
    await page.goto('/signin');
    await page.getByLabel('Email', { exact: true }).fill(member.email);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Forgot your password?' }));
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(member.email);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Send me a link' }).click();
    await visible(page.getByRole('status').filter({ hasText: `If an account uses ${member.email}` }));
    const link = linkIn(await smtp.waitForMail(member.email, linkingTo('/reset-password')), '/reset-password');
    expect(link.origin).toBe(new URL(app.url).origin);

    await page.goto(link.href);
    await visible(page.getByRole('heading', { level: 1, name: 'Choose a new password' }));
    await fitsTheScreen(page);
    const password = page.getByLabel('New password', { exact: true });
    // too short: said next to the field, and the link still works
    await password.fill('short-1');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await visible(page.getByText('Enter at least 10 characters.'));
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await password.fill('Fresh-start-2031');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Your password is changed.' }));

    // the link is spent
    await page.goto(link.href);
    await page.getByLabel('New password', { exact: true }).fill('Another-try-2032');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'This link no longer works' }));
    await visible(page.getByRole('link', { name: 'Ask for a new link' }));

    await page.goto('/signin');
    await page.getByLabel('Email', { exact: true }).fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill('Fresh-start-2031');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${app.url}/`);
    expect((await sessionOf(page)).user.id).toBe(member.id);
    await app.http.post(`${API}/auth/login`).send({ email: member.email, password: member.password }).expect(401);
  }, 90_000);

  it('asks a new member to confirm the address; the mailed link confirms it and the banner goes', async () => {
    const email = address('kofi');
    const page = await newPage({ viewport: DESKTOP });
    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Kofi Mensah');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Coastal-routes-2030');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(/\/profile\?welcome=1$/);

    const banner = page.getByRole('complementary', { name: 'Your email address' });
    await visible(banner.getByText(`Confirm your email address: we sent a link to ${email}.`));
    await expectAccessible(page);
    // asking again at once is too soon: said, and the button counts down
    await banner.getByRole('button', { name: 'Send the link again' }).click();
    await visible(banner.getByRole('alert').filter({ hasText: 'A link was sent a moment ago' }));
    await visible(banner.getByRole('button', { name: /^Wait \d+ seconds?$/ }));
    expect(await banner.getByRole('button', { name: /^Wait/ }).isDisabled()).toBe(true);

    const link = linkIn(await smtp.waitForMail(email, linkingTo('/verify-email')), '/verify-email');
    await page.goto(link.href);
    await visible(page.getByRole('status').filter({ hasText: `Thank you: ${email} is confirmed.` }));
    await banner.waitFor({ state: 'detached' });
    const session = await sessionOf(page);
    expect(await me(session.accessToken)).toMatchObject({ email, emailVerified: true, locale: 'en' });

    // the profile says so; choosing another interface language is saved with the account (for its mails)
    await page.goto('/profile');
    await visible(page.getByRole('heading', { level: 2, name: 'Email' }));
    await visible(page.getByText('Confirmed', { exact: true }));
    await page.locator('.language-switcher select').selectOption('es');
    await visible(page.getByRole('heading', { level: 1, name: 'Mi perfil' }));
    await eventually(async () => expect((await me(session.accessToken)).locale).toBe('es'));
    await page.locator('.language-switcher select').selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'My profile' }));

    // a new address: the password proves it is the member; the change happens when the link mailed there is opened
    const newEmail = address('kofi.mensah');
    await page.getByText('Change my email address').click();
    await page.getByLabel('New email address', { exact: true }).fill(newEmail);
    const current = page.getByLabel('Your current password', { exact: true });
    await current.fill('Not-my-password-1');
    await page.getByRole('button', { name: 'Send a confirmation link' }).click();
    await visible(page.getByText('This is not correct.'));
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    await current.fill('Coastal-routes-2030');
    await page.getByRole('button', { name: 'Send a confirmation link' }).click();
    await visible(page.getByRole('status').filter({ hasText: `We sent a link to ${newEmail}.` }));
    expect((await me(session.accessToken)).email).toBe(email);
    const change = linkIn(await smtp.waitForMail(newEmail, linkingTo('/verify-email')), '/verify-email');
    await page.goto(change.href);
    await visible(page.getByRole('status').filter({ hasText: `Thank you: ${newEmail} is confirmed.` }));
    expect(await me(session.accessToken)).toMatchObject({ email: newEmail, emailVerified: true });
    await eventually(async () => expect((await sessionOf(page)).user.email).toBe(newEmail));
  }, 90_000);

  it('lets a group owner invite an address; the invitee creates the account from the link and joins', async () => {
    const owner = await register(app, { displayName: 'Amina Diallo', email: address('amina') });
    const bystander = await register(app, { displayName: 'Bruno Salgado', email: address('bruno') });
    const group = await createGroup(app, owner, 'members', 'Return and reintegration');
    await app.http.post(`${API}/groups/${group.id}/join`).set(bystander.auth).expect(201);
    const invitee = address('nadia');
    const withdrawn = address('withdrawn');

    const page = await newPage({ viewport: DESKTOP, as: owner });
    await page.goto(`/groups/${group.id}`);
    const section = page.getByRole('region', { name: 'Invite by email' });
    await visible(section);
    await expectAccessible(page);
    const field = section.getByLabel('Email address', { exact: true });
    // a malformed address is named next to the field, and nothing is sent
    await field.fill('nadia@');
    await section.getByRole('button', { name: 'Send the invitation' }).click();
    await visible(section.getByText('Enter a valid email address', { exact: false }));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    for (const email of [withdrawn, invitee]) {
      await field.fill(email);
      await section.getByRole('button', { name: 'Send the invitation' }).click();
      await visible(section.getByRole('status').filter({ hasText: `An invitation is on its way to ${email}.` }));
    }
    await visible(section.getByRole('heading', { name: 'Invited by email, not answered yet (2)' }));
    await section.getByRole('button', { name: `Withdraw the invitation to ${withdrawn}` }).click();
    await visible(section.getByRole('status').filter({ hasText: `The invitation to ${withdrawn} was withdrawn.` }));
    await visible(section.getByRole('heading', { name: 'Invited by email, not answered yet (1)' }));

    // a member who does not run the group is offered no such form
    const other = await newPage({ viewport: DESKTOP, as: bystander });
    await other.goto(`/groups/${group.id}`);
    await visible(other.getByText('You are a member of this group (Member).'));
    expect(await other.getByRole('region', { name: 'Invite by email' }).count()).toBe(0);

    const visitor = await newPage({ viewport: PHONE });
    const spent = linkIn(await smtp.waitForMail(withdrawn, linkingTo('/invitations/groups/')), '/invitations/groups/');
    await visitor.goto(spent.href);
    await visible(visitor.getByText('This invitation was withdrawn.'));

    const link = linkIn(await smtp.waitForMail(invitee, linkingTo('/invitations/groups/')), '/invitations/groups/');
    await visitor.goto(link.href);
    await visible(visitor.getByRole('heading', { level: 1, name: `Join ${group.name}` }));
    await visible(visitor.getByText(`Amina Diallo invited you (${invitee}) to join the group ${group.name}`));
    await expectAccessible(visitor);
    await fitsTheScreen(visitor);
    await visitor.getByRole('link', { name: 'Create your account' }).click();
    const email = visitor.getByLabel('Email', { exact: true });
    await visible(email);
    expect(await email.inputValue()).toBe(invitee);
    expect(await email.getAttribute('readonly')).not.toBeNull();
    await visitor.getByLabel('Name', { exact: true }).fill('Nadia Rahman');
    await visitor.getByLabel('Password', { exact: true }).fill('Safe-corridors-2030');
    await visitor.getByRole('button', { name: 'Create my account' }).click();

    await visitor.getByRole('button', { name: 'Accept and join the group' }).click();
    await visitor.waitForURL(`${app.url}/groups/${group.id}`);
    await visible(visitor.getByText('You are a member of this group', { exact: false }));
    const session = await sessionOf(visitor);
    expect(session.user.email).toBe(invitee);
    const members = await app.http.get(`${API}/groups/${group.id}/members`).set(owner.auth).expect(200);
    expect((members.body as { items: { userId: string; status: string }[] }).items).toContainEqual(
      expect.objectContaining({ userId: session.user.id, status: 'active' }),
    );
  }, 120_000);

  it('lets an event host invite addresses; an invited member accepts and is registered', async () => {
    const host = await register(app, { displayName: 'Hana Host', email: address('hana') });
    const guest = await register(app, { displayName: 'Ibrahim Koné', email: address('ibrahim') });
    const created = await app.http
      .post(`${API}/live/events`)
      .set(host.auth)
      .send({
        title: 'Regional consultation on labour mobility',
        startsAt: soon(48),
        endsAt: soon(72),
        timezone: 'Africa/Dakar',
        format: 'hybrid',
        registrationOpen: false,
      })
      .expect(201);
    const eventId = (created.body as { id: string }).id;

    const page = await newPage({ viewport: DESKTOP, as: host });
    await page.goto(`/events/${eventId}`);
    const section = page.getByRole('region', { name: 'Invite by email' });
    await visible(section);
    await expectAccessible(page);
    const field = section.getByLabel('Email addresses', { exact: true });
    await field.fill(`${guest.email}, not-an-address`);
    await section.getByRole('button', { name: 'Send the invitations' }).click();
    await visible(section.getByText('At least one of these is not a valid email address', { exact: false }));
    await field.fill(`${guest.email}\n${address('someone')}`);
    await section.getByRole('button', { name: 'Send the invitations' }).click();
    await visible(section.getByRole('status').filter({ hasText: '2 invitations sent.' }));
    await visible(section.getByRole('heading', { name: 'Invited by email, not answered yet (2)' }));

    // the attendee of another account sees no such form
    const invited = await newPage({ viewport: PHONE, as: guest });
    await invited.goto(`/events/${eventId}`);
    await visible(invited.getByRole('heading', { level: 1, name: 'Regional consultation on labour mobility' }));
    expect(await invited.getByRole('region', { name: 'Invite by email' }).count()).toBe(0);

    const link = linkIn(await smtp.waitForMail(guest.email, linkingTo('/invitations/events/')), '/invitations/events/');
    await invited.goto(link.href);
    await visible(
      invited.getByRole('heading', { level: 1, name: 'You are invited to Regional consultation on labour mobility' }),
    );
    await expectAccessible(invited);
    await fitsTheScreen(invited);
    await invited.getByRole('button', { name: 'Accept and register' }).click();
    await invited.waitForURL(`${app.url}/events/${eventId}`);
    const seen = await app.http.get(`${API}/live/events/${eventId}`).set(guest.auth).expect(200);
    expect((seen.body as { registration: { status: string } | null }).registration).toMatchObject({
      status: 'registered',
    });
  }, 120_000);

  it('follows a category and takes a daily digest; the digest’s link turns the digest off', async () => {
    const reader = await register(app, { displayName: 'Chen Wei', email: address('chen') });
    const writer = await register(app, { displayName: 'Dana Okafor', email: address('dana') });
    const category = await createCategory(app, admin, { name: 'Labour mobility partnerships' });

    const page = await newPage({ viewport: PHONE, as: reader });
    await page.goto(`/forum/c/${category.id}`);
    const follow = page.getByRole('button', { name: 'Follow', exact: true });
    await visible(follow);
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    await follow.click();
    const following = page.getByRole('button', { name: 'Following', exact: true });
    await visible(following);
    expect(await following.getAttribute('aria-pressed')).toBe('true');
    const seen = await app.http.get(`${API}/categories/${category.id}`).set(reader.auth).expect(200);
    expect((seen.body as { followed: boolean }).followed).toBe(true);

    // The digest's days start at midnight in the browser's time zone.
    const settings = await newPage({ viewport: PHONE, as: reader, timeZone: 'Asia/Manila' });
    await settings.goto('/profile');
    const digest = settings.getByLabel('Email digest of unread notifications', { exact: true });
    await visible(digest);
    expect(await digest.inputValue()).toBe('off');
    await visible(settings.getByText('sent after midnight in Asia/Manila', { exact: false }));
    await digest.selectOption('daily');
    await visible(settings.getByRole('status').filter({ hasText: 'Your choice is saved.' }));
    await expectAccessible(settings);
    await fitsTheScreen(settings);
    const chosen = await app.http.get(`${API}/notifications/preferences`).set(reader.auth).expect(200);
    expect(chosen.body).toMatchObject({ digest: 'daily', timeZone: 'Asia/Manila' });

    await startThread(app, writer, category.id, { title: 'Bilateral labour agreements that worked' });
    await app.app.get(Digests).run();
    const mail = await smtp.waitForMail(reader.email, linkingTo('/unsubscribe'));
    expect(mail.text).toContain('Bilateral labour agreements that worked');

    const visitor = await newPage({ viewport: PHONE });
    await visitor.goto(linkIn(mail, '/unsubscribe').href);
    await visible(visitor.getByRole('status').filter({ hasText: 'You will no longer receive the email digest.' }));
    await expectAccessible(visitor);
    const preferences = await app.http.get(`${API}/notifications/preferences`).set(reader.auth).expect(200);
    expect((preferences.body as { digest: string }).digest).toBe('off');

    // an altered link changes nothing and says so
    await visitor.goto('/unsubscribe?token=not-a-real-token');
    await visible(visitor.getByRole('alert').filter({ hasText: 'This link no longer works' }));
  }, 120_000);

  describe('signing in with an organisation (OpenID Connect)', () => {
    let provider: TestOidcProvider;
    /** An account with a password at the organisation's domain, made before its sign-in was set up. */
    let omar: SignedIn;

    afterAll(async () => {
      await provider?.stop();
    });

    it('is set up by an administrator, and a member signs in with their organisation', async () => {
      omar = await register(app, { displayName: 'Omar Haddad', email: 'omar.haddad@ministry.test' });
      provider = await startTestOidcProvider({
        accounts: [
          { sub: 'ines', email: 'ines.moreau@ministry.test', email_verified: true, name: 'Inès Moreau' },
          { sub: 'omar', email: omar.email, email_verified: true, name: 'Omar Haddad' },
        ],
        clientId: 'plenary-web',
        clientSecret: 'a-client-secret-for-tests',
        redirectUri: `${app.url}${API}/auth/sso/ministry/callback`,
      });

      // only administrators manage it
      const member = await newPage({ viewport: DESKTOP, as: omar });
      await member.goto('/admin/sso');
      await visible(member.getByRole('alert').filter({ hasText: 'Only the platform' }));

      const page = await newPage({ viewport: DESKTOP, as: admin });
      await page.goto('/profile');
      await page.getByRole('link', { name: 'Single sign-on' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Single sign-on' }));
      await visible(page.getByText('No provider yet.'));
      const form = page.getByRole('region', { name: 'Add a provider' });
      await form.getByLabel('Name shown on the button', { exact: true }).fill('Ministry account');
      await form.getByLabel('Identifier', { exact: true }).fill('Ministry');
      await form.getByLabel('Issuer address', { exact: true }).fill(provider.issuer);
      await form.getByLabel('Client identifier', { exact: true }).fill('plenary-web');
      await form.getByLabel('Client secret', { exact: true }).fill('a-client-secret-for-tests');
      await form.getByLabel('Email domains', { exact: true }).fill('ministry.test');
      await form.getByLabel('Members with these domains must sign in', { exact: false }).check();
      await form.getByRole('button', { name: 'Add the provider' }).click();
      // an identifier in capitals is refused next to its field
      await visible(form.getByText('Must be 2 to 40 lower-case letters', { exact: false }));
      await form.getByLabel('Identifier', { exact: true }).fill('ministry');
      await form.getByRole('button', { name: 'Add the provider' }).click();
      await visible(page.getByRole('status').filter({ hasText: 'Ministry account is added.' }));
      await visible(page.getByText(`${app.url}${API}/auth/sso/ministry/callback`));
      await expectAccessible(page);
      const listed = await app.http.get(`${API}/settings/sso-providers`).set(admin.auth).expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          id: 'ministry',
          name: 'Ministry account',
          issuer: provider.issuer,
          allowedDomains: ['ministry.test'],
          passwordSignInDisabled: true,
        }),
      ]);

      // a password is refused for the domain, with the way in instead
      const visitor = await newPage({ viewport: PHONE });
      await visitor.goto(`/signin?next=${encodeURIComponent('/forum')}`);
      const organisation = visitor.getByRole('region', { name: 'Sign in with your organisation' });
      await visible(organisation);
      await visitor.getByLabel('Email', { exact: true }).fill('ines.moreau@ministry.test');
      await visitor.getByLabel('Password', { exact: true }).fill('Any-password-1');
      await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(visitor.getByRole('alert').filter({ hasText: 'Your organisation signs you in to Plenary' }));
      await expectAccessible(visitor);
      await fitsTheScreen(visitor);

      // through the provider and back, signed in where the member was going
      provider.setNextLogin('ines');
      await organisation.getByRole('link', { name: 'Sign in with Ministry account' }).click();
      await visitor.waitForURL(`${app.url}/forum`);
      await visible(visitor.getByRole('link', { name: 'Inès Moreau' }));
      const session = await sessionOf(visitor);
      expect(await me(session.accessToken)).toMatchObject({ email: 'ines.moreau@ministry.test' });
    }, 120_000);

    it('connects an existing account through the mailed link', async () => {
      provider.setNextLogin('omar');
      const page = await newPage({ viewport: PHONE });
      await page.goto('/signin');
      await page.getByRole('link', { name: 'Sign in with Ministry account' }).click();
      await page.waitForURL(/\/sso\/callback\?status=link_sent$/);
      await visible(page.getByRole('status').filter({ hasText: 'You already have a Plenary account' }));
      await expectAccessible(page);

      const link = linkIn(await smtp.waitForMail('omar.haddad@ministry.test', linkingTo('/sso/link')), '/sso/link');
      await page.goto(link.href);
      await visible(page.getByRole('status').filter({ hasText: 'Your account is connected' }));
      await visible(page.getByRole('link', { name: 'Omar Haddad' }));
      expect((await sessionOf(page)).user.id).toBe(omar.id);
      // its password no longer signs in: the domain signs in through the organisation
      const refused = await app.http.post(`${API}/auth/login`).send({ email: omar.email, password: omar.password });
      expect({ status: refused.status, code: (refused.body as { code: string }).code }).toEqual({
        status: 403,
        code: 'use_sso',
      });

      // a failed sign-in says why
      await page.goto('/sso/callback?error=domain_not_allowed');
      await visible(page.getByRole('alert').filter({ hasText: 'This sign-in is for other email addresses' }));
    }, 90_000);
  });

  // Last: passport's strategies are global to the process, so a second app started here takes them over, and the
  // first app's sign-ins stop working from then on.
  describe('when the platform requires a confirmed address', () => {
    let strict: TestApp;

    beforeAll(async () => {
      strict = await startTestApp('accounts-browser-strict', {
        SMTP_URL: smtp.url,
        MAIL_POLL_MS: '200',
        REQUIRE_EMAIL_VERIFICATION: 'true',
      });
    }, 60_000);

    afterAll(async () => {
      await strict?.close();
    });

    it('tells an unconfirmed member why a write is refused, and where the link is', async () => {
      const owner = await register(strict, { displayName: 'Elena Petrova', email: address('elena') });
      await strict.http
        .post(`${API}/auth/verify-email`)
        .send({
          token: linkIn(
            await smtp.waitForMail(owner.email, linkingTo('/verify-email')),
            '/verify-email',
          ).searchParams.get('token'),
        })
        .expect(200);
      const group = await createGroup(strict, owner, 'members', 'Skills partnerships');
      const newcomer = await register(strict, { displayName: 'Farid Haddad', email: address('farid') });

      const context = await openContext(browser, strict, { viewport: PHONE, as: newcomer });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`/groups/${group.id}`);
      await visible(page.getByRole('complementary', { name: 'Your email address' }));
      await page.getByRole('button', { name: 'Join this group' }).click();
      await visible(page.getByRole('alert').filter({ hasText: 'Confirm your email address first' }));
      await expectAccessible(page);
      const members = await strict.http.get(`${API}/groups/${group.id}/members`).set(owner.auth).expect(200);
      expect((members.body as { items: { userId: string }[] }).items.map((item) => item.userId)).toEqual([owner.id]);
    }, 90_000);
  });
});
