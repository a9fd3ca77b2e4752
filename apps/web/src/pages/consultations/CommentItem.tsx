import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { When } from './parts';
import { type ConsultationComment, type Endorsements, FLAG_REASONS, type FlagReason } from './types';
import { initials } from '../../ui/initials';

export interface CommentRights {
  memberId: string | null;
  /** open, and the member may take part */
  canEndorse: boolean;
  canModerate: boolean;
}

type Panel = 'none' | 'flag' | 'hide' | 'restore';

/** One comment on a section: its text as the server rendered it, its endorsements, flag and moderation. */
export function CommentItem({
  comment,
  rights,
  onChanged,
}: {
  comment: ConsultationComment;
  rights: CommentRights;
  onChanged: (comment: ConsultationComment) => void;
}) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const own = rights.memberId !== null && comment.author.id === rights.memberId;
  const visible = comment.status === 'visible';
  const headingId = `comment-${comment.id}-by`;

  // The wanted state travels with the call: the options are re-read on the next render (after onMutate has
  // already flipped the comment), so the method must not be derived from the comment inside mutationFn.
  const endorse = useMutation({
    mutationFn: (on: boolean) =>
      api<Endorsements>(`/consultations/${comment.consultationId}/comments/${comment.id}/endorse`, {
        method: on ? 'POST' : 'DELETE',
      }),
    // The pressed state and the count change at once; the server's count settles them.
    onMutate: (on) => {
      const before = comment;
      onChanged({
        ...comment,
        endorsedByMe: on,
        endorsements: Math.max(0, comment.endorsements + (on ? 1 : -1)),
      });
      return { before };
    },
    onSuccess: (answer, _on, context) =>
      onChanged({
        ...(context?.before ?? comment),
        endorsements: answer.endorsements,
        endorsedByMe: answer.endorsedByMe,
      }),
    onError: (error, _on, context) => {
      if (context) onChanged(context.before);
      setProblem(error);
    },
  });

  const close = (message: string | null) => {
    setPanel('none');
    setNotice(message);
  };
  const count = comment.endorsements;
  const countText = t('comment.endorsements', { count, number: format.number(count) });

  return (
    <article
      id={`comment-${comment.id}`}
      className={`consultations-comment${visible ? '' : ' consultations-comment--hidden'}`}
      aria-labelledby={headingId}
    >
      <header className="consultations-comment__head">
        <span className="consultations-avatar" aria-hidden="true">
          {initials(comment.author.displayName || '?')}
        </span>
        <div id={headingId} className="consultations-comment__who">
          {comment.author.id ? (
            <Link className="consultations-comment__author" to={`/members/${comment.author.id}`}>
              {comment.author.displayName}
            </Link>
          ) : (
            <span className="consultations-comment__author">{comment.author.displayName || t('comment.deleted')}</span>
          )}{' '}
          <span className="consultations-comment__meta">
            · <When at={comment.createdAt} />
          </span>
        </div>
        {!visible && <span className="badge badge--warn">{t('comment.hidden')}</span>}
      </header>
      {!visible && <p className="consultations-note">{t('comment.hiddenNote')}</p>}
      {/* Sanitized on the server (the forum's Markdown pipeline): rendered as the API returns it. */}
      <div className="consultations-prose" dangerouslySetInnerHTML={{ __html: comment.html }} />
      <footer className="consultations-comment__actions">
        {visible && (
          <div className="consultations-endorse">
            {rights.canEndorse && !own ? (
              <button
                type="button"
                className={
                  comment.endorsedByMe ? 'consultations-endorse__button' : 'button--quiet consultations-endorse__button'
                }
                aria-pressed={comment.endorsedByMe}
                aria-describedby={`comment-${comment.id}-count`}
                disabled={endorse.isPending}
                onClick={() => {
                  setProblem(null);
                  endorse.mutate(!comment.endorsedByMe);
                }}
              >
                <span aria-hidden="true">+1</span> {t('comment.endorse')}
              </button>
            ) : null}
            <span className="consultations-endorse__count" id={`comment-${comment.id}-count`}>
              {countText}
            </span>
          </div>
        )}
        <div className="toolbar consultations-comment__tools">
          {rights.memberId && !own && visible && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'flag'}
              onClick={() => setPanel(panel === 'flag' ? 'none' : 'flag')}
            >
              {t('comment.flag')}
            </button>
          )}
          {rights.canModerate && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'hide' || panel === 'restore'}
              onClick={() => setPanel(panel === 'none' ? (visible ? 'hide' : 'restore') : 'none')}
            >
              {visible ? t('comment.hide') : t('comment.restore')}
            </button>
          )}
        </div>
      </footer>
      {panel === 'flag' && <FlagForm comment={comment} onDone={(sent) => close(sent ? t('flag.sent') : null)} />}
      {(panel === 'hide' || panel === 'restore') && (
        <ModerateForm
          comment={comment}
          action={panel}
          onDone={(changed) => {
            if (changed) onChanged(changed);
            close(changed ? t(panel === 'hide' ? 'moderate.hidden' : 'moderate.restored') : null);
          }}
        />
      )}
      <div role="status" aria-live="polite" className="consultations-comment__notice">
        {notice}
      </div>
      {problem !== null && <ErrorNotice error={problem} />}
    </article>
  );
}

