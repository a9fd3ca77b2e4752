import type { AbilityRules, AccessRules, AccessScope, Principal } from '@plenary/identity';
import { INITIATIVE, RESOURCE, REVIEW_CAPABILITY } from './model/library-kinds.js';

const ITEMS = [RESOURCE, INITIATIVE];

/**
 * The library's rules (admins may do anything: identity's outranking rule; so they act as editors
 * everywhere). Subjects: LibraryResource and LibraryInitiative (`_id`, `status`, `audience`,
 * `groupId`, `authorId`), ReviewCapability (`groupId`: null for platform grants).
 *
 * - read: a published item by its audience (everyone, signed-in members, or its group's members);
 *   any item by its author and its reviewers; a board's items but drafts by the board's editors;
 *   every item but drafts by platform moderators.
 * - create: any member on the platform; a group's members in its library.
 * - author (edit, submit, withdraw): the author (the service checks the status).
 * - decide (assign reviewers, decide, unpublish, read reviewers' identities and notes): editors of
 *   the item's board: holders of `editor` on the platform for platform items; holders of `editor`
 *   in a group, and the group's owners, for that group's items.
 * - review (be assigned, claim): holders of `reviewer` (or `editor`) in the item's board, who also
 *   read the board's submissions waiting for reviewers (submitted, in review) to claim them.
 * - grant (ReviewCapability): a group's owners in their group (admins everywhere).
 */
export const libraryAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    rules.can('read', ITEMS, { status: 'published', audience: 'public' });
    if (!principal || principal.status !== 'active') return;
    const me = principal.id;
    const groupRoles = [...(scope.groupRoles ?? new Map<string, string>())];
    const memberOf = groupRoles.filter(([, role]) => ['owner', 'facilitator', 'member'].includes(role)).map(([g]) => g);
    const ownerOf = groupRoles.filter(([, role]) => role === 'owner').map(([g]) => g);
    const library = scope.library;
    const platform = library?.capabilities ?? [];
    const inGroups = [...(library?.groupCapabilities ?? new Map<string, readonly string[]>())];
    // a group's capabilities count while the member belongs to the group
    const heldIn = (...capabilities: string[]) =>
      inGroups
        .filter(([group, held]) => memberOf.includes(group) && capabilities.some((c) => held.includes(c)))
        .map(([group]) => group);
    const editorOf = [...new Set([...ownerOf, ...heldIn('editor')])];
    const reviewerOf = heldIn('reviewer', 'editor');

    rules.can('read', ITEMS, { status: 'published', audience: 'members' });
    rules.can('read', ITEMS, { status: 'published', groupId: { $in: memberOf } });
    rules.can(['read', 'author'], ITEMS, { authorId: me });
    if (library && library.reviewing.length > 0) rules.can('read', ITEMS, { _id: { $in: [...library.reviewing] } });
    rules.can('create', ITEMS, { groupId: null });
    rules.can('create', ITEMS, { groupId: { $in: memberOf } });

    if (platform.includes('editor')) {
      rules.can(['read', 'decide'], ITEMS, { groupId: null, status: { $ne: 'draft' } });
    }
    const claimable = { status: { $in: ['submitted', 'in_review'] } };
    if (platform.includes('editor') || platform.includes('reviewer')) {
      rules.can(['read', 'review'], ITEMS, { groupId: null, ...claimable });
      rules.can('review', ITEMS, { groupId: null });
    }
    if (editorOf.length > 0) {
      rules.can(['read', 'decide'], ITEMS, { groupId: { $in: editorOf }, status: { $ne: 'draft' } });
    }
    if (reviewerOf.length > 0) {
      rules.can('read', ITEMS, { groupId: { $in: reviewerOf }, ...claimable });
      rules.can('review', ITEMS, { groupId: { $in: reviewerOf } });
    }
    if (ownerOf.length > 0) rules.can('grant', REVIEW_CAPABILITY, { groupId: { $in: ownerOf } });
    if (principal.role === 'moderator') rules.can('read', ITEMS, { status: { $ne: 'draft' } });
  },
};
