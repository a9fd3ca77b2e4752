import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../api/http';
import { useMember } from '../../../api/session';
import { useFormat } from '../../../i18n/format';
import { Checkbox, SelectField } from '../../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { excerpt } from '../forum-api';
import type { AuditEntry, Page } from '../forum-types';
import { ForumNav } from '../ForumNav';

/** The actions the log has a name for; any other shows as recorded. */
export const KNOWN_ACTIONS = [
  'thread.pin',
  'thread.unpin',
  'thread.lock',
  'thread.unlock',
  'thread.hide',
  'thread.restore',
  'thread.move',
  'thread.edit',
  'thread.delete',
  'thread.accept',
  'post.hide',
  'post.restore',
  'post.edit',
  'post.delete',
  'flag.resolve',
  'flag.dismiss',
  'user.suspend',
  'user.role',
] as const;
const TARGET_TYPES = ['thread', 'post', 'user', 'question', 'poll'] as const;

/** `/forum/moderation/audit`: every moderation action in the moderator's scope, newest first (read-only). */
export function AuditLogPage() {
  const [params] = useSearchParams();
  return <AuditLog key={params.toString()} />;
}

function AuditLog() {
  const { t } = useTranslation('forum');
  const member = useMember();
  const [params, setParams] = useSearchParams();
  const applied = {
    action: params.get('action') ?? '',
    targetType: params.get('targetType') ?? '',
    actor: params.get('actor') === 'system' ? 'system' : '',
  };
  const [form, setForm] = useState(applied);
  usePageTitle(t('audit.title'));
  const entries = useInfiniteQuery({
    queryKey: ['forum', 'audit', applied, member?.id ?? null],
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>('/moderation/audit', { query: { ...applied, limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: member !== null,
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const error = entries.error instanceof ApiError ? entries.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) if (value) next.set(name, value);
    setParams(next);
  };

  return (
    <section className="page forum forum-audit">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link>
      </p>
      <h1>{t('audit.title')}</h1>
      <ForumNav />
      {!member ? (
        <p>
          <Link to="/signin?next=%2Fforum%2Fmoderation%2Faudit">{t('signInToTakePart')}</Link>
        </p>
      ) : (
        <>
          <p className="lead">{t('audit.lead')}</p>
          <form className="card forum-audit__filters" onSubmit={submit}>
            <SelectField
              label={t('audit.action')}
              value={form.action}
              onChange={(event) => setForm((current) => ({ ...current, action: event.target.value }))}
              error={error?.problemWith('action')}
            >
              <option value="">{t('audit.anyAction')}</option>
              {KNOWN_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(t, action)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('audit.targetType')}
              value={form.targetType}
              onChange={(event) => setForm((current) => ({ ...current, targetType: event.target.value }))}
            >
              <option value="">{t('audit.anyTarget')}</option>
              {TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`audit.targets.${type}`)}
                </option>
              ))}
            </SelectField>
            <Checkbox
              label={t('audit.systemOnly')}
              checked={form.actor === 'system'}
              onChange={(event) => setForm((current) => ({ ...current, actor: event.target.checked ? 'system' : '' }))}
            />
            <button type="submit">{t('audit.apply')}</button>
          </form>
          {entries.isPending && <Loading />}
          {entries.error && <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />}
          {entries.data && items.length === 0 && <Empty>{t('audit.none')}</Empty>}
          <ol className="forum-audit-list">
            {items.map((entry) => (
              <li key={entry.id}>
                <AuditRow entry={entry} />
              </li>
            ))}
          </ol>
          {entries.hasNextPage && (
            <button
              type="button"
              className="button--quiet forum-more"
              disabled={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
            >
              {entries.isFetchingNextPage ? t('loadingMore') : t('audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function actionLabel(t: (key: string) => string, action: string): string {
  return (KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`actions.${action.replace('.', '_')}`) : action;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return excerpt(typeof value === 'string' ? value : JSON.stringify(value), 160);
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('forum');
  const format = useFormat();
  const fields = [...new Set([...Object.keys(entry.before), ...Object.keys(entry.after)])];
  const target =
    entry.target.type === 'thread' ? (
      <Link to={`/forum/t/${entry.target.id}`}>{t('audit.targets.thread')}</Link>
    ) : entry.target.type === 'user' ? (
      <Link to={`/members/${entry.target.id}`}>{t('audit.targets.user')}</Link>
    ) : (
      <span>
        {(TARGET_TYPES as readonly string[]).includes(entry.target.type)
          ? t(`audit.targets.${entry.target.type}`)
          : entry.target.type}{' '}
        <code>{entry.target.id.slice(-6)}</code>
      </span>
    );
  return (
    <article className="card forum-audit-entry">
      <p className="forum-audit-entry__head">
        <strong>{actionLabel(t, entry.action)}</strong> · {target}
      </p>
      <p className="forum-audit-entry__meta">
        {entry.actor ? t('audit.by', { name: entry.actor.displayName }) : t('audit.bySystem')} ·{' '}
        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
      </p>
      {entry.reason && (
        <p>
          <strong>{t('audit.reason')}</strong> {entry.reason}
        </p>
      )}
      {fields.length > 0 && (
        <dl className="forum-audit-entry__changes">
          {fields.map((field) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>
                {shown(entry.before[field])} → {shown(entry.after[field])}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
