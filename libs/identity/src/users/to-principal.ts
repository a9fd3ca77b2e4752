import type { Principal } from '../auth/principal.js';
import type { UserRecord } from './user.schema.js';

/** The caller a user record stands for, as guards and services see it. */
export function toPrincipal(user: UserRecord): Principal {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    createdAt: user.createdAt,
    emailVerified: Boolean(user.emailVerifiedAt),
  };
}
