import { describe, expect, it } from '@jest/globals';
import { displayNameFrom, localeFrom, sameSitePath, verifiedEmail } from './sso-claims.js';
import { SsoFailure } from './sso-failure.js';

const EMAIL = 'ana@example.org';

function refusal(claims: Record<string, unknown>, trustEmail = false): string | null {
  try {
    verifiedEmail(claims, { trustEmail });
    return null;
  } catch (error) {
    return error instanceof SsoFailure ? error.code : 'unexpected';
  }
}

describe('verifiedEmail', () => {
  it('takes an email the provider says it verified, as a boolean or the string some providers send', () => {
    expect(verifiedEmail({ email: EMAIL, email_verified: true }, { trustEmail: false })).toBe(EMAIL);
    expect(verifiedEmail({ email: EMAIL, email_verified: 'true' }, { trustEmail: false })).toBe(EMAIL);
  });

  it('takes an email without email_verified only from a trusted provider, or with Entra ID’s xms_edov', () => {
    expect(refusal({ email: EMAIL })).toBe('email_unverified');
    expect(refusal({ email: EMAIL }, true)).toBeNull();
    expect(refusal({ email: EMAIL, xms_edov: true })).toBeNull();
  });

  it('refuses an explicit false even from a trusted provider, and a missing or malformed email', () => {
    expect(refusal({ email: EMAIL, email_verified: false }, true)).toBe('email_unverified');
    expect(refusal({ email: EMAIL, email_verified: 'false', xms_edov: true }, true)).toBe('email_unverified');
    for (const email of [undefined, 42, 'not an address', `${'a'.repeat(250)}@example.org`]) {
      expect(refusal({ email, email_verified: true })).toBe('email_unverified');
    }
  });
});

describe('displayNameFrom', () => {
  it('cleans the name claim to what display names allow', () => {
    expect(displayNameFrom({ name: '  Ana   Pérez ' }, EMAIL)).toBe('Ana Pérez');
    expect(displayNameFrom({ name: '<b>Zoë</b>\u200b O’Neil' }, EMAIL)).toBe('b Zoë /b O’Neil');
    expect(displayNameFrom({ name: '-- Ümit' }, EMAIL)).toBe('Ümit');
    expect(displayNameFrom({ name: 'x'.repeat(200) }, EMAIL)).toHaveLength(80);
  });

  it('falls back to given and family names, then to the address’s local part', () => {
    expect(displayNameFrom({ given_name: 'Ana', family_name: 'Pérez' }, EMAIL)).toBe('Ana Pérez');
    expect(displayNameFrom({ name: '!!' }, 'jean.dupont@example.org')).toBe('jean.dupont');
    expect(displayNameFrom({ name: { text: 'Ana' } }, '+@example.org')).toBe('Member');
  });
});

describe('localeFrom', () => {
  it('keeps the languages Plenary speaks and falls back to English', () => {
    expect(localeFrom({ locale: 'fr-FR' })).toBe('fr');
    expect(localeFrom({ locale: 'ES' })).toBe('es');
    expect(localeFrom({ locale: 'de' })).toBe('en');
    expect(localeFrom({})).toBe('en');
  });
});

describe('sameSitePath', () => {
  it('keeps a path on this site and drops anything a browser could read as another site', () => {
    expect(sameSitePath('/forum/threads?tab=new#top')).toBe('/forum/threads?tab=new#top');
    for (const returnTo of [
      undefined,
      '',
      'forum',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/\t/evil.example',
    ]) {
      expect(sameSitePath(returnTo)).toBeNull();
    }
  });
});
