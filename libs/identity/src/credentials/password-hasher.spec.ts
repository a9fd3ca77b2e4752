import { describe, expect, it } from '@jest/globals';
import { AppConfig } from '@plenary/core';
import { PasswordHasher } from './password-hasher.js';

/** argon2's encoded form: $argon2id$v=19$m=<KiB>,p=<lanes>,t=<iterations>$salt$hash */
function costOf(hash: string): string {
  return /\$m=\d+,p=\d+,t=\d+\$/.exec(hash)?.[0] ?? hash;
}

describe('PasswordHasher', () => {
  it("uses OWASP's argon2id settings everywhere but in tests", async () => {
    for (const env of ['production', 'development']) {
      const hasher = new PasswordHasher(
        AppConfig.fromEnvironment({
          NODE_ENV: env,
          JWT_ACCESS_SECRET: 'a'.repeat(32),
          JWT_REFRESH_SECRET: 'b'.repeat(32),
        }),
      );
      const hash = await hasher.hash('a long passphrase 1');
      expect(hash.startsWith('$argon2id$')).toBe(true);
      expect(costOf(hash)).toBe('$m=19456,p=1,t=2$');
    }
  });

  it('is cheaper under NODE_ENV=test, and verifies the same way', async () => {
    const hasher = new PasswordHasher(AppConfig.fromEnvironment({ NODE_ENV: 'test' }));
    const hash = await hasher.hash('a long passphrase 1');
    expect(costOf(hash)).toBe('$m=1024,p=1,t=1$');
    expect(await hasher.verify(hash, 'a long passphrase 1')).toBe(true);
    expect(await hasher.verify(hash, 'another passphrase 1')).toBe(false);
    expect(await hasher.verify(null, 'a long passphrase 1')).toBe(false);
  });
});
