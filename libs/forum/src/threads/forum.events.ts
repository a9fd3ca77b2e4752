import { domainEvent } from '@plenary/core';

/** Where a thread is: what rooms and audiences an event about it concerns. */
export interface ThreadPlace {
  threadId: string;
  categoryId: string;
  groupId: string | null;
}

export interface PostEvent extends ThreadPlace {
  postId: string;
}

/** What the forum publishes, each once the change is stored. */
export const ThreadCreated = domainEvent<ThreadPlace & { authorId: string; title: string }>('forum.thread-created');
export interface ThreadUpdate extends ThreadPlace {
  /** Set when it moved. */
  previousCategoryId?: string;
  /** Set when who may read it may have changed: it moved, or was hidden, deleted or restored. */
  audienceChanged?: boolean;
}

/** Its title, tags, state (pinned, locked, hidden…), category, accepted answer or activity changed. */
export const ThreadUpdated = domainEvent<ThreadUpdate>('forum.thread-updated');
export const PostCreated = domainEvent<
  PostEvent & {
    authorId: string;
    number: number;
    /** Members mentioned in it. */
    mentions: string[];
    /** The author of the post it replies to, if any. */
    replyToAuthorId: string | null;
  }
>('forum.post-created');
/** Edited, hidden, restored, or its reactions changed. */
export const PostUpdated = domainEvent<PostEvent>('forum.post-updated');
export const PostDeleted = domainEvent<PostEvent>('forum.post-deleted');
export const AnswerAccepted = domainEvent<PostEvent & { postAuthorId: string; byUserId: string }>(
  'forum.answer-accepted',
);
