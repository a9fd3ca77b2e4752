import { domainEvent } from '@plenary/core';
import type { PlatformRole } from './user.schema.js';

/** Who an account event is about. */
export interface AccountEvent {
  userId: string;
}

export interface AccountNamed extends AccountEvent {
  displayName: string;
}

/** A change someone made to another account (or their own). */
export interface AccountChangedBy extends AccountEvent {
  byUserId: string;
}

export interface AccountSuspension extends AccountChangedBy {
  until: Date | null;
  reason: string;
}

export interface AccountRoleChange extends AccountChangedBy {
  from: PlatformRole;
  to: PlatformRole;
}

/** What identity publishes about accounts, each once the change is stored. */
export const AccountCreated = domainEvent<AccountNamed>('account.created');
export const AccountRenamed = domainEvent<AccountNamed>('account.renamed');
export const AccountRoleChanged = domainEvent<AccountRoleChange>('account.role-changed');
/** Its sign-ins end: identity revokes its refresh tokens, realtime closes its sockets. */
export const AccountSuspended = domainEvent<AccountSuspension>('account.suspended');
/** Lifted by someone (`byUserId`), or by the end of a suspension for a time (`byUserId` is the user's own). */
export const AccountReactivated = domainEvent<AccountChangedBy>('account.reactivated');
/** The owner signed out on every device: every refresh token is revoked. */
export const AccountSignedOutEverywhere = domainEvent<AccountEvent>('account.signed-out-everywhere');
/** Credentials, tokens, every context's data and the user are gone. */
export const AccountDeleted = domainEvent<AccountEvent>('account.deleted');
