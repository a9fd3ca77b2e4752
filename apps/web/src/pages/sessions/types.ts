/** What the live REST routes send for events and sessions (see libs/live: events and sessions DTOs). */
export type SessionFormat = 'online' | 'in_person' | 'hybrid';
export const SESSION_FORMATS: readonly SessionFormat[] = ['online', 'in_person', 'hybrid'];

export type AttendanceMode = 'in_person' | 'remote';
export type SessionStatus = 'scheduled' | 'live' | 'ended';
export type SessionWhen = 'upcoming' | 'live' | 'past';
export const SESSION_WHEN: readonly SessionWhen[] = ['upcoming', 'live', 'past'];

export interface Registration {
  mode: AttendanceMode;
  status: 'registered' | 'waitlisted';
}

/** Places per attendance mode; null: no limit. */
export interface Capacity {
  in_person: number | null;
  remote: number | null;
}

export interface QaSettings {
  open: boolean;
  anonymousAllowed: boolean;
  guestsAllowed: boolean;
  preModeration: boolean;
  maxLength: number;
  perAttendeeLimit: number;
}

export const DEFAULT_QA: QaSettings = {
  open: true,
  anonymousAllowed: true,
  guestsAllowed: false,
  preModeration: false,
  maxLength: 500,
  perAttendeeLimit: 3,
};

export interface AgendaItem {
  title: string;
  startsAt: string | null;
  speakers: string[];
}

export interface Material {
  title: string;
  url: string;
}

export interface StaffMember {
  userId: string;
  displayName: string;
  role: 'host' | 'presenter' | 'moderator';
}

export interface SessionViewer {
  canManage: boolean;
  canModerate: boolean;
  canPresent: boolean;
}

export interface LiveSessionView {
  id: string;
  title: string;
  description: string;
  eventId: string | null;
  groupId: string | null;
  audience: 'public' | 'members' | 'group';
  startsAt: string;
  endsAt: string;
  timezone: string;
  format: SessionFormat;
  venue: string;
  /** null unless the caller is registered or staff; '' when the session has none. */
  link: string | null;
  agenda: AgendaItem[];
  languages: string[];
  status: SessionStatus;
  startedAt: string | null;
  endedAt: string | null;
  recordingUrl: string;
  materials: Material[];
  code: string | null;
  qa: QaSettings;
  capacity: Capacity;
  registrationOpen: boolean;
  role: 'host' | 'presenter' | 'moderator' | 'attendee';
  registration: Registration | null;
  staff: StaffMember[];
  forumThreadId: string | null;
  /** Older servers send no viewer: treat as an attendee. */
  viewer?: SessionViewer;
}

export interface LiveEventView {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  format: SessionFormat;
  venue: string;
  languages: string[];
  groupId: string | null;
  capacity: Capacity;
  registrationOpen: boolean;
  canManage: boolean;
  registration: Registration | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Registrant {
  userId: string;
  displayName: string;
  mode: AttendanceMode;
  status: 'registered' | 'waitlisted';
  registeredAt: string;
}

export interface SessionQuestion {
  id: string;
  text: string;
  state: 'pending' | 'approved' | 'answered' | 'dismissed' | 'withdrawn' | 'merged';
  votes: number;
  answer: string | null;
  author: { id: string; displayName: string } | null;
  anonymous: boolean;
}

export interface GroupSummary {
  id: string;
  name: string;
  viewer: { role: 'owner' | 'facilitator' | 'member'; status: 'active' | 'pending' | 'invited' } | null;
}

/** The attendance modes a format offers. */
export function modesOf(format: SessionFormat): AttendanceMode[] {
  if (format === 'online') return ['remote'];
  if (format === 'in_person') return ['in_person'];
  return ['in_person', 'remote'];
}

export function viewerOf(session: LiveSessionView): SessionViewer {
  return session.viewer ?? { canManage: false, canModerate: false, canPresent: false };
}
