import { createHash, randomBytes } from 'node:crypto';

/**
 * A token that proves something when it comes back (a verification, a password reset, an
 * invitation): 256 random bits for the link, and its SHA-256 for the database, so a copy of the
 * database cannot be used to follow anyone's links.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
