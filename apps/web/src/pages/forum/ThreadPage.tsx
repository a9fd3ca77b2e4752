import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { emitWithAck } from '../../api/socket';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { Composer } from './Composer';
import { forumKeys, mergePost, mergeThread, useCategory, useObjectives } from './forum-api';
import { useForumSocket } from './forum-socket';
import type { Category, Page, Post, Thread } from './forum-types';
import { ForumNav, When } from './ForumNav';
import { ModeratorTools } from './ModeratorTools';
import { PostItem, type PostRights } from './PostItem';

const PAGE_SIZE = 50;

/** `/forum/t/:threadId`: a thread and its posts, live. */
export function ThreadPage() {
  const { threadId = '' } = useParams();
  const { t } = useTranslation('forum');
  const member = useMember();
  const thread = useQuery({
    queryKey: forumKeys.thread(threadId, member?.id ?? null),
    queryFn: () => api<Thread>(`/threads/${threadId}`),
  });
  const category = useCategory(thread.data?.categoryId ?? '');
  usePageTitle(thread.data?.title ?? t('thread.title'));

  if (thread.error) {
    return (
      <section className="page">
        <h1>{t('thread.title')}</h1>
        <ErrorNotice error={thread.error} onRetry={() => void thread.refetch()} />
        <Link to="/forum">{t('home.back')}</Link>
      </section>
    );
  }
  if (!thread.data) return <Loading />;
  return <ThreadView key={threadId} thread={thread.data} category={category.data} />;
}

interface Draft {
  text: string;
  replyTo: string | null;
}

const draftKey = (threadId: string) => `plenary.forum.draft.${threadId}`;

function readDraft(threadId: string): Draft {
  try {
    const raw = localStorage.getItem(draftKey(threadId));
    return raw ? (JSON.parse(raw) as Draft) : { text: '', replyTo: null };
  } catch {
    return { text: '', replyTo: null };
  }
}

