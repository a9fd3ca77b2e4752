/** Access subjects of moderation. */
export const FLAG = 'ModerationFlag';
export const AUDIT_ENTRY = 'AuditEntry';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** A flag is open until a moderator resolves it (agrees: the content stays hidden) or dismisses it. */
export const FLAG_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** What members flag: forum posts, and comments on consultations (moderated as posts are). */
export const FLAG_TARGET_TYPES = ['post', 'consultation_comment'] as const;
export type FlagTargetType = (typeof FLAG_TARGET_TYPES)[number];

/** The openKey of an open flag; a closed flag's is its own id (see flag.schema.ts). */
export const OPEN = 'open';

export function noReasons(): Record<FlagReason, number> {
  return { spam: 0, abuse: 0, off_topic: 0, other: 0 };
}
