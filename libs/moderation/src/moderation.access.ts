import type { AbilityRules, AccessRules, AccessScope, Principal } from '@plenary/identity';
import { AUDIT_ENTRY, FLAG } from './model/moderation-kinds.js';

/**
 * Moderation's rules (admins may do anything: identity's outranking rule), scoped as the forum's
 * moderation is: platform moderators everywhere, a group's owners and facilitators in their group.
 *
 * ModerationFlag (`groupId`: the flagged content's group, null on the platform): read, review
 * (resolve or dismiss). AuditEntry (`groupId`: its target's group): read. Flagging itself is the
 * forum's `flag` permission on the post. A caller with none of these rules gets a 403 on the
 * moderation routes, so rules are only granted for groups the caller actually runs.
 */
export const moderationAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    if (!principal || principal.status !== 'active') return;
    const managerOf = [...(scope.groupRoles ?? new Map<string, string>())]
      .filter(([, role]) => role === 'owner' || role === 'facilitator')
      .map(([groupId]) => groupId);
    if (managerOf.length > 0) {
      rules.can(['read', 'review'], FLAG, { groupId: { $in: managerOf } });
      rules.can('read', AUDIT_ENTRY, { groupId: { $in: managerOf } });
    }
    if (principal.role === 'moderator') {
      rules.can(['read', 'review'], FLAG);
      rules.can('read', AUDIT_ENTRY);
    }
  },
};
