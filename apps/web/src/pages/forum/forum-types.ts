/** The forum API's shapes (libs/forum, libs/moderation), as the client reads them. */

export interface Person {
  /** null once the account is deleted */
  id: string | null;
  displayName: string;
}

export interface Category {
  id: string;
  name: string;
  slug: string;
  description: string;
  groupId: string | null;
  postingPolicy: 'members' | 'moderators';
  order: number;
  language: string;
  threadCount: number;
  unreadThreadCount: number;
  viewer: { canStartThread: boolean; canManage: boolean; canModerate: boolean };
  /** Whether the member is notified of new threads here (absent for visitors). */
  followed?: boolean;
}

export type ContentStatus = 'visible' | 'hidden' | 'deleted';
export const THREAD_SORTS = ['latest', 'top', 'unanswered'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export interface Thread {
  id: string;
  categoryId: string;
  groupId: string | null;
  title: string;
  author: Person;
  tags: string[];
  objectives: number[];
  language: string;
  status: ContentStatus;
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  lastActivityAt: string;
  lastPoster: Person;
  acceptedPostId: string | null;
  unreadCount: number;
  following: boolean;
  createdAt: string;
  updatedAt: string;
}

export const REACTION_KINDS = ['like', 'insightful', 'thanks'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Reactions {
  counts: Record<ReactionKind, number>;
  mine: ReactionKind[];
}

export interface Post {
  id: string;
  threadId: string;
  number: number;
  author: Person;
  /** the Markdown; null when deleted, or hidden from the caller */
  body: string | null;
  html: string;
  replyTo: string | null;
  mentions: Person[];
  reactions: Reactions;
  status: ContentStatus;
  editCount: number;
  editedAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SearchHit {
  type: 'thread' | 'post';
  thread?: Thread;
  post?: Post;
}

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export interface Flag {
  id: string;
  status: FlagStatus;
  reason: FlagReason;
  note: string | null;
  reporter: Person;
  createdAt: string;
  review: { moderator: Person; reason: string; at: string } | null;
  post: {
    id: string;
    threadId: string;
    threadTitle: string;
    groupId: string | null;
    author: Person;
    status: ContentStatus;
    excerpt: string;
  } | null;
  postFlags: {
    open: number;
    resolved: number;
    dismissed: number;
    reasons: Record<FlagReason, number>;
    reporters: Person[];
  };
}

export interface AuditEntry {
  id: string;
  actor: Person | null;
  action: string;
  target: { type: string; id: string; groupId: string | null };
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  at: string;
}

export interface Objective {
  number: number;
  label: string;
  title: string;
}

export interface MemberCard {
  id: string;
  displayName: string;
  organisation: string | null;
}
