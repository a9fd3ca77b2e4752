/** Why a single sign-on did not sign anyone in, as the web client's /sso/callback?error= reads it. */
export type SsoErrorCode =
  'invalid_state' | 'provider_error' | 'email_unverified' | 'domain_not_allowed' | 'account_suspended';

/** Ends a sign-in at the provider's callback: the browser is sent back to the web client with the code. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}
