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

describe('PasswordHasher under a burst', () => {
  it('runs at most PASSWORD_HASH_CONCURRENCY at once and refuses a queue beyond 50 per slot with a 503', async () => {
    const hasher = new PasswordHasher(AppConfig.fromEnvironment({ NODE_ENV: 'test', PASSWORD_HASH_CONCURRENCY: '1' }));
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => hasher.hash('a long passphrase 1')));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(9);
    expect(refused.length).toBeLessThanOrEqual(10);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        status: 503,
        code: 'unavailable',
        headers: { 'Retry-After': '2' },
      });
    }
    // Once the burst has drained, hashing works again.
    expect(await hasher.hash('a long passphrase 1')).toMatch(/^\$argon2id\$/);
  });
});
