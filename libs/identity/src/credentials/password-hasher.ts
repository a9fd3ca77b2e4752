import { Injectable } from '@nestjs/common';
import { ApiError, AppConfig } from '@plenary/core';
import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';

/** OWASP's recommended argon2id settings: 19 MiB, 2 iterations, 1 lane. */
const PRODUCTION = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** For NODE_ENV=test only: the same algorithm at a fraction of the cost, so suites that register hundreds of members stay fast. */
const TESTS = { type: argon2.argon2id, memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;
/** Hashes that may wait for a slot, per slot; past that a burst is refused (503) rather than queued without end. */
const WAITING_PER_SLOT = 50;

/**
 * argon2id hashing and verification, at most `passwordHashConcurrency` at once: each holds 19 MiB,
 * so a burst of sign-ins or registrations cannot exhaust memory; it waits, or is told to retry.
 */
@Injectable()
export class PasswordHasher {
  private readonly options: typeof PRODUCTION | typeof TESTS;
  private readonly decoy: Promise<string>;
  private readonly slots: LimitFunction;
  private readonly maxWaiting: number;

  constructor(config: AppConfig) {
    this.options = config.env === 'test' ? TESTS : PRODUCTION;
    this.decoy = argon2.hash('decoy password, never valid', this.options);
    this.slots = pLimit(config.passwordHashConcurrency);
    this.maxWaiting = config.passwordHashConcurrency * WAITING_PER_SLOT;
  }

  hash(password: string): Promise<string> {
    return this.inSlot(() => argon2.hash(password, this.options));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // Without a hash, verify against a decoy anyway so unknown emails take as long as wrong passwords.
    const against = hash ?? (await this.decoy);
    const verified = await this.inSlot(() => argon2.verify(against, password).catch(() => false));
    return hash !== null && verified;
  }

  private inSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.slots.pendingCount >= this.maxWaiting) {
      return Promise.reject(ApiError.unavailable('The server is busy checking passwords; try again shortly', 2));
    }
    return this.slots(work);
  }
}
