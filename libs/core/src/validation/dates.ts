import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy } from 'class-validator';

const PROBLEM = { message: 'must be an ISO 8601 date and time, such as 2026-03-01T09:30:00Z' };
/** The ISO 8601 forms a JavaScript Date reads: week and ordinal dates are ISO 8601 too, but Date cannot read them. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A date (and time) sent as text that `new Date()` reads as meant. */
export const IsoDateTime = () => applyDecorators(IsISO8601({ strict: true }, PROBLEM), Matches(DATE_TIME, PROBLEM));

/** Intl knows every IANA name, links (Europe/Zurich) included; `supportedValuesOf` lists only canonical ones. */
function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, such as Europe/Zurich or UTC. */
export const TimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: isTimeZone,
      defaultMessage: () => 'must be an IANA time zone, such as Europe/Zurich or UTC',
    },
  });
