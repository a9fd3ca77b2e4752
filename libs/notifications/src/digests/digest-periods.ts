import type { DigestFrequency } from '../model/notification-kinds.js';

const DAY_MS = 86_400_000;

/** The frequencies that mail a digest. */
export type DigestSchedule = Exclude<DigestFrequency, 'off'>;

/** One period of a digest frequency: a UTC day, or an ISO week (from Monday, UTC). */
export interface DigestPeriod {
  /** `2026-11-26` or `2026-W48`: a member gets at most one digest per key. */
  key: string;
  /** The start of the period before it: a digest never reaches further back. */
  previousStart: Date;
}

export function digestPeriod(frequency: DigestSchedule, now: Date): DigestPeriod {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (frequency === 'daily') {
    return { key: new Date(day).toISOString().slice(0, 10), previousStart: new Date(day - DAY_MS) };
  }
  const monday = day - ((now.getUTCDay() + 6) % 7) * DAY_MS;
  return { key: isoWeekKey(monday), previousStart: new Date(monday - 7 * DAY_MS) };
}

/** The ISO week of the week starting that Monday: the year is its Thursday's, week 1 holds January 4th. */
function isoWeekKey(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
