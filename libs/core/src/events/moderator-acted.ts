import { domainEvent } from './domain-events.js';

/** What a moderator (or an admin) did to someone else's content or account, for the audit log. */
export interface ModeratorAction {
  /** Who acted; null when Plenary itself did, on moderation's behalf (a post hidden by its flags). */
  actorId: string | null;
  /** A verb of the context's, such as `thread.pin`, `post.hide`, `user.suspend`. */
  action: string;
  target: { type: string; id: string; groupId: string | null };
  reason: string | null;
  /** The changed fields as they were, and as they are now. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Published by every context once a moderator's action is stored; the audit log subscribes. It is
 * declared here, not in the moderation lib, so that no context imports moderation to be audited.
 */
export const ModeratorActed = domainEvent<ModeratorAction>('moderation.acted');
