/** Access subjects of the forum. */
export const CATEGORY = 'ForumCategory';
export const THREAD = 'ForumThread';
export const POST = 'ForumPost';

/**
 * Who may read a category and what is in it: everyone (`public`), signed-in members (`members`),
 * or only the members of its group (`group`). A group's category follows the group's visibility;
 * threads and posts carry their category's, so that lists and search filter by it in the query.
 */
export const AUDIENCES = ['public', 'members', 'group'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** `moderators`: an announcement category, where only moderators of its scope start threads. */
export const POSTING_POLICIES = ['members', 'moderators'] as const;
export type PostingPolicy = (typeof POSTING_POLICIES)[number];

export const CONTENT_STATUSES = ['visible', 'hidden', 'deleted'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const REACTION_KINDS = ['like', 'insightful', 'thanks'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type ReactionCounts = Record<ReactionKind, number>;

export const THREAD_SORTS = ['latest', 'top', 'unanswered'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/** The key of a category's scope: its group's id, or this for platform-wide categories (a unique index needs it set). */
export const PLATFORM_SCOPE = 'platform';

export function noReactions(): ReactionCounts {
  return { like: 0, insightful: 0, thanks: 0 };
}
