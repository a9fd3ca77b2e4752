import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type Adapter, type AdapterPayload, interactionPolicy } from 'oidc-provider';
import { findFreePort } from '@plenary/database';

/** A person at the test provider, with the claims it asserts about them. */
export interface TestOidcAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  locale?: string;
}

export interface TestOidcOptions {
  accounts: TestOidcAccount[];
  clientId: string;
  clientSecret: string;
  /** Plenary's callback for the provider: `${app.url}/api/v1/auth/sso/<id>/callback`. */
  redirectUri: string;
  /**
   * Put the email and profile claims in the ID token too (as Keycloak does). By default they are
   * only at the userinfo endpoint, as oidc-provider (and some providers) do for the code flow.
   */
  claimsInIdToken?: boolean;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>: the issuer to configure in Plenary. */
  issuer: string;
  /**
   * The account sign-ins complete as from now on (default: the first one). Nobody types
   * anything: the provider's login and consent pages finish by themselves, so a real browser
   * that clicks "Sign in with …" lands back in Plenary signed in as this account.
   */
  setNextLogin(sub: string): void;
  stop(): Promise<void>;
}

/**
 * A certified OpenID Connect provider (oidc-provider) in the test process, on a free port, with
 * one confidential client (client_secret_post, PKCE required) and the given accounts.
 */
export async function startTestOidcProvider(options: TestOidcOptions): Promise<TestOidcProvider> {
  const port = await findFreePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  let nextLogin = options.accounts[0]?.sub;

  const { Check } = interactionPolicy;
  const policy = interactionPolicy.base();
  // A browser still signed in at the provider as someone else signs in again, as the next login.
  policy
    .get('login')
    .checks.add(
      new Check('next_login', 'another account signs in next', ({ oidc }) =>
        oidc.session?.accountId && oidc.session.accountId !== nextLogin
          ? Check.REQUEST_PROMPT
          : Check.NO_NEED_TO_PROMPT,
      ),
    );
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale'] },
    conformIdTokenClaims: !options.claimsInIdToken,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_context, sub) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: () => ({ ...account }) };
    },
    interactions: { policy },
    jwks: { keys: [signingKey()] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
  });

  /** The login and consent pages, answered at once for the next login's account. */
  async function interact(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name === 'login') {
      if (!nextLogin || !accounts.has(nextLogin)) throw new Error(`no account ${nextLogin} at ${issuer}`);
      await provider.interactionFinished(request, response, { login: { accountId: nextLogin } });
      return;
    }
    const accountId = details.session?.accountId ?? '';
    const grant =
      (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
      new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    const { missingOIDCScope, missingOIDCClaims } = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
    };
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    await provider.interactionFinished(
      request,
      response,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }

  const handle = provider.callback();
  const server = createServer((request, response) => {
    if (!request.url?.startsWith('/interaction/')) return handle(request, response);
    interact(request, response).catch((error: Error) => {
      response.statusCode = 500;
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer,
    setNextLogin: (sub) => {
      if (!accounts.has(sub)) throw new Error(`no account ${sub} at ${issuer}`);
      nextLogin = sub;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
}

/** oidc-provider's storage, in memory and per provider (its own is shared and warns on every start). */
function memoryAdapter(): new (name: string) => Adapter {
  const stored = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  return class MemoryAdapter implements Adapter {
    constructor(private readonly name: string) {}

    private key(id: string): string {
      return `${this.name}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      stored.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const entry = stored.get(this.key(id));
      return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere((payload) => payload.uid === uid);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere((payload) => payload.userCode === userCode);
    }

    async consume(id: string): Promise<void> {
      const entry = stored.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      stored.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, { payload }] of stored) if (payload.grantId === grantId) stored.delete(key);
    }

    private findWhere(matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
      for (const [key, { payload, expiresAt }] of stored) {
        if (key.startsWith(`${this.name}:`) && expiresAt > Date.now() && matches(payload)) return payload;
      }
      return undefined;
    }
  };
}

/**
 * What a browser does during a sign-in, with fetch: follows redirects (keeping the provider's
 * cookies) from `start` until an address `stopAt` accepts, and returns that address. `rewrite`
 * may change an address before the browser goes there (to tamper with a request).
 */
export async function followRedirects(
  start: string | URL,
  options: { stopAt: (url: URL) => boolean; rewrite?: (url: URL) => URL },
): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop += 1) {
    if (hop > 0 && options.stopAt(url)) return url;
    url = options.rewrite?.(url) ?? url;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(
        `${url.href} answered ${response.status}, not a redirect: ${(await response.text()).slice(0, 300)}`,
      );
    }
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error(`still redirecting after 20 hops, at ${url.href}`);
}
