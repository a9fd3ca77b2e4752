import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectError, fieldsOf } from './support/http.js';
import { linkIn, startTestSmtp, type TestSmtp } from './support/mail.js';
import { followRedirects, startTestOidcProvider, type TestOidcProvider } from './support/oidc.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

const PROVIDERS = '/api/v1/settings/sso-providers';
const SSO = '/api/v1/auth/sso';

const ANA = {
  sub: 'ana-1',
  email: 'ana.perez@work.example',
  email_verified: true,
  name: 'Ana  Pérez <admin>',
  locale: 'fr-FR',
};
const SAM = { sub: 'sam-1', email: 'sam@work.example', email_verified: true, name: 'Sam' };
const EVE = { sub: 'eve-1', email: 'eve@work.example', email_verified: false, name: 'Eve' };
const OLGA = { sub: 'olga-1', email: 'olga@elsewhere.example', email_verified: true, name: 'Olga' };
const NINA = { sub: 'nina-1', email: 'nina@work.example', email_verified: true, name: 'Nina' };
const IVO = { sub: 'ivo-1', email: 'ivo@work.example', email_verified: true, name: 'Ivo' };
/** At the partner: Ana's address under another subject, and someone whose provider sends no email_verified (as Entra ID). */
const ANA_AT_PARTNER = { sub: 'partner-ana', email: ANA.email, email_verified: true, name: 'A. Pérez' };
const TOM = { sub: 'partner-tom', email: 'tom@partner.example', name: 'Tom' };

let app: TestApp;
let smtp: TestSmtp;
let work: TestOidcProvider;
let partner: TestOidcProvider;
let admin: SignedIn;
const secrets = { work: randomBytes(24).toString('hex'), partner: randomBytes(24).toString('hex') };

const callbackOf = (id: string) => `${app.url}${SSO}/${id}/callback`;
const atWebCallback = (url: URL) => url.origin === new URL(app.url).origin && url.pathname === '/sso/callback';

/** A browser signing in through the provider as `sub`: where Plenary finally sends it (the web client's /sso/callback). */
async function signInThrough(
  id: string,
  provider: TestOidcProvider,
  sub: string,
  options: { returnTo?: string; rewrite?: (url: URL) => URL } = {},
): Promise<URL> {
  provider.setNextLogin(sub);
  const start = new URL(`${app.url}${SSO}/${id}/start`);
  if (options.returnTo) start.searchParams.set('returnTo', options.returnTo);
  return followRedirects(start, { stopAt: atWebCallback, rewrite: options.rewrite });
}

/** The sign-in a callback's code is traded for. */
async function exchange(url: URL) {
  const code = url.searchParams.get('code');
  expect(code).toEqual(expect.any(String));
  return (await app.http.post(`${SSO}/exchange`).send({ code }).expect(200)).body;
}

const usersWithEmail = (email: string) => app.connection.collection('users').countDocuments({ emailNormalized: email });

/** The documents a sign-in or a provider change writes (mail, sent on its own schedule, is left out). */
async function signInDocuments(): Promise<Record<string, number>> {
  const all = await documentCounts(app.connection);
  const names = ['users', 'credentials', 'refresh_tokens', 'sso_providers', 'sso_provider_secrets', 'sso_identities'];
  return Object.fromEntries(names.map((name) => [name, all[name] ?? 0]));
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp('sso', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' });
  [work, partner] = await Promise.all([
    startTestOidcProvider({
      accounts: [ANA, SAM, EVE, OLGA, NINA, IVO],
      clientId: 'plenary-work',
      clientSecret: secrets.work,
      redirectUri: callbackOf('work'),
    }),
    startTestOidcProvider({
      accounts: [ANA_AT_PARTNER, TOM],
      clientId: 'plenary-partner',
      clientSecret: secrets.partner,
      redirectUri: callbackOf('partner'),
      claimsInIdToken: true,
    }),
  ]);
  admin = await loginAdmin(app);
  await app.http
    .post(PROVIDERS)
    .set(admin.auth)
    .send({
      id: 'work',
      name: 'Work account',
      issuer: work.issuer,
      clientId: 'plenary-work',
      clientSecret: secrets.work,
      allowedDomains: ['Work.Example', 'legacy.example'],
      defaultOrganisation: 'Ministry of Work',
      defaultOrganisationType: 'member_state',
    })
    .expect(201);
  await app.http
    .post(PROVIDERS)
    .set(admin.auth)
    .send({
      id: 'partner',
      name: 'Partner login',
      issuer: partner.issuer,
      clientId: 'plenary-partner',
      clientSecret: secrets.partner,
    })
    .expect(201);
});

