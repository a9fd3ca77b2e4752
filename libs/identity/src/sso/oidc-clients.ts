import { Injectable } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import * as oidc from 'openid-client';
import { SsoFailure } from './sso-failure.js';
import type { SsoProviderRecord } from './sso-provider.schema.js';

/** What a provider asserted about the person who signed in. */
export interface OidcIdentity {
  subject: string;
  claims: Record<string, unknown>;
}

/** What a sign-in sent to a provider must come back with. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Discovery documents are fetched again after this long (providers rotate keys and move endpoints). */
const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;
const DISCOVERY_TIMEOUT_SECONDS = 10;
export const SSO_SCOPES = 'openid email profile';

/**
 * The relying party, through openid-client (certified): the authorization code flow with PKCE
 * (S256), state and nonce, and the ID token checked (signature, issuer, audience, nonce). Each
 * provider's discovered configuration is kept per instance, until the provider is changed.
 */
@Injectable()
export class OidcClients {
  private readonly configurations = new Map<
    string,
    { version: string; loadedAt: number; configuration: Promise<oidc.Configuration> }
  >();

  constructor(private readonly config: AppConfig) {}

  redirectUri(providerSlug: string): string {
    return `${this.config.accounts.publicUrl}/api/v1/auth/sso/${providerSlug}/callback`;
  }

  async authorizationUrl(provider: SsoProviderRecord, clientSecret: string, checks: OidcChecks): Promise<URL> {
    const configuration = await this.configurationOf(provider, clientSecret);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(provider.slug),
      scope: SSO_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
  }

  /**
   * Trades the code of the provider's answer (the callback's query) for tokens and returns who
   * signed in: the ID token's claims, completed from the userinfo endpoint when the ID token
   * carries no email (providers that put only `sub` in it).
   */
  async identityFrom(
    provider: SsoProviderRecord,
    clientSecret: string,
    callbackQuery: URLSearchParams,
    checks: OidcChecks,
  ): Promise<OidcIdentity> {
    const configuration = await this.configurationOf(provider, clientSecret);
    const answer = new URL(this.redirectUri(provider.slug));
    answer.search = callbackQuery.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, answer, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      // An ID token with a nonce we did not send answers another sign-in than this one.
      const comparison = (error as { cause?: { cause?: { claim?: unknown } } }).cause?.cause;
      if (error instanceof oidc.ClientError && comparison?.claim === 'nonce') {
        throw new SsoFailure('invalid_state', 'the ID token answers another sign-in (nonce)');
      }
      throw new SsoFailure('provider_error', `the provider's answer was refused: ${describe(error)}`);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoFailure('provider_error', 'the provider sent no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    if (typeof idClaims.email !== 'string' && configuration.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)), ...idClaims };
      } catch (error) {
        throw new SsoFailure('provider_error', `the userinfo request failed: ${describe(error)}`);
      }
    }
    return { subject: idClaims.sub, claims };
  }

  private async configurationOf(provider: SsoProviderRecord, clientSecret: string): Promise<oidc.Configuration> {
    const version = [provider.issuer, provider.clientId, clientSecret, provider.updatedAt.getTime()].join('\n');
    const cached = this.configurations.get(provider.slug);
    if (cached && cached.version === version && Date.now() - cached.loadedAt < DISCOVERY_MAX_AGE_MS) {
      return cached.configuration;
    }
    const configuration = oidc.discovery(new URL(provider.issuer), provider.clientId, clientSecret, undefined, {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      // Plain http only for a provider on a developer's or a test's own machine.
      execute: provider.issuer.startsWith('http:') && !this.config.isProduction ? [oidc.allowInsecureRequests] : [],
    });
    this.configurations.set(provider.slug, { version, loadedAt: Date.now(), configuration });
    try {
      return await configuration;
    } catch (error) {
      if (this.configurations.get(provider.slug)?.configuration === configuration)
        this.configurations.delete(provider.slug);
      throw new SsoFailure('provider_error', `discovery at ${provider.issuer} failed: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
