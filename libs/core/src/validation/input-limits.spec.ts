import { describe, expect, it } from '@jest/globals';
import { inputProblem, MAX_ARRAY_ITEMS, MAX_INPUT_DEPTH } from './input-limits.js';

function nested(levels: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('inputProblem', () => {
  it('accepts ordinary input', () => {
    expect(inputProblem({ email: 'a@b.org', tags: ['x', 'y'], nested: { n: 1, ok: true, none: null } }, '')).toBe(
      undefined,
    );
    expect(inputProblem(nested(MAX_INPUT_DEPTH - 1), '')).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, naming the field that was sent, without overflowing the stack', () => {
    expect(inputProblem({ password: nested(2_500) }, '')).toEqual({
      field: 'password',
      problem: `is nested too deeply (over ${MAX_INPUT_DEPTH} levels)`,
    });
    expect(inputProblem({ password: nested(200_000) }, '')).toMatchObject({ field: 'password' });
  });

  it('refuses arrays longer than the limit', () => {
    expect(inputProblem({ ids: new Array(MAX_ARRAY_ITEMS + 1).fill('x') }, '')).toEqual({
      field: 'ids',
      problem: `must not have more than ${MAX_ARRAY_ITEMS} items`,
    });
  });

  it('refuses NUL characters and lone surrogates anywhere, keys included', () => {
    expect(inputProblem({ q: 'a\u0000b' }, '')).toEqual({ field: 'q', problem: 'must not contain NUL characters' });
    expect(inputProblem({ email: 'a\ud800@b.org' }, '')).toEqual({
      field: 'email',
      problem: 'must be valid Unicode text',
    });
    expect(inputProblem({ list: ['ok', 'x\udfff'] }, '')).toEqual({
      field: 'list[1]',
      problem: 'must be valid Unicode text',
    });
    expect(inputProblem({ ['k\u0000']: 1 }, '')).toMatchObject({ problem: 'must not contain NUL characters' });
    expect(inputProblem('bare\u0000', 'id')).toEqual({ field: 'id', problem: 'must not contain NUL characters' });
    expect(inputProblem({ bio: 'a\u0001b' }, '')).toEqual({
      field: 'bio',
      problem: 'must not contain control characters',
    });
    expect(inputProblem({ bio: 'a\u007f' }, '')).toMatchObject({ problem: 'must not contain control characters' });
    expect(inputProblem({ name: 'Zoë 👋 مرحبا', bio: 'Line one\r\nLine two\tend' }, '')).toBeUndefined();
  });
});
