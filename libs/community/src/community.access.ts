import type { AbilityRules, AccessRules, AccessScope, PlatformRole, Principal } from '@plenary/identity';
import { GROUP, GROUP_MEMBER, type GroupRole, INVITED } from './groups/group-kinds.js';
import { PROFILE, PROFILE_FIELD } from './profiles/profile.schema.js';

/** The platform roles at or below each role, for the group-creation policy. */
const ROLES_UP_TO: Record<PlatformRole, PlatformRole[]> = {
  member: ['member'],
  moderator: ['member', 'moderator'],
  admin: ['member', 'moderator', 'admin'],
};

/**
 * The community's rules (admins may do anything: identity's outranking rule).
 *
 * Profile: read, update. A public profile is open to everyone, a members profile to signed-in
 * members, a private one to its owner; platform moderators see all. The directory filters with
 * these same rules.
 *
 * ProfileField (`userId` and the field's `level`): read. A field set to public is seen by whoever
 * sees the profile, a members field by signed-in members, a private one by its owner and platform
 * moderators; the directory's filters and search match a field only where the caller sees it.
 *
 * Group (its record, with `_id`, and for creation the `minimumRole` the policy asks for its type):
 * read, create, update, delete, join, invite, review (join requests), listMembers. GroupMember
 * (`groupId` and the member's `role`): update (change role), delete (remove from the group).
 * Conditions on `_id` and `groupId` come from `scope.groupRoles`, so that the same rules both
 * check one group and filter the group list.
 */
export const communityAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    rules.can('read', PROFILE, { visibility: 'public' });
    rules.can('read', PROFILE_FIELD, { level: 'public' });
    rules.can('read', GROUP, { visibility: 'public' });
    if (!principal || principal.status !== 'active') return;

    rules.can('read', PROFILE, { visibility: 'members' });
    rules.can(['read', 'update'], PROFILE, { userId: principal.id });
    rules.can('read', PROFILE_FIELD, { level: 'members' });
    rules.can('read', PROFILE_FIELD, { userId: principal.id });

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
      rules.can('read', PROFILE);
      rules.can('read', PROFILE_FIELD);
      rules.can(['read', 'listMembers', 'update', 'invite', 'review'], GROUP);
      rules.can('delete', GROUP_MEMBER, { role: { $in: ['member', 'facilitator'] } });
    }
  },
};
