import { roomOf } from '@plenary/realtime';
import type { PostView, ThreadView } from '../threads/dto/thread.dto.js';

/** The forum's rooms: a thread's and a category's (the one room-naming scheme, realtime's). */
export const threadRoom = roomOf('forum-thread');
export const categoryRoom = roomOf('forum-category');
/** Every socket in a room of one group's forum; nothing is sent to it, it finds them when the group's audience changes. */
export const groupAudienceRoom = roomOf('forum-group');

/** What the forum sends to sockets in its rooms, once each change is stored. */
export interface ForumServerEvents {
  'post:created': (payload: { post: PostView }) => void;
  'post:updated': (payload: { post: PostView }) => void;
  'post:deleted': (payload: { postId: string; threadId: string }) => void;
  'thread:created': (payload: { thread: ThreadView }) => void;
  'thread:updated': (payload: { thread: ThreadView }) => void;
  /** The thread left this category's list: moved elsewhere, hidden or deleted. */
  'thread:removed': (payload: { threadId: string; categoryId: string }) => void;
}