function ThreadView({ thread, category }: { thread: Thread; category: Category | undefined }) {
  const { t } = useTranslation('forum');
  const member = useMember();
  const memberId = member?.id ?? null;
  const client = useQueryClient();
  const location = useLocation();
  const objectives = useObjectives();
  const threadKey = forumKeys.thread(thread.id, memberId);
  const postsKey = forumKeys.posts(thread.id, memberId);
  // Where the member stopped reading when they opened the thread: the first post after that is marked "new".
  const [firstUnread] = useState(() => thread.replyCount + 2 - thread.unreadCount);
  const [draft, setDraft] = useState<Draft>(() => readDraft(thread.id));
  const [focusSignal, setFocusSignal] = useState(0);
  const [announcement, setAnnouncement] = useState('');

  const posts = useInfiniteQuery({
    queryKey: postsKey,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Post>>(`/threads/${thread.id}/posts`, { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  const numbers = useMemo(() => new Map(items.map((post) => [post.id, post.number])), [items]);

  const canModerate = category?.viewer.canModerate ?? false;
  const open = thread.status === 'visible';
  const canReply = memberId !== null && open && (!thread.locked || canModerate);
  const rights: PostRights = {
    memberId,
    canReply,
    canReact: memberId !== null && open,
    canModerate,
    canAccept: memberId !== null && open && (thread.author.id === memberId || canModerate),
  };

  useForumSocket(memberId, `thread:${thread.id}`, (socket) => {
    const join = () => void emitWithAck(socket, 'thread:join', { threadId: thread.id }).catch(() => undefined);
    const onConnect = () => {
      if (socket.recovered) return;
      join();
      // A longer drop: what it missed is read again.
      void client.invalidateQueries({ queryKey: postsKey });
      void client.invalidateQueries({ queryKey: threadKey });
    };
    const onCreated = ({ post }: { post: Post }) => {
      if (post.threadId !== thread.id) return;
      mergePost(client, postsKey, post, { append: true });
      if (post.author.id !== memberId) setAnnouncement(t('thread.newReply', { name: post.author.displayName }));
    };
    const onUpdated = ({ post }: { post: Post }) => {
      if (post.threadId === thread.id) mergePost(client, postsKey, post, { append: false });
    };
    const onDeleted = ({ postId, threadId }: { postId: string; threadId: string }) => {
      if (threadId !== thread.id) return;
      client.setQueryData<InfiniteData<Page<Post>>>(postsKey, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((known) =>
                  known.id === postId ? { ...known, status: 'deleted', body: null, html: '' } : known,
                ),
              })),
            }
          : data,
      );
    };
    const onThread = ({ thread: incoming }: { thread: Thread }) => {
      if (incoming.id !== thread.id) return;
      client.setQueryData<Thread>(threadKey, (known) => mergeThread(known, incoming, memberId));
    };
    if (socket.connected) join();
    socket.on('connect', onConnect);
    socket.on('post:created', onCreated);
    socket.on('post:updated', onUpdated);
    socket.on('post:deleted', onDeleted);
    socket.on('thread:updated', onThread);
    return () => {
      socket.off('connect', onConnect);
      socket.off('post:created', onCreated);
      socket.off('post:updated', onUpdated);
      socket.off('post:deleted', onDeleted);
      socket.off('thread:updated', onThread);
      if (socket.connected) socket.emit('thread:leave', { threadId: thread.id });
    };
  });

  // The member has read what is on the page: the server keeps the mark (never moving it back).
  const lastPostId = items.length > 0 ? items[items.length - 1].id : null;
  useEffect(() => {
    if (!memberId || !lastPostId) return;
    void api<Thread>(`/threads/${thread.id}/read`, { method: 'POST', body: { postId: lastPostId } })
      .then(() => {
        void client.invalidateQueries({ queryKey: ['forum', 'categories'] });
        void client.invalidateQueries({ queryKey: ['forum', 'threads', thread.categoryId] });
      })
      .catch(() => undefined);
  }, [memberId, lastPostId, thread.id, thread.categoryId, client]);

  // A link to one post (a notification, a search hit): bring it into view once it is on the page.
  const loaded = posts.data !== undefined;
  useEffect(() => {
    if (!loaded || !location.hash.startsWith('#post-')) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [loaded, location.hash]);

  useEffect(() => {
    if (draft.text || draft.replyTo) localStorage.setItem(draftKey(thread.id), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(thread.id));
  }, [draft, thread.id]);

  const onChanged = (post: Post) => mergePost(client, postsKey, post, { append: false });
  const onAccept = async (post: Post) => {
    const updated = await api<Thread>(`/threads/${thread.id}/accept`, { method: 'POST', body: { postId: post.id } });
    client.setQueryData<Thread>(threadKey, (known) => ({ ...updated, unreadCount: known?.unreadCount ?? 0 }));
  };
  const quote = (post: Post) => {
    const lines = (post.body ?? '')
      // a quote must not mention anyone again
      .replace(/@\[([^\]\n]{1,80})\]\(([0-9a-f]{24})\)/g, '@$1')
      .trim()
      .split('\n')
      .map((line) => `> ${line}`.trimEnd());
    const block = `> ${t('thread.quoteHeader', { name: post.author.displayName, number: post.number })}\n>\n${lines.join('\n')}\n\n`;
    setDraft((current) => ({
      text: current.text.trim() ? `${current.text.trimEnd()}\n\n${block}` : block,
      replyTo: post.id,
    }));
    setFocusSignal((signal) => signal + 1);
  };

  const follow = useMutation({
    mutationFn: (on: boolean) => api<Thread>(`/threads/${thread.id}/follow`, { method: on ? 'POST' : 'DELETE' }),
    onSuccess: (updated) => client.setQueryData<Thread>(threadKey, updated),
  });

  const objectiveLabel = (number: number) =>
    objectives.data?.find((objective) => objective.number === number)?.label ?? t('thread.objective', { number });

  return (
    <article className="page forum forum-thread" aria-labelledby="thread-title">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link>
        {category && (
          <>
            {' › '}
            <Link to={`/forum/c/${category.id}`}>{category.name}</Link>
          </>
        )}
      </p>
      <header className="forum-thread__head">
        <h1 id="thread-title">{thread.title}</h1>
        <p className="forum-thread__badges">
          {thread.pinned && <span className="badge badge--accent">{t('thread.pinned')}</span>}
          {thread.locked && <span className="badge">{t('thread.locked')}</span>}
          {thread.status === 'hidden' && <span className="badge badge--warn">{t('thread.hidden')}</span>}
          {thread.acceptedPostId && <span className="badge badge--good">{t('thread.solved')}</span>}
          {thread.objectives.map((number) => (
            <span key={number} className="forum-objective">
              {t('thread.objectiveBadge', { number, label: objectiveLabel(number) })}
            </span>
          ))}
          {thread.tags.map((tag) => (
            <Link
              key={tag}
              className="forum-tag"
              to={`/forum/search?tag=${encodeURIComponent(tag)}&q=${encodeURIComponent(tag)}`}
            >
              #{tag}
            </Link>
          ))}
        </p>
        <p className="forum-thread__meta">
          {t('thread.startedBy', { name: thread.author.displayName })} · <When at={thread.createdAt} /> ·{' '}
          {t('category.repliesCount', { count: thread.replyCount })}
        </p>
        <div className="toolbar">
          {member && (
            <button
              type="button"
              className={thread.following ? '' : 'button--quiet'}
              aria-pressed={thread.following}
              disabled={follow.isPending}
              onClick={() => follow.mutate(!thread.following)}
            >
              {thread.following ? t('thread.following') : t('thread.follow')}
            </button>
          )}
          {thread.acceptedPostId && (
            <a className="button button--quiet" href={`#post-${thread.acceptedPostId}`}>
              {t('thread.toAnswer')}
            </a>
          )}
        </div>
        {follow.error && <ErrorNotice error={follow.error} />}
      </header>
      <ForumNav />
      {thread.status === 'hidden' && (
        <p className="banner" role="status">
          {t('thread.hiddenBanner')}
        </p>
      )}
      {canModerate && <ModeratorTools thread={thread} threadKey={threadKey} />}

      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {posts.isPending && <Loading />}
      {posts.error && <ErrorNotice error={posts.error} onRetry={() => void posts.refetch()} />}
      <ol className="forum-posts" aria-label={t('thread.postsLabel')}>
        {items.map((post) => (
          <Fragment key={post.id}>
            {memberId && post.number === firstUnread && firstUnread > 1 && (
              <li className="forum-new-divider" aria-hidden="true">
                <span>{t('thread.newSince')}</span>
              </li>
            )}
            <li>
              <PostItem
                post={post}
                rights={rights}
                accepted={thread.acceptedPostId === post.id}
                replyToNumber={post.replyTo ? (numbers.get(post.replyTo) ?? null) : null}
                onQuote={quote}
                onAccept={onAccept}
                onChanged={onChanged}
              />
            </li>
          </Fragment>
        ))}
      </ol>
      {posts.hasNextPage && (
        <button
          type="button"
          className="button--quiet forum-more"
          disabled={posts.isFetchingNextPage}
          onClick={() => void posts.fetchNextPage()}
        >
          {posts.isFetchingNextPage ? t('loadingMore') : t('thread.more')}
        </button>
      )}

      {!member ? (
        <p className="card forum-reply-closed">
          <Link to={`/signin?next=${encodeURIComponent(`/forum/t/${thread.id}`)}`}>{t('thread.signInToReply')}</Link>
        </p>
      ) : !open ? null : thread.locked && !canModerate ? (
        <p className="card forum-reply-closed" role="status">
          {t('thread.lockedNotice')}
        </p>
      ) : (
        <ReplyBox
          thread={thread}
          draft={draft}
          setDraft={setDraft}
          focusSignal={focusSignal}
          replyToNumber={draft.replyTo ? (numbers.get(draft.replyTo) ?? null) : null}
          onPosted={(post) => {
            mergePost(client, postsKey, post, { append: true });
            client.setQueryData<Thread>(threadKey, (known) =>
              known ? { ...known, following: true, replyCount: Math.max(known.replyCount, post.number - 1) } : known,
            );
            setAnnouncement(t('thread.posted'));
          }}
        />
      )}
    </article>
  );
}

