import { Injectable } from '@nestjs/common';
import { AppConfig } from '@plenary/core';
import argon2 from 'argon2';

/** OWASP's recommended argon2id settings: 19 MiB, 2 iterations, 1 lane. */
const PRODUCTION = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** For NODE_ENV=test only: the same algorithm at a fraction of the cost, so suites that register hundreds of members stay fast. */
const TESTS = { type: argon2.argon2id, memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private readonly options: typeof PRODUCTION | typeof TESTS;
  private readonly decoy: Promise<string>;

  constructor(config: AppConfig) {
    this.options = config.env === 'test' ? TESTS : PRODUCTION;
    this.decoy = argon2.hash('decoy password, never valid', this.options);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // Without a hash, verify against a decoy anyway so unknown emails take as long as wrong passwords.
    const verified = await argon2.verify(hash ?? (await this.decoy), password).catch(() => false);
    return hash !== null && verified;
  }
}
