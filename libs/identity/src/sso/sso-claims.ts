import { isEmail } from 'class-validator';
import { DISPLAY_NAME } from '../users/dto/user.dto.js';
import { USER_LOCALES, type UserLocale } from '../users/user.schema.js';
import { SsoFailure } from './sso-failure.js';
import type { SsoProviderRecord } from './sso-provider.schema.js';

/**
 * A page of the web client: a path on this site. Not `//…` nor `/\…`, which browsers read as
 * another host, and no spaces or control characters, which they drop before reading it.
 */
const SAME_SITE_PATH = /^\/(?![/\\])[^\s\p{Cc}]*$/u;

export function sameSitePath(returnTo: string | undefined): string | null {
  return returnTo && SAME_SITE_PATH.test(returnTo) ? returnTo : null;
}

const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * The address the provider vouches for: `email_verified` true; or, with the provider's
 * `trustEmail`, no `email_verified` claim at all (Entra ID sends none); or Entra ID's
 * `xms_edov` (the address's domain is verified by the tenant). An explicit false is always refused.
 */
export function verifiedEmail(
  claims: Record<string, unknown>,
  provider: Pick<SsoProviderRecord, 'trustEmail'>,
): string {
  const { email, email_verified: verified } = claims;
  if (typeof email !== 'string' || email.length > 254 || !isEmail(email)) {
    throw new SsoFailure('email_unverified', 'the provider sent no usable email');
  }
  const vouched = isTrue(verified) || (verified === undefined && (provider.trustEmail || isTrue(claims.xms_edov)));
  if (!vouched) throw new SsoFailure('email_unverified', 'the provider did not verify the email');
  return email;
}

const MAX_NAME = 80;

/** The display name from the `name` claim (else the address's local part), cut to what display names allow. */
export function displayNameFrom(claims: Record<string, unknown>, email: string): string {
  const candidates = [
    claims.name,
    [claims.given_name, claims.family_name].filter((part) => typeof part === 'string').join(' '),
    email.split('@')[0],
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const cleaned = candidate
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N} .,'’()&/_-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[^\p{L}\p{M}\p{N}]+/u, '')
      .slice(0, MAX_NAME)
      .trim();
    if (cleaned.length >= 2 && DISPLAY_NAME.test(cleaned)) return cleaned;
  }
  return 'Member';
}

/** The member's language from the `locale` claim (fr-FR: fr), when Plenary speaks it; else English. */
export function localeFrom(claims: Record<string, unknown>): UserLocale {
  const language = typeof claims.locale === 'string' ? claims.locale.slice(0, 2).toLowerCase() : '';
  return (USER_LOCALES as readonly string[]).includes(language) ? (language as UserLocale) : 'en';
}

/** The lower-case domain of an address, or null when it has none. */
export function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1
    ? email
        .slice(at + 1)
        .trim()
        .toLowerCase()
    : null;
}
