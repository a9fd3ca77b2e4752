import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP's recommended argon2id settings: 19 MiB, 2 iterations, 1 lane. */
const ARGON2ID = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private readonly decoy = argon2.hash('decoy password, never valid', ARGON2ID);

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2ID);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // Without a hash, verify against a decoy anyway so unknown emails take as long as wrong passwords.
    const verified = await argon2.verify(hash ?? (await this.decoy), password).catch(() => false);
    return hash !== null && verified;
  }
}
