import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { SelectField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useLanguageNames } from './languages';
import { FormatBadge, RegistrationBadge, SESSIONS_KEY, SessionListItem } from './parts';
import { useSessionTime, zoneLabel } from './time';
import {
  type GroupSummary,
  type LiveEventView,
  type LiveSessionView,
  type Page,
  SESSION_WHEN,
  type SessionWhen,
} from './types';

const PAGE_SIZE = 20;

/** `/sessions`: upcoming, live and past sessions with filters, and the upcoming events beside them. */
export function SessionsPage() {
  const { t } = useTranslation('sessions');
  const member = useMember();
  const format = useFormat();
  const names = useLanguageNames();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('list.title'));

  const asked = params.get('when') as SessionWhen | null;
  const when: SessionWhen = asked && SESSION_WHEN.includes(asked) ? asked : 'upcoming';
  const filters = {
    event: params.get('event') ?? '',
    group: params.get('group') ?? '',
    language: params.get('language') ?? '',
  };
  const filtered = Boolean(filters.event || filters.group || filters.language);
  const viewer = member?.id ?? null;

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'when' },
    );

  const sessions = useInfiniteQuery({
    queryKey: [SESSIONS_KEY, 'list', when, filters, viewer],
    queryFn: ({ pageParam, signal }) =>
      api<Page<LiveSessionView>>('/live/sessions', {
        query: { when, ...filters, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // How many are live now, for the tab (with the same filters).
  const live = useQuery({
    queryKey: [SESSIONS_KEY, 'list', 'live-count', filters, viewer],
    queryFn: ({ signal }) =>
      api<Page<LiveSessionView>>('/live/sessions', { query: { when: 'live', ...filters, limit: 100 }, signal }),
  });
  // Upcoming events (beside the list, and first in the event filter), then past ones for the filter.
  const events = useQuery({
    queryKey: [SESSIONS_KEY, 'events', 'by-date', viewer],
    queryFn: async ({ signal }) => {
      const [upcoming, past] = await Promise.all([
        api<Page<LiveEventView>>('/live/events', { query: { when: 'upcoming', limit: 100 }, signal }),
        api<Page<LiveEventView>>('/live/events', { query: { when: 'past', limit: 50 }, signal }),
      ]);
      return { upcoming: upcoming.items, past: past.items };
    },
  });
  const groups = useQuery({
    queryKey: [SESSIONS_KEY, 'my-groups', viewer],
    queryFn: ({ signal }) => api<Page<GroupSummary>>('/groups', { query: { mine: true, limit: 100 }, signal }),
    enabled: member !== null,
  });

  const allEvents = [...(events.data?.upcoming ?? []), ...(events.data?.past ?? [])];
  const eventTitles = new Map(allEvents.map((event) => [event.id, event.title]));
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  const liveCount = live.data?.items.length ?? 0;

  return (
    <div className="page sessions-page">
      <header className="sessions-head">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="lead">{t('list.lead')}</p>
        </div>
        {member && (
          <div className="toolbar">
            <Link className="button" to="/sessions/new">
              {t('list.newSession')}
            </Link>
            <Link className="button button--quiet" to="/events/new">
              {t('list.newEvent')}
            </Link>
          </div>
        )}
      </header>

      <div className="sessions-layout">
        <section className="sessions-main" aria-labelledby="sessions-list-heading">
          <div className="segmented sessions-tabs" role="group" aria-label={t('list.whenLabel')}>
            {SESSION_WHEN.map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={when === option}
                className={when === option ? '' : 'button--quiet'}
                onClick={() => set('when', option === 'upcoming' ? '' : option)}
              >
                {t(`list.when.${option}`)}
                {option === 'live' && liveCount > 0 && (
                  <span className="sessions-tabs__count">
                    <span aria-hidden="true">{format.number(liveCount)}</span>
                    <span className="visually-hidden">{t('list.liveCount', { count: liveCount })}</span>
                  </span>
                )}
              </button>
            ))}
          </div>

          <div className="sessions-filters" role="search" aria-label={t('list.filtersLabel')}>
            <SelectField
              label={t('list.filter.event')}
              value={filters.event}
              onChange={(e) => set('event', e.target.value)}
            >
              <option value="">{t('list.filter.anyEvent')}</option>
              {(['upcoming', 'past'] as const).map(
                (period) =>
                  (events.data?.[period].length ?? 0) > 0 && (
                    <optgroup key={period} label={t(`list.filter.${period}Events`)}>
                      {events.data![period].map((event) => (
                        <option key={event.id} value={event.id}>
                          {event.title}
                        </option>
                      ))}
                    </optgroup>
                  ),
              )}
            </SelectField>
            {(groups.data?.items.length ?? 0) > 0 && (
              <SelectField
                label={t('list.filter.group')}
                value={filters.group}
                onChange={(e) => set('group', e.target.value)}
              >
                <option value="">{t('list.filter.anyGroup')}</option>
                {groups.data!.items.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </SelectField>
            )}
            <SelectField
              label={t('list.filter.language')}
              value={filters.language}
              onChange={(e) => set('language', e.target.value)}
            >
              <option value="">{t('list.filter.anyLanguage')}</option>
              {names.choices().map((code) => (
                <option key={code} value={code}>
                  {names.nameOf(code)}
                </option>
              ))}
            </SelectField>
            {filtered && (
              <button
                type="button"
                className="button--quiet sessions-filters__clear"
                onClick={() =>
                  setParams((current) => {
                    const next = new URLSearchParams();
                    if (current.get('when')) next.set('when', current.get('when')!);
                    return next;
                  })
                }
              >
                {t('list.filter.clear')}
              </button>
            )}
          </div>

          <h2 id="sessions-list-heading">{t(`list.heading.${when}`)}</h2>
          {sessions.isPending ? (
            <Loading />
          ) : sessions.error ? (
            <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
          ) : items.length === 0 ? (
            <Empty>
              <p>{filtered ? t('list.emptyFiltered') : t(`list.empty.${when}`)}</p>
              {member && when === 'upcoming' && !filtered && (
                <Link className="button" to="/sessions/new">
                  {t('list.newSession')}
                </Link>
              )}
            </Empty>
          ) : (
            <>
              <p className="visually-hidden" role="status">
                {t('list.shown', { count: items.length })}
              </p>
              <ul className="list sessions-list">
                {items.map((session) => (
                  <SessionListItem
                    key={session.id}
                    session={session}
                    eventTitle={session.eventId ? eventTitles.get(session.eventId) : undefined}
                  />
                ))}
              </ul>
              {sessions.hasNextPage && (
                <button
                  type="button"
                  className="button--quiet sessions-more"
                  disabled={sessions.isFetchingNextPage}
                  onClick={() => void sessions.fetchNextPage()}
                >
                  {sessions.isFetchingNextPage ? t('list.loadingMore') : t('list.more')}
                </button>
              )}
            </>
          )}
        </section>

        <aside className="sessions-aside" aria-labelledby="sessions-events-heading">
          <h2 id="sessions-events-heading">{t('list.events')}</h2>
          {events.isPending ? (
            <Loading />
          ) : events.error ? (
            <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
          ) : events.data.upcoming.length === 0 ? (
            <p className="sessions-note">{t('list.noEvents')}</p>
          ) : (
            <ul className="list sessions-events">
              {events.data.upcoming.slice(0, 8).map((event) => (
                <EventListItem key={event.id} event={event} />
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}

function EventListItem({ event }: { event: LiveEventView }) {
  const { t } = useTranslation('sessions');
  const time = useSessionTime();
  return (
    <li className="sessions-event">
      <h3 className="sessions-item__title">
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p className="sessions-item__when">
        {time.dayRange(event.startsAt, event.endsAt, event.timezone)}
        <span className="sessions-item__zone"> {t('when.zoneShort', { zone: zoneLabel(event.timezone) })}</span>
      </p>
      <p className="sessions-meta">
        <FormatBadge format={event.format} />
        <RegistrationBadge registration={event.registration} />
        {event.venue && <span className="sessions-meta__text">{event.venue}</span>}
      </p>
    </li>
  );
}
