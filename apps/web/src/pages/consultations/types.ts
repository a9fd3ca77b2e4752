/** The consultations API's answers (libs/consultations), as the pages read them. */

export interface Person {
  /** null for a deleted account */
  id: string | null;
  displayName: string;
}

export type ConsultationStatus = 'open' | 'closed';

export interface ConsultationViewer {
  canComment: boolean;
  canManage: boolean;
  canExport: boolean;
  canModerate: boolean;
}

export interface ConsultationSummary {
  id: string;
  title: string;
  closesAt: string;
  status: ConsultationStatus;
  groupId: string | null;
  owner: Person;
  sectionCount: number;
  commentCount: number;
  viewer: ConsultationViewer;
  createdAt: string;
  updatedAt: string;
}

export interface ConsultationComment {
  id: string;
  consultationId: string;
  sectionId: string;
  author: Person;
  body: string;
  html: string;
  status: 'visible' | 'hidden';
  endorsements: number;
  endorsedByMe: boolean;
  createdAt: string;
}

export interface ConsultationSection {
  id: string;
  title: string;
  text: string;
  html: string;
  commentCount: number;
  comments: ConsultationComment[];
  nextCursor: string | null;
}

export interface Consultation extends ConsultationSummary {
  body: string;
  html: string;
  sections: ConsultationSection[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Endorsements {
  commentId: string;
  endorsements: number;
  endorsedByMe: boolean;
}

export interface InputCounts {
  comments: number;
  endorsements: number;
  commenters: number;
  hidden: number;
}

export interface SectionInputs extends InputCounts {
  id: string;
  title: string;
  top: ConsultationComment[];
}

export interface ConsultationInputs {
  id: string;
  title: string;
  closesAt: string;
  status: ConsultationStatus;
  totals: InputCounts;
  sections: SectionInputs[];
}

export interface GroupSummary {
  id: string;
  name: string;
  viewer: { role: 'owner' | 'facilitator' | 'member'; status: 'active' | 'pending' | 'invited' } | null;
}

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** The largest comment the API takes (libs/consultations: COMMENT_MAX). */
export const COMMENT_MAX = 10_000;
export const TEXT_MAX = 20_000;
export const TITLE_MAX = 200;
export const SECTIONS_MAX = 50;

/** Every query of the area starts with this key, so that one invalidation refreshes them all. */
export const CONSULTATIONS_KEY = 'consultations';

export const consultationKeys = {
  list: (status: ConsultationStatus, viewer: string | null) => [CONSULTATIONS_KEY, 'list', status, viewer] as const,
  one: (id: string, viewer: string | null) => [CONSULTATIONS_KEY, 'one', id, viewer] as const,
  inputs: (id: string, viewer: string | null) => [CONSULTATIONS_KEY, 'inputs', id, viewer] as const,
};

/** Closed by its status, or by its deadline passing while the page is open. */
export function isClosed(consultation: { status: ConsultationStatus; closesAt: string }, now = Date.now()): boolean {
  return consultation.status === 'closed' || Date.parse(consultation.closesAt) <= now;
}
