import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const PROBLEM = { message: 'must be an ISO 8601 date and time, such as 2026-03-01T09:30:00Z' };
/** The ISO 8601 forms a JavaScript Date reads: week and ordinal dates are ISO 8601 too, but Date cannot read them. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A date (and time) sent as text that `new Date()` reads as meant. */
export const IsoDateTime = () => applyDecorators(IsISO8601({ strict: true }, PROBLEM), Matches(DATE_TIME, PROBLEM));
