import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/http';
import { useMember } from '../../../api/session';
import { useFormat } from '../../../i18n/format';
import { Empty, ErrorNotice, Loading } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { When } from '../ForumNav';
import { type Notification, notificationKeys, type NotificationPage, targetOf } from './notification-types';

type Filter = 'all' | 'unread';

/** `/notifications`: the member's notifications, newest first; each leads to what it is about and can be marked read. */
export function NotificationsPage() {
  const { t } = useTranslation('forum');
  const format = useFormat();
  const member = useMember();
  const memberId = member?.id ?? null;
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('filter') === 'unread' ? 'unread' : 'all';
  usePageTitle(t('notifications.title'));
  const key = notificationKeys.list(filter, memberId);
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>('/notifications', {
        query: { unread: filter === 'unread' ? true : undefined, limit: 30, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: memberId !== null,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadTotal = list.data?.pages[0]?.unreadTotal ?? 0;

  const markRead = useMutation({
    mutationFn: (id: string) => api<Notification>(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: (updated) => {
      client.setQueryData<InfiniteData<NotificationPage>>(key, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                unreadTotal: Math.max(0, page.unreadTotal - 1),
                items: page.items.map((known) => (known.id === updated.id ? updated : known)),
              })),
            }
          : data,
      );
      void client.invalidateQueries({ queryKey: ['notifications', 'unread'] });
    },
  });
  const markAll = useMutation({
    mutationFn: () => api<{ updated: number }>('/notifications/read-all', { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });

  if (!member) {
    return (
      <section className="page page--narrow">
        <h1>{t('notifications.title')}</h1>
        <p>
          <Link to="/signin?next=%2Fnotifications">{t('notifications.signIn')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page forum forum-notifications">
      <div className="forum-head">
        <div>
          <h1>{t('notifications.title')}</h1>
          <p className="lead" role="status" aria-live="polite">
            {list.data ? t('notifications.unread', { count: unreadTotal, formatted: format.number(unreadTotal) }) : ''}
          </p>
        </div>
        <button
          type="button"
          className="button--quiet"
          disabled={unreadTotal === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAll')}
        </button>
      </div>
      <div className="segmented" role="group" aria-label={t('notifications.filterLabel')}>
        {(['all', 'unread'] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={filter === option}
            className={filter === option ? '' : 'button--quiet'}
            onClick={() => setParams(option === 'all' ? {} : { filter: option }, { replace: true })}
          >
            {t(`notifications.filter.${option}`)}
          </button>
        ))}
      </div>
      {(markAll.error || markRead.error) && <ErrorNotice error={markAll.error ?? markRead.error} />}
      {list.isPending && <Loading />}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && (
        <Empty>{filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}</Empty>
      )}
      <ol className="forum-notification-list">
        {items.map((notification) => (
          <li
            key={notification.id}
            className={`forum-notification${notification.read ? '' : ' forum-notification--unread'}`}
          >
            <NotificationText
              notification={notification}
              onOpen={() => !notification.read && markRead.mutate(notification.id)}
            />
            <p className="forum-notification__meta">
              {!notification.read && <span className="badge badge--accent">{t('notifications.new')}</span>}{' '}
              <When at={notification.createdAt} />
            </p>
            {!notification.read && (
              <button
                type="button"
                className="button--quiet forum-notification__read"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate(notification.id)}
              >
                {t('notifications.markRead')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {list.hasNextPage && (
        <button
          type="button"
          className="button--quiet forum-more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? t('loadingMore') : t('notifications.more')}
        </button>
      )}
    </section>
  );
}

function NotificationText({ notification, onOpen }: { notification: Notification; onOpen: () => void }) {
  const { t } = useTranslation('forum');
  const actor = notification.actor?.displayName ?? t('notifications.someone');
  const action = notification.action
    ? t(`actions.${notification.action.replace('.', '_')}`, { defaultValue: notification.action })
    : '';
  const kind =
    notification.kind === 'moderation' && !notification.text
      ? 'moderation_account'
      : // a revision back to its reviewers, and each decision, say so in words of their own
        (notification.kind === 'review_assigned' && notification.action === 'revised') ||
          (notification.kind === 'review_decision' && notification.action)
        ? `${notification.kind}_${notification.action}`
        : notification.kind;
  const message = t(`notifications.kinds.${kind}`, {
    actor,
    text: notification.text ?? '',
    action,
    defaultValue: notification.text ?? notification.kind,
  });
  const target = targetOf(notification);
  return (
    <div className="forum-notification__body">
      <p className="forum-notification__text">
        {target ? (
          <Link to={target} onClick={onOpen}>
            {message}
          </Link>
        ) : (
          message
        )}
      </p>
      {notification.reason && (
        <p className="forum-notification__reason">
          <strong>{t('notifications.reason')}</strong> {notification.reason}
        </p>
      )}
    </div>
  );
}
