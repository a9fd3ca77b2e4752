import { useTranslation } from 'react-i18next';

/**
 * Times of events and sessions: stored as instants, entered and shown as wall-clock times in the session's own IANA
 * time zone (a meeting in Dakar starts at 09:00 in Dakar, whoever schedules it), and formatted in the viewer's
 * language.
 */

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let zones: string[] | null = null;

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
export function timeZones(): string[] {
  if (!zones) {
    let known: string[];
    try {
      known = Intl.supportedValuesOf('timeZone');
    } catch {
      known = [];
    }
    zones = known.includes('UTC') ? known : ['UTC', ...known];
  }
  return zones;
}

export function isTimeZone(value: string): boolean {
  if (!value.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value.trim() });
    return true;
  } catch {
    return false;
  }
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(
  instant: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter
      .formatToParts(new Date(instant))
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** How far the zone's clocks are ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** `2026-06-02T09:00` on the clocks of `timeZone` → the instant, as an ISO string; null for an incomplete value. */
export function zonedToIso(local: string, timeZone: string): string | null {
  const match = LOCAL.exec(local);
  if (!match || !isTimeZone(timeZone)) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Twice: the offset of the guess may differ from the offset at the answer around a clock change.
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The instant as a `datetime-local` value on the clocks of `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const wall = wallClock(new Date(iso).getTime(), zone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The city part of a zone name, for people: America/Argentina/Buenos_Aires → Buenos Aires. */
export function zoneLabel(timeZone: string): string {
  return timeZone.split('/').pop()!.replaceAll('_', ' ');
}

/** Dates and times of sessions in the viewer's language, on the clocks of the session's (or the viewer's) zone. */
export function useSessionTime() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const local = browserTimeZone();

  const format = (options: Intl.DateTimeFormatOptions, timeZone: string) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: isTimeZone(timeZone) ? timeZone : 'UTC' });

  /** Two zones show the same clock time now and at `iso` (no need to repeat the time in the viewer's zone). */
  const sameClocks = (iso: string, timeZone: string) => {
    const instant = new Date(iso).getTime();
    return isTimeZone(timeZone) && offsetAt(instant, timeZone) === offsetAt(instant, local);
  };

  return {
    local,
    sameClocks,
    /** "Tuesday 2 June 2026, 09:00 – 10:30 GMT+2". */
    range: (startsAt: string, endsAt: string, timeZone: string) =>
      format(
        {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        },
        timeZone,
      ).formatRange(new Date(startsAt), new Date(endsAt)),
    /** "2 – 3 June 2026": the days of an event. */
    dayRange: (startsAt: string, endsAt: string, timeZone: string) =>
      format({ day: 'numeric', month: 'long', year: 'numeric' }, timeZone).formatRange(
        new Date(startsAt),
        new Date(endsAt),
      ),
    /** "09:00 – 10:30". */
    timeRange: (startsAt: string, endsAt: string, timeZone: string) =>
      format({ hour: 'numeric', minute: '2-digit' }, timeZone).formatRange(new Date(startsAt), new Date(endsAt)),
    time: (iso: string, timeZone: string) =>
      format({ hour: 'numeric', minute: '2-digit' }, timeZone).format(new Date(iso)),
    /** "Tuesday 2 June 2026": a day heading. */
    day: (iso: string, timeZone: string) =>
      format({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(new Date(iso)),
    /** The day of the month and the short month, for a date badge. */
    badge: (iso: string, timeZone: string) => ({
      day: format({ day: 'numeric' }, timeZone).format(new Date(iso)),
      month: format({ month: 'short' }, timeZone).format(new Date(iso)),
    }),
    /** The day key (YYYY-MM-DD on the zone's clocks), to group a programme by day. */
    dayKey: (iso: string, timeZone: string) => isoToZoned(iso, timeZone).slice(0, 10),
  };
}
