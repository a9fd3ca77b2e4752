import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { languageName } from './language-name';
import { DISMISS_REASONS, type DismissReason, type LiveSession, type Question } from './live-types';
import type { Moderation } from './moderation';

type Panel = 'dismiss' | 'answer' | 'edit' | 'merge' | null;

/** Who asked, as moderators may know it: the name, or the anonymous asker's pseudonym in this session. */
export function askerOf(question: Question, t: TFunction<'live'>): string {
  if (question.author) return question.author.displayName;
  if (question.pseudonym) return t('moderator.pseudonym', { tag: question.pseudonym.replace(/^Anonymous\s+/, '') });
  return t('attendee.anonymousAuthor');
}

const excerpt = (text: string, length = 90) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** One question in the console, with what a moderator may do to it in its state. */
export function ModerationQuestion({
  question,
  session,
  questions,
  moderate,
}: {
  question: Question;
  session: LiveSession;
  /** Every question of the session: the targets of a merge, and the one a merged question went into. */
  questions: Question[];
  moderate: (questionId: string, moderation: Moderation) => Promise<ApiError | null>;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const headingId = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);

  const act = async (moderation: Moderation) => {
    setBusy(true);
    setProblem(null);
    const error = await moderate(question.id, moderation);
    setBusy(false);
    setProblem(error);
    if (!error) setPanel(null);
  };
  const open = (next: Panel) => {
    setProblem(null);
    setPanel((current) => (current === next ? null : next));
  };

  const { state } = question;
  const isPublic = state === 'approved' || state === 'answered';
  const canEdit = state === 'pending' || state === 'approved' || state === 'answered';
  const answerable = state === 'pending' || state === 'approved';
  const mergedInto = question.mergedInto ? questions.find((other) => other.id === question.mergedInto) : undefined;
  const panelError = panel ? problem : null;

  return (
    <li className={`live-mod-q${question.highlighted ? ' live-mod-q--highlighted' : ''}`} aria-labelledby={headingId}>
      <div className="live-mod-q__head">
        <p className="live-mod-q__meta">
          <span className="live-mod-q__asker">{askerOf(question, t)}</span>
          <span>{format.time(question.createdAt)}</span>
          {session.languages.length > 1 && <span className="badge">{languageName(question.language)}</span>}
          {question.highlighted && <span className="badge badge--accent">{t('attendee.onScreen')}</span>}
          {state === 'merged' && <span className="badge">{t('moderator.state.merged')}</span>}
          {state === 'withdrawn' && <span className="badge">{t('moderator.state.withdrawn')}</span>}
        </p>
        {state !== 'pending' && state !== 'merged' && state !== 'withdrawn' && (
          <p className="live-mod-q__votes">{t('poll.votes', { count: question.votes })}</p>
        )}
      </div>
      <p className="live-mod-q__text" id={headingId}>
        {question.text}
      </p>
      {question.answer && (
        <p className="live-question__answer">
          <strong>{t('attendee.answer')}</strong> {question.answer}
        </p>
      )}
      {state === 'dismissed' && question.dismissReason && (
        <p className="live-mod-q__note">
          {t('moderator.dismissedFor', { reason: t(`moderator.reasons.${question.dismissReason}`) })}
          {question.dismissNote ? ` — ${question.dismissNote}` : ''}
        </p>
      )}
      {state === 'merged' && (
        <p className="live-mod-q__note">
          {t('moderator.mergedInto', { text: mergedInto ? excerpt(mergedInto.text) : '…' })}
        </p>
      )}

      <div className="toolbar live-mod-q__actions">
        {state === 'pending' && (
          <button type="button" disabled={busy} onClick={() => void act({ action: 'approve' })}>
            {t('moderator.actions.approve')}
          </button>
        )}
        {isPublic && (
          <button
            type="button"
            className={question.highlighted ? '' : 'button--quiet'}
            aria-pressed={question.highlighted}
            disabled={busy}
            onClick={() => void act({ action: question.highlighted ? 'unhighlight' : 'highlight' })}
          >
            {t('moderator.actions.highlight')}
          </button>
        )}
        {state === 'approved' && (
          <button
            type="button"
            className="button--quiet"
            aria-expanded={panel === 'answer'}
            onClick={() => open('answer')}
          >
            {t('moderator.actions.answer')}
          </button>
        )}
        {canEdit && (
          <button type="button" className="button--quiet" aria-expanded={panel === 'edit'} onClick={() => open('edit')}>
            {t('moderator.actions.edit')}
          </button>
        )}
        {answerable && (
          <button
            type="button"
            className="button--quiet"
            aria-expanded={panel === 'merge'}
            onClick={() => open('merge')}
          >
            {t('moderator.actions.merge')}
          </button>
        )}
        {answerable && (
          <button
            type="button"
            className="button--quiet"
            aria-expanded={panel === 'dismiss'}
            onClick={() => open('dismiss')}
          >
            {t('moderator.actions.dismiss')}
          </button>
        )}
        {(state === 'dismissed' || state === 'answered') && (
          <button
            type="button"
            className="button--quiet"
            disabled={busy}
            onClick={() => void act({ action: 'restore' })}
          >
            {t(state === 'answered' ? 'moderator.actions.reopen' : 'moderator.actions.restore')}
          </button>
        )}
      </div>

      {panel === 'dismiss' && (
        <DismissForm
          busy={busy}
          error={panelError}
          onCancel={() => open(null)}
          onSubmit={(moderation) => act(moderation)}
        />
      )}
      {panel === 'answer' && (
        <AnswerForm
          busy={busy}
          error={panelError}
          onCancel={() => open(null)}
          onSubmit={(moderation) => act(moderation)}
        />
      )}
      {panel === 'edit' && (
        <EditForm
          text={question.text}
          max={session.qa.maxLength}
          busy={busy}
          error={panelError}
          onCancel={() => open(null)}
          onSubmit={(moderation) => act(moderation)}
        />
      )}
      {panel === 'merge' && (
        <MergeForm
          question={question}
          questions={questions}
          busy={busy}
          error={panelError}
          onCancel={() => open(null)}
          onSubmit={(moderation) => act(moderation)}
        />
      )}
      {problem && !panel && <ErrorNotice error={problem} />}
    </li>
  );
}

