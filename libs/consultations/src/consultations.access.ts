import type { AbilityRules, AccessRules, AccessScope, Principal } from '@plenary/identity';
import { CONSULTATION, CONSULTATION_COMMENT } from './model/consultation-kinds.js';

/**
 * The rules of consultations (admins may do anything: identity's outranking rule).
 *
 * A consultation carries `audience` (public, members, group), `groupId` (null for platform-wide
 * ones) and `ownerId`; a comment carries `status` (visible, hidden), `authorId` and its
 * consultation's `groupId`. A comment is only ever checked once its consultation was (the service
 * opens the consultation first), so the comment rules say nothing about who may read the consultation.
 *
 * - Reading: platform consultations by everyone; a members-only group's by signed-in members; a
 *   private group's by its members only. Visible comments by whoever reads the consultation; hidden
 *   ones by their author and the moderators of the scope.
 * - Creating: any member, platform-wide (they own it); in a group, its owners and facilitators.
 * - Commenting and endorsing (while open, checked in the service): platform consultations, any
 *   signed-in member; a group's, its members. Flagging: anyone who reads a visible comment.
 * - Managing (edit, the owner's view of the inputs, export): its owner, and the owners and
 *   facilitators of its group. Platform moderators read and export every consultation.
 * - Moderating comments (hide, restore): platform moderators everywhere, a group's owners and
 *   facilitators in its consultations.
 */
export const consultationsAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    rules.can('read', CONSULTATION, { audience: 'public' });
    rules.can('read', CONSULTATION_COMMENT, { status: 'visible' });
    if (!principal || principal.status !== 'active') return;
    const me = principal.id;

    const groupsWhere = (...roles: string[]) =>
      [...(scope.groupRoles ?? new Map<string, string>())]
        .filter(([, role]) => roles.includes(role))
        .map(([groupId]) => groupId);
    const memberOf = groupsWhere('owner', 'facilitator', 'member');
    const managerOf = groupsWhere('owner', 'facilitator');

    rules.can('read', CONSULTATION, { audience: 'members' });
    rules.can('read', CONSULTATION, { groupId: { $in: memberOf } });
    rules.can('comment', CONSULTATION, { groupId: null });
    rules.can('comment', CONSULTATION, { groupId: { $in: memberOf } });
    rules.can('create', CONSULTATION, { groupId: null });
    rules.can('manage', CONSULTATION, { ownerId: me });
    rules.can('manage', CONSULTATION, { groupId: { $in: managerOf } });

    rules.can('read', CONSULTATION_COMMENT, { authorId: me, status: 'hidden' });
    rules.can(['endorse', 'flag'], CONSULTATION_COMMENT, { status: 'visible' });
    rules.can(['read', 'moderate'], CONSULTATION_COMMENT, { groupId: { $in: managerOf } });

    if (principal.role === 'moderator') {
      rules.can(['read', 'export'], CONSULTATION);
      rules.can(['read', 'moderate', 'flag'], CONSULTATION_COMMENT);
    }
  },
};
