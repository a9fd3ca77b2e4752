import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useLanguageNames } from './languages';
import { FormatBadge, RegistrationPanel, SESSIONS_KEY, StatusBadge, WhenText } from './parts';
import { useSessionTime } from './time';
import {
  type LiveEventView,
  type LiveSessionView,
  type Page,
  type Registrant,
  type SessionQuestion,
  viewerOf,
} from './types';

/** `/sessions/:sessionId`: everything about one session, before, during and after it. */
export function SessionPage() {
  const { t } = useTranslation('sessions');
  const { sessionId = '' } = useParams();
  const member = useMember();
  const viewer = member?.id ?? null;
  const found = useQuery({
    queryKey: [SESSIONS_KEY, 'session', sessionId, viewer],
    queryFn: ({ signal }) => api<LiveSessionView>(`/live/sessions/${sessionId}`, { signal }),
  });
  const session = found.data;
  const eventId = session?.eventId ?? null;
  const event = useQuery({
    queryKey: [SESSIONS_KEY, 'event', eventId, viewer],
    queryFn: ({ signal }) => api<LiveEventView>(`/live/events/${eventId}`, { signal }),
    enabled: eventId !== null,
  });
  usePageTitle(session?.title ?? t('session.title'));

  if (found.isPending) return <Loading />;
  if (found.error) {
    return (
      <section className="page page--narrow">
        <h1>{t('session.title')}</h1>
        <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
        <Link to="/sessions">{t('session.back')}</Link>
      </section>
    );
  }
  const s = found.data;
  const abilities = viewerOf(s);
  const ended = s.status === 'ended';
  const parent = event.data;

  return (
    <article className="page sessions-detail">
      <nav className="sessions-crumbs" aria-label={t('session.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/sessions">{t('list.title')}</Link>
          </li>
          {parent && (
            <li>
              <Link to={`/events/${parent.id}`}>{parent.title}</Link>
            </li>
          )}
        </ol>
      </nav>
      <header className="sessions-detail__head">
        <p className="sessions-meta">
          <StatusBadge status={s.status} />
          <FormatBadge format={s.format} />
        </p>
        <h1>{s.title}</h1>
        <WhenText startsAt={s.startsAt} endsAt={s.endsAt} timezone={s.timezone} />
      </header>

      {s.status === 'live' && s.code && (
        <div className="card sessions-live">
          <p className="sessions-live__text">
            <strong>{t('session.liveNow')}</strong> {t('session.liveCode', { code: s.code })}
          </p>
          <Link className="button" to={`/j/${s.code}`}>
            {t('session.joinQa')}
          </Link>
        </div>
      )}

      <div className="sessions-detail__grid">
        <div className="sessions-detail__main">
          {s.description && (
            <section aria-labelledby="session-about">
              <h2 id="session-about">{t('session.about')}</h2>
              <p className="sessions-text">{s.description}</p>
            </section>
          )}
          {s.agenda.length > 0 && <Agenda session={s} />}
          {ended && <AfterSession session={s} />}
        </div>

        <div className="sessions-detail__side">
          <SessionDetails session={s} />
          {(s.format !== 'in_person' || s.link) && !ended && <OnlineAccess session={s} />}
          {!ended &&
            (s.eventId ? (
              parent ? (
                <RegistrationPanel
                  target={{
                    kind: 'event',
                    id: parent.id,
                    format: parent.format,
                    capacity: parent.capacity,
                    open: parent.registrationOpen && new Date(parent.endsAt) > new Date(),
                    registration: s.registration,
                  }}
                  eventLink={{ id: parent.id, title: parent.title }}
                />
              ) : event.error ? (
                <ErrorNotice error={event.error} />
              ) : null
            ) : (
              <RegistrationPanel
                target={{
                  kind: 'session',
                  id: s.id,
                  format: s.format,
                  capacity: s.capacity,
                  open: s.registrationOpen,
                  registration: s.registration,
                }}
              />
            ))}
          {(abilities.canManage || abilities.canModerate || abilities.canPresent) && <TeamTools session={s} />}
        </div>
      </div>
    </article>
  );
}

function Agenda({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  const time = useSessionTime();
  return (
    <section aria-labelledby="session-agenda">
      <h2 id="session-agenda">{t('session.agenda')}</h2>
      <ol className="sessions-agenda">
        {session.agenda.map((item, index) => (
          <li key={index} className="sessions-agenda__item">
            <span className="sessions-agenda__time">
              {item.startsAt ? time.time(item.startsAt, session.timezone) : ''}
            </span>
            <div>
              <p className="sessions-agenda__title">{item.title}</p>
              {item.speakers.length > 0 && (
                <p className="sessions-agenda__speakers">
                  {t('session.speakers', { count: item.speakers.length, names: item.speakers.join(', ') })}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function SessionDetails({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  const names = useLanguageNames();
  const hosts = session.staff.filter((member) => member.role === 'host' && member.displayName);
  return (
    <section className="card" aria-labelledby="session-details">
      <h2 id="session-details">{t('session.details')}</h2>
      <dl className="sessions-facts">
        <dt>{t('session.format')}</dt>
        <dd>{t(`format.${session.format}`)}</dd>
        {session.venue && (
          <>
            <dt>{t('session.venue')}</dt>
            <dd>{session.venue}</dd>
          </>
        )}
        <dt>{t('session.timezone')}</dt>
        <dd>{session.timezone}</dd>
        <dt>{t('session.languages')}</dt>
        <dd>
          {session.languages.length > 0 ? (
            <ul className="sessions-inline-list">
              {session.languages.map((code) => (
                <li key={code}>{names.nameOf(code)}</li>
              ))}
            </ul>
          ) : (
            t('session.noLanguages')
          )}
        </dd>
        {hosts.length > 0 && (
          <>
            <dt>{t('session.hosts', { count: hosts.length })}</dt>
            <dd>{hosts.map((host) => host.displayName).join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function OnlineAccess({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  return (
    <section className="card sessions-access" aria-labelledby="session-access">
      <h2 id="session-access">{t('access.title')}</h2>
      {session.link ? (
        <>
          <p>
            <a className="button" href={session.link} target="_blank" rel="noopener noreferrer">
              {t('access.open')}
              <span className="visually-hidden"> {t('access.newTab')}</span>
            </a>
          </p>
          <p className="sessions-access__url">{session.link}</p>
        </>
      ) : session.link === '' ? (
        <p className="sessions-note">{t('access.none')}</p>
      ) : (
        <p className="sessions-note">{t('access.afterRegistration')}</p>
      )}
    </section>
  );
}

/** After the end: the recording, the materials, the thread its open questions went to, and the questions. */
function AfterSession({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  return (
    <section aria-labelledby="session-after" className="sessions-after">
      <h2 id="session-after">{t('after.title')}</h2>
      {session.recordingUrl ? (
        <p>
          <a className="button" href={session.recordingUrl} target="_blank" rel="noopener noreferrer">
            {t('after.recording')}
            <span className="visually-hidden"> {t('access.newTab')}</span>
          </a>
        </p>
      ) : (
        <p className="sessions-note">{t('after.noRecording')}</p>
      )}
      {session.materials.length > 0 && (
        <>
          <h3>{t('after.materials')}</h3>
          <ul className="sessions-materials">
            {session.materials.map((material, index) => (
              <li key={index}>
                <a href={material.url} target="_blank" rel="noopener noreferrer">
                  {material.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {session.forumThreadId && (
        <p className="sessions-forum">
          {t('after.forumIntro')} <Link to={`/forum/t/${session.forumThreadId}`}>{t('after.forumLink')}</Link>
        </p>
      )}
      <SessionQuestions sessionId={session.id} />
    </section>
  );
}

function SessionQuestions({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('sessions');
  const format = useFormat();
  const questions = useQuery({
    queryKey: [SESSIONS_KEY, 'questions', sessionId],
    queryFn: ({ signal }) =>
      api<{ items: SessionQuestion[] }>(`/live/sessions/${sessionId}/questions`, { query: { sort: 'top' }, signal }),
  });
  if (questions.isPending) return <Loading />;
  if (questions.error) return <ErrorNotice error={questions.error} onRetry={() => void questions.refetch()} />;
  const answered = questions.data.items.filter((question) => question.state === 'answered');
  const open = questions.data.items.filter((question) => question.state === 'approved');
  if (answered.length === 0 && open.length === 0) return <p className="sessions-note">{t('after.noQuestions')}</p>;
  const render = (list: SessionQuestion[]) => (
    <ul className="list sessions-questions">
      {list.map((question) => (
        <li key={question.id}>
          <p className="sessions-question__text">{question.text}</p>
          <p className="sessions-meta">
            <span className="sessions-meta__text">
              {question.author ? question.author.displayName : t('after.anonymous')}
            </span>
            <span className="badge">
              {t('after.votes', { count: question.votes, formatted: format.number(question.votes) })}
            </span>
          </p>
          {question.answer && <p className="sessions-question__answer">{question.answer}</p>}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {answered.length > 0 && (
        <>
          <h3>{t('after.answered', { count: answered.length })}</h3>
          {render(answered)}
        </>
      )}
      {open.length > 0 && (
        <>
          <h3>{t('after.open', { count: open.length })}</h3>
          {render(open)}
        </>
      )}
    </>
  );
}

/** For the session's hosts, moderators and presenters: their tools, and the registrations for its hosts. */
function TeamTools({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  const abilities = viewerOf(session);
  const headingId = useId();
  return (
    <section className="card sessions-team" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('team.title')}</h2>
      <ul className="sessions-team__links">
        {abilities.canManage && (
          <li>
            <Link className="button" to={`/sessions/${session.id}/edit`}>
              {t('team.edit')}
            </Link>
          </li>
        )}
        {abilities.canModerate && (
          <li>
            <Link className="button button--quiet" to={`/live/${session.id}/moderate`}>
              {t('team.moderate')}
            </Link>
          </li>
        )}
        {abilities.canPresent && (
          <li>
            <Link className="button button--quiet" to={`/live/${session.id}/present`}>
              {t('team.present')}
            </Link>
          </li>
        )}
      </ul>
      {session.code && <p className="sessions-note">{t('team.code', { code: session.code })}</p>}
      {abilities.canManage && <Registrations session={session} />}
    </section>
  );
}

function Registrations({ session }: { session: LiveSessionView }) {
  const { t } = useTranslation('sessions');
  const format = useFormat();
  const list = useQuery({
    queryKey: [SESSIONS_KEY, 'registrants', session.id],
    queryFn: ({ signal }) =>
      api<Page<Registrant>>(`/live/sessions/${session.id}/registrations`, { query: { limit: 100 }, signal }),
  });
  const download = useMutation({
    mutationFn: async () => {
      const csv = await api<string>(`/live/sessions/${session.id}/registrations`, { query: { format: 'csv' } });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `registrations-${session.id}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    },
  });
  const count = (mode: Registrant['mode'], status: Registrant['status']) =>
    list.data?.items.filter((item) => item.mode === mode && item.status === status).length ?? 0;
  const more = Boolean(list.data?.nextCursor);
  return (
    <div className="sessions-registrants">
      <h3>{session.eventId ? t('team.registrationsEvent') : t('team.registrations')}</h3>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} />
      ) : (
        <dl className="sessions-facts">
          {(['in_person', 'remote'] as const).map((mode) => (
            <div key={mode} className="sessions-facts__row">
              <dt>{t(`mode.${mode}`)}</dt>
              <dd>
                {t('team.registered', {
                  count: count(mode, 'registered'),
                  formatted: format.number(count(mode, 'registered')),
                })}
                {count(mode, 'waitlisted') > 0 && (
                  <>
                    {', '}
                    {t('team.waiting', {
                      count: count(mode, 'waitlisted'),
                      formatted: format.number(count(mode, 'waitlisted')),
                    })}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {more && <p className="sessions-note">{t('team.firstHundred')}</p>}
      <button type="button" className="button--quiet" disabled={download.isPending} onClick={() => download.mutate()}>
        {t('team.download')}
      </button>
      {download.error && <ErrorNotice error={download.error} />}
    </div>
  );
}
