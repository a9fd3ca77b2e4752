export * from './forum.module.js';
export * from './live/forum-events.js';
export * from './model/forum-kinds.js';
export * from './threads/forum.events.js';
export { ForumContent, type ForumPostSummary } from './threads/forum-content.js';
export { type DigestThread, ForumDigestSource } from './threads/forum-digest-source.js';
export { ForumPublishing, THREAD_TITLE_LENGTH, type ThreadDraft } from './threads/forum-publishing.js';