function ReplyBox({
  thread,
  draft,
  setDraft,
  focusSignal,
  replyToNumber,
  onPosted,
}: {
  thread: Thread;
  draft: Draft;
  setDraft: (update: (current: Draft) => Draft) => void;
  focusSignal: number;
  replyToNumber: number | null;
  onPosted: (post: Post) => void;
}) {
  const { t } = useTranslation('forum');
  const send = useMutation({
    mutationFn: () =>
      api<Post>(`/threads/${thread.id}/posts`, {
        method: 'POST',
        body: { body: draft.text, ...(draft.replyTo ? { replyTo: draft.replyTo } : {}) },
      }),
    onSuccess: (post) => {
      setDraft(() => ({ text: '', replyTo: null }));
      onPosted(post);
    },
  });
  const error = send.error instanceof ApiError ? send.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.text.trim() === '' || send.isPending) return;
    send.mutate();
  };
  return (
    <form className="card forum-reply" onSubmit={submit} aria-labelledby="reply-title">
      <h2 id="reply-title" className="forum-reply__title">
        {t('thread.replyTitle')}
      </h2>
      {thread.locked && (
        <p className="banner" role="status">
          {t('thread.lockedModerator')}
        </p>
      )}
      {draft.replyTo && (
        <p className="forum-reply__to">
          {replyToNumber !== null ? t('thread.replyingTo', { number: replyToNumber }) : t('thread.replyingToPost')}{' '}
          <button
            type="button"
            className="button--quiet"
            onClick={() => setDraft((current) => ({ ...current, replyTo: null }))}
          >
            {t('thread.notAReply')}
          </button>
        </p>
      )}
      <Composer
        label={t('thread.replyLabel')}
        value={draft.text}
        onChange={(text) => setDraft((current) => ({ ...current, text }))}
        focusSignal={focusSignal}
        error={error?.problemWith('body') ?? error?.problemWith('replyTo')}
      />
      {error && !error.problemWith('body') && !error.problemWith('replyTo') && <ErrorNotice error={error} />}
      <button type="submit" disabled={send.isPending || draft.text.trim() === ''}>
        {send.isPending ? t('thread.posting') : t('thread.postReply')}
      </button>
    </form>
  );
}
