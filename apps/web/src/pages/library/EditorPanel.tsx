import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import {
  type Decision,
  DECISIONS,
  itemApi,
  type LibraryItem,
  libraryKeys,
  type MemberCard,
  type ReviewList,
  searchMembers,
  useRubric,
} from './library-api';
import { ReviewItem } from './ReviewForm';

const ASSIGNABLE = ['submitted', 'in_review', 'changes_requested'];

/** The editor's side of a submission: its reviewers (assigned from the directory), their reviews, the decision. */
export function EditorPanel({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const member = useMember();
  const rubric = useRubric();
  const reviews = useQuery({
    queryKey: libraryKeys.reviews(item.id, member?.id ?? null),
    queryFn: ({ signal }) => api<ReviewList>(`${itemApi(item)}/reviews`, { signal }),
    enabled: item.status !== 'draft',
  });
  const current = reviews.data?.items.filter((review) => review.version === item.version) ?? [];
  const quorum = reviews.data?.quorum ?? rubric.data?.quorum ?? 2;
  return (
    <section className="card library-editor" aria-labelledby="editor-panel">
      <h2 id="editor-panel">{t('editor.title')}</h2>
      <Reviewers item={item} />
      {ASSIGNABLE.includes(item.status) && <AssignReviewers item={item} />}
      <h3>{t('editor.reviews')}</h3>
      {reviews.isPending ? (
        <Loading />
      ) : reviews.error ? (
        <ErrorNotice error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <>
          <p className="library-quorum" role="status">
            {t('editor.quorum', { count: current.length, quorum, version: item.version })}
          </p>
          {reviews.data.items.length > 0 && (
            <ul className="list">
              {[...reviews.data.items].reverse().map((review) => (
                <ReviewItem key={review.id} review={review} criteria={rubric.data?.criteria ?? []} />
              ))}
            </ul>
          )}
        </>
      )}
      {item.status === 'in_review' && <DecisionForm item={item} ready={current.length >= quorum} />}
      {item.status === 'published' && <Unpublish item={item} />}
    </section>
  );
}

function Reviewers({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const reviewers = item.reviewers ?? [];
  return (
    <>
      <h3>{t('editor.reviewers')}</h3>
      {reviewers.length === 0 ? (
        <p>{t('editor.noReviewers')}</p>
      ) : (
        <ul className="list library-reviewers">
          {reviewers.map((reviewer) => (
            <li key={reviewer.id}>
              <span className="library-reviewers__name">{reviewer.displayName}</span>
              {reviewer.reviewed ? (
                <span className="badge badge--good">{t('editor.reviewed', { version: item.version })}</span>
              ) : (
                <span className="badge">{t('editor.due', { date: format.date(reviewer.dueAt) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Finds members in the directory and assigns them; the server refuses those without the capability or conflicted. */
function AssignReviewers({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const listId = useId();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<MemberCard[]>([]);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: ['library', 'member-search', q],
    queryFn: ({ signal }) => searchMembers(q, signal),
    enabled: q.length >= 2,
  });
  const already = new Set([...(item.reviewers ?? []).map((reviewer) => reviewer.id), ...chosen.map((c) => c.id)]);
  const candidates = (found.data ?? []).filter((card) => !already.has(card.id) && card.id !== item.submittedBy.id);
  const assign = useMutation({
    mutationFn: () => api(`${itemApi(item)}/reviewers`, { method: 'POST', body: { userIds: chosen.map((c) => c.id) } }),
    onSuccess: () => {
      setNotice(t('editor.assigned', { count: chosen.length }));
      setChosen([]);
      setTyped('');
      void queries.invalidateQueries({ queryKey: libraryKeys.all });
    },
  });
  const nameOf = (text: string) => {
    const card = chosen.find((c) => text.startsWith(c.id));
    return card ? text.replace(card.id, card.displayName) : text;
  };
  const problems = assign.error instanceof ApiError ? assign.error.details.map((detail) => nameOf(detail.problem)) : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length > 0) assign.mutate();
  };
  return (
    <form className="library-assign" onSubmit={submit} aria-labelledby={`${listId}-title`}>
      <h3 id={`${listId}-title`}>{t('editor.assignTitle')}</h3>
      <TextField
        label={t('editor.search')}
        hint={t('editor.searchHint')}
        type="search"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
      />
      {q.length >= 2 &&
        (found.isPending ? (
          <Loading />
        ) : found.error ? (
          <ErrorNotice error={found.error} />
        ) : candidates.length === 0 ? (
          <p>{t('editor.noMatch')}</p>
        ) : (
          <ul className="list library-candidates" aria-label={t('editor.matches')}>
            {candidates.map((card) => (
              <li key={card.id}>
                <span>
                  <strong>{card.displayName}</strong>
                  {card.organisation && <span className="library-candidates__org"> · {card.organisation}</span>}
                </span>
                <button
                  type="button"
                  className="button--quiet"
                  onClick={() => {
                    setChosen([...chosen, card]);
                    setNotice('');
                    assign.reset();
                  }}
                >
                  {t('editor.choose', { name: card.displayName })}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {chosen.length > 0 && (
        <ul className="library-chips" aria-label={t('editor.chosen')}>
          {chosen.map((card) => (
            <li key={card.id} className="library-chip">
              <span>{card.displayName}</span>
              <button
                type="button"
                className="button--quiet"
                aria-label={t('editor.unchoose', { name: card.displayName })}
                onClick={() => setChosen(chosen.filter((c) => c.id !== card.id))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {assign.error && (
        <div className="library-notice library-notice--bad" role="alert">
          <p>{assign.error.message}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p role="status" className="library-status">
        {notice}
      </p>
      <button type="submit" disabled={chosen.length === 0 || assign.isPending}>
        {chosen.length > 0 ? t('editor.assign', { count: chosen.length }) : t('editor.assignTitle')}
      </button>
    </form>
  );
}

/** Publish, request changes or reject, with a reason the author reads. */
function DecisionForm({ item, ready }: { item: LibraryItem; ready: boolean }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: () => api<LibraryItem>(`${itemApi(item)}/decision`, { method: 'POST', body: { decision, reason } }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: libraryKeys.all }),
  });
  const server = decide.error instanceof ApiError ? decide.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (decision && reason.trim()) decide.mutate();
  };
  return (
    <form className="library-decision" onSubmit={submit} noValidate>
      <h3>{t('decision.title')}</h3>
      {!ready && <p className="library-notice library-notice--warn">{t('decision.waiting')}</p>}
      <fieldset className="library-radios" aria-describedby={tried && !decision ? 'decision-error' : undefined}>
        <legend>{t('decision.label')}</legend>
        {DECISIONS.map((option) => (
          <label key={option} className="library-radio">
            <input
              type="radio"
              name="decision"
              value={option}
              checked={decision === option}
              onChange={() => setDecision(option)}
            />
            <span>
              <strong>{t(`decision.${option}`)}</strong>
              <span className="field__hint library-radio__hint">{t(`decision.${option}Hint`)}</span>
            </span>
          </label>
        ))}
        {((tried && !decision) || server?.problemWith('decision')) && (
          <p className="field__error" id="decision-error" role="alert">
            {tried && !decision ? t('decision.choose') : server?.problemWith('decision')}
          </p>
        )}
      </fieldset>
      <TextArea
        label={t('decision.reason')}
        hint={t('decision.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={2_000}
        rows={3}
        required
        error={tried && !reason.trim() ? t('decision.reasonMissing') : server?.problemWith('reason')}
      />
      {decide.error && !server?.problemWith('decision') && !server?.problemWith('reason') && (
        <ErrorNotice error={decide.error} />
      )}
      <button
        type="submit"
        className={decision === 'reject' ? 'button--danger' : undefined}
        disabled={decide.isPending || !ready}
      >
        {t('decision.send')}
      </button>
    </form>
  );
}

function Unpublish({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const unpublish = useMutation({
    mutationFn: () => api(`${itemApi(item)}/unpublish`, { method: 'POST', body: { reason } }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: libraryKeys.all }),
  });
  return (
    <details className="library-details">
      <summary>{t('unpublish.title')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) unpublish.mutate();
        }}
      >
        <TextArea
          label={t('decision.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={2_000}
          rows={2}
          required
          error={unpublish.error instanceof ApiError ? unpublish.error.problemWith('reason') : undefined}
        />
        {unpublish.error && <ErrorNotice error={unpublish.error} />}
        <button type="submit" className="button--danger" disabled={unpublish.isPending || !reason.trim()}>
          {t('unpublish.send')}
        </button>
      </form>
    </details>
  );
}
