import { describe, expect, it } from '@jest/globals';
import { AppConfig } from '@plenary/core';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

const tokens = (refreshSecret: string) =>
  new UnsubscribeTokens({ jwt: { accessSecret: 'a'.repeat(64), refreshSecret } } as unknown as AppConfig);

const MEMBER = '65a1b2c3d4e5f60718293a4b';

describe('UnsubscribeTokens', () => {
  it('gives back the member a token was made for', () => {
    const made = tokens('r'.repeat(64));
    const token = made.tokenFor(MEMBER);
    expect(token).toMatch(/^65a1b2c3d4e5f60718293a4b\.[A-Za-z0-9_-]{43}$/);
    expect(made.userOf(token)).toBe(MEMBER);
  });

  it('refuses a token signed with another secret, made for someone else, or altered', () => {
    const made = tokens('r'.repeat(64));
    const token = made.tokenFor(MEMBER);
    const [, signature] = token.split('.');
    expect(tokens('s'.repeat(64)).userOf(token)).toBeNull();
    expect(made.userOf(`65a1b2c3d4e5f60718293a4c.${signature}`)).toBeNull();
    const altered = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(made.userOf(`${MEMBER}.${altered}`)).toBeNull();
    for (const malformed of ['', MEMBER, `${MEMBER}.`, `${MEMBER}.${signature}x`, `x${token}`]) {
      expect(made.userOf(malformed)).toBeNull();
    }
  });
});
