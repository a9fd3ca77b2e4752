import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import type { Category, MemberCard, Objective, Page, Post, Thread } from './forum-types';

/** The query keys of the forum's data; each carries the member, so that signing in or out never shows stale rights. */
export const forumKeys = {
  categories: (memberId: string | null) => ['forum', 'categories', memberId] as const,
  category: (id: string, memberId: string | null) => ['forum', 'category', id, memberId] as const,
  threads: (categoryId: string, sort: string, memberId: string | null) =>
    ['forum', 'threads', categoryId, sort, memberId] as const,
  thread: (id: string, memberId: string | null) => ['forum', 'thread', id, memberId] as const,
  posts: (threadId: string, memberId: string | null) => ['forum', 'posts', threadId, memberId] as const,
};

export function useCategories() {
  const member = useMember();
  return useQuery({
    queryKey: forumKeys.categories(member?.id ?? null),
    queryFn: () => api<{ items: Category[] }>('/categories').then((list) => list.items),
  });
}

export function useCategory(id: string) {
  const member = useMember();
  return useQuery({
    queryKey: forumKeys.category(id, member?.id ?? null),
    queryFn: () => api<Category>(`/categories/${id}`),
    enabled: id !== '',
  });
}

/** The GCM objectives in the interface language (cached: they change with a release, not a session). */
export function useObjectives() {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en').slice(0, 2);
  return useQuery({
    queryKey: ['taxonomy', 'objectives', language],
    queryFn: () => api<{ items: Objective[] }>('/taxonomy/objectives', { query: { lang: language } }),
    select: (list) => list.items,
    staleTime: 60 * 60_000,
  });
}

/** Members whose name (or organisation) matches, for mentions and the author filter. */
export function searchMembers(q: string, signal?: AbortSignal): Promise<MemberCard[]> {
  return api<Page<MemberCard>>('/members', { query: { q, limit: 8 }, signal }).then((page) => page.items);
}

export function threadPath(threadId: string, postId?: string | null): string {
  return `/forum/t/${threadId}${postId ? `#post-${postId}` : ''}`;
}

/** The text of sanitized HTML (an excerpt for a list), read by the browser's parser without running anything. */
export function textOf(html: string): string {
  return (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Markdown as plain reading text (an excerpt the API gives as written): mentions by name, links by label. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/@\[([^\]\n]{1,80})\]\([0-9a-f]{24}\)/g, '@$1')
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function excerpt(text: string, length = 220): string {
  return text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;
}

/** Whether the member moderates anything: a platform role, or a group's categories. */
export function moderatesSomething(role: string | undefined, categories: Category[] | undefined): boolean {
  return role === 'moderator' || role === 'admin' || (categories ?? []).some((category) => category.viewer.canModerate);
}

/** Writes one post into a thread's cached pages (a new one at the end once every page is loaded). */
export function mergePost(
  client: QueryClient,
  key: readonly unknown[],
  post: Post,
  options: { append: boolean },
): void {
  client.setQueryData<{ pages: Page<Post>[]; pageParams: unknown[] }>(key, (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((known) => {
        if (known.id !== post.id) return known;
        found = true;
        return mergeKnownPost(known, post);
      }),
    }));
    const last = pages[pages.length - 1];
    if (!found && options.append && last && last.nextCursor === null) {
      pages[pages.length - 1] = { ...last, items: [...last.items, post] };
    }
    return { ...data, pages };
  });
}

/**
 * A broadcast post is everyone's view: keep what only this member sees (their own reactions, and a hidden post's
 * text for its author and the moderators).
 */
function mergeKnownPost(known: Post, incoming: Post): Post {
  const keepText = incoming.status === 'hidden' && incoming.body === null && known.body !== null;
  return {
    ...incoming,
    body: keepText ? known.body : incoming.body,
    html: keepText ? known.html : incoming.html,
    reactions: {
      counts: incoming.reactions.counts,
      mine: incoming.reactions.mine.length > 0 ? incoming.reactions.mine : known.reactions.mine,
    },
  };
}

/** A broadcast thread is everyone's view: keep the member's own unread count and follow. */
export function mergeThread(known: Thread | undefined, incoming: Thread, memberId: string | null): Thread {
  if (!known) return incoming;
  const newPosts = Math.max(0, incoming.replyCount - known.replyCount);
  const mine = incoming.lastPoster.id !== null && incoming.lastPoster.id === memberId;
  return {
    ...incoming,
    unreadCount: mine ? known.unreadCount : known.unreadCount + newPosts,
    following: known.following,
  };
}
