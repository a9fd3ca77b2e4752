import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { emitWithAck } from '../../api/socket';
import { useFormat } from '../../i18n/format';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { forumKeys, mergeThread, useCategory } from './forum-api';
import { useForumSocket } from './forum-socket';
import { type Category, type Page, type Thread, THREAD_SORTS, type ThreadSort } from './forum-types';
import { ForumNav, When } from './ForumNav';

const PAGE_SIZE = 25;

/** `/forum/c/:categoryId`: the category's threads (Latest, Top, Unanswered), a page at a time, kept up to date live. */
export function CategoryPage() {
  const { categoryId = '' } = useParams();
  const { t } = useTranslation('forum');
  const member = useMember();
  const memberId = member?.id ?? null;
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const sort: ThreadSort = (THREAD_SORTS as readonly string[]).includes(params.get('sort') ?? '')
    ? (params.get('sort') as ThreadSort)
    : 'latest';
  const category = useCategory(categoryId);
  const key = forumKeys.threads(categoryId, sort, memberId);
  const threads = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Thread>>(`/categories/${categoryId}/threads`, {
        query: { sort, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const [fresh, setFresh] = useState(0);
  const follow = useMutation({
    mutationFn: (on: boolean) => api<void>(`/categories/${categoryId}/follow`, { method: on ? 'PUT' : 'DELETE' }),
    onSuccess: (_, on) =>
      client.setQueryData<Category>(forumKeys.category(categoryId, memberId), (known) =>
        known ? { ...known, followed: on } : known,
      ),
  });
  usePageTitle(category.data?.name ?? t('category.title'));

  useForumSocket(memberId, `category:${categoryId}:${sort}`, (socket) => {
    const join = () => void emitWithAck(socket, 'category:join', { categoryId }).catch(() => undefined);
    const onConnect = () => {
      if (!socket.recovered) {
        join();
        void client.invalidateQueries({ queryKey: ['forum', 'threads', categoryId] });
      }
    };
    const update = (change: (items: Thread[]) => Thread[]) =>
      client.setQueryData<InfiniteData<Page<Thread>>>(key, (data) =>
        data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) } : data,
      );
    const onCreated = ({ thread }: { thread: Thread }) => {
      if (thread.author.id !== memberId) setFresh((count) => count + 1);
    };
    const onUpdated = ({ thread }: { thread: Thread }) =>
      update((items) => items.map((known) => (known.id === thread.id ? mergeThread(known, thread, memberId) : known)));
    const onRemoved = ({ threadId }: { threadId: string }) =>
      update((items) => items.filter((known) => known.id !== threadId));
    if (socket.connected) join();
    socket.on('connect', onConnect);
    socket.on('thread:created', onCreated);
    socket.on('thread:updated', onUpdated);
    socket.on('thread:removed', onRemoved);
    return () => {
      socket.off('connect', onConnect);
      socket.off('thread:created', onCreated);
      socket.off('thread:updated', onUpdated);
      socket.off('thread:removed', onRemoved);
      if (socket.connected) socket.emit('category:leave', { categoryId });
    };
  });

  const showFresh = () => {
    setFresh(0);
    void threads.refetch();
  };
  const items = threads.data?.pages.flatMap((page) => page.items) ?? [];

  if (category.error) {
    return (
      <section className="page">
        <h1>{t('category.title')}</h1>
        <ErrorNotice error={category.error} onRetry={() => void category.refetch()} />
      </section>
    );
  }
  return (
    <section className="page forum">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link>
      </p>
      <div className="forum-head">
        <div>
          <h1>{category.data?.name ?? t('category.title')}</h1>
          {category.data?.description && <p className="lead">{category.data.description}</p>}
        </div>
        <div className="toolbar">
          {member && category.data && (
            <button
              type="button"
              className={category.data.followed ? '' : 'button--quiet'}
              aria-pressed={category.data.followed ?? false}
              aria-describedby="category-follow-hint"
              disabled={follow.isPending}
              onClick={() => follow.mutate(!category.data?.followed)}
            >
              {category.data.followed ? t('category.following') : t('category.follow')}
            </button>
          )}
          {category.data?.viewer.canStartThread && (
            <Link className="button" to={`/forum/c/${categoryId}/new`}>
              {t('category.newThread')}
            </Link>
          )}
        </div>
        {!member && category.data && (
          <Link to={`/signin?next=${encodeURIComponent(`/forum/c/${categoryId}`)}`}>{t('signInToTakePart')}</Link>
        )}
      </div>
      {member && (
        <p id="category-follow-hint" className="field__hint">
          {t('category.followHint')}
        </p>
      )}
      {follow.error && <ErrorNotice error={follow.error} />}
      <ForumNav />
      <div className="toolbar forum-sorts">
        <div className="segmented" role="group" aria-label={t('category.sortLabel')}>
          {THREAD_SORTS.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={sort === option}
              className={sort === option ? '' : 'button--quiet'}
              onClick={() => {
                setFresh(0);
                setParams(option === 'latest' ? {} : { sort: option }, { replace: true });
              }}
            >
              {t(`category.sort.${option}`)}
            </button>
          ))}
        </div>
      </div>
      <div role="status" aria-live="polite">
        {fresh > 0 && (
          <button type="button" className="forum-fresh" onClick={showFresh}>
            {t('category.fresh', { count: fresh })}
          </button>
        )}
      </div>
      {threads.isPending && <Loading />}
      {threads.error && <ErrorNotice error={threads.error} onRetry={() => void threads.refetch()} />}
      {threads.data && items.length === 0 && (
        <Empty>{sort === 'unanswered' ? t('category.noUnanswered') : t('category.empty')}</Empty>
      )}
      {items.length > 0 && (
        <ol className="forum-thread-list" aria-label={t('category.threadsLabel')}>
          {items.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} signedIn={member !== null} />
          ))}
        </ol>
      )}
      {threads.hasNextPage && (
        <button
          type="button"
          className="button--quiet forum-more"
          disabled={threads.isFetchingNextPage}
          onClick={() => void threads.fetchNextPage()}
        >
          {threads.isFetchingNextPage ? t('loadingMore') : t('category.more')}
        </button>
      )}
    </section>
  );
}

