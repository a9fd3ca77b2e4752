import type { AbilityRules, AccessRules, AccessScope, Principal } from '@plenary/identity';
import { LIVE_EVENT, LIVE_SESSION } from './model/live-kinds.js';

/**
 * The rules of events and sessions (admins may do anything: identity's outranking rule).
 *
 * Subjects carry `audience` (public, members, group), `groupId` (null for platform-wide ones),
 * `createdBy`, and for a session its `_id` and `eventId`.
 *
 * - Seeing: public events and sessions by everyone, members ones by signed-in members, a group's by
 *   its members; a guest sees the one session their token is for, and nothing else.
 * - Creating: any member, platform-wide (they become its first host); in a group, its owners and
 *   facilitators. An event's sessions are created by those who manage the event.
 * - Running a session: its hosts do everything (`manage`): edit, start and end, give roles, see
 *   registrations, moderate and present. Its moderators moderate (and export); its presenters
 *   present. Platform moderators moderate every session; a group's owners and facilitators manage
 *   its events and sessions. An event is managed by its creator and its group's managers.
 * - Registering: any member who may see the event or session.
 * - Invited by email: whoever accepted a host's invitation to an event sees it and its sessions,
 *   even one open only to a group they are not in (the host chose them).
 */
export const liveAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void {
    if (scope.guest) {
      rules.can('read', LIVE_SESSION, { _id: scope.guest.sessionId });
      return;
    }
    rules.can('read', [LIVE_EVENT, LIVE_SESSION], { audience: 'public' });
    if (!principal || principal.status !== 'active') return;
    const me = principal.id;

    const groupsWhere = (...roles: string[]) =>
      [...(scope.groupRoles ?? new Map<string, string>())]
        .filter(([, role]) => roles.includes(role))
        .map(([groupId]) => groupId);
    const memberOf = groupsWhere('owner', 'facilitator', 'member');
    const managerOf = groupsWhere('owner', 'facilitator');

    const readableBy: Record<string, unknown>[] = [{ audience: 'members' }, { groupId: { $in: memberOf } }];
    for (const where of readableBy) {
      rules.can(['read', 'register'], [LIVE_EVENT, LIVE_SESSION], where);
    }
    rules.can('register', [LIVE_EVENT, LIVE_SESSION], { audience: 'public' });
    const invitedEvents = [...(scope.invitedEvents ?? [])];
    if (invitedEvents.length > 0) {
      rules.can('read', LIVE_EVENT, { _id: { $in: invitedEvents } });
      rules.can('read', LIVE_SESSION, { eventId: { $in: invitedEvents } });
    }
    rules.can('create', [LIVE_EVENT, LIVE_SESSION], { groupId: null });
    rules.can('manage', [LIVE_EVENT, LIVE_SESSION], { groupId: { $in: managerOf } });
    rules.can('manage', LIVE_EVENT, { createdBy: me });

    for (const [sessionId, roles] of scope.sessionRoles ?? new Map<string, readonly string[]>()) {
      const session = { _id: sessionId };
      if (roles.includes('host')) rules.can('manage', LIVE_SESSION, session);
      if (roles.includes('moderator')) rules.can(['read', 'moderate', 'export'], LIVE_SESSION, session);
      if (roles.includes('presenter')) rules.can(['read', 'present'], LIVE_SESSION, session);
    }
    if (principal.role === 'moderator') {
      rules.can('read', LIVE_EVENT);
      rules.can(['read', 'moderate', 'export'], LIVE_SESSION);
    }
  },
};
