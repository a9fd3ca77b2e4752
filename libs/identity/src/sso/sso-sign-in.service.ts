import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApiError, DomainEvents, hashSecretToken, newSecretToken } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { Mailer } from '@plenary/mail';
import * as oidc from 'openid-client';
import type { AuthResponse } from '../auth/dto/auth.dto.js';
import { type TokenPair, TokenService } from '../tokens/token.service.js';
import { toPrincipal } from '../users/to-principal.js';
import { normalizeEmail, type UserRecord } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccountSecurityNotices } from '../verification/account-security-notices.js';
import { type OidcIdentity, OidcClients } from './oidc-clients.js';
import { SsoAccountCreated } from './sso.events.js';
import { displayNameFrom, domainOf, localeFrom, sameSitePath, verifiedEmail } from './sso-claims.js';
import { SsoFailure } from './sso-failure.js';
import { SsoAttemptsRepository, SsoLinkRequestsRepository, SsoSignInCodesRepository } from './sso-flows.repository.js';
import { SsoIdentitiesRepository } from './sso-identities.repository.js';
import type { SsoProviderRecord } from './sso-provider.schema.js';
import { SsoProviderSecretsRepository, SsoProvidersRepository } from './sso-providers.repository.js';
import { ssoLinkConfirmMail } from './sso.mails.js';

const ATTEMPT_MINUTES = 10;
const CODE_SECONDS = 60;
const LINK_MINUTES = 30;

