import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { EventInvite } from './EventInvitations';
import { useLanguageNames } from './languages';
import { FormatBadge, RegistrationPanel, SESSIONS_KEY, SessionListItem, WhenText } from './parts';
import { useSessionTime } from './time';
import type { LiveEventView, LiveSessionView, Page } from './types';

/** `/events/:eventId`: an event (an annual meeting over two days), its programme of sessions, and registration. */
export function EventPage() {
  const { t } = useTranslation('sessions');
  const { eventId = '' } = useParams();
  const member = useMember();
  const viewer = member?.id ?? null;
  const found = useQuery({
    queryKey: [SESSIONS_KEY, 'event', eventId, viewer],
    queryFn: ({ signal }) => api<LiveEventView>(`/live/events/${eventId}`, { signal }),
  });
  const sessions = useQuery({
    queryKey: [SESSIONS_KEY, 'list', 'event', eventId, viewer],
    queryFn: ({ signal }) =>
      api<Page<LiveSessionView>>('/live/sessions', { query: { event: eventId, limit: 100 }, signal }),
    enabled: found.isSuccess,
  });
  usePageTitle(found.data?.title ?? t('event.title'));

  if (found.isPending) return <Loading />;
  if (found.error) {
    return (
      <section className="page page--narrow">
        <h1>{t('event.title')}</h1>
        <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
        <Link to="/sessions">{t('session.back')}</Link>
      </section>
    );
  }
  const event = found.data;
  const over = new Date(event.endsAt) <= new Date();

  return (
    <article className="page sessions-detail">
      <nav className="sessions-crumbs" aria-label={t('session.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/sessions">{t('list.title')}</Link>
          </li>
        </ol>
      </nav>
      <header className="sessions-detail__head">
        <p className="sessions-meta">
          <span className="badge">{t('event.kind')}</span>
          <FormatBadge format={event.format} />
          {over && <span className="badge sessions-badge--ended">{t('event.over')}</span>}
        </p>
        <h1>{event.title}</h1>
        <WhenText startsAt={event.startsAt} endsAt={event.endsAt} timezone={event.timezone} days />
        {event.canManage && (
          <div className="toolbar sessions-detail__tools">
            <Link className="button" to={`/sessions/new?event=${event.id}`}>
              {t('event.addSession')}
            </Link>
            <Link className="button button--quiet" to={`/events/${event.id}/edit`}>
              {t('event.edit')}
            </Link>
          </div>
        )}
      </header>

      <div className="sessions-detail__grid">
        <div className="sessions-detail__main">
          {event.description && (
            <section aria-labelledby="event-about">
              <h2 id="event-about">{t('session.about')}</h2>
              <p className="sessions-text">{event.description}</p>
            </section>
          )}
          <section aria-labelledby="event-programme">
            <h2 id="event-programme">{t('event.programme')}</h2>
            {sessions.isPending ? (
              <Loading />
            ) : sessions.error ? (
              <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
            ) : sessions.data.items.length === 0 ? (
              <Empty>
                <p>{t('event.noSessions')}</p>
              </Empty>
            ) : (
              <Programme event={event} sessions={sessions.data.items} />
            )}
          </section>
        </div>
        <div className="sessions-detail__side">
          <EventDetails event={event} />
          {event.canManage && !over && <EventInvite eventId={event.id} />}
          {over ? (
            <p className="card sessions-note">{t('event.overNote')}</p>
          ) : (
            <RegistrationPanel
              target={{
                kind: 'event',
                id: event.id,
                format: event.format,
                capacity: event.capacity,
                open: event.registrationOpen,
                registration: event.registration,
              }}
            />
          )}
        </div>
      </div>
    </article>
  );
}

/** The sessions by day, on the event's clocks. */
function Programme({ event, sessions }: { event: LiveEventView; sessions: LiveSessionView[] }) {
  const time = useSessionTime();
  const days = new Map<string, LiveSessionView[]>();
  for (const session of sessions) {
    const key = time.dayKey(session.startsAt, event.timezone);
    days.set(key, [...(days.get(key) ?? []), session]);
  }
  return (
    <>
      {[...days.values()].map((daySessions) => (
        <section key={daySessions[0].id} className="sessions-day">
          <h3 className="sessions-day__title">{time.day(daySessions[0].startsAt, event.timezone)}</h3>
          <ul className="list sessions-list">
            {daySessions.map((session) => (
              <SessionListItem key={session.id} session={session} programme />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function EventDetails({ event }: { event: LiveEventView }) {
  const { t } = useTranslation('sessions');
  const names = useLanguageNames();
  return (
    <section className="card" aria-labelledby="event-details">
      <h2 id="event-details">{t('session.details')}</h2>
      <dl className="sessions-facts">
        <dt>{t('session.format')}</dt>
        <dd>{t(`format.${event.format}`)}</dd>
        {event.venue && (
          <>
            <dt>{t('session.venue')}</dt>
            <dd>{event.venue}</dd>
          </>
        )}
        <dt>{t('session.timezone')}</dt>
        <dd>{event.timezone}</dd>
        <dt>{t('session.languages')}</dt>
        <dd>
          {event.languages.length > 0 ? (
            <ul className="sessions-inline-list">
              {event.languages.map((code) => (
                <li key={code}>{names.nameOf(code)}</li>
              ))}
            </ul>
          ) : (
            t('session.noLanguages')
          )}
        </dd>
        {event.groupId && (
          <>
            <dt>{t('event.group')}</dt>
            <dd>
              <Link to={`/groups/${event.groupId}`}>{t('event.groupLink')}</Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
