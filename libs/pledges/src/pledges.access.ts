import type { AbilityRules, AccessRules, Principal } from '@plenary/identity';
import { PLEDGE, PLEDGE_CLUSTERS } from './model/pledge-kinds.js';

/**
 * The rules of pledges (admins may do anything: identity's outranking rule). Subjects: a Pledge
 * (its record: `createdBy`, `representativeIds`), the PledgeClusters setting.
 *
 * - Reading: pledges, their progress and the clusters are public.
 * - Creating and following: any active member.
 * - Editing (`update`): the pledge's creator, its representatives, platform moderators.
 * - Reporting progress (`report`): its representatives (the members who speak for the pledger).
 * - Changing the clusters: admins only (no rule here grants it).
 */
export const pledgesAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules): void {
    rules.can('read', [PLEDGE, PLEDGE_CLUSTERS]);
    if (!principal || principal.status !== 'active') return;
    const me = principal.id;
    rules.can(['create', 'follow'], PLEDGE);
    rules.can('update', PLEDGE, { createdBy: me });
    rules.can(['update', 'report'], PLEDGE, { representativeIds: me });
    if (principal.role === 'moderator') rules.can('update', PLEDGE);
  },
};