/**
 * Single sign-on with OpenID Connect: the browser goes to the provider (start), comes back with
 * its answer (callback), which signs in the linked account, makes a new one, or mails the owner of
 * the address a link to confirm (never linking an existing account silently). The web client gets
 * a one-time code it trades for tokens (exchange), never tokens in an address.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);

  constructor(
    private readonly providers: SsoProvidersRepository,
    private readonly secrets: SsoProviderSecretsRepository,
    private readonly identities: SsoIdentitiesRepository,
    private readonly attempts: SsoAttemptsRepository,
    private readonly codes: SsoSignInCodesRepository,
    private readonly linkRequests: SsoLinkRequestsRepository,
    private readonly clients: OidcClients,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly tokens: TokenService,
    private readonly notices: AccountSecurityNotices,
    private readonly mailer: Mailer,
    private readonly events: DomainEvents,
  ) {}

  /** Where to send the browser: the provider's authorization endpoint (or back to the web client when it cannot be reached). */
  async start(providerId: string, returnTo: string | undefined): Promise<string> {
    const provider = await this.providers.findEnabled(providerId);
    if (!provider) throw ApiError.notFound('Sign-in provider');
    const state = newSecretToken();
    const checks = { state: state.token, nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    let authorization: URL;
    try {
      authorization = await this.clients.authorizationUrl(provider, await this.secretOf(provider), checks);
    } catch (error) {
      return this.failed(error, providerId);
    }
    await this.attempts.create({
      stateHash: state.hash,
      providerSlug: provider.slug,
      nonce: checks.nonce,
      codeVerifier: checks.codeVerifier,
      returnTo: sameSitePath(returnTo),
      expiresAt: new Date(Date.now() + ATTEMPT_MINUTES * 60_000),
    });
    return authorization.href;
  }

  /** Where to send the browser once the provider answered: the web client's /sso/callback, with a code, a status or an error. */
  async callback(providerId: string, answer: URLSearchParams): Promise<string> {
    try {
      return await this.finish(providerId, answer);
    } catch (error) {
      return this.failed(error, providerId);
    }
  }

  /** Trades a callback's one-time code for the tokens of a sign-in (once). */
  async exchange(code: string): Promise<AuthResponse> {
    const codeHash = hashSecretToken(code);
    const unusable = () => ApiError.invalidField('code', 'is unknown, used or expired');
    const signIn = await this.codes.findUnexpired(codeHash);
    const found = signIn && (await this.users.findById(signIn.userId));
    if (!signIn || !found) throw unusable();
    const user = await this.activeOr403(found);
    let tokens: TokenPair;
    try {
      tokens = await this.tokens.issueForNewSignIn(user, signIn.familyId);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw unusable();
      throw error;
    }
    await this.codes.delete(codeHash);
    return this.respond(user, tokens);
  }

  /** Links the identity of a link request mailed to the account's owner, and signs them in (once). */
  async link(token: string): Promise<AuthResponse> {
    const tokenHash = hashSecretToken(token);
    const unusable = () => ApiError.invalidField('token', 'is unknown, used or expired');
    const request = await this.linkRequests.findUnexpired(tokenHash);
    if (!request) throw unusable();
    const provider = await this.providers.findEnabled(request.providerSlug);
    const found = await this.users.findById(request.userId);
    if (!provider || !found || normalizeEmail(found.email) !== normalizeEmail(request.email)) throw unusable();
    const user = await this.activeOr403(found);
    try {
      await this.identities.link({
        providerSlug: provider.slug,
        subject: request.subject,
        userId: user.id,
        email: request.email,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw unusable();
      throw error;
    }
    await this.linkRequests.delete(tokenHash);
    await this.notices.notify(user.id, 'sso_linked', { provider: provider.name });
    return this.respond(user, await this.tokens.issueForNewSignIn(user));
  }

  private async finish(providerId: string, answer: URLSearchParams): Promise<string> {
    const state = answer.get('state');
    const attempt = state ? await this.attempts.take(hashSecretToken(state)) : null;
    if (!state || !attempt || attempt.providerSlug !== providerId) {
      throw new SsoFailure('invalid_state', 'no sign-in was started with this state');
    }
    const provider = await this.providers.findEnabled(providerId);
    if (!provider) throw new SsoFailure('provider_error', 'the provider was disabled meanwhile');
    const identity = await this.clients.identityFrom(provider, await this.secretOf(provider), answer, {
      state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
    const email = verifiedEmail(identity.claims, provider);
    const domain = domainOf(email);
    if (provider.allowedDomains.length > 0 && !(domain && provider.allowedDomains.includes(domain))) {
      throw new SsoFailure('domain_not_allowed', `${domain ?? email} is not among the provider's domains`);
    }
    const linked = await this.identities.find(provider.slug, identity.subject);
    const linkedUser = linked && (await this.users.findById(linked.userId));
    if (linkedUser) return this.signedIn(linkedUser, attempt.returnTo);
    // A link to an account deleted since is forgotten; the identity is then a new one.
    if (linked) await this.identities.unlink(provider.slug, identity.subject);

    const existing = await this.users.findByEmail(email);
    if (existing) return this.requestLink(provider, identity, existing);
    let user: UserRecord;
    try {
      user = await this.usersService.createForSingleSignOn(
        email,
        displayNameFrom(identity.claims, email),
        localeFrom(identity.claims),
      );
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Someone made an account with this address a moment ago: it is theirs until they confirm.
      const taken = await this.users.findByEmail(email);
      if (!taken) throw error;
      return this.requestLink(provider, identity, taken);
    }
    await this.identities.link({ providerSlug: provider.slug, subject: identity.subject, userId: user.id, email });
    await this.notices.audit(user.id, 'account.sso_linked', {}, { provider: provider.slug, created: true });
    await this.events.publish(SsoAccountCreated, {
      userId: user.id,
      providerId: provider.slug,
      organisation: provider.defaultOrganisation,
      organisationType: provider.defaultOrganisationType,
    });
    return this.signedIn(user, attempt.returnTo);
  }

  /** A one-time code for the web client to trade for tokens, with the refresh-token family it will start. */
  private async signedIn(found: UserRecord, returnTo: string | null): Promise<string> {
    const user = await this.usersService.current(found);
    if (user.status !== 'active') throw new SsoFailure('account_suspended', `${user.id} is suspended`);
    const code = newSecretToken();
    await this.codes.create({
      codeHash: code.hash,
      userId: user.id,
      familyId: randomUUID(),
      expiresAt: new Date(Date.now() + CODE_SECONDS * 1000),
    });
    return this.mailer.link('/sso/callback', { code: code.token, ...(returnTo ? { returnTo } : {}) });
  }

  /** Mails the owner of the address a link that links the identity to their account once followed. */
  private async requestLink(provider: SsoProviderRecord, identity: OidcIdentity, found: UserRecord): Promise<string> {
    const owner = await this.usersService.current(found);
    if (owner.status !== 'active') throw new SsoFailure('account_suspended', `${owner.id} is suspended`);
    const token = newSecretToken();
    await this.linkRequests.create({
      tokenHash: token.hash,
      providerSlug: provider.slug,
      subject: identity.subject,
      userId: owner.id,
      email: owner.email,
      expiresAt: new Date(Date.now() + LINK_MINUTES * 60_000),
    });
    await this.mailer.send({
      to: owner.email,
      locale: owner.locale,
      template: ssoLinkConfirmMail,
      data: {
        displayName: owner.displayName,
        provider: provider.name,
        url: this.mailer.link('/sso/link', { token: token.token }),
        minutes: LINK_MINUTES,
      },
    });
    return this.mailer.link('/sso/callback', { status: 'link_sent' });
  }

  private async secretOf(provider: SsoProviderRecord): Promise<string> {
    const secret = await this.secrets.find(provider.slug);
    if (secret === null) throw new SsoFailure('provider_error', `${provider.slug} has no client secret`);
    return secret;
  }

  private async activeOr403(found: UserRecord): Promise<UserRecord> {
    const user = await this.usersService.current(found);
    if (user.status !== 'active') throw ApiError.forbidden('This account is suspended');
    return user;
  }

  /** The web client's error page for a sign-in that did not succeed; anything unexpected is rethrown. */
  private failed(error: unknown, providerId: string): string {
    if (!(error instanceof SsoFailure)) throw error;
    this.logger.warn({ provider: providerId, code: error.code }, `single sign-on refused: ${error.message}`);
    return this.mailer.link('/sso/callback', { error: error.code });
  }

  private async respond(user: UserRecord, tokens: TokenPair): Promise<AuthResponse> {
    return { user: await this.usersService.getSelf(toPrincipal(user)), ...tokens };
  }
}
