import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { ConnectionBanner } from './ConnectionBanner';
import type { LiveSession } from './live-types';
import { AfterSession, Exports, PollsPanel, QaSettingsForm } from './ModeratorPanels';
import { ModerationQuestion } from './ModerationQuestion';
import { countsOf, type Filter, FILTERS, questionsOf, useModerate } from './moderation';
import { type LiveRoom, useLiveSession } from './useLiveSession';

/**
 * `/live/:sessionId/moderate`: the console of the session's hosts and moderators. Moderators review the questions
 * (approve, dismiss, edit, merge, answer, put one on screen) and export them; hosts also start and end the session,
 * set its Q&A, run its polls, see its registrations, and afterwards carry the open questions to the forum.
 */
export function ModeratorPage() {
  const { sessionId = '' } = useParams();
  const member = useMember();
  const found = useQuery({
    queryKey: ['live', 'session', sessionId, member?.id ?? null],
    queryFn: () => api<LiveSession>(`/live/sessions/${sessionId}`),
    enabled: member !== null,
  });
  if (!member) return <NotForYou sessionId={sessionId} reason="signIn" />;
  if (found.error) return <NotForYou sessionId={sessionId} error={found.error} onRetry={() => void found.refetch()} />;
  if (!found.data) return <Loading />;
  if (!found.data.viewer.canModerate) return <NotForYou sessionId={sessionId} reason="notStaff" session={found.data} />;
  return <ModeratorConsole sessionId={sessionId} />;
}

function NotForYou({
  sessionId,
  reason,
  session,
  error,
  onRetry,
}: {
  sessionId: string;
  reason?: 'signIn' | 'notStaff';
  session?: LiveSession;
  error?: unknown;
  onRetry?: () => void;
}) {
  const { t } = useTranslation('live');
  usePageTitle(t('moderator.title'));
  return (
    <section className="page page--narrow">
      <h1>{session?.title ?? t('moderator.title')}</h1>
      {error ? (
        <ErrorNotice error={error} onRetry={error instanceof ApiError && error.status === 0 ? onRetry : undefined} />
      ) : (
        <p className="card" role="alert">
          {t(reason === 'signIn' ? 'moderator.signIn' : 'moderator.staffOnly')}
        </p>
      )}
      {reason === 'signIn' ? (
        <Link className="button" to={`/signin?next=${encodeURIComponent(`/live/${sessionId}/moderate`)}`}>
          {t('presenter.signInLink')}
        </Link>
      ) : (
        <Link to={`/live/${sessionId}`}>{t('presenter.attendeeView')}</Link>
      )}
    </section>
  );
}