function ThreadRow({ thread, signedIn }: { thread: Thread; signedIn: boolean }) {
  const { t } = useTranslation('forum');
  const format = useFormat();
  const unread = signedIn && thread.unreadCount > 0;
  return (
    <li className={`forum-thread-row${unread ? ' forum-thread-row--unread' : ''}`}>
      <div className="forum-thread-row__main">
        <h2 className="forum-thread-row__title">
          <Link to={`/forum/t/${thread.id}`}>{thread.title}</Link>
        </h2>
        <p className="forum-thread-row__badges">
          {thread.pinned && <span className="badge badge--accent">{t('thread.pinned')}</span>}
          {thread.locked && <span className="badge">{t('thread.locked')}</span>}
          {thread.status === 'hidden' && <span className="badge badge--warn">{t('thread.hidden')}</span>}
          {thread.acceptedPostId && <span className="badge badge--good">{t('thread.solved')}</span>}
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
        <p className="forum-thread-row__meta">
          {t('category.startedBy', { name: thread.author.displayName })} ·{' '}
          {t('category.lastActivity', { name: thread.lastPoster.displayName })} <When at={thread.lastActivityAt} />
        </p>
      </div>
      <div className="forum-thread-row__stats">
        <span className="forum-count">
          <span className="forum-count__number">{format.number(thread.replyCount)}</span>{' '}
          <span className="forum-count__label">{t('category.replies', { count: thread.replyCount })}</span>
        </span>
        {unread && (
          <span className="badge forum-unread">
            {t('category.unread', { count: thread.unreadCount, formatted: format.number(thread.unreadCount) })}
          </span>
        )}
      </div>
    </li>
  );
}
