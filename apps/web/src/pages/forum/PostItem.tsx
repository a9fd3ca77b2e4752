import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { TextArea, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { Composer } from './Composer';
import {
  FLAG_REASONS,
  type FlagReason,
  type Post,
  REACTION_KINDS,
  type ReactionKind,
  type Reactions,
} from './forum-types';
import { When } from './ForumNav';
import { initials } from '../../ui/initials';

/** Drawn, not emoji: the same on every device, with or without an emoji font. */
const REACTION_PATHS: Record<ReactionKind, string> = {
  like: 'M1 21h4V9H1v12Zm22-11a2 2 0 0 0-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10a2 2 0 0 0 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2Z',
  insightful:
    'M9 21a1 1 0 0 0 1 1h4a1 1 0 0 0 1-1v-1H9v1Zm3-19a7 7 0 0 0-4 12.74V17a1 1 0 0 0 1 1h6a1 1 0 0 0 1-1v-2.26A7 7 0 0 0 12 2Z',
  thanks:
    'M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35Z',
};

function ReactionIcon({ kind }: { kind: ReactionKind }) {
  return (
    <svg
      className="forum-reaction__icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d={REACTION_PATHS[kind]} />
    </svg>
  );
}

export interface PostRights {
  memberId: string | null;
  /** may quote it into a reply */
  canReply: boolean;
  canReact: boolean;
  canModerate: boolean;
  canAccept: boolean;
}

interface PostItemProps {
  post: Post;
  rights: PostRights;
  accepted: boolean;
  /** the number of the post it replies to, when it is loaded */
  replyToNumber: number | null;
  onQuote: (post: Post) => void;
  onAccept: (post: Post) => Promise<void>;
  /** what the API answered after a change to the post */
  onChanged: (post: Post) => void;
}

type Panel = 'none' | 'flag' | 'hide' | 'restore' | 'edit';

/** One post of a thread: its text as the server rendered it, its reactions, and what the member may do with it. */
export function PostItem({ post, rights, accepted, replyToNumber, onQuote, onAccept, onChanged }: PostItemProps) {
  const { t } = useTranslation('forum');
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const own = rights.memberId !== null && post.author.id === rights.memberId;
  const visible = post.status === 'visible';
  const headingId = `post-${post.id}-by`;

  // The wanted state travels with the call: the optimistic change below re-renders the post before mutationFn
  // runs, and reading `post` there would see the flipped state and send the opposite request.
  const react = useMutation({
    mutationFn: ({ kind, mine }: { kind: ReactionKind; mine: boolean }) =>
      api<Reactions>(`/posts/${post.id}/reactions/${kind}`, { method: mine ? 'DELETE' : 'POST' }),
    // The pressed state and the count change at once; the server's answer (or a refusal) settles them.
    onMutate: ({ kind, mine }) => {
      onChanged({
        ...post,
        reactions: {
          counts: {
            ...post.reactions.counts,
            [kind]: Math.max(0, (post.reactions.counts[kind] ?? 0) + (mine ? -1 : 1)),
          },
          mine: mine ? post.reactions.mine.filter((known) => known !== kind) : [...post.reactions.mine, kind],
        },
      });
      return { before: post };
    },
    onSuccess: (reactions) => onChanged({ ...post, reactions }),
    onError: (error, _kind, context) => {
      if (context) onChanged(context.before);
      setProblem(error);
    },
  });
  const accept = useMutation({ mutationFn: () => onAccept(post), onError: setProblem });

  const close = (message: string | null) => {
    setPanel('none');
    setNotice(message);
  };

  if (post.status === 'deleted') {
    return (
      <article
        id={`post-${post.id}`}
        className="forum-post forum-post--deleted"
        aria-label={t('post.deletedLabel', { number: post.number })}
      >
        <p className="forum-post__placeholder">{t('post.deleted', { number: post.number })}</p>
      </article>
    );
  }

  return (
    <article
      id={`post-${post.id}`}
      className={`forum-post${accepted ? ' forum-post--accepted' : ''}${post.status === 'hidden' ? ' forum-post--hidden' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="forum-post__head">
        <span className="forum-avatar" aria-hidden="true">
          {initials(post.author.displayName)}
        </span>
        <div className="forum-post__who" id={headingId}>
          {post.author.id ? (
            <Link className="forum-post__author" to={`/members/${post.author.id}`}>
              {post.author.displayName}
            </Link>
          ) : (
            <span className="forum-post__author">{post.author.displayName}</span>
          )}
          <span className="forum-post__meta">
            <a
              href={`#post-${post.id}`}
              className="forum-post__number"
              aria-label={t('post.permalink', { number: post.number })}
            >
              #{post.number}
            </a>{' '}
            · <When at={post.createdAt} />
            {post.editCount > 0 && post.editedAt && (
              <>
                {' '}
                · <span title={post.editedAt}>{t('post.edited')}</span>
              </>
            )}
          </span>
        </div>
        <div className="forum-post__badges">
          {accepted && <span className="badge badge--good">{t('post.acceptedAnswer')}</span>}
          {post.status === 'hidden' && <span className="badge badge--warn">{t('post.hidden')}</span>}
        </div>
      </header>
      {post.replyTo && replyToNumber !== null && (
        <p className="forum-post__reply-to">
          <a href={`#post-${post.replyTo}`}>{t('post.inReplyTo', { number: replyToNumber })}</a>
        </p>
      )}
      {panel === 'edit' && post.body !== null ? (
        <EditForm
          post={post}
          onDone={(edited) => {
            if (edited) onChanged(edited);
            close(edited ? t('post.saved') : null);
          }}
        />
      ) : post.html ? (
        // Sanitized on the server (libs/forum/src/text/markdown.ts): rendered as the API returns it.
        <div className="forum-prose forum-post__body" dangerouslySetInnerHTML={{ __html: post.html }} />
      ) : (
        <p className="forum-post__placeholder">{t('post.hiddenText')}</p>
      )}

      <footer className="forum-post__actions">
        {visible && (
          <div className="forum-reactions" role="group" aria-label={t('post.reactionsLabel')}>
            {REACTION_KINDS.map((kind) => {
              const count = post.reactions.counts[kind] ?? 0;
              const mine = post.reactions.mine.includes(kind);
              if (!rights.canReact) {
                return count > 0 ? (
                  <span key={kind} className="forum-reaction forum-reaction--static" title={t(`post.reaction.${kind}`)}>
                    <ReactionIcon kind={kind} /> <span className="visually-hidden">{t(`post.reaction.${kind}`)}</span>{' '}
                    {count}
                  </span>
                ) : null;
              }
              return (
                <button
                  key={kind}
                  type="button"
                  className={`forum-reaction${mine ? ' forum-reaction--mine' : ''}`}
                  aria-pressed={mine}
                  title={t(`post.reaction.${kind}`)}
                  disabled={react.isPending}
                  onClick={() => {
                    setProblem(null);
                    react.mutate({ kind, mine: post.reactions.mine.includes(kind) });
                  }}
                >
                  <ReactionIcon kind={kind} />
                  <span className="visually-hidden">{t(`post.reaction.${kind}`)}</span> <span>{count}</span>
                </button>
              );
            })}
          </div>
        )}
        <div className="forum-post__tools">
          {rights.canReply && visible && post.body !== null && (
            <button type="button" className="button--quiet" onClick={() => onQuote(post)}>
              {t('post.quote')}
            </button>
          )}
          {rights.canAccept && visible && post.number > 1 && !accepted && (
            <button type="button" className="button--quiet" disabled={accept.isPending} onClick={() => accept.mutate()}>
              {t('post.accept')}
            </button>
          )}
          {own && visible && post.body !== null && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'edit'}
              onClick={() => setPanel(panel === 'edit' ? 'none' : 'edit')}
            >
              {t('post.edit')}
            </button>
          )}
          {rights.memberId && !own && visible && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'flag'}
              onClick={() => setPanel(panel === 'flag' ? 'none' : 'flag')}
            >
              {t('post.flag')}
            </button>
          )}
          {rights.canModerate && post.status === 'visible' && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'hide'}
              onClick={() => setPanel(panel === 'hide' ? 'none' : 'hide')}
            >
              {t('post.hide')}
            </button>
          )}
          {rights.canModerate && post.status === 'hidden' && (
            <button
              type="button"
              className="button--quiet"
              aria-expanded={panel === 'restore'}
              onClick={() => setPanel(panel === 'restore' ? 'none' : 'restore')}
            >
              {t('post.restore')}
            </button>
          )}
        </div>
      </footer>
      {panel === 'flag' && <FlagForm post={post} onDone={close} />}
      {(panel === 'hide' || panel === 'restore') && (
        <ModeratePostForm
          post={post}
          action={panel}
          onDone={(changed) => {
            if (changed) onChanged(changed);
            close(changed ? t(panel === 'hide' ? 'post.hiddenDone' : 'post.restoredDone') : null);
          }}
        />
      )}
      <div role="status" aria-live="polite" className="forum-post__notice">
        {notice}
      </div>
      {problem !== null && <ErrorNotice error={problem} />}
    </article>
  );
}

