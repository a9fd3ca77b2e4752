import { domainEvent } from '@plenary/core';

/** The profile defaults of the provider that made an account at its first sign-in. */
export interface SsoAccountDefaults {
  userId: string;
  providerId: string;
  organisation: string | null;
  /** An organisation type key as the admin entered it (community knows the valid ones). */
  organisationType: string | null;
}

/** Published after AccountCreated when a first sign-in through a provider made the account. */
export const SsoAccountCreated = domainEvent<SsoAccountDefaults>('sso.account-created');
