import type { AbilityRules, AccessRules, AccessScope, PlatformRole, Principal } from '@plenary/identity';
import type { GroupRole } from './group-kinds.js';

export const GROUP = 'Group';
export const GROUP_MEMBER = 'GroupMember';

/** A role in `scope.groupRoles` for an invitation not yet accepted: enough to see the group. */
export const INVITED = 'invited';

/** The platform roles at or below each role, for the group-creation policy. */
const ROLES_UP_TO: Record<PlatformRole, PlatformRole[]> = {
  member: ['member'],
  moderator: ['member', 'moderator'],
  admin: ['member', 'moderator', 'admin'],
};

/**
 * Group-scoped access. Subjects: a Group (its record, with `_id`, and for creation the
 * `minimumRole` the policy asks for its type) and a GroupMember (`groupId` and the member's `role`).
 * Conditions on `_id` and `groupId` come from the caller's group roles, so that the same rules
 * both check one group and filter the group list (AccessService `query`). Admins may do anything.
 *
 * Actions on Group: read, create, update, delete, join, invite, review (join requests),
 * listMembers. On GroupMember: update (change role), delete (remove from the group).
 */
export class GroupAccessRules implements AccessRules {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    rules.can('read', GROUP, { visibility: 'public' });
    if (!principal || principal.status !== 'active') return;

    const groupsWhere = (...roles: string[]) =>
      [...(scope.groupRoles ?? new Map<string, string>())]
        .filter(([, role]) => roles.includes(role))
        .map(([groupId]) => groupId);
    const memberOf = groupsWhere('owner', 'facilitator', 'member');
    const managerOf = groupsWhere('owner', 'facilitator');
    const ownerOf = groupsWhere('owner');
    const facilitatorOf = groupsWhere('facilitator');

    rules.can('read', GROUP, { visibility: 'members' });
    rules.can('read', GROUP, { _id: { $in: [...memberOf, ...groupsWhere(INVITED)] } });
    rules.can('create', GROUP, { minimumRole: { $in: ROLES_UP_TO[principal.role] } });
    rules.can('join', GROUP, { visibility: { $in: ['public', 'members'] }, joinPolicy: { $in: ['open', 'request'] } });
    rules.can('listMembers', GROUP, { visibility: { $in: ['public', 'members'] } });
    rules.can('listMembers', GROUP, { _id: { $in: memberOf } });
    rules.can(['update', 'invite', 'review'], GROUP, { _id: { $in: managerOf } });
    rules.can('delete', GROUP, { _id: { $in: ownerOf } });
    rules.can(['update', 'delete'], GROUP_MEMBER, { groupId: { $in: ownerOf } });
    rules.can('delete', GROUP_MEMBER, { groupId: { $in: facilitatorOf }, role: 'member' as GroupRole });

    if (principal.role === 'moderator') {
      rules.can(['read', 'listMembers', 'update', 'invite', 'review'], GROUP);
      rules.can('delete', GROUP_MEMBER, { role: { $in: ['member', 'facilitator'] } });
    }
  }
}