interface PanelProps {
  busy: boolean;
  error: ApiError | null;
  onCancel: () => void;
  onSubmit: (moderation: Moderation) => Promise<void>;
}

/** The refusal's words about other fields than the form's own, or its message. */
function OtherProblem({ error, fields }: { error: ApiError | null; fields: string[] }) {
  if (!error || fields.some((field) => error.problemWith(field))) return null;
  return <ErrorNotice error={error} />;
}

function PanelButtons({ busy, label, onCancel }: { busy: boolean; label: string; onCancel: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className="toolbar">
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <button type="button" className="button--quiet" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

function DismissForm({ busy, error, onCancel, onSubmit }: PanelProps) {
  const { t } = useTranslation('live');
  const [reason, setReason] = useState<DismissReason>('off_topic');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit({ action: 'dismiss', reason, note: note.trim() || undefined });
  };
  return (
    <form className="live-mod-q__panel" onSubmit={submit} noValidate>
      <SelectField
        label={t('moderator.dismiss.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value as DismissReason)}
        error={error?.problemWith('reason')}
      >
        {DISMISS_REASONS.map((option) => (
          <option key={option} value={option}>
            {t(`moderator.reasons.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('moderator.dismiss.note')}
        hint={t('moderator.dismiss.noteHint')}
        value={note}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
        error={error?.problemWith('note')}
      />
      <OtherProblem error={error} fields={['reason', 'note']} />
      <PanelButtons busy={busy} label={t('moderator.dismiss.submit')} onCancel={onCancel} />
    </form>
  );
}

function AnswerForm({ busy, error, onCancel, onSubmit }: PanelProps) {
  const { t } = useTranslation('live');
  const [answer, setAnswer] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit({ action: 'answer', answer: answer.trim() || undefined });
  };
  return (
    <form className="live-mod-q__panel" onSubmit={submit} noValidate>
      <TextArea
        label={t('moderator.answer.label')}
        hint={t('moderator.answer.hint')}
        value={answer}
        rows={3}
        maxLength={5000}
        onChange={(event) => setAnswer(event.target.value)}
        error={error?.problemWith('answer')}
      />
      <OtherProblem error={error} fields={['answer']} />
      <PanelButtons busy={busy} label={t('moderator.answer.submit')} onCancel={onCancel} />
    </form>
  );
}

function EditForm({
  text: original,
  max,
  busy,
  error,
  onCancel,
  onSubmit,
}: PanelProps & { text: string; max: number }) {
  const { t } = useTranslation('live');
  const [text, setText] = useState(original);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit({ action: 'edit', text: text.trim() });
  };
  return (
    <form className="live-mod-q__panel" onSubmit={submit} noValidate>
      <TextArea
        label={t('moderator.edit.label')}
        hint={t('moderator.edit.hint', { max })}
        value={text}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        error={error?.problemWith('text')}
      />
      <OtherProblem error={error} fields={['text']} />
      <PanelButtons busy={busy || text.trim() === ''} label={t('moderator.edit.submit')} onCancel={onCancel} />
    </form>
  );
}

function MergeForm({
  question,
  questions,
  busy,
  error,
  onCancel,
  onSubmit,
}: PanelProps & { question: Question; questions: Question[] }) {
  const { t } = useTranslation('live');
  const targets = questions
    .filter((other) => other.id !== question.id && (other.state === 'approved' || other.state === 'answered'))
    .sort((a, b) => b.votes - a.votes);
  const [into, setInto] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (into) void onSubmit({ action: 'merge', intoQuestionId: into });
  };
  if (targets.length === 0) {
    return (
      <div className="live-mod-q__panel">
        <p>{t('moderator.merge.none')}</p>
        <button type="button" className="button--quiet" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    );
  }
  return (
    <form className="live-mod-q__panel" onSubmit={submit} noValidate>
      <SelectField
        label={t('moderator.merge.into')}
        hint={t('moderator.merge.hint')}
        value={into}
        onChange={(event) => setInto(event.target.value)}
        error={error?.problemWith('intoQuestionId')}
      >
        <option value="">{t('moderator.merge.choose')}</option>
        {targets.map((target) => (
          <option key={target.id} value={target.id}>
            {excerpt(target.text)} ({t('poll.votes', { count: target.votes })})
          </option>
        ))}
      </SelectField>
      <OtherProblem error={error} fields={['intoQuestionId']} />
      <PanelButtons busy={busy || into === ''} label={t('moderator.merge.submit')} onCancel={onCancel} />
    </form>
  );
}