/** Tells the moderators what is wrong with a post. */
function FlagForm({ post, onDone }: { post: Post; onDone: (message: string | null) => void }) {
  const { t } = useTranslation('forum');
  const [reason, setReason] = useState<FlagReason>('spam');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api(`/posts/${post.id}/flags`, {
        method: 'POST',
        body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: () => onDone(t('flag.sent')),
  });
  const error = send.error instanceof ApiError ? send.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form className="forum-panel" onSubmit={submit}>
      <fieldset className="forum-radios">
        <legend>{t('flag.legend')}</legend>
        {FLAG_REASONS.map((option) => (
          <label key={option} className="forum-radio">
            <input
              type="radio"
              name={`flag-${post.id}`}
              value={option}
              checked={reason === option}
              onChange={() => setReason(option)}
            />
            {t(`flag.reason.${option}`)}
          </label>
        ))}
      </fieldset>
      <TextArea
        label={reason === 'other' ? t('flag.noteRequired') : t('flag.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        rows={2}
        maxLength={1000}
        required={reason === 'other'}
        error={error?.problemWith('note')}
      />
      {error && !error.problemWith('note') && <ErrorNotice error={error} />}
      <div className="toolbar">
        <button type="submit" disabled={send.isPending}>
          {t('flag.send')}
        </button>
        <button type="button" className="button--quiet" onClick={() => onDone(null)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

/** A moderator hides or restores a post, with a reason for the audit log. */
function ModeratePostForm({
  post,
  action,
  onDone,
}: {
  post: Post;
  action: 'hide' | 'restore';
  onDone: (changed: Post | null) => void;
}) {
  const { t } = useTranslation('forum');
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<Post>(`/posts/${post.id}/${action}`, {
        method: 'POST',
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    onSuccess: onDone,
  });
  const error = send.error instanceof ApiError ? send.error : null;
  return (
    <form
      className="forum-panel"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <TextField
        label={t('moderation.reason')}
        hint={t('moderation.reasonHint')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        error={error?.problemWith('reason')}
      />
      {error && !error.problemWith('reason') && <ErrorNotice error={error} />}
      <div className="toolbar">
        <button type="submit" className={action === 'hide' ? 'button--danger' : undefined} disabled={send.isPending}>
          {t(action === 'hide' ? 'post.hideConfirm' : 'post.restoreConfirm')}
        </button>
        <button type="button" className="button--quiet" onClick={() => onDone(null)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

/** The author changes their post; what it said before stays in its history. */
function EditForm({ post, onDone }: { post: Post; onDone: (edited: Post | null) => void }) {
  const { t } = useTranslation('forum');
  const [body, setBody] = useState(post.body ?? '');
  const save = useMutation({
    mutationFn: () => api<Post>(`/posts/${post.id}`, { method: 'PATCH', body: { body } }),
    onSuccess: onDone,
  });
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <form
      className="forum-panel"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Composer
        label={t('post.editLabel')}
        value={body}
        onChange={setBody}
        error={error?.problemWith('body')}
        required
      />
      {error && !error.problemWith('body') && <ErrorNotice error={error} />}
      <div className="toolbar">
        <button type="submit" disabled={save.isPending || body.trim() === ''}>
          {t('post.saveEdit')}
        </button>
        <button type="button" className="button--quiet" onClick={() => onDone(null)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
