import type { DigestFrequency } from '../model/notification-kinds.js';

const DAY_MS = 86_400_000;

/** The frequencies that mail a digest. */
export type DigestSchedule = Exclude<DigestFrequency, 'off'>;

/** One period of a digest frequency in the member's time zone: a day, or an ISO week (from Monday). */
export interface DigestPeriod {
  /** `2026-11-26` or `2026-W48`: a member gets at most one digest per key. */
  key: string;
  /** The start of the period before it: a digest never reaches further back. */
  previousStart: Date;
}

/** The period `now` falls in, where the member lives (`timeZone`, an IANA name; UTC when they gave none). */
export function digestPeriod(frequency: DigestSchedule, now: Date, timeZone = 'UTC'): DigestPeriod {
  // Local dates are counted as UTC dates (`day`), then their midnights taken back to instants.
  const day = localDay(now, timeZone);
  if (frequency === 'daily') {
    return { key: new Date(day).toISOString().slice(0, 10), previousStart: midnight(day - DAY_MS, timeZone) };
  }
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  return { key: isoWeekKey(monday), previousStart: midnight(monday - 7 * DAY_MS, timeZone) };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in the zone at `instant`, read as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
}

/** The local date at `now`, as the UTC midnight of the same date (ms). */
function localDay(now: Date, timeZone: string): number {
  return Math.floor(wallClock(now.getTime(), timeZone) / DAY_MS) * DAY_MS;
}

/** The instant the local date `day` (a UTC midnight, ms) starts in the zone. */
function midnight(day: number, timeZone: string): Date {
  // The zone's offset near that midnight, read once and checked once (a change of offset that day moves it).
  const guess = day - (wallClock(day, timeZone) - day);
  return new Date(day - (wallClock(guess, timeZone) - guess));
}

/** The ISO week of the week starting that Monday: the year is its Thursday's, week 1 holds January 4th. */
function isoWeekKey(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
