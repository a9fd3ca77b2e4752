/** What the /live namespace and the live REST routes send (see the API's LiveGateway and session DTOs). */
export interface QaSettings {
  open: boolean;
  anonymousAllowed: boolean;
  guestsAllowed: boolean;
  preModeration: boolean;
  maxLength: number;
  perAttendeeLimit: number;
}

export type SessionRole = 'host' | 'presenter' | 'moderator' | 'attendee';

export interface LiveSession {
  id: string;
  title: string;
  description: string;
  eventId: string | null;
  groupId: string | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  format: 'online' | 'in_person' | 'hybrid';
  venue: string;
  link: string | null;
  languages: string[];
  status: 'scheduled' | 'live' | 'ended';
  recordingUrl: string;
  code: string | null;
  joinLink: string | null;
  qa: QaSettings;
  role: SessionRole;
  forumThreadId: string | null;
  staff: { userId: string; displayName: string; role: Exclude<SessionRole, 'attendee'> }[];
  /** What the caller may do (all false in broadcasts: the client keeps its own). */
  viewer: SessionViewer;
  startedAt: string | null;
  endedAt: string | null;
}

export interface SessionViewer {
  canManage: boolean;
  canModerate: boolean;
  canPresent: boolean;
}

export type QuestionState = 'pending' | 'approved' | 'answered' | 'dismissed' | 'withdrawn' | 'merged';
export const DISMISS_REASONS = ['duplicate', 'off_topic', 'inappropriate', 'spam', 'out_of_time', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export interface Question {
  id: string;
  sessionId: string;
  text: string;
  language: string;
  state: QuestionState;
  highlighted: boolean;
  votes: number;
  answer: string | null;
  author: { id: string; displayName: string } | null;
  pseudonym?: string;
  anonymous: boolean;
  mine: boolean;
  dismissReason?: DismissReason | null;
  dismissNote?: string | null;
  mergedInto?: string | null;
  createdAt: string;
  answeredAt?: string | null;
}

export interface Poll {
  id: string;
  sessionId: string;
  question: string;
  kind: 'single' | 'multiple';
  options: { id: string; text: string }[];
  state: 'draft' | 'open' | 'closed';
  showResults: boolean;
  results: { voters: number; counts: Record<string, number> } | null;
  myVote?: string[] | null;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface Snapshot {
  session: LiveSession;
  questions: Question[];
  myVotes: string[];
  polls: Poll[];
  attendees: number;
  role: SessionRole;
}

/** Questions everyone in the room sees. */
export const PUBLIC_STATES: readonly QuestionState[] = ['approved', 'answered'];

/** GET /live/sessions/:id/report */
export interface SessionReport {
  sessionId: string;
  title: string;
  status: LiveSession['status'];
  startedAt: string | null;
  endedAt: string | null;
  questions: {
    received: number;
    pending: number;
    approved: number;
    answered: number;
    dismissed: { total: number; byReason: Record<DismissReason, number> };
    merged: number;
    withdrawn: number;
  };
  votes: number;
  forumThreadId: string | null;
}
