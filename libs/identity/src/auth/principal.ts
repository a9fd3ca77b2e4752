import type { PlatformRole, UserStatus } from '../users/user.schema.js';

/** The authenticated caller, as every guard, service and gateway sees it. */
export interface Principal {
  id: string;
  email: string;
  displayName: string;
  role: PlatformRole;
  status: UserStatus;
  /** When the account was made: new accounts have smaller posting budgets. */
  createdAt: Date;
  /** Whether the member proved they read mail at `email`. */
  emailVerified: boolean;
}

/** Claims of an access token. */
export interface AccessClaims {
  sub: string;
  role: PlatformRole;
  /** The refresh-token family (sign-in) this access token belongs to. */
  fam: string;
}
