import { describe, expect, it } from '@jest/globals';
import { CODE_ALPHABET, CODE_LENGTH } from '../model/live-kinds.js';
import { normalizeCode, randomCode } from './join-codes.js';

describe('join codes', () => {
  it('draws codes of unambiguous letters and digits only', () => {
    const drawn = Array.from({ length: 2_000 }, randomCode);
    for (const code of drawn) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    expect(new Set(drawn.join(''))).toEqual(new Set(CODE_ALPHABET));
    for (const lookAlike of '01258BILOSZ') expect(CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('reads a code as people type it: any case, spaces or dashes between groups', () => {
    expect(normalizeCode('kx7-mpa')).toBe('KX7MPA');
    expect(normalizeCode(' KX7 MPA ')).toBe('KX7MPA');
  });
});
