import type { AbilityRules, AccessRules } from './access/access.service.js';
import type { Principal } from './auth/principal.js';
import { USER } from './users/user.schema.js';

const PUBLIC_USER_FIELDS = ['id', 'displayName', 'role', 'status', 'createdAt'];

/**
 * Identity's rules: who may read, list and change users. Subjects: a User (its record).
 * Actions: read (fields: the public ones, `email`), list, update (fields: displayName, role, status).
 */
export const identityAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules): void {
    if (!principal || principal.status !== 'active') return;
    rules.can('read', USER, PUBLIC_USER_FIELDS);
    rules.can('read', USER, ['email'], { id: principal.id });
    rules.can('update', USER, ['displayName'], { id: principal.id });
    if (principal.role === 'moderator') {
      rules.can('read', USER);
      rules.can('list', USER);
      rules.can('update', USER, ['status'], { role: 'member' });
    }
  },
};

/** An active platform admin may do anything, in every context: registered to outrank every `cannot`. */
export const platformAdminAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules): void {
    if (principal?.role === 'admin' && principal.status === 'active') rules.can('manage', 'all');
  },
};
