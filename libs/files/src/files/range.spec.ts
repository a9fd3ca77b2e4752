import { describe, expect, it } from '@jest/globals';
import { answerRange, contentDisposition } from './range.js';

describe('Range headers', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-10', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['BYTES= 5-5 ', { kind: 'partial', start: 5, end: 5 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999999-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-1', { kind: 'full' }],
    ['bytes=0-1,4-5', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=a-b', { kind: 'full' }],
  ])('%s → %j', (header, answer) => {
    expect(answerRange(header, size)).toEqual(answer);
  });

  it('has nothing to give of an empty file', () => {
    expect(answerRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(answerRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Plan "2026" ñ (v2).pdf')).toBe(
      `attachment; filename="Plan _2026_ _ (v2).pdf"; filename*=UTF-8''Plan%20%222026%22%20%C3%B1%20%28v2%29.pdf`,
    );
  });
});
