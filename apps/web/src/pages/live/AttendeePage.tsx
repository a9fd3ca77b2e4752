import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { Checkbox, SelectField, TextArea } from '../../ui/Field';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useFormat } from '../../i18n/format';
import type { LiveSession, Poll, Question } from './live-types';
import { PUBLIC_STATES } from './live-types';
import { PollResults } from './PollResults';
import { type OutgoingQuestion, useAskOutbox } from './useAskOutbox';
import { type Connection, type LiveRoom, liveToken, useLiveSession } from './useLiveSession';
import { ConnectionBanner } from './ConnectionBanner';
import { languageName } from './language-name';

type Sort = 'top' | 'recent';

/** The attendee's view, phone first: ask, vote, follow the answers and the polls, live. */
export function AttendeePage() {
  const { sessionId = '' } = useParams();
  useTranslation('live'); // the catalogue loads with the page, before the room renders
  const navigate = useNavigate();
  const hasToken = liveToken(sessionId) !== null;
  // Without a token there is nothing to join with: look the session up and go through its join page.
  const lookup = useQuery({
    queryKey: ['live', 'session', sessionId, 'public'],
    queryFn: () => api<LiveSession>(`/live/sessions/${sessionId}`, { token: null }),
    enabled: !hasToken,
  });
  useEffect(() => {
    if (lookup.data?.code) navigate(`/j/${lookup.data.code}`, { replace: true });
  }, [lookup.data, navigate]);
  if (!hasToken) return lookup.error ? <ErrorNotice error={lookup.error} /> : <Loading />;
  return <AttendeeRoom sessionId={sessionId} />;
}

