/** Access subjects of consultations. */
export const CONSULTATION = 'Consultation';
export const CONSULTATION_COMMENT = 'ConsultationComment';

/** The target type of a comment in the audit log and in moderation's flags. */
export const COMMENT_TARGET = 'consultation_comment';

/**
 * Who may read a consultation: everyone (`public`, the platform's), signed-in members (`members`,
 * a members-only group's), or only the members of its group (`group`, a private group's). A group's
 * consultation follows the group's visibility.
 */
export const CONSULTATION_AUDIENCES = ['public', 'members', 'group'] as const;
export type ConsultationAudience = (typeof CONSULTATION_AUDIENCES)[number];

/** A comment is `visible`, or `hidden` by a moderator or by its flags (then its author and moderators still see it). */
export const COMMENT_STATUSES = ['visible', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** Open for inputs until `closesAt`, closed (read-only) from then on. */
export const CONSULTATION_STATES = ['open', 'closed'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const TITLE_MIN = 2;
export const TITLE_MAX = 200;
/** The draft's introduction, a section's text. */
export const TEXT_MAX = 20_000;
/** A comment's Markdown. */
export const COMMENT_MAX = 10_000;
export const SECTIONS_MAX = 50;
/** Comments of each section in `GET /consultations/:id`; the section's list route pages through the rest. */
export const COMMENTS_PER_SECTION = 20;
/** The most endorsed comments of each section in the owner's view of the inputs. */
export const TOP_COMMENTS = 5;

export function isOpen(consultation: { closesAt: Date }, now: Date = new Date()): boolean {
  return consultation.closesAt.getTime() > now.getTime();
}