afterAll(async () => {
  await app?.close();
  await Promise.all([work?.stop(), partner?.stop(), smtp?.stop()]);
});

describe('providers, as admins configure them', () => {
  it('shows a provider to admins with its redirect URI and never its client secret', async () => {
    const listed = await app.http.get(PROVIDERS).set(admin.auth).expect(200);
    expect(listed.body.map((provider: { id: string }) => provider.id)).toEqual(['partner', 'work']);
    const shown = await app.http.get(`${PROVIDERS}/work`).set(admin.auth).expect(200);
    expect(shown.body).toEqual({
      id: 'work',
      name: 'Work account',
      issuer: work.issuer,
      clientId: 'plenary-work',
      allowedDomains: ['work.example', 'legacy.example'],
      defaultOrganisation: 'Ministry of Work',
      defaultOrganisationType: 'member_state',
      passwordSignInDisabled: false,
      trustEmail: false,
      enabled: true,
      redirectUri: callbackOf('work'),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    for (const body of [listed.body, shown.body]) {
      expect(JSON.stringify(body)).not.toContain(secrets.work);
      expect(JSON.stringify(body)).not.toMatch(/secret/i);
    }
  });

  it('creates, changes (the secret write-only) and deletes a provider', async () => {
    const created = await app.http
      .post(PROVIDERS)
      .set(admin.auth)
      .send({
        id: 'scratch-1',
        name: 'Scratch',
        issuer: 'https://login.example.org/realms/x',
        clientId: 'c',
        clientSecret: 's3cret-value',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      id: 'scratch-1',
      allowedDomains: [],
      enabled: true,
      passwordSignInDisabled: false,
    });
    const changed = await app.http
      .patch(`${PROVIDERS}/scratch-1`)
      .set(admin.auth)
      .send({ name: 'Scratch 2', clientSecret: 'an0ther-secret', enabled: false, defaultOrganisation: null })
      .expect(200);
    expect(changed.body).toMatchObject({ id: 'scratch-1', name: 'Scratch 2', enabled: false });
    expect(JSON.stringify(changed.body)).not.toMatch(/s3cret|an0ther|clientSecret/);
    await app.http.delete(`${PROVIDERS}/scratch-1`).set(admin.auth).expect(204);
    await app.http.get(`${PROVIDERS}/scratch-1`).set(admin.auth).expect(404);
    await app.http.delete(`${PROVIDERS}/scratch-1`).set(admin.auth).expect(404);
  });

  it('refuses bad input naming each field, a taken id with 409, and writes nothing', async () => {
    const before = await signInDocuments();
    const bad = await app.http
      .post(PROVIDERS)
      .set(admin.auth)
      .send({
        id: 'Not_A_Slug',
        name: '',
        issuer: 'ftp://login.example.org',
        clientId: 'c',
        allowedDomains: ['not a domain'],
        defaultOrganisationType: 'Member State',
        trustEmail: 'yes',
      })
      .expect(400);
    expectError(bad.body, 400);
    expect(fieldsOf(bad.body)).toEqual([
      'allowedDomains',
      'clientSecret',
      'defaultOrganisationType',
      'id',
      'issuer',
      'name',
      'trustEmail',
    ]);
    for (const issuer of [
      'not a url',
      'https://',
      'https://login.example.org/x?tenant=1',
      'https://login.example.org#a',
    ]) {
      const refused = await app.http
        .post(PROVIDERS)
        .set(admin.auth)
        .send({ id: 'ok-id', name: 'n', issuer, clientId: 'c', clientSecret: 's' })
        .expect(400);
      expect(fieldsOf(refused.body)).toEqual(['issuer']);
    }
    const unknownField = await app.http.patch(`${PROVIDERS}/work`).set(admin.auth).send({ id: 'renamed' }).expect(400);
    expect(fieldsOf(unknownField.body)).toEqual(['id']);
    const nullName = await app.http.patch(`${PROVIDERS}/work`).set(admin.auth).send({ name: null }).expect(400);
    expect(fieldsOf(nullName.body)).toEqual(['name']);
    await app.http.patch(`${PROVIDERS}/work`).set(admin.auth).send({}).expect(400);
    const badPath = await app.http.get(`${PROVIDERS}/UPPER`).set(admin.auth).expect(400);
    expect(fieldsOf(badPath.body)).toEqual(['id']);
    const taken = await app.http
      .post(PROVIDERS)
      .set(admin.auth)
      .send({ id: 'work', name: 'Again', issuer: work.issuer, clientId: 'c', clientSecret: 's' })
      .expect(409);
    expect(fieldsOf(expectError(taken.body, 409))).toEqual(['id']);
    expect(await signInDocuments()).toEqual(before);
  });

  it('is for admins only: members get 403, callers without a token 401', async () => {
    const member = await register(app);
    const body = { id: 'mine', name: 'Mine', issuer: 'https://login.example.org', clientId: 'c', clientSecret: 's' };
    const calls = [
      () => app.http.get(PROVIDERS),
      () => app.http.post(PROVIDERS).send(body),
      () => app.http.get(`${PROVIDERS}/work`),
      () => app.http.patch(`${PROVIDERS}/work`).send({ name: 'Hijacked' }),
      () => app.http.delete(`${PROVIDERS}/work`),
    ];
    for (const call of calls) {
      expectError((await call().set(member.auth).expect(403)).body, 403);
      expectError((await call().expect(401)).body, 401);
    }
    const work = await app.http.get(`${PROVIDERS}/work`).set(admin.auth).expect(200);
    expect(work.body.name).toBe('Work account');
  });

  it('lists the enabled providers to anyone, as sign-in buttons only', async () => {
    await app.http
      .post(PROVIDERS)
      .set(admin.auth)
      .send({
        id: 'switched-off',
        name: 'Off',
        issuer: 'https://off.example.org',
        clientId: 'c',
        clientSecret: 's',
        enabled: false,
      })
      .expect(201);
    const buttons = await app.http.get(`${SSO}/providers`).expect(200);
    expect(buttons.body).toEqual([
      { id: 'partner', name: 'Partner login' },
      { id: 'work', name: 'Work account' },
    ]);
    await app.http.get(`${SSO}/switched-off/start`).expect(404);
    await app.http.get(`${SSO}/nowhere/start`).expect(404);
    expect(fieldsOf((await app.http.get(`${SSO}/Bad%20Id/start`).expect(400)).body)).toEqual(['provider']);
  });
});

describe('signing in through a provider', () => {
  it('sends the browser to the provider with the authorization code flow, PKCE (S256), state and nonce', async () => {
    const started = await app.http.get(`${SSO}/work/start`).query({ returnTo: '/forum' }).expect(302);
    const authorization = new URL(started.headers.location);
    expect(authorization.origin).toBe(work.issuer);
    const query = Object.fromEntries(authorization.searchParams);
    expect(query).toMatchObject({
      client_id: 'plenary-work',
      response_type: 'code',
      redirect_uri: callbackOf('work'),
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
    });
    const stored = await app.connection.collection('sso_attempts').findOne({ nonce: query.nonce });
    expect(stored).toMatchObject({ providerSlug: 'work', returnTo: '/forum' });
    expect(JSON.stringify(stored)).not.toContain(query.state);
  });

  it('makes an account at the first sign-in (verified email, no password, the provider’s organisation), trades the code once, and /me works', async () => {
    const landed = await signInThrough('work', work, ANA.sub, { returnTo: '/groups?tab=mine' });
    expect([...landed.searchParams.keys()].sort()).toEqual(['code', 'returnTo']);
    expect(landed.searchParams.get('returnTo')).toBe('/groups?tab=mine');
    expect(landed.href).not.toMatch(/eyJ/);

    const signedIn = await exchange(landed);
    expect(signedIn).toEqual({
      user: expect.objectContaining({
        email: ANA.email,
        displayName: 'Ana Pérez admin',
        role: 'member',
        status: 'active',
      }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
    });
    const me = await app.http.get('/api/v1/me').set('Authorization', `Bearer ${signedIn.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: signedIn.user.id, email: ANA.email, emailVerified: true, locale: 'fr' });
    const profile = await app.http
      .get('/api/v1/members/me')
      .set('Authorization', `Bearer ${signedIn.accessToken}`)
      .expect(200);
    expect(profile.body).toMatchObject({ organisation: 'Ministry of Work', orgType: 'member_state' });
    await app.http.post('/api/v1/auth/refresh').send({ refreshToken: signedIn.refreshToken }).expect(200);
    const user = await app.connection.collection('users').findOne({ emailNormalized: ANA.email });
    expect(await app.connection.collection('credentials').countDocuments({ userId: user?._id })).toBe(0);

    const again = await app.http
      .post(`${SSO}/exchange`)
      .send({ code: landed.searchParams.get('code') })
      .expect(400);
    expect(fieldsOf(expectError(again.body, 400))).toEqual(['code']);
    const audit = await app.http
      .get('/api/v1/moderation/audit')
      .query({ action: 'account.sso_linked', targetId: signedIn.user.id })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  it('signs the same subject into the same account the next time, and ignores a returnTo off the site', async () => {
    const first = await exchange(await signInThrough('work', work, SAM.sub));
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const landed = await signInThrough('work', work, SAM.sub, { returnTo });
      expect([...landed.searchParams.keys()]).toEqual(['code']);
      expect((await exchange(landed)).user.id).toBe(first.user.id);
    }
    expect(await usersWithEmail(SAM.email)).toBe(1);
    expect(await app.connection.collection('sso_identities').countDocuments({ subject: SAM.sub })).toBe(1);
  });

  it('never lets a second provider asserting the same email take the account over: it mails the owner a link', async () => {
    const ana = await exchange(await signInThrough('work', work, ANA.sub));
    const before = await signInDocuments();
    const landed = await signInThrough('partner', partner, ANA_AT_PARTNER.sub);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ status: 'link_sent' });
    expect(await signInDocuments()).toEqual(before);

    const mail = await smtp.waitForMail(ANA.email, (sent) => sent.subject === 'Lier votre compte à Partner login ?');
    expect(mail.text).toContain('Partner login');
    const token = linkIn(mail, '/sso/link').searchParams.get('token');
    const linked = await app.http.post(`${SSO}/link`).send({ token }).expect(200);
    expect(linked.body.user.id).toBe(ana.user.id);
    await app.http.get('/api/v1/me').set('Authorization', `Bearer ${linked.body.accessToken}`).expect(200);
    const reused = await app.http.post(`${SSO}/link`).send({ token }).expect(400);
    expect(fieldsOf(reused.body)).toEqual(['token']);
    await smtp.waitForMail(ANA.email, (sent) => sent.subject === 'Votre compte est désormais lié à Partner login');

    const next = await signInThrough('partner', partner, ANA_AT_PARTNER.sub);
    expect((await exchange(next)).user.id).toBe(ana.user.id);
  });

  it('refuses an address outside the provider’s domains, and makes no account', async () => {
    const landed = await signInThrough('work', work, OLGA.sub);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'domain_not_allowed' });
    expect(await usersWithEmail(OLGA.email)).toBe(0);
  });

  it('refuses an email the provider says it has not verified', async () => {
    const landed = await signInThrough('work', work, EVE.sub);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'email_unverified' });
    expect(await usersWithEmail(EVE.email)).toBe(0);
  });

  it('refuses an email without email_verified unless the provider is trusted for it (as Entra ID needs)', async () => {
    const refused = await signInThrough('partner', partner, TOM.sub);
    expect(Object.fromEntries(refused.searchParams)).toEqual({ error: 'email_unverified' });
    expect(await usersWithEmail(TOM.email)).toBe(0);
    await app.http.patch(`${PROVIDERS}/partner`).set(admin.auth).send({ trustEmail: true }).expect(200);
    try {
      expect((await exchange(await signInThrough('partner', partner, TOM.sub))).user.email).toBe(TOM.email);
    } finally {
      await app.http.patch(`${PROVIDERS}/partner`).set(admin.auth).send({ trustEmail: false }).expect(200);
    }
  });

  it('refuses a tampered or replayed state, signing no one in', async () => {
    work.setNextLogin(NINA.sub);
    const callback = await followRedirects(`${app.url}${SSO}/work/start`, {
      stopAt: (url) => url.href.startsWith(callbackOf('work')),
    });
    const before = await signInDocuments();
    for (const state of [randomBytes(32).toString('base64url'), '']) {
      const tampered = new URL(callback);
      tampered.searchParams.set('state', state);
      const landed = await followRedirects(tampered, { stopAt: atWebCallback });
      expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'invalid_state' });
    }
    expect(await signInDocuments()).toEqual(before);

    const landed = await followRedirects(callback, { stopAt: atWebCallback });
    expect(landed.searchParams.get('code')).toEqual(expect.any(String));
    const replayed = await followRedirects(callback, { stopAt: atWebCallback });
    expect(Object.fromEntries(replayed.searchParams)).toEqual({ error: 'invalid_state' });
    expect(await usersWithEmail(NINA.email)).toBe(1);
  });

  it('refuses an ID token whose nonce is not the one sent (a tampered authorization request)', async () => {
    const before = await signInDocuments();
    const landed = await signInThrough('work', work, IVO.sub, {
      rewrite: (url) => {
        if (url.origin !== work.issuer || !url.searchParams.has('nonce')) return url;
        const tampered = new URL(url);
        tampered.searchParams.set('nonce', randomBytes(16).toString('base64url'));
        return tampered;
      },
    });
    expect(Object.fromEntries(landed.searchParams)).toEqual({ error: 'invalid_state' });
    expect(await signInDocuments()).toEqual(before);
    expect(await usersWithEmail(IVO.email)).toBe(0);
  });

  it('refuses a suspended account, at the callback and at the exchange', async () => {
    const sam = await exchange(await signInThrough('work', work, SAM.sub));
    const pending = await signInThrough('work', work, SAM.sub);
    await app.http
      .patch(`/api/v1/users/${sam.user.id}`)
      .set(admin.auth)
      .send({ status: 'suspended', reason: 'testing single sign-on' })
      .expect(200);
    try {
      const refused = await signInThrough('work', work, SAM.sub);
      expect(Object.fromEntries(refused.searchParams)).toEqual({ error: 'account_suspended' });
      const code = pending.searchParams.get('code');
      expectError((await app.http.post(`${SSO}/exchange`).send({ code }).expect(403)).body, 403);
    } finally {
      await app.http.patch(`/api/v1/users/${sam.user.id}`).set(admin.auth).send({ status: 'active' }).expect(200);
    }
  });

  it('names the field of a bad exchange or link request', async () => {
    for (const body of [{}, { code: 'short' }, { code: 42 }, { code: randomBytes(32).toString('base64url') }]) {
      expect(fieldsOf((await app.http.post(`${SSO}/exchange`).send(body).expect(400)).body)).toEqual(['code']);
    }
    for (const body of [{}, { token: 'short' }, { token: randomBytes(32).toString('base64url') }]) {
      expect(fieldsOf((await app.http.post(`${SSO}/link`).send(body).expect(400)).body)).toEqual(['token']);
    }
  });
});

describe('passwords turned off for a provider’s domains', () => {
  it('refuses password sign-in, registration and password reset there (use_sso), and gives them back when turned on again', async () => {
    const legacy = await register(app, { email: `someone-${Date.now()}@legacy.example` });
    await app.http.patch(`${PROVIDERS}/work`).set(admin.auth).send({ passwordSignInDisabled: true }).expect(200);
    try {
      for (const email of [legacy.email, 'nobody@work.example', 'Ana.Perez@WORK.example']) {
        const refused = await app.http
          .post('/api/v1/auth/login')
          .send({ email, password: legacy.password })
          .expect(403);
        expect(refused.body).toEqual({
          statusCode: 403,
          code: 'use_sso',
          error: 'Forbidden',
          message: 'Sign in with Work account',
          details: [],
        });
      }
      const registration = await app.http
        .post('/api/v1/auth/register')
        .send({ email: 'new@work.example', password: 'Correct-horse-9', displayName: 'New Person' })
        .expect(403);
      expect(registration.body.code).toBe('use_sso');
      expect(fieldsOf(registration.body)).toEqual(['email']);
      expect(await usersWithEmail('new@work.example')).toBe(0);
      await app.http
        .post('/api/v1/auth/login')
        .send({ email: 'x@elsewhere.example', password: 'Wrong-password-1' })
        .expect(401);
      await app.http.post('/api/v1/auth/password-reset').send({ email: legacy.email }).expect(202);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(smtp.mailsTo(legacy.email).filter((mail) => mail.text?.includes('/reset-password?token='))).toEqual([]);
    } finally {
      await app.http.patch(`${PROVIDERS}/work`).set(admin.auth).send({ passwordSignInDisabled: false }).expect(200);
    }
    await app.http.post('/api/v1/auth/login').send({ email: legacy.email, password: legacy.password }).expect(200);
    await app.http.post('/api/v1/auth/password-reset').send({ email: legacy.email }).expect(202);
    await smtp.waitForMail(legacy.email, (mail) => Boolean(mail.text?.includes('/reset-password?token=')));
  });
});
