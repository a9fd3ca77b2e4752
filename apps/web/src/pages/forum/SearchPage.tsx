import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { SelectField, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useDebounced } from './Composer';
import { excerpt, searchMembers, textOf, threadPath, useCategories, useObjectives } from './forum-api';
import type { MemberCard, Page, SearchHit, Thread } from './forum-types';
import { ForumNav, When } from './ForumNav';

const FILTERS = ['q', 'type', 'category', 'author', 'authorName', 'objective', 'tag'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

/** `/forum/search`: words in titles, tags and posts, narrowed by kind, category, author, objective and tag. */
export function SearchPage() {
  const [params] = useSearchParams();
  // The form starts from the address: a new address (a tag link, the back button) starts it again.
  return <SearchView key={params.toString()} />;
}

function SearchView() {
  const { t } = useTranslation('forum');
  const member = useMember();
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [form, setForm] = useState<Filters>(applied);
  const categories = useCategories();
  const objectives = useObjectives();
  usePageTitle(applied.q ? t('search.titleFor', { q: applied.q }) : t('search.title'));

  const results = useInfiniteQuery({
    queryKey: ['forum', 'search', applied, member?.id ?? null],
    queryFn: ({ pageParam, signal }) =>
      api<Page<SearchHit>>('/search', {
        query: {
          q: applied.q,
          type: applied.type,
          category: applied.category,
          author: applied.author,
          objective: applied.objective,
          tag: applied.tag,
          limit: 20,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: applied.q.trim() !== '',
  });
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];
  const error = results.error instanceof ApiError ? results.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) if (form[name].trim()) next.set(name, form[name].trim());
    setParams(next);
  };
  const set = (name: keyof Filters, value: string) => setForm((current) => ({ ...current, [name]: value }));
  const categoryName = (id: string) => categories.data?.find((category) => category.id === id)?.name;

  return (
    <section className="page forum forum-search">
      <p className="forum-breadcrumb">
        <Link to="/forum">{t('home.title')}</Link>
      </p>
      <h1>{t('search.title')}</h1>
      <ForumNav />
      <form className="card forum-search__form" role="search" onSubmit={submit}>
        <TextField
          label={t('search.label')}
          hint={t('search.hint')}
          type="search"
          value={form.q}
          onChange={(event) => set('q', event.target.value)}
          maxLength={100}
          error={error?.problemWith('q')}
        />
        <div className="forum-search__filters">
          <SelectField label={t('search.type')} value={form.type} onChange={(event) => set('type', event.target.value)}>
            <option value="">{t('search.types.all')}</option>
            <option value="thread">{t('search.types.thread')}</option>
            <option value="post">{t('search.types.post')}</option>
          </SelectField>
          <SelectField
            label={t('search.category')}
            value={form.category}
            onChange={(event) => set('category', event.target.value)}
          >
            <option value="">{t('search.anyCategory')}</option>
            {(categories.data ?? []).map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <MemberPicker
            label={t('search.author')}
            chosen={
              form.author ? { id: form.author, displayName: form.authorName || form.author, organisation: null } : null
            }
            onChoose={(card) =>
              setForm((current) => ({ ...current, author: card?.id ?? '', authorName: card?.displayName ?? '' }))
            }
            error={error?.problemWith('author')}
          />
          <SelectField
            label={t('search.objective')}
            value={form.objective}
            onChange={(event) => set('objective', event.target.value)}
            error={error?.problemWith('objective')}
          >
            <option value="">{t('search.anyObjective')}</option>
            {(objectives.data ?? []).map((objective) => (
              <option key={objective.number} value={objective.number}>
                {objective.number}. {objective.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('search.tag')}
            value={form.tag}
            onChange={(event) => set('tag', event.target.value)}
            maxLength={30}
            error={error?.problemWith('tag')}
          />
        </div>
        {(form.tag || form.objective) && form.type !== 'thread' && (
          <p className="field__hint">{t('search.threadOnly')}</p>
        )}
        <button type="submit">{t('search.submit')}</button>
      </form>

      <section aria-labelledby="search-results-title">
        <h2 id="search-results-title" className="forum-section-title">
          {applied.q ? t('search.resultsFor', { q: applied.q }) : t('search.results')}
        </h2>
        {!applied.q && <Empty>{t('search.prompt')}</Empty>}
        {applied.q && results.isPending && <Loading />}
        {error && !error.details.length && <ErrorNotice error={error} onRetry={() => void results.refetch()} />}
        {results.data && hits.length === 0 && <Empty>{t('search.none')}</Empty>}
        <div role="status" aria-live="polite" className="visually-hidden">
          {results.data ? t('search.count', { count: hits.length }) : ''}
        </div>
        {hits.length > 0 && (
          <ol className="forum-hits">
            {hits.map((hit) =>
              hit.thread ? (
                <li key={`t-${hit.thread.id}`} className="card forum-hit">
                  <p className="forum-hit__kind">
                    <span className="badge">{t('search.types.thread')}</span>{' '}
                    {categoryName(hit.thread.categoryId) && <span>{categoryName(hit.thread.categoryId)}</span>}
                  </p>
                  <h3 className="forum-hit__title">
                    <Link to={threadPath(hit.thread.id)}>{hit.thread.title}</Link>
                  </h3>
                  <p className="forum-hit__meta">
                    {t('category.startedBy', { name: hit.thread.author.displayName })} ·{' '}
                    <When at={hit.thread.createdAt} /> · {t('category.repliesCount', { count: hit.thread.replyCount })}
                    {hit.thread.tags.map((tag) => (
                      <span key={tag} className="forum-tag">
                        #{tag}
                      </span>
                    ))}
                  </p>
                </li>
              ) : hit.post ? (
                <li key={`p-${hit.post.id}`} className="card forum-hit">
                  <p className="forum-hit__kind">
                    <span className="badge">{t('search.types.post')}</span>
                  </p>
                  <h3 className="forum-hit__title">
                    <Link to={threadPath(hit.post.threadId, hit.post.id)}>
                      <ThreadTitle threadId={hit.post.threadId} number={hit.post.number} />
                    </Link>
                  </h3>
                  <p className="forum-hit__excerpt">{excerpt(textOf(hit.post.html))}</p>
                  <p className="forum-hit__meta">
                    {hit.post.author.displayName} · <When at={hit.post.createdAt} />
                  </p>
                </li>
              ) : null,
            )}
          </ol>
        )}
        {results.hasNextPage && (
          <button
            type="button"
            className="button--quiet forum-more"
            disabled={results.isFetchingNextPage}
            onClick={() => void results.fetchNextPage()}
          >
            {results.isFetchingNextPage ? t('loadingMore') : t('search.more')}
          </button>
        )}
      </section>
    </section>
  );
}

/** A post hit names its thread (one request per thread, shared by its posts). */
function ThreadTitle({ threadId, number }: { threadId: string; number: number }) {
  const { t } = useTranslation('forum');
  const member = useMember();
  const thread = useQuery({
    queryKey: ['forum', 'thread', threadId, member?.id ?? null],
    queryFn: () => api<Thread>(`/threads/${threadId}`),
    staleTime: 60_000,
  });
  return <>{t('search.postIn', { number, title: thread.data?.title ?? '…' })}</>;
}

/** A member chosen by name from the directory: a combobox (type, then arrows and Enter, or a tap). */
export function MemberPicker({
  label,
  chosen,
  onChoose,
  error,
}: {
  label: string;
  chosen: MemberCard | null;
  onChoose: (card: MemberCard | null) => void;
  error?: string;
}) {
  const { t } = useTranslation('forum');
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 180);
  const found = useQuery({
    queryKey: ['forum', 'mention', query],
    queryFn: ({ signal }) => searchMembers(query, signal),
    enabled: open && query.length >= 1,
    staleTime: 60_000,
  });
  const options = open && query.length >= 1 ? (found.data ?? []) : [];
  const expanded = options.length > 0;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const listId = `${id}-list`;

  const choose = (card: MemberCard) => {
    onChoose(card);
    setText('');
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!expanded) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(options[activeIndex]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    }
  };

  if (chosen) {
    return (
      <div className="field">
        <span className="forum-picker__label" id={`${id}-label`}>
          {label}
        </span>
        <p className="forum-picker__chosen">
          <span>{chosen.displayName}</span>
          <button type="button" className="button--quiet" onClick={() => onChoose(null)}>
            {t('search.clearAuthor', { name: chosen.displayName })}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className={`field forum-picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={error ? true : undefined}
        value={text}
        placeholder={t('search.authorPlaceholder')}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul className="forum-mentions" id={listId} role="listbox" aria-label={label} hidden={!expanded}>
        {options.map((card, index) => (
          <li
            key={card.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className={index === activeIndex ? 'forum-mentions__option--active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(card)}
          >
            <span className="forum-mentions__name">{card.displayName}</span>
            {card.organisation && <span className="forum-mentions__org"> · {card.organisation}</span>}
          </li>
        ))}
      </ul>
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