/** Tells the moderators what is wrong with a comment. */
function FlagForm({ comment, onDone }: { comment: ConsultationComment; onDone: (sent: boolean) => void }) {
  const { t } = useTranslation('consultations');
  const [reason, setReason] = useState<FlagReason>('spam');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api(`/consultations/${comment.consultationId}/comments/${comment.id}/flags`, {
        method: 'POST',
        body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: () => onDone(true),
  });
  const error = send.error instanceof ApiError ? send.error : null;
  return (
    <form
      className="consultations-panel"
      aria-label={t('flag.title')}
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <SelectField
        label={t('flag.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value as FlagReason)}
        error={error?.problemWith('reason')}
      >
        {FLAG_REASONS.map((option) => (
          <option key={option} value={option}>
            {t(`flag.reasons.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t('flag.note')}
        hint={reason === 'other' ? t('flag.noteRequired') : t('flag.noteHint')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={2}
        maxLength={1000}
        required={reason === 'other'}
        error={error?.problemWith('note')}
      />
      {send.error !== null && !error?.problemWith('note') && !error?.problemWith('reason') && (
        <ErrorNotice error={error?.status === 409 ? new ApiError(409, 'conflict', t('flag.already')) : send.error} />
      )}
      <div className="toolbar">
        <button type="submit" disabled={send.isPending}>
          {t('flag.send')}
        </button>
        <button type="button" className="button--quiet" onClick={() => onDone(false)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

/** A moderator hides or restores a comment, with a reason for the audit log. */
function ModerateForm({
  comment,
  action,
  onDone,
}: {
  comment: ConsultationComment;
  action: 'hide' | 'restore';
  onDone: (changed: ConsultationComment | null) => void;
}) {
  const { t } = useTranslation('consultations');
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<ConsultationComment>(`/consultations/${comment.consultationId}/comments/${comment.id}/${action}`, {
        method: 'POST',
        body: { reason: reason.trim() },
      }),
    onSuccess: onDone,
  });
  const error = send.error instanceof ApiError ? send.error : null;
  return (
    <form
      className="consultations-panel"
      aria-label={t(action === 'hide' ? 'moderate.hideTitle' : 'moderate.restoreTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <TextField
        label={t('moderate.reason')}
        hint={t('moderate.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        minLength={3}
        maxLength={500}
        required
        error={error?.problemWith('reason')}
      />
      {send.error !== null && !error?.problemWith('reason') && <ErrorNotice error={send.error} />}
      <div className="toolbar">
        <button type="submit" className={action === 'hide' ? 'button--danger' : undefined} disabled={send.isPending}>
          {t(action === 'hide' ? 'moderate.hideConfirm' : 'moderate.restoreConfirm')}
        </button>
        <button type="button" className="button--quiet" onClick={() => onDone(null)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
