import { domainEvent } from '@plenary/core';
import type { GroupVisibility } from './group-kinds.js';

export interface GroupMemberEvent {
  groupId: string;
  userId: string;
}

export interface GroupMemberActedOn extends GroupMemberEvent {
  /** Who did it. */
  byUserId: string;
}

/** What the community publishes about groups, each once the change is stored. */
export const GroupInvitationSent = domainEvent<GroupMemberActedOn>('group.invitation-sent');
export const GroupRequestApproved = domainEvent<GroupMemberActedOn>('group.request-approved');
/** An active member is no longer one (left, removed, or their account was deleted). */
export const GroupMembershipEnded = domainEvent<GroupMemberEvent>('group.membership-ended');
export const GroupVisibilityChanged = domainEvent<{ groupId: string; visibility: GroupVisibility }>(
  'group.visibility-changed',
);
export const GroupDeleted = domainEvent<{ groupId: string }>('group.deleted');
