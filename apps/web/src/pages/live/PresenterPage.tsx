import { useQuery } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { ConnectionBanner } from './ConnectionBanner';
import type { LiveSession, Poll, Question } from './live-types';
import { PollResults } from './PollResults';
import { useLiveSession } from './useLiveSession';

/** How many questions the screen lists under the highlighted one (fewer while a poll shares the screen). */
const TOP = 5;
const TOP_WITH_POLL = 3;

/**
 * `/live/:sessionId/present`: the room's screen, readable from the back: the highlighted question, the most voted
 * ones, the poll being run, and how to join (code, address, QR code). Opened by the session's staff with their own
 * token, it shows only what attendees see, although a moderator's socket also receives the questions under review.
 */
export function PresenterPage() {
  const { sessionId = '' } = useParams();
  const member = useMember();
  const found = useQuery({
    queryKey: ['live', 'session', sessionId, member?.id ?? null],
    queryFn: () => api<LiveSession>(`/live/sessions/${sessionId}`),
    enabled: member !== null,
  });
  if (!member) return <StaffOnly sessionId={sessionId} reason="signIn" />;
  if (found.error) return <StaffOnly sessionId={sessionId} error={found.error} />;
  if (!found.data) return <Loading />;
  const { viewer } = found.data;
  if (!viewer.canPresent && !viewer.canModerate) return <StaffOnly sessionId={sessionId} reason="notStaff" />;
  return <PresenterScreen sessionId={sessionId} />;
}

function StaffOnly({
  sessionId,
  reason,
  error,
}: {
  sessionId: string;
  reason?: 'signIn' | 'notStaff';
  error?: unknown;
}) {
  const { t } = useTranslation('live');
  usePageTitle(t('presenter.title'));
  const next = encodeURIComponent(`/live/${sessionId}/present`);
  return (
    <section className="page page--narrow">
      <h1>{t('presenter.title')}</h1>
      {error ? (
        <ErrorNotice error={error} />
      ) : (
        <p role="alert">{t(reason === 'signIn' ? 'presenter.signIn' : 'presenter.staffOnly')}</p>
      )}
      {reason === 'signIn' ? (
        <Link to={`/signin?next=${next}`} className="button">
          {t('presenter.signInLink')}
        </Link>
      ) : (
        <Link to={`/live/${sessionId}`}>{t('presenter.attendeeView')}</Link>
      )}
    </section>
  );
}

function subscribeFullscreen(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}

function useFullscreen(): [boolean, () => void] {
  const on = useSyncExternalStore(subscribeFullscreen, () => document.fullscreenElement !== null);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return [on, toggle];
}

/** The poll on screen: the one being voted on, else the last closed one whose results are shown. */
export function pollOnScreen(polls: Poll[]): Poll | null {
  const open = polls
    .filter((poll) => poll.state === 'open')
    .sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''));
  if (open.length > 0) return open[0];
  const shown = polls
    .filter((poll) => poll.state === 'closed' && poll.showResults)
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return shown[0] ?? null;
}

/** The room's questions (approved, not answered), most voted first; ties in order of asking. */
export function topQuestions(questions: Question[]): Question[] {
  return questions
    .filter((question) => question.state === 'approved' && !question.highlighted)
    .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt));
}

function PresenterScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const live = useLiveSession(sessionId);
  const [fullscreen, toggleFullscreen] = useFullscreen();
  usePageTitle(live.session ? t('presenter.pageTitle', { title: live.session.title }) : t('presenter.title'));

  // Never what attendees do not see: a moderator's socket also gets pending and dismissed questions.
  const highlighted = useMemo(
    () => live.questions.find((question) => question.highlighted && ['approved', 'answered'].includes(question.state)),
    [live.questions],
  );
  const top = useMemo(() => topQuestions(live.questions), [live.questions]);
  const answered = live.questions.filter((question) => question.state === 'answered').length;
  const poll = pollOnScreen(live.polls);

  if (live.connection === 'refused') {
    const refusal = live.refusal && !live.refusal.ok ? live.refusal.error : null;
    return (
      <section className="page page--narrow">
        <h1>{t('presenter.title')}</h1>
        <ErrorNotice error={refusal ? new ApiError(403, refusal.code, refusal.message) : undefined} />
      </section>
    );
  }
  if (!live.session) return <Loading label={t('attendee.joining')} />;
  const session = live.session;
  const joinUrl = session.joinLink ? `${window.location.origin}${session.joinLink}` : null;
  const shown = top.slice(0, poll ? TOP_WITH_POLL : TOP);

  return (
    <div className="live-present">
      <header className="live-present__bar">
        <h1 className="live-present__title">{session.title}</h1>
        <div className="live-present__tools">
          <p className="live-present__count">
            {t('attendee.attendees', { count: live.attendees, formatted: format.number(live.attendees) })}
          </p>
          <LanguageSwitcher />
          {document.fullscreenEnabled && (
            <button type="button" className="button--quiet" aria-pressed={fullscreen} onClick={toggleFullscreen}>
              {t('presenter.fullscreen')}
            </button>
          )}
        </div>
      </header>
      <ConnectionBanner connection={live.connection} />
      {session.status !== 'live' && (
        <p className="live-present__status" role="status">
          {t(session.status === 'ended' ? 'presenter.ended' : 'presenter.notStarted')}
        </p>
      )}

      <div className="live-present__grid">
        <div className="live-present__main">
          {highlighted && (
            <section className="live-present__spotlight" aria-labelledby="present-spotlight">
              <h2 id="present-spotlight" className="live-present__label">
                {t('presenter.onScreen')}
              </h2>
              <blockquote className="live-present__highlight">
                <p>{highlighted.text}</p>
                <footer>
                  <span>{highlighted.author?.displayName ?? t('attendee.anonymousAuthor')}</span>
                  <span className="live-present__votes-inline">
                    {t('presenter.votes', { count: highlighted.votes, formatted: format.number(highlighted.votes) })}
                  </span>
                </footer>
              </blockquote>
            </section>
          )}

          {poll && <PresentedPoll poll={poll} />}

          <section aria-labelledby="present-top">
            <h2 id="present-top" className="live-present__label">
              {t('presenter.topQuestions')}
              {answered > 0 && (
                <span className="live-present__answered">
                  {' · '}
                  {t('presenter.answered', { count: answered, formatted: format.number(answered) })}
                </span>
              )}
            </h2>
            {shown.length === 0 ? (
              <p className="live-present__empty">
                {highlighted ? t('presenter.noMoreQuestions') : t('presenter.noQuestions')}
              </p>
            ) : (
              <ol className="list live-present__questions">
                {shown.map((question) => (
                  <li key={question.id}>
                    <span className="live-present__votes">
                      <strong>{format.number(question.votes)}</strong>{' '}
                      <span>{t('presenter.votesLabel', { count: question.votes })}</span>
                    </span>
                    <span className="live-present__question">
                      <span className="live-present__text">{question.text}</span>
                      <span className="live-present__author">
                        {question.author?.displayName ?? t('attendee.anonymousAuthor')}
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>

        <aside className="live-present__join" aria-labelledby="present-join">
          <h2 id="present-join" className="live-present__label">
            {t('presenter.joinHeading')}
          </h2>
          {joinUrl && session.code ? (
            <>
              <p className="live-present__url">{joinUrl.replace(/^https?:\/\//, '')}</p>
              <p className="live-present__code-label">{t('presenter.codeLabel')}</p>
              <p className="live-present__code">
                <span aria-hidden="true">{session.code}</span>
                {/* Letter by letter for screen readers, which would read the code as a word. */}
                <span className="visually-hidden">{session.code.split('').join(' ')}</span>
              </p>
              <div className="live-present__qr">
                <QRCodeSVG
                  value={joinUrl}
                  size={240}
                  level="M"
                  marginSize={2}
                  role="img"
                  aria-label={t('presenter.qr', { url: joinUrl })}
                />
              </div>
            </>
          ) : (
            <p>{t('presenter.noCode')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function PresentedPoll({ poll }: { poll: Poll }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const voters = poll.results?.voters ?? null;
  return (
    <section className="live-present__poll" aria-labelledby={`present-poll-${poll.id}`}>
      <p className="live-present__label">{t(poll.state === 'open' ? 'presenter.pollOpen' : 'presenter.pollClosed')}</p>
      <h2 id={`present-poll-${poll.id}`} className="live-present__poll-question">
        {poll.question}
      </h2>
      {poll.showResults && poll.results ? (
        <PollResults poll={poll} large />
      ) : (
        <>
          <ul className="list live-present__options">
            {poll.options.map((option) => (
              <li key={option.id}>{option.text}</li>
            ))}
          </ul>
          <p className="live-present__vote-hint">
            {t('presenter.voteOnPhone')}
            {voters !== null && (
              <>
                {' · '}
                {t('poll.voters', { count: voters, formatted: format.number(voters) })}
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}
