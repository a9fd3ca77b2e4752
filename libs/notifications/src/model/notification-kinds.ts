/** What a notification is about; each context's events feed some of them. */
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

/** How often a member gets the email digest of their unread notifications. */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
