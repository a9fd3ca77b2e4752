import type { AbilityRules, AccessRules, Principal } from '@plenary/identity';

export const PROFILE = 'Profile';

/**
 * Who may see and change a profile. A public profile is open to everyone, a members profile to
 * signed-in members, a private one to its owner; platform moderators see all (admins may do
 * anything). The directory filters with these same rules (AccessService.queryFor).
 */
export class ProfileAccessRules implements AccessRules {
  define(principal: Principal | null, rules: AbilityRules): void {
    rules.can('read', PROFILE, { visibility: 'public' });
    if (!principal || principal.status !== 'active') return;
    rules.can('read', PROFILE, { visibility: 'members' });
    rules.can('read', PROFILE, { userId: principal.id });
    rules.can('update', PROFILE, { userId: principal.id });
    if (principal.role === 'moderator') rules.can('read', PROFILE);
  }
}
