import type { RegistrationView } from '../shared/live-fields.dto.js';
import type { RegistrationOutcome } from './registrations.js';

export interface StatusSetter {
  status(code: number): unknown;
}

/** 201 for a new registration with a place; 200 for a place on the waiting list, or a repeated request. */
export function statusOfRegistration(response: StatusSetter, outcome: RegistrationOutcome): RegistrationView {
  response.status(outcome.created && outcome.status === 'registered' ? 201 : 200);
  return { mode: outcome.mode, status: outcome.status };
}
