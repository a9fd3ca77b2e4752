import { describe, expect, it } from '@jest/globals';
import { digestPeriod } from './digest-periods.js';

const at = (iso: string) => new Date(iso);

describe('digestPeriod', () => {
  it('keys a daily digest by its UTC day, reaching back to the start of the day before', () => {
    expect(digestPeriod('daily', at('2026-11-26T23:59:59.999Z'))).toEqual({
      key: '2026-11-26',
      previousStart: at('2026-11-25T00:00:00Z'),
    });
    expect(digestPeriod('daily', at('2026-03-01T00:00:00Z')).previousStart).toEqual(at('2026-02-28T00:00:00Z'));
  });

  it.each([
    ['2026-11-26T10:00:00Z', '2026-W48', '2026-11-23T00:00:00Z'],
    ['2026-11-29T23:59:59Z', '2026-W48', '2026-11-23T00:00:00Z'],
    ['2026-11-30T00:00:00Z', '2026-W49', '2026-11-30T00:00:00Z'],
    // ISO weeks cross years: 2026-01-01 is a Thursday (week 1 of 2026), 2027-01-01 a Friday (week 53 of 2026)
    ['2025-12-29T08:00:00Z', '2026-W01', '2025-12-29T00:00:00Z'],
    ['2027-01-01T08:00:00Z', '2026-W53', '2026-12-28T00:00:00Z'],
    ['2027-01-04T08:00:00Z', '2027-W01', '2027-01-04T00:00:00Z'],
  ])('keys a weekly digest of %s by its ISO week %s, from Monday %s', (now, key, monday) => {
    expect(digestPeriod('weekly', at(now))).toEqual({
      key,
      previousStart: new Date(at(monday).getTime() - 7 * 86_400_000),
    });
  });
});
