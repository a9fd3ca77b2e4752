import { useEffect, useRef } from 'react';
import { ApiError, errorOf, urlOf } from '../../api/http';
import { accessToken, refreshSession } from '../../api/session';
import { AuthError } from '../community/community-api';

/** What `GET /me` says of the signed-in account (the part the account pages use). */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  locale?: string;
}

/** The query that holds `GET /me`, shared by the banner, the profile and the verification page. */
export const meKey = (memberId: string | null) => ['accounts', 'me', memberId] as const;

export type InvitationStatus = 'open' | 'accepted' | 'expired' | 'withdrawn';

export interface GroupInvitation {
  group: { id: string; name: string };
  email: string;
  invitedBy: { displayName: string };
  expiresAt: string;
  status: InvitationStatus;
}

export interface EventInvitation {
  event: { id: string; title: string; startsAt: string };
  email: string;
  invitedBy: { displayName: string };
  expiresAt: string;
  status: InvitationStatus;
}

export interface SsoProvider {
  id: string;
  name: string;
}

/** A single sign-on provider as administrators see it (never its secret). */
export interface SsoProviderSettings extends SsoProvider {
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  passwordSignInDisabled: boolean;
  trustEmail: boolean;
  enabled: boolean;
  defaultOrganisation: string | null;
  defaultOrganisationType: string | null;
  /** Where the provider sends the browser back: registered there by the administrator. */
  redirectUri: string;
}

export type DigestFrequency = 'daily' | 'weekly' | 'off';
export const DIGEST_FREQUENCIES: DigestFrequency[] = ['daily', 'weekly', 'off'];

/** Where the browser goes to sign in through a provider, coming back to `returnTo` afterwards. */
export function ssoStartUrl(providerId: string, returnTo: string): string {
  return urlOf(`/auth/sso/${encodeURIComponent(providerId)}/start`, { returnTo });
}

/** Whether the server refused a link's token (used, expired or unknown). */
export function isBadToken(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.problemWith('token') !== undefined;
}

/**
 * Asks for another verification mail. Its own request (not `api`) because a refusal for being too soon carries the
 * wait in Retry-After, which the page counts down.
 */
export async function resendVerification(): Promise<void> {
  const send = () =>
    fetch(urlOf('/auth/verify-email/resend'), {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken() ?? ''}` },
    });
  let response: Response;
  try {
    response = await send();
    if (response.status === 401 && (await refreshSession())) response = await send();
  } catch {
    throw new AuthError(new ApiError(0, 'network', 'network'), null);
  }
  if (response.ok) return;
  const seconds = Number(response.headers.get('Retry-After'));
  throw new AuthError(
    errorOf(response.status, await response.json().catch(() => ({}))),
    Number.isFinite(seconds) && seconds > 0 ? seconds : null,
  );
}

/** Runs `start` once when the page opens (a link's token is spent by its first use). */
export function useOnOpen(start: () => void): void {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);
}
