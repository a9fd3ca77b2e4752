import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../api/http';
import { useMember } from '../../../api/session';
import { useFormat } from '../../../i18n/format';
import { TextField } from '../../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { plainMarkdown, threadPath } from '../forum-api';
import { FLAG_REASONS, FLAG_STATUSES, type Flag, type Page } from '../forum-types';
import { ForumNav, When } from '../ForumNav';

const STATUS_OPTIONS = [...FLAG_STATUSES, 'all'] as const;
type StatusOption = (typeof STATUS_OPTIONS)[number];

/** `/forum/moderation/flags`: what members flagged, in the moderator's scope; resolve (hide) or dismiss. */
export function FlagQueuePage() {
  const { t } = useTranslation('forum');
  const member = useMember();
  const [params, setParams] = useSearchParams();
  const status: StatusOption = (STATUS_OPTIONS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as StatusOption)
    : 'open';
  usePageTitle(t('flags.title'));
  const flags = useInfiniteQuery({
    queryKey: ['forum', 'flags', status, member?.id ?? null],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Flag>>('/moderation/flags', {
        query: { status: status === 'all' ? undefined : status, limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: member !== null,
  });
  const items = flags.data?.pages.flatMap((page) => page.items) ?? [];
  // Said here, not on the card: a reviewed flag leaves the open queue.
  const [announcement, setAnnouncement] = useState('');

  return (
    <section className="page forum forum-flags">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link>
      </p>
      <h1>{t('flags.title')}</h1>
      <ForumNav />
      {!member ? (
        <p>
          <Link to="/signin?next=%2Fforum%2Fmoderation%2Fflags">{t('signInToTakePart')}</Link>
        </p>
      ) : (
        <>
          <p className="lead">{t('flags.lead')}</p>
          <div className="segmented" role="group" aria-label={t('flags.statusLabel')}>
            {STATUS_OPTIONS.map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={status === option}
                className={status === option ? '' : 'button--quiet'}
                onClick={() => setParams(option === 'open' ? {} : { status: option }, { replace: true })}
              >
                {t(`flags.status.${option}`)}
              </button>
            ))}
          </div>
          <p role="status" aria-live="polite" className="forum-flag__done">
            {announcement}
          </p>
          {flags.isPending && <Loading />}
          {flags.error && <ErrorNotice error={flags.error} onRetry={() => void flags.refetch()} />}
          {flags.data && items.length === 0 && <Empty>{t(status === 'open' ? 'flags.noneOpen' : 'flags.none')}</Empty>}
          <ol className="forum-flag-list">
            {items.map((flag) => (
              <li key={flag.id}>
                <FlagCard flag={flag} onReviewed={setAnnouncement} />
              </li>
            ))}
          </ol>
          {flags.hasNextPage && (
            <button
              type="button"
              className="button--quiet forum-more"
              disabled={flags.isFetchingNextPage}
              onClick={() => void flags.fetchNextPage()}
            >
              {flags.isFetchingNextPage ? t('loadingMore') : t('flags.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function FlagCard({ flag, onReviewed }: { flag: Flag; onReviewed: (message: string) => void }) {
  const { t } = useTranslation('forum');
  const format = useFormat();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'resolve' | 'dismiss') =>
      api<Flag>(`/moderation/flags/${flag.id}/${decision}`, { method: 'POST', body: { reason: reason.trim() } }),
    onMutate: () => onReviewed(''),
    onSuccess: (_flag, decision) => {
      onReviewed(t(decision === 'resolve' ? 'flags.resolved' : 'flags.dismissed'));
      void client.invalidateQueries({ queryKey: ['forum', 'flags'] });
    },
  });
  const error = review.error instanceof ApiError ? review.error : null;
  const titleId = `flag-${flag.id}-title`;
  const reasons = FLAG_REASONS.filter((kind) => flag.postFlags.reasons[kind] > 0);
  return (
    <article className="card forum-flag" aria-labelledby={titleId}>
      <h2 id={titleId} className="forum-flag__title">
        {flag.post ? (
          <Link to={threadPath(flag.post.threadId, flag.post.id)}>{flag.post.threadTitle}</Link>
        ) : (
          t('flags.postGone')
        )}
      </h2>
      <p className="forum-flag__meta">
        <span className={`badge${flag.status === 'open' ? ' badge--warn' : ''}`}>
          {t(`flags.status.${flag.status}`)}
        </span>{' '}
        <span className="badge badge--accent">{t(`flag.reason.${flag.reason}`)}</span>{' '}
        {t('flags.reportedBy', { name: flag.reporter.displayName })} · <When at={flag.createdAt} />
      </p>
      {flag.post && (
        <blockquote className="forum-flag__excerpt">
          <p>{plainMarkdown(flag.post.excerpt)}</p>
          <footer>
            {t('flags.postBy', { name: flag.post.author.displayName })}
            {flag.post.status !== 'visible' && (
              <>
                {' '}
                <span className="badge badge--warn">{t(`flags.postStatus.${flag.post.status}`)}</span>
              </>
            )}
          </footer>
        </blockquote>
      )}
      {flag.note && (
        <p className="forum-flag__note">
          <strong>{t('flags.note')}</strong> {flag.note}
        </p>
      )}
      <p className="forum-flag__counts">
        {t('flags.onThisPost', {
          open: format.number(flag.postFlags.open),
          resolved: format.number(flag.postFlags.resolved),
          dismissed: format.number(flag.postFlags.dismissed),
        })}
        {reasons.length > 0 && (
          <>
            {' · '}
            {reasons
              .map((kind) => `${t(`flag.reason.${kind}`)} ${format.number(flag.postFlags.reasons[kind])}`)
              .join(', ')}
          </>
        )}
      </p>
      {flag.review && (
        <p className="forum-flag__review">
          {t('flags.reviewedBy', { name: flag.review.moderator.displayName, reason: flag.review.reason })}{' '}
          <When at={flag.review.at} />
        </p>
      )}
      {flag.status === 'open' && (
        <form
          className="forum-flag__decide"
          onSubmit={(event) => {
            event.preventDefault();
            review.mutate('resolve');
          }}
        >
          <TextField
            label={t('moderation.reasonRequired')}
            hint={t('moderation.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            minLength={3}
            maxLength={500}
            required
            error={error?.problemWith('reason')}
          />
          <div className="toolbar">
            <button type="submit" className="button--danger" disabled={review.isPending}>
              {t('flags.resolve')}
            </button>
            <button
              type="button"
              className="button--quiet"
              disabled={review.isPending}
              onClick={() => review.mutate('dismiss')}
            >
              {t('flags.dismiss')}
            </button>
          </div>
          {error && !error.problemWith('reason') && <ErrorNotice error={error} />}
        </form>
      )}
    </article>
  );
}