function ModeratorConsole({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('live');
  const live = useLiveSession(sessionId);
  usePageTitle(live.session ? t('moderator.pageTitle', { title: live.session.title }) : t('moderator.title'));

  if (live.connection === 'refused') {
    const refusal = live.refusal && !live.refusal.ok ? live.refusal.error : null;
    return (
      <section className="page page--narrow">
        <h1>{t('moderator.title')}</h1>
        <ErrorNotice error={refusal ? new ApiError(403, refusal.code, refusal.message) : undefined} />
      </section>
    );
  }
  if (!live.session) return <Loading label={t('attendee.joining')} />;
  return <Console live={live} session={live.session} />;
}

function Console({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const canManage = session.viewer.canManage;
  const counts = useMemo(() => countsOf(live.questions), [live.questions]);

  return (
    <div className="page live-mod">
      <header className="live-mod__head">
        <div className="live-mod__heading">
          <p className="live-mod__eyebrow">
            <span className={`badge live-mod__status live-mod__status--${session.status}`}>
              {t(`moderator.status.${session.status}`)}
            </span>
            {session.code && <span className="badge">{t('join.code', { code: session.code })}</span>}
            <span>
              {format.dateTime(session.startsAt)} – {format.time(session.endsAt)}
            </span>
          </p>
          <h1>{session.title}</h1>
        </div>
        <div className="toolbar live-mod__links">
          <Link className="button button--quiet" to={`/live/${session.id}/present`} target="_blank" rel="noopener">
            {t('moderator.presenterScreen')}
          </Link>
          <Link className="button button--quiet" to={`/live/${session.id}`} target="_blank" rel="noopener">
            {t('moderator.attendeeView')}
          </Link>
          {canManage && <SessionSwitch live={live} session={session} />}
        </div>
      </header>
      <ConnectionBanner connection={live.connection} />

      <Counts live={live} session={session} pending={counts.incoming} />

      <div className="live-mod__grid">
        <QuestionsPanel live={live} session={session} />
        <div className="live-mod__side">
          {session.status === 'ended' && <AfterSession live={live} session={session} />}
          <PollsPanel live={live} session={session} />
          {canManage && <QaSettingsForm live={live} session={session} />}
          <Exports session={session} />
        </div>
      </div>
    </div>
  );
}

/** Start (scheduled) or end (live) the session; ending asks once more, since it cannot be undone. */
function SessionSwitch({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (to: 'start' | 'end') => api<LiveSession>(`/live/sessions/${session.id}/${to}`, { method: 'POST' }),
    onSuccess: (updated) => {
      live.upsertSession(updated);
      setConfirming(false);
    },
  });
  if (session.status === 'ended') return null;
  return (
    <>
      {session.status === 'scheduled' && (
        <button type="button" disabled={change.isPending} onClick={() => change.mutate('start')}>
          {t('moderator.start')}
        </button>
      )}
      {session.status === 'live' && !confirming && (
        <button type="button" className="button--danger" onClick={() => setConfirming(true)}>
          {t('moderator.end')}
        </button>
      )}
      {confirming && (
        <div className="live-mod__confirm" role="group" aria-label={t('moderator.end')}>
          <p>{t('moderator.endConfirm')}</p>
          <div className="toolbar">
            <button
              type="button"
              className="button--danger"
              disabled={change.isPending}
              onClick={() => change.mutate('end')}
            >
              {t('moderator.endNow')}
            </button>
            <button type="button" className="button--quiet" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </div>
      )}
      {change.error && <ErrorNotice error={change.error} />}
    </>
  );
}

interface RegistrantPage {
  items: { mode: 'in_person' | 'remote'; status: 'registered' | 'waitlisted' }[];
  nextCursor: string | null;
}

/** Every registration (the session's, or its event's), counted page by page; hosts only. */
async function countRegistrations(sessionId: string) {
  const counts = { in_person: 0, remote: 0, waitlisted: 0 };
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const page: RegistrantPage = await api<RegistrantPage>(`/live/sessions/${sessionId}/registrations`, {
      query: { format: 'json', limit: 100, cursor },
    });
    for (const item of page.items) {
      if (item.status === 'waitlisted') counts.waitlisted += 1;
      else counts[item.mode] += 1;
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return counts;
}

function Counts({ live, session, pending }: { live: LiveRoom; session: LiveSession; pending: number }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const registrations = useQuery({
    queryKey: ['live', 'registrations', session.id],
    queryFn: () => countRegistrations(session.id),
    enabled: session.viewer.canManage,
    refetchInterval: 60_000,
  });
  const registered = registrations.data ? registrations.data.in_person + registrations.data.remote : null;
  return (
    <dl className="live-mod__counts">
      <div>
        <dt>{t('moderator.counts.attendees')}</dt>
        <dd>{format.number(live.attendees)}</dd>
      </div>
      {session.viewer.canManage && (
        <div>
          <dt>{t('moderator.counts.registrations')}</dt>
          <dd>
            {registered === null ? '…' : format.number(registered)}
            {registrations.data && (
              <span className="live-mod__count-detail">
                {t('moderator.counts.registrationModes', {
                  inPerson: format.number(registrations.data.in_person),
                  remote: format.number(registrations.data.remote),
                })}
                {registrations.data.waitlisted > 0 &&
                  ` · ${t('moderator.counts.waitlisted', { count: registrations.data.waitlisted })}`}
              </span>
            )}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('moderator.counts.pending')}</dt>
        <dd>{format.number(pending)}</dd>
      </div>
      <div>
        <dt>{t('moderator.counts.qa')}</dt>
        <dd>{t(session.qa.open ? 'moderator.counts.qaOpen' : 'moderator.counts.qaClosed')}</dd>
      </div>
    </dl>
  );
}

function QuestionsPanel({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const [filter, setFilter] = useState<Filter>(session.qa.preModeration ? 'incoming' : 'live');
  const moderate = useModerate(live);
  const counts = useMemo(() => countsOf(live.questions), [live.questions]);
  const shown = useMemo(() => questionsOf(live.questions, filter), [live.questions, filter]);
  const qaSwitch = useMutation({
    mutationFn: () =>
      api<LiveSession>(`/live/sessions/${session.id}`, {
        method: 'PATCH',
        body: { qa: { ...session.qa, open: !session.qa.open } },
      }),
    onSuccess: live.upsertSession,
  });

  return (
    <section className="live-mod__questions" aria-labelledby="mod-questions">
      <div className="live-mod__section-head">
        <h2 id="mod-questions">{t('moderator.questions')}</h2>
        {session.viewer.canManage && session.status !== 'ended' && (
          <button
            type="button"
            className={session.qa.open ? '' : 'button--quiet'}
            aria-pressed={session.qa.open}
            disabled={qaSwitch.isPending}
            onClick={() => qaSwitch.mutate()}
          >
            {t('moderator.qaOpenToggle')}
          </button>
        )}
      </div>
      {qaSwitch.error && <ErrorNotice error={qaSwitch.error} />}
      <p className="visually-hidden" role="status">
        {t('moderator.pendingCount', { count: counts.incoming })}
      </p>
      <div className="segmented live-mod__filters" role="group" aria-label={t('moderator.filterLabel')}>
        {FILTERS.filter((name) => name !== 'other' || counts.other > 0).map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={filter === name}
            className={filter === name ? '' : 'button--quiet'}
            onClick={() => setFilter(name)}
          >
            {t(`moderator.filters.${name}`)} <span className="live-mod__filter-count">{counts[name]}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="state state--empty">{t(`moderator.empty.${filter}`)}</p>
      ) : (
        <ol className="list live-mod__list">
          {shown.map((question) => (
            <ModerationQuestion
              key={question.id}
              question={question}
              session={session}
              questions={live.questions}
              moderate={moderate}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
