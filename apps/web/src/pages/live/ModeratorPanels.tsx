import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { Checkbox, SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import type { LiveSession, Poll, QaSettings, SessionReport } from './live-types';
import { DISMISS_REASONS } from './live-types';
import { saveFile, slug } from './moderation';
import { PollResults } from './PollResults';
import type { LiveRoom } from './useLiveSession';

const POLL_OPTIONS_MIN = 2;
const POLL_OPTIONS_MAX = 10;

/** The Q&A settings (hosts): a PATCH sends them whole, as the API wants. */
export function QaSettingsForm({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const [saved, setSaved] = useState(false);
  return (
    <section className="card live-mod__panel" aria-labelledby="mod-settings">
      <h2 id="mod-settings">{t('moderator.settings.title')}</h2>
      {/* A change saved here or by another host starts the form over from the session's settings. */}
      <QaSettingsFields
        key={JSON.stringify(session.qa)}
        live={live}
        session={session}
        onSaved={() => setSaved(true)}
        onEdit={() => setSaved(false)}
      />
      <p role="status" className="field__hint">
        {saved && t('moderator.settings.saved')}
      </p>
    </section>
  );
}

function QaSettingsFields({
  live,
  session,
  onSaved,
  onEdit,
}: {
  live: LiveRoom;
  session: LiveSession;
  onSaved: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation('live');
  const [qa, setQa] = useState<QaSettings>(session.qa);
  const [maxLength, setMaxLength] = useState(String(session.qa.maxLength));
  const [perAttendeeLimit, setPerAttendeeLimit] = useState(String(session.qa.perAttendeeLimit));
  const save = useMutation({
    mutationFn: (next: QaSettings) =>
      api<LiveSession>(`/live/sessions/${session.id}`, { method: 'PATCH', body: { qa: next } }),
    onSuccess: (updated) => {
      live.upsertSession(updated);
      onSaved();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
    save.mutate({ ...qa, maxLength: number(maxLength), perAttendeeLimit: number(perAttendeeLimit) });
  };
  const problem = save.error instanceof ApiError ? save.error : null;
  const fieldProblem = (field: keyof QaSettings) => problem?.problemWith(`qa.${field}`);
  const flag = (field: 'open' | 'anonymousAllowed' | 'guestsAllowed' | 'preModeration') => (
    <Checkbox
      label={t(`moderator.settings.${field}`)}
      checked={qa[field]}
      onChange={(event) => setQa((current) => ({ ...current, [field]: event.target.checked }))}
    />
  );
  return (
    <form onSubmit={submit} onChange={onEdit} noValidate>
      <fieldset className="live-mod__flags">
        <legend className="visually-hidden">{t('moderator.settings.title')}</legend>
        {flag('open')}
        {flag('preModeration')}
        {flag('anonymousAllowed')}
        {flag('guestsAllowed')}
      </fieldset>
      <div className="live-mod__pair">
        <TextField
          label={t('moderator.settings.maxLength')}
          hint={t('moderator.settings.maxLengthHint')}
          type="number"
          inputMode="numeric"
          min={20}
          max={2000}
          value={maxLength}
          onChange={(event) => setMaxLength(event.target.value)}
          error={fieldProblem('maxLength')}
        />
        <TextField
          label={t('moderator.settings.perAttendeeLimit')}
          hint={t('moderator.settings.perAttendeeLimitHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={perAttendeeLimit}
          onChange={(event) => setPerAttendeeLimit(event.target.value)}
          error={fieldProblem('perAttendeeLimit')}
        />
      </div>
      {problem && !problem.details.some((detail) => detail.field.startsWith('qa.')) && <ErrorNotice error={problem} />}
      {save.error && !problem && <ErrorNotice error={save.error} />}
      <button type="submit" disabled={save.isPending}>
        {t('moderator.settings.save')}
      </button>
    </form>
  );
}

/** Polls: every one of the session (drafts too), as the API lists them to staff, kept current by the socket. */
export function PollsPanel({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const listed = useQuery({
    // A new snapshot (after a reconnection) lists them again: what changed meanwhile was missed.
    queryKey: ['live', 'polls', session.id, live.snapshots],
    queryFn: () => api<{ items: Poll[] }>(`/live/sessions/${session.id}/polls`),
  });
  const polls = useMemo(() => {
    const byId = new Map<string, Poll>((listed.data?.items ?? []).map((poll) => [poll.id, poll]));
    // What the socket said last is newer than the list.
    for (const poll of live.polls) byId.set(poll.id, { ...byId.get(poll.id), ...poll });
    const rank = { open: 0, draft: 1, closed: 2 } as const;
    return [...byId.values()].sort(
      (a, b) => rank[a.state] - rank[b.state] || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''),
    );
  }, [listed.data, live.polls]);
  const canManage = session.viewer.canManage;

  return (
    <section className="card live-mod__panel" aria-labelledby="mod-polls">
      <h2 id="mod-polls">{t('moderator.polls.title')}</h2>
      {!canManage && <p className="field__hint">{t('moderator.polls.hostsOnly')}</p>}
      {canManage && session.status !== 'ended' && <NewPoll live={live} session={session} />}
      {listed.isPending && <Loading />}
      {listed.error && <ErrorNotice error={listed.error} onRetry={() => void listed.refetch()} />}
      {listed.data && polls.length === 0 && <p className="state state--empty">{t('moderator.polls.none')}</p>}
      <ul className="list live-mod__polls">
        {polls.map((poll) => (
          <PollCard key={poll.id} poll={poll} live={live} canManage={canManage} ended={session.status === 'ended'} />
        ))}
      </ul>
    </section>
  );
}

function NewPoll({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<Poll['kind']>('single');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<Poll>(`/live/sessions/${session.id}/polls`, {
        method: 'POST',
        body: { question: question.trim(), kind, options: options.map((option) => option.trim()) },
      }),
    onSuccess: (poll) => {
      live.upsertPoll(poll);
      setDone(poll.question);
      setQuestion('');
      setOptions(['', '']);
    },
  });
  const problem = create.error instanceof ApiError ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate();
  };
  const optionsProblem =
    problem?.problemWith('options') ?? problem?.details.find((detail) => detail.field.startsWith('options.'))?.problem;
  return (
    <details className="live-mod__new-poll">
      <summary>{t('moderator.polls.new')}</summary>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('moderator.polls.question')}
          value={question}
          maxLength={300}
          onChange={(event) => setQuestion(event.target.value)}
          error={problem?.problemWith('question')}
        />
        <SelectField
          label={t('moderator.polls.kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as Poll['kind'])}
          error={problem?.problemWith('kind')}
        >
          <option value="single">{t('moderator.polls.single')}</option>
          <option value="multiple">{t('moderator.polls.multiple')}</option>
        </SelectField>
        <fieldset className="live-mod__options">
          <legend>{t('moderator.polls.options', { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX })}</legend>
          {options.map((option, index) => (
            <div key={index} className="live-mod__option">
              <TextField
                label={t('moderator.polls.option', { number: index + 1 })}
                value={option}
                maxLength={200}
                onChange={(event) =>
                  setOptions((current) => current.map((text, at) => (at === index ? event.target.value : text)))
                }
              />
              {options.length > POLL_OPTIONS_MIN && (
                <button
                  type="button"
                  className="button--quiet"
                  aria-label={t('moderator.polls.removeOption', { number: index + 1 })}
                  onClick={() => setOptions((current) => current.filter((_, at) => at !== index))}
                >
                  {t('moderator.polls.remove')}
                </button>
              )}
            </div>
          ))}
          {optionsProblem && (
            <p className="field__error" role="alert">
              {optionsProblem}
            </p>
          )}
          {options.length < POLL_OPTIONS_MAX && (
            <button type="button" className="button--quiet" onClick={() => setOptions((current) => [...current, ''])}>
              {t('moderator.polls.addOption')}
            </button>
          )}
        </fieldset>
        {problem && problem.details.length === 0 && <ErrorNotice error={problem} />}
        {create.error && !problem && <ErrorNotice error={create.error} />}
        <button type="submit" disabled={create.isPending}>
          {t('moderator.polls.create')}
        </button>
        <p role="status" className="field__hint">
          {done && t('moderator.polls.created', { question: done })}
        </p>
      </form>
    </details>
  );
}

function PollCard({
  poll,
  live,
  canManage,
  ended,
}: {
  poll: Poll;
  live: LiveRoom;
  canManage: boolean;
  ended: boolean;
}) {
  const { t } = useTranslation('live');
  const change = useMutation({
    mutationFn: (what: 'open' | 'close' | 'show' | 'hide') =>
      what === 'open' || what === 'close'
        ? api<Poll>(`/live/polls/${poll.id}/${what}`, { method: 'POST' })
        : api<Poll>(`/live/polls/${poll.id}`, { method: 'PATCH', body: { showResults: what === 'show' } }),
    onSuccess: live.upsertPoll,
  });
  return (
    <li className="live-mod__poll">
      <h3 className="live-mod__poll-question">{poll.question}</h3>
      <p className="live-mod__poll-meta">
        <span className={`badge${poll.state === 'open' ? ' badge--good' : ''}`}>
          {t(`moderator.polls.state.${poll.state}`)}
        </span>
        <span className="badge">
          {t(poll.kind === 'single' ? 'moderator.polls.single' : 'moderator.polls.multiple')}
        </span>
        {poll.showResults && <span className="badge badge--accent">{t('moderator.polls.resultsShown')}</span>}
      </p>
      {poll.results ? (
        <PollResults poll={poll} />
      ) : (
        <ul className="live-mod__poll-options">
          {poll.options.map((option) => (
            <li key={option.id}>{option.text}</li>
          ))}
        </ul>
      )}
      {canManage && (
        <div className="toolbar">
          {poll.state === 'draft' && !ended && (
            <button type="button" disabled={change.isPending} onClick={() => change.mutate('open')}>
              {t('moderator.polls.open')}
            </button>
          )}
          {poll.state === 'open' && (
            <button type="button" disabled={change.isPending} onClick={() => change.mutate('close')}>
              {t('moderator.polls.close')}
            </button>
          )}
          {poll.state !== 'draft' && (
            <button
              type="button"
              className={poll.showResults ? '' : 'button--quiet'}
              aria-pressed={poll.showResults}
              disabled={change.isPending}
              onClick={() => change.mutate(poll.showResults ? 'hide' : 'show')}
            >
              {t('moderator.polls.showResults')}
            </button>
          )}
        </div>
      )}
      {change.error && <ErrorNotice error={change.error} />}
    </li>
  );
}

/** Questions and polls as CSV or JSON files, fetched with the member's token. */
export function Exports({ session }: { session: LiveSession }) {
  const { t } = useTranslation('live');
  const download = useMutation({
    mutationFn: async ({ what, format }: { what: 'questions' | 'polls'; format: 'csv' | 'json' }) => {
      const path = what === 'questions' ? 'questions/export' : 'polls/export';
      const body = await api<unknown>(`/live/sessions/${session.id}/${path}`, { query: { format } });
      saveFile(
        body,
        `${slug(session.title)}-${what}.${format}`,
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
      );
      return { what, format };
    },
  });
  return (
    <section className="card live-mod__panel" aria-labelledby="mod-export">
      <h2 id="mod-export">{t('moderator.export.title')}</h2>
      <p className="field__hint">{t('moderator.export.hint')}</p>
      {(['questions', 'polls'] as const).map((what) => (
        <div key={what} className="toolbar live-mod__export">
          <span className="live-mod__export-label">{t(`moderator.export.${what}`)}</span>
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button--quiet"
              disabled={download.isPending}
              onClick={() => download.mutate({ what, format })}
            >
              {t('moderator.export.download', { what: t(`moderator.export.${what}`), format: format.toUpperCase() })}
            </button>
          ))}
        </div>
      ))}
      <p role="status" className="field__hint">
        {download.data &&
          t('moderator.export.done', {
            what: t(`moderator.export.${download.data.what}`),
            format: download.data.format.toUpperCase(),
          })}
      </p>
      {download.error && <ErrorNotice error={download.error} />}
    </section>
  );
}

interface CategoryOption {
  id: string;
  name: string;
  groupId: string | null;
  viewer: { canStartThread: boolean };
}

/** Once ended: the session's report, and its open questions carried to a forum thread (hosts). */
export function AfterSession({ live, session }: { live: LiveRoom; session: LiveSession }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const report = useQuery({
    queryKey: ['live', 'report', session.id, session.forumThreadId],
    queryFn: () => api<SessionReport>(`/live/sessions/${session.id}/report`),
  });
  const questions = report.data?.questions;
  const threadId = session.forumThreadId ?? report.data?.forumThreadId ?? null;
  return (
    <section className="card live-mod__panel live-mod__report" aria-labelledby="mod-report">
      <h2 id="mod-report">{t('moderator.report.title')}</h2>
      {report.isPending && <Loading />}
      {report.error && <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />}
      {questions && report.data && (
        <>
          <dl className="live-mod__report-counts">
            {(
              [
                ['received', questions.received],
                ['answered', questions.answered],
                ['unanswered', questions.approved],
                ['pending', questions.pending],
                ['dismissed', questions.dismissed.total],
                ['merged', questions.merged],
                ['withdrawn', questions.withdrawn],
                ['votes', report.data.votes],
              ] as const
            ).map(([name, value]) => (
              <div key={name}>
                <dt>{t(`moderator.report.${name}`)}</dt>
                <dd>{format.number(value)}</dd>
              </div>
            ))}
          </dl>
          {questions.dismissed.total > 0 && (
            <p className="field__hint">
              {t('moderator.report.byReason')}{' '}
              {DISMISS_REASONS.filter((reason) => questions.dismissed.byReason[reason] > 0)
                .map(
                  (reason) =>
                    `${t(`moderator.reasons.${reason}`)} ${format.number(questions.dismissed.byReason[reason])}`,
                )
                .join(' · ')}
            </p>
          )}
        </>
      )}
      <h3>{t('moderator.carry.title')}</h3>
      {threadId ? (
        <p role="status">
          {t('moderator.carry.done')} <Link to={`/forum/t/${threadId}`}>{t('moderator.carry.openThread')}</Link>
        </p>
      ) : session.viewer.canManage ? (
        <CarryToForum live={live} session={session} unanswered={questions?.approved ?? null} />
      ) : (
        <p>{t('moderator.carry.hostsOnly')}</p>
      )}
    </section>
  );
}

function CarryToForum({
  live,
  session,
  unanswered,
}: {
  live: LiveRoom;
  session: LiveSession;
  unanswered: number | null;
}) {
  const { t } = useTranslation('live');
  const [categoryId, setCategoryId] = useState('');
  const categories = useQuery({
    queryKey: ['forum', 'categories'],
    queryFn: () => api<{ items: CategoryOption[] }>('/categories'),
    select: (data) =>
      data.items
        .filter((category) => category.viewer.canStartThread)
        // The session's group's categories first.
        .sort((a, b) => Number(b.groupId === session.groupId) - Number(a.groupId === session.groupId)),
  });
  const carry = useMutation({
    mutationFn: () =>
      api<{ threadId: string }>(`/live/sessions/${session.id}/carry-to-forum`, {
        method: 'POST',
        body: { categoryId },
      }),
    onSuccess: ({ threadId }) => live.upsertSession({ ...session, forumThreadId: threadId }),
  });
  const problem = carry.error instanceof ApiError ? carry.error : null;
  const already = problem?.problemWith('forumThreadId');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (categoryId) carry.mutate();
  };
  if (already) {
    return (
      <p role="status">
        {t('moderator.carry.done')} <Link to={`/forum/t/${already}`}>{t('moderator.carry.openThread')}</Link>
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>
        {unanswered === null
          ? t('moderator.carry.intro')
          : unanswered === 0
            ? t('moderator.carry.allAnswered')
            : t('moderator.carry.introCount', { count: unanswered })}
      </p>
      {categories.isPending && <Loading />}
      {categories.error && <ErrorNotice error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.data && categories.data.length === 0 && <p>{t('moderator.carry.noCategory')}</p>}
      {categories.data && categories.data.length > 0 && (
        <>
          <SelectField
            label={t('moderator.carry.category')}
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
            error={problem?.problemWith('categoryId')}
          >
            <option value="">{t('moderator.carry.choose')}</option>
            {categories.data.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          {problem && !problem.problemWith('categoryId') && <ErrorNotice error={problem} />}
          {carry.error && !problem && <ErrorNotice error={carry.error} />}
          <button type="submit" disabled={carry.isPending || categoryId === ''}>
            {t('moderator.carry.submit')}
          </button>
        </>
      )}
    </form>
  );
}
