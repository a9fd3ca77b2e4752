import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DuplicateKeyError } from '@plenary/database';
import { CODE_ALPHABET, CODE_LENGTH } from '../model/live-kinds.js';
import { JoinCodesRepository } from './join-codes.repository.js';

/** 25^6 ≈ 244 million codes: a clash is rare while thousands of sessions are current, and then drawn again. */
const ATTEMPTS = 8;

/** Draws a join code unique among sessions not ended, reads one back, and frees it at the end. */
@Injectable()
export class JoinCodes {
  constructor(private readonly codes: JoinCodesRepository) {}

  async drawFor(sessionId: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const code = randomCode();
      try {
        await this.codes.claim(code, sessionId);
        return code;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError) || attempt === ATTEMPTS) throw error;
      }
    }
  }

  /** The session holding the code (case and look-alike spaces forgiven), or null. */
  async sessionOf(code: string): Promise<string | null> {
    if (code.length > 20) return null;
    return (await this.codes.find(normalizeCode(code)))?.sessionId ?? null;
  }

  release(sessionId: string): Promise<void> {
    return this.codes.release(sessionId);
  }

  releaseAll(sessionIds: string[]): Promise<void> {
    return this.codes.releaseAll(sessionIds);
  }
}

export function randomCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person types: any case, spaces or dashes between groups of letters. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
