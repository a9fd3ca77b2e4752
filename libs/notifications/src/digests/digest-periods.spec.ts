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

  it('keys the day where the member lives, reaching back to the start of their day before', () => {
    // 23:30 UTC on the 26th is already the 27th in Auckland (UTC+13 in summer), still the 26th in Los Angeles.
    expect(digestPeriod('daily', at('2026-11-26T23:30:00Z'), 'Pacific/Auckland')).toEqual({
      key: '2026-11-27',
      previousStart: at('2026-11-25T11:00:00Z'),
    });
    expect(digestPeriod('daily', at('2026-11-27T07:30:00Z'), 'America/Los_Angeles')).toEqual({
      key: '2026-11-26',
      previousStart: at('2026-11-25T08:00:00Z'),
    });
    expect(digestPeriod('daily', at('2026-11-26T23:30:00Z'), 'UTC')).toEqual(
      digestPeriod('daily', at('2026-11-26T23:30:00Z')),
    );
  });

  it('starts the local day at its midnight across a change of offset', () => {
    // Europe/Zurich leaves summer time on 2026-10-25: the 26th starts at 23:00 UTC on the 25th, the 25th at 22:00 UTC.
    expect(digestPeriod('daily', at('2026-10-26T12:00:00Z'), 'Europe/Zurich')).toEqual({
      key: '2026-10-26',
      previousStart: at('2026-10-24T22:00:00Z'),
    });
  });

  it("keys the week by the member's Monday", () => {
    // Sunday 29 November, 20:00 UTC, is Monday the 30th in Tokyo: week 49 there, still week 48 in UTC.
    expect(digestPeriod('weekly', at('2026-11-29T20:00:00Z'), 'Asia/Tokyo')).toEqual({
      key: '2026-W49',
      previousStart: at('2026-11-22T15:00:00Z'),
    });
    expect(digestPeriod('weekly', at('2026-11-29T20:00:00Z')).key).toBe('2026-W48');
  });
});
