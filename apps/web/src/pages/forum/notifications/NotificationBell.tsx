import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { api } from '../../../api/http';
import { useMember } from '../../../api/session';
import { useFormat } from '../../../i18n/format';
import { useForumSocket } from '../forum-socket';
import { notificationKeys, type NotificationPage } from './notification-types';

/**
 * The bell in the site header: the member's unread notifications, counted by the server and raised live as
 * `notification:created` arrives on their socket (and counted again after a reconnection that could not recover).
 */
export function NotificationBell() {
  const { t } = useTranslation('forum');
  const format = useFormat();
  const member = useMember();
  const memberId = member?.id ?? null;
  const client = useQueryClient();
  const key = notificationKeys.unread(memberId);
  const unread = useQuery({
    queryKey: key,
    queryFn: () =>
      api<NotificationPage>('/notifications', { query: { unread: true, limit: 1 } }).then((page) => page.unreadTotal),
    enabled: memberId !== null,
    staleTime: 30_000,
  });

  useForumSocket(memberId, 'bell', (socket) => {
    const onCreated = () => {
      client.setQueryData<number>(key, (count) => (count ?? 0) + 1);
      void client.invalidateQueries({ queryKey: ['notifications', 'list'] });
    };
    const onConnect = () => {
      if (!socket.recovered) void client.invalidateQueries({ queryKey: ['notifications'] });
    };
    socket.on('notification:created', onCreated);
    socket.on('connect', onConnect);
    return () => {
      socket.off('notification:created', onCreated);
      socket.off('connect', onConnect);
    };
  });

  if (!member) return null;
  const count = unread.data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="forum-bell"
      aria-label={t('bell.label', { count, formatted: format.number(count) })}
    >
      <svg className="forum-bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 && (
        <span className="forum-bell__count" aria-hidden="true">
          {count > 99 ? '99+' : format.number(count)}
        </span>
      )}
    </NavLink>
  );
}
