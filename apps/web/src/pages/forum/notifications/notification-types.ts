/** The notifications API's shapes (libs/notifications). */

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'accepted_answer',
  'moderation',
  'group_invitation',
  'group_request_approved',
  'session_live',
  'pledge_update',
  'review_assigned',
  'review_reminder',
  'review_decision',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  actor: { id: string | null; displayName: string } | null;
  threadId: string | null;
  postId: string | null;
  groupId: string | null;
  sessionId: string | null;
  /** pledge_update: the pledge */
  pledgeId?: string | null;
  /** review_*: the library item, a resource or an initiative */
  itemKind?: string | null;
  itemId?: string | null;
  /** the thread's title, the group's name, the session's, pledge's or library item's title, as it was */
  text: string | null;
  /** moderation: what the moderators did, e.g. post.hide; review_assigned: assigned or revised; review_decision: the decision */
  action: string | null;
  reason: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unreadTotal: number;
}

export const notificationKeys = {
  unread: (memberId: string | null) => ['notifications', 'unread', memberId] as const,
  list: (filter: string, memberId: string | null) => ['notifications', 'list', filter, memberId] as const,
};

/** Where a notification leads: its post, its live session, its pledge, its library item or its group. */
export function targetOf(notification: Notification): string | null {
  if (notification.threadId) {
    return `/forum/t/${notification.threadId}${notification.postId ? `#post-${notification.postId}` : ''}`;
  }
  if (notification.sessionId) return `/live/${notification.sessionId}`;
  if (notification.pledgeId) return `/pledges/${notification.pledgeId}`;
  if (notification.itemId)
    return `/library/${notification.itemKind === 'initiative' ? 'i' : 'r'}/${notification.itemId}`;
  if (notification.groupId) return `/groups/${notification.groupId}`;
  return null;
}
