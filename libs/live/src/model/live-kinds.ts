/** Access subjects of live sessions. */
export const LIVE_EVENT = 'LiveEvent';
export const LIVE_SESSION = 'LiveSession';

/**
 * Who may see an event or session: everyone (`public`), signed-in members (`members`), or only the
 * members of its group (`group`, a private group's). A group's event or session follows the group's
 * visibility, and a session carries its event's group.
 */
export const LIVE_AUDIENCES = ['public', 'members', 'group'] as const;
export type LiveAudience = (typeof LIVE_AUDIENCES)[number];

export const SESSION_FORMATS = ['online', 'in_person', 'hybrid'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Roles held in one session; the creator is its first host, hosts give the others. */
export const SESSION_ROLES = ['host', 'presenter', 'moderator'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

export const ATTENDANCE_MODES = ['in_person', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The Q&A settings of a session. */
export interface QaSettings {
  open: boolean;
  anonymousAllowed: boolean;
  guestsAllowed: boolean;
  preModeration: boolean;
  /** Characters in a question. */
  maxLength: number;
  /** Questions one attendee may ask per minute. */
  perAttendeeLimit: number;
}

export function defaultQa(): QaSettings {
  return {
    open: true,
    anonymousAllowed: true,
    guestsAllowed: false,
    preModeration: false,
    maxLength: 500,
    perAttendeeLimit: 3,
  };
}

/** Join codes: 6 characters with no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 6;

export const LIVE_QUESTION = 'LiveQuestion';

/**
 * A question's life: `pending` while pre-moderation holds it, `approved` once attendees see it,
 * then `answered` or `dismissed`; `withdrawn` by its asker; `merged` into another question.
 */
export const QUESTION_STATES = ['pending', 'approved', 'answered', 'dismissed', 'withdrawn', 'merged'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];
/** What attendees see; moderators see every state. */
export const PUBLIC_QUESTION_STATES: readonly QuestionState[] = ['approved', 'answered'];

export const DISMISS_REASONS = ['duplicate', 'off_topic', 'inappropriate', 'spam', 'out_of_time', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const MODERATION_ACTIONS = [
  'approve',
  'dismiss',
  'answer',
  'highlight',
  'unhighlight',
  'restore',
  'merge',
  'edit',
] as const;
export type QuestionModeration = (typeof MODERATION_ACTIONS)[number];