function AttendeeRoom({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const live = useLiveSession(sessionId);
  const outbox = useAskOutbox(sessionId, live);
  const [sort, setSort] = useState<Sort>('top');
  usePageTitle(live.session?.title ?? t('attendee.title'));

  const questions = useMemo(() => visibleQuestions(live.questions, sort), [live.questions, sort]);
  const openPolls = live.polls.filter((poll) => poll.state === 'open' || (poll.state === 'closed' && poll.results));

  if (live.connection === 'refused') {
    return (
      <section className="page page--narrow">
        <ErrorNotice
          error={
            live.refusal && !live.refusal.ok
              ? new ApiError(403, live.refusal.error.code, live.refusal.error.message)
              : undefined
          }
        />
        <Link to="/">{t('join.tryAnother')}</Link>
      </section>
    );
  }
  if (!live.session) return <Loading label={t('attendee.joining')} />;
  const session = live.session;

  return (
    <div className="live-attendee">
      <header className="live-bar">
        <div>
          <h1 className="live-bar__title">{session.title}</h1>
          <p className="live-bar__meta">
            {session.code && <span className="badge">{t('join.code', { code: session.code })}</span>}{' '}
            <span>{t('attendee.attendees', { count: live.attendees, formatted: format.number(live.attendees) })}</span>
          </p>
        </div>
        <LanguageSwitcher />
      </header>
      <ConnectionBanner connection={live.connection} />
      {session.status === 'ended' && (
        <p className="banner" role="status">
          {t('attendee.ended')}
        </p>
      )}

      {openPolls.map((poll) => (
        <AttendeePoll key={poll.id} poll={poll} live={live} />
      ))}

      <AskForm session={session} onAsk={outbox.ask} outgoing={outbox.outgoing} connection={live.connection} />
      {outbox.refused && (
        <div className="card live-refused" role="alert">
          <p>{outbox.refused.error.message}</p>
          <p className="live-refused__text">“{outbox.refused.question.text}”</p>
          <button type="button" className="button--quiet" onClick={outbox.dismissRefusal}>
            {t('attendee.dismiss')}
          </button>
        </div>
      )}

      <section aria-labelledby="questions-heading" className="live-questions">
        <div className="live-questions__head">
          <h2 id="questions-heading">{t('attendee.questions', { count: questions.length })}</h2>
          <div className="segmented" role="group" aria-label={t('attendee.sortLabel')}>
            {(['top', 'recent'] as const).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={sort === option}
                onClick={() => setSort(option)}
                className={sort === option ? '' : 'button--quiet'}
              >
                {t(`attendee.sort.${option}`)}
              </button>
            ))}
          </div>
        </div>
        {questions.length === 0 ? (
          <p className="state state--empty">{t('attendee.noQuestions')}</p>
        ) : (
          <ol className="list live-question-list">
            {questions.map((question) => (
              <AttendeeQuestion key={question.id} question={question} live={live} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** What an attendee sees: the room's questions, and their own while awaiting review; the highlighted one first. */
export function visibleQuestions(questions: Question[], sort: Sort): Question[] {
  return questions
    .filter((question) => PUBLIC_STATES.includes(question.state) || (question.mine && question.state === 'pending'))
    .sort(
      (a, b) =>
        Number(b.highlighted) - Number(a.highlighted) ||
        (sort === 'top' ? b.votes - a.votes : 0) ||
        (sort === 'top' ? a.createdAt.localeCompare(b.createdAt) : b.createdAt.localeCompare(a.createdAt)),
    );
}

function AskForm({
  session,
  onAsk,
  outgoing,
  connection,
}: {
  session: LiveSession;
  onAsk: (question: Omit<OutgoingQuestion, 'clientId'>) => void;
  outgoing: OutgoingQuestion[];
  connection: Connection;
}) {
  const { t } = useTranslation('live');
  const draftKey = `plenary.draft.${session.id}`;
  const [text, setText] = useState(() => localStorage.getItem(draftKey) ?? '');
  const [anonymous, setAnonymous] = useState(false);
  const [language, setLanguage] = useState(session.languages[0] ?? '');
  const max = session.qa.maxLength;
  useEffect(() => {
    if (text) localStorage.setItem(draftKey, text);
    else localStorage.removeItem(draftKey);
  }, [draftKey, text]);

  if (!session.qa.open || session.status === 'ended') {
    return (
      <p className="card" role="status">
        {t('attendee.closed')}
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > max) return;
    onAsk({ text: trimmed, anonymous: session.qa.anonymousAllowed && anonymous, language: language || undefined });
    setText('');
  };
  const left = max - text.length;
  return (
    <form className="card live-ask" onSubmit={submit}>
      <TextArea
        label={t('attendee.askLabel')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        hint={
          <span aria-live="polite" className={left < 0 ? 'field__error' : undefined}>
            {t('attendee.charactersLeft', { count: left })}
          </span>
        }
        error={left < 0 ? t('attendee.tooLong', { max }) : undefined}
      />
      <div className="live-ask__options">
        {session.qa.anonymousAllowed && (
          <Checkbox
            label={t('attendee.anonymous')}
            checked={anonymous}
            onChange={(event) => setAnonymous(event.target.checked)}
          />
        )}
        {session.languages.length > 1 && (
          <SelectField
            label={t('attendee.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
          >
            {session.languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {session.qa.preModeration && <p className="field__hint">{t('attendee.reviewed')}</p>}
      <button type="submit" disabled={text.trim() === '' || left < 0}>
        {t('attendee.send')}
      </button>
      {outgoing.length > 0 && (
        <ul className="list live-outbox" aria-live="polite">
          {outgoing.map((question) => (
            <li key={question.clientId}>
              <span className="badge">{t(connection === 'live' ? 'attendee.sending' : 'attendee.waiting')}</span>{' '}
              {question.text}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function AttendeeQuestion({ question, live }: { question: Question; live: LiveRoom }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const voted = live.myVotes.has(question.id);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = question.state === 'pending';
  const toggle = async () => {
    setProblem(null);
    try {
      const answer = await live.vote(question.id, !voted);
      if (!answer.ok) setProblem(answer.error.message);
    } catch {
      setProblem(t('attendee.offline'));
    }
  };
  const withdraw = async () => {
    try {
      const answer = await live.emit<Question>('question:withdraw', { questionId: question.id });
      if (answer.ok) live.upsertQuestion(answer.data);
      else setProblem(answer.error.message);
    } catch {
      setProblem(t('attendee.offline'));
    }
  };
  return (
    <li className={`live-question${question.highlighted ? ' live-question--highlighted' : ''}`}>
      <div className="live-question__body">
        <p className="live-question__meta">
          {question.author ? question.author.displayName : t('attendee.anonymousAuthor')}
          {question.mine && <span className="badge">{t('attendee.mine')}</span>}
          {question.highlighted && <span className="badge badge--accent">{t('attendee.onScreen')}</span>}
          {question.state === 'answered' && <span className="badge badge--good">{t('attendee.answered')}</span>}
          {pending && <span className="badge badge--warn">{t('attendee.awaitingReview')}</span>}
        </p>
        <p className="live-question__text">{question.text}</p>
        {question.answer && (
          <p className="live-question__answer">
            <strong>{t('attendee.answer')}</strong> {question.answer}
          </p>
        )}
        {pending && question.mine && (
          <button type="button" className="button--quiet" onClick={() => void withdraw()}>
            {t('attendee.withdraw')}
          </button>
        )}
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
      </div>
      {!pending && (
        <button
          type="button"
          className={`live-vote${voted ? ' live-vote--on' : ''}`}
          aria-pressed={voted}
          aria-label={t(voted ? 'attendee.unvote' : 'attendee.vote', {
            count: question.votes,
            formatted: format.number(question.votes),
          })}
          onClick={() => void toggle()}
        >
          {/* Drawn, not a character: the button's visible text stays its count, which its name includes. */}
          <svg aria-hidden="true" focusable="false" viewBox="0 0 10 8" width="14" height="11">
            <path d="M5 0 10 8H0z" fill="currentColor" />
          </svg>
          <span className="live-vote__count">{format.number(question.votes)}</span>
        </button>
      )}
    </li>
  );
}

function AttendeePoll({ poll, live }: { poll: Poll; live: LiveRoom }) {
  const { t } = useTranslation('live');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const voted = (poll.myVote?.length ?? 0) > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const answer = await live.emit<{ pollId: string; optionIds: string[] }>('poll:vote', {
        pollId: poll.id,
        optionIds: chosen,
      });
      if (answer.ok) live.upsertPoll({ ...poll, myVote: answer.data.optionIds });
      else setProblem(answer.error.message);
    } catch {
      setProblem(t('attendee.offline'));
    }
  };
  return (
    <section className="card live-poll" aria-labelledby={`poll-${poll.id}`}>
      <h2 id={`poll-${poll.id}`}>
        <span className="badge">{t('poll.label')}</span> {poll.question}
      </h2>
      {poll.state === 'open' && !voted ? (
        <form onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend className="visually-hidden">{poll.question}</legend>
            {poll.options.map((option) => (
              <label key={option.id} className="live-poll__option">
                <input
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`poll-${poll.id}`}
                  value={option.id}
                  checked={chosen.includes(option.id)}
                  onChange={(event) =>
                    setChosen((current) =>
                      poll.kind === 'single'
                        ? [option.id]
                        : event.target.checked
                          ? [...current, option.id]
                          : current.filter((id) => id !== option.id),
                    )
                  }
                />
                {option.text}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={chosen.length === 0}>
            {t('poll.vote')}
          </button>
        </form>
      ) : (
        <p role="status">{voted ? t('poll.thanks') : t('poll.closed')}</p>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <PollResults poll={poll} />
    </section>
  );
}
