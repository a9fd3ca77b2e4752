import type { AbilityRules, AccessRules, AccessScope, Principal } from '@plenary/identity';
import { CATEGORY, POST, THREAD } from './model/forum-kinds.js';

/** What moderating a thread or post lets one do, besides the `moderate` actions themselves. */
const MODERATOR_ACTIONS = ['read', 'moderate', 'reply', 'react', 'flag', 'accept', 'readHistory', 'update', 'delete'];

/**
 * The forum's rules (admins may do anything: identity's outranking rule).
 *
 * Subjects carry `audience` (public, members, group), `groupId` (null for platform categories) and,
 * for threads and posts, `status` (visible, hidden, deleted). A post also carries its thread's status
 * (`threadStatus`), so that a hidden thread hides its posts from search too.
 *
 * - Reading: public content by everyone, members content by signed-in members, a group's content by
 *   its members; hidden content by its author and the moderators of its scope; a deleted post stays
 *   readable as a placeholder, a deleted thread does not.
 * - Writing: in a platform category any signed-in member starts threads (unless the category is for
 *   announcements: `postingPolicy: moderators`), replies, reacts; in a group's category only the
 *   group's members do. Anyone who may read a visible post may flag it.
 * - Own content: the author edits and deletes their post, edits their thread, deletes it while it
 *   has no reply, and marks the accepted answer.
 * - Moderating (`moderate`: pin, lock, move, hide, restore, and editing or deleting anyone's
 *   content): platform moderators everywhere, a group's owners and facilitators in its categories,
 *   which they also manage (`manage`). Platform categories are managed by admins.
 */
export const forumAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    rules.can('read', CATEGORY, { audience: 'public' });
    rules.can('read', THREAD, { audience: 'public', status: 'visible' });
    rules.can('read', POST, { audience: 'public', threadStatus: 'visible', status: { $in: ['visible', 'deleted'] } });
    if (!principal || principal.status !== 'active') return;
    const me = principal.id;

    const groupsWhere = (...roles: string[]) =>
      [...(scope.groupRoles ?? new Map<string, string>())]
        .filter(([, role]) => roles.includes(role))
        .map(([groupId]) => groupId);
    const memberOf = groupsWhere('owner', 'facilitator', 'member');
    const managerOf = groupsWhere('owner', 'facilitator');
    type Where = Record<string, unknown>;
    const readableBy: Where[] = [{ audience: 'members' }, { groupId: { $in: memberOf } }];
    const writableIn: Where[] = [{ groupId: null }, { groupId: { $in: memberOf } }];

    for (const where of readableBy) {
      rules.can('read', CATEGORY, where);
      rules.can('read', THREAD, { ...where, status: 'visible' });
      rules.can('read', POST, { ...where, threadStatus: 'visible', status: { $in: ['visible', 'deleted'] } });
    }
    for (const where of [{ audience: 'public' }, ...readableBy] as Where[]) {
      rules.can('read', THREAD, { ...where, authorId: me, status: 'hidden' });
      rules.can(['read', 'readHistory'], POST, { ...where, authorId: me, status: { $in: ['visible', 'hidden'] } });
      rules.can('flag', POST, { ...where, threadStatus: 'visible', status: 'visible' });
    }
    for (const where of writableIn) {
      rules.can('startThread', CATEGORY, { ...where, postingPolicy: 'members' });
      rules.can('reply', THREAD, { ...where, status: 'visible', locked: false });
      rules.can('react', POST, { ...where, threadStatus: 'visible', status: 'visible' });
    }
    rules.can('update', THREAD, ['title', 'tags', 'objectives', 'language'], { authorId: me, status: 'visible' });
    rules.can('delete', THREAD, { authorId: me, postCount: 1 });
    rules.can('accept', THREAD, { authorId: me, status: 'visible' });
    rules.can('update', POST, ['body'], { authorId: me, status: 'visible' });
    rules.can('delete', POST, { authorId: me, status: { $in: ['visible', 'hidden'] } });

    rules.can(['read', 'manage', 'startThread', 'moderate'], CATEGORY, { groupId: { $in: managerOf } });
    rules.can(MODERATOR_ACTIONS, [THREAD, POST], { groupId: { $in: managerOf } });
    if (principal.role === 'moderator') {
      rules.can(['read', 'startThread', 'moderate'], CATEGORY);
      rules.can(MODERATOR_ACTIONS, [THREAD, POST]);
    }
  },
};
