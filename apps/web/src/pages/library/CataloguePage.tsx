import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { languageName, type Taxonomy, useTaxonomy } from '../community/community-api';
import { type Catalogue, type FacetCount, type FacetName, type ItemKind, KINDS, libraryKeys } from './library-api';
import { ItemCard, LibraryNav } from './library-ui';

const FILTERS = ['q', 'tag', 'type', 'objective', 'region', 'language', 'yearFrom', 'yearTo'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;
const PAGE_SIZE = 20;
/** Values shown per facet before "Show all". */
const SHOWN_VALUES = 6;
/** From this width the filters sit beside the results, open. */
const WIDE = '(min-width: 1000px)';
/** The facet each filter narrows (years narrow by a range). */
const FACET_FILTER: Record<Exclude<FacetName, 'year'>, FilterName> = {
  type: 'type',
  objective: 'objective',
  region: 'region',
  language: 'language',
};

/** The facets each kind's catalogue offers: initiatives are all of one type. */
const KIND_FACETS: Record<ItemKind, readonly FacetName[]> = {
  resource: ['type', 'objective', 'region', 'language', 'year'],
  initiative: ['objective', 'region', 'language', 'year'],
};
/** Where each kind's own words are (title, lead, counts…); the rest is shared. */
const TEXTS: Record<ItemKind, string> = { resource: 'catalogue', initiative: 'initiativeCatalogue' };

/** `/library`: published resources, searched by their words and their files' text, narrowed by facets. */
export function CataloguePage() {
  return <ItemCatalogue kind="resource" />;
}

/** `/library/initiatives`: published initiatives, searched and narrowed as resources are. */
export function InitiativeCataloguePage() {
  return <ItemCatalogue kind="initiative" />;
}

function ItemCatalogue({ kind }: { kind: ItemKind }) {
  const { t } = useTranslation('library');
  const own = (key: string, options?: Record<string, unknown>) => t(`${TEXTS[kind]}.${key}`, options ?? {});
  const facets = KIND_FACETS[kind];
  const member = useMember();
  const format = useFormat();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTERS.map((key) => [key, key === 'type' && !facets.includes('type') ? '' : (params.get(key) ?? '')]),
  ) as Filters;
  usePageTitle(own('title'));
  const active = FILTERS.filter((key) => filters[key]);
  const [open, setOpen] = useState(() => active.length > 0 || window.matchMedia(WIDE).matches);

  const results = useInfiniteQuery({
    queryKey: libraryKeys.catalogue(kind, filters, member?.id ?? null),
    queryFn: ({ pageParam, signal }) =>
      api<Catalogue>(KINDS[kind].api, {
        query: { ...filters, limit: PAGE_SIZE, cursor: pageParam, facets: pageParam === undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = results.data?.pages[0];
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  const update = (changes: Partial<Filters>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    update({ q: text('q'), tag: text('tag'), yearFrom: text('yearFrom'), yearTo: text('yearTo') });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  const label = useValueLabel(taxonomy);
  const problem = (field: string) => (results.error instanceof ApiError ? results.error.problemWith(field) : undefined);

  return (
    <div className="page library-catalogue">
      <header className="library-head">
        <div>
          <h1>{own('title')}</h1>
          <p className="lead">{own('lead')}</p>
        </div>
        {member && (
          <Link className="button" to={KINDS[kind].propose}>
            {own('submit')}
          </Link>
        )}
      </header>
      <LibraryNav />

      <div className="library-layout">
        <form className="card library-filters" role="search" aria-label={t('catalogue.filters')} onSubmit={search}>
          <h2>{t('catalogue.filters')}</h2>
          <TextField
            key={`q-${filters.q}`}
            label={t('catalogue.search')}
            hint={own('searchHint')}
            type="search"
            name="q"
            defaultValue={filters.q}
            maxLength={200}
            error={problem('q')}
          />
          <TextField
            key={`tag-${filters.tag}`}
            label={t('fields.tag')}
            name="tag"
            defaultValue={filters.tag}
            error={problem('tag')}
          />
          <fieldset className="library-years">
            <legend>{t('catalogue.years')}</legend>
            <TextField
              key={`from-${filters.yearFrom}`}
              label={t('catalogue.yearFrom')}
              name="yearFrom"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2100}
              defaultValue={filters.yearFrom}
              error={problem('yearFrom')}
            />
            <TextField
              key={`to-${filters.yearTo}`}
              label={t('catalogue.yearTo')}
              name="yearTo"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2100}
              defaultValue={filters.yearTo}
              error={problem('yearTo')}
            />
          </fieldset>
          <button type="submit">{t('catalogue.apply')}</button>

          <details className="library-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
            <summary>{t('catalogue.facets')}</summary>
            {first?.facets ? (
              facets.map((facet) => (
                <Facet
                  key={facet}
                  name={facet}
                  countText={(count) => own('facetCount', { count })}
                  counts={first.facets![facet]}
                  label={(value) => label(facet, value)}
                  selected={
                    facet === 'year'
                      ? filters.yearFrom && filters.yearFrom === filters.yearTo
                        ? filters.yearFrom
                        : ''
                      : filters[FACET_FILTER[facet]]
                  }
                  onChoose={(value) =>
                    facet === 'year'
                      ? update({ yearFrom: value, yearTo: value })
                      : update({ [FACET_FILTER[facet]]: value })
                  }
                />
              ))
            ) : results.isPending ? (
              <Loading />
            ) : null}
          </details>
        </form>

        <section className="library-results" aria-labelledby="library-results">
          <h2 id="library-results" className="visually-hidden">
            {own('results')}
          </h2>
          {active.length > 0 && (
            <ul className="library-chips" aria-label={t('catalogue.activeFilters')}>
              {active.map((key) => (
                <li key={key} className="library-chip">
                  <span>
                    {t(`catalogue.filter.${key}`)}: {label(key, filters[key])}
                  </span>
                  <button
                    type="button"
                    className="button--quiet"
                    aria-label={t('catalogue.removeFilter', { name: label(key, filters[key]) })}
                    onClick={() => update({ [key]: '' })}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
              <li>
                <button type="button" className="button--quiet" onClick={clear}>
                  {t('catalogue.clear')}
                </button>
              </li>
            </ul>
          )}
          {results.isPending ? (
            <Loading />
          ) : results.error && items.length === 0 ? (
            <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <>
              <p role="status" className="library-count">
                {first ? own('count', { count: first.total, formatted: format.number(first.total) }) : ''}
              </p>
              {items.length === 0 ? (
                <Empty>
                  <p>{active.length > 0 ? own('noMatch') : own('empty')}</p>
                  {active.length > 0 && (
                    <button type="button" className="button--quiet" onClick={clear}>
                      {t('catalogue.clear')}
                    </button>
                  )}
                </Empty>
              ) : (
                <ul className="library-cards">
                  {items.map((item) => (
                    <ItemCard key={item.id} item={item} taxonomy={taxonomy} />
                  ))}
                </ul>
              )}
              {results.error && <ErrorNotice error={results.error} />}
              {results.hasNextPage && (
                <div className="library-more">
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => void results.fetchNextPage()}
                    disabled={results.isFetchingNextPage}
                  >
                    {results.isFetchingNextPage ? t('common:loading') : t('catalogue.more')}
                  </button>
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** How a filter's value reads: a type's name, an objective's label, a region, a language. */
function useValueLabel(taxonomy: Taxonomy) {
  const { t } = useTranslation('library');
  const locale = currentLanguage();
  return (name: string, value: string | number): string => {
    const text = String(value);
    if (name === 'type') return t(`types.${text}`, { defaultValue: text });
    if (name === 'objective') {
      const objective = taxonomy.objective(Number(value));
      return objective ? t('objectiveOption', { number: objective.number, label: objective.label }) : text;
    }
    if (name === 'region') return taxonomy.regionLabel(text);
    if (name === 'language') return languageName(text, locale);
    return text;
  };
}

/** One facet: its values with how many items each holds under the current filter; one chosen at a time. */
function Facet({
  name,
  countText,
  counts,
  label,
  selected,
  onChoose,
}: {
  name: FacetName;
  countText: (count: number) => string;
  counts: FacetCount[];
  label: (value: string | number) => string;
  selected: string;
  onChoose: (value: string) => void;
}) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const [all, setAll] = useState(false);
  if (counts.length === 0 && !selected) return null;
  const sorted = name === 'year' ? [...counts].sort((a, b) => Number(b.value) - Number(a.value)) : counts;
  const shown = all ? sorted : sorted.slice(0, SHOWN_VALUES);
  const headingId = `library-facet-${name}`;
  return (
    <section className="library-facet" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`catalogue.facet.${name}`)}</h3>
      <ul className="library-facet__values">
        {shown.map(({ value, count }) => {
          const on = String(value) === selected;
          return (
            <li key={String(value)}>
              <button
                type="button"
                className="library-facet__value"
                aria-pressed={on}
                onClick={() => onChoose(on ? '' : String(value))}
              >
                <span className="library-facet__label">{label(value)}</span>{' '}
                <span className="library-facet__count">
                  <span className="visually-hidden">{countText(count)}</span>
                  <span aria-hidden="true">{format.number(count)}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {sorted.length > SHOWN_VALUES && (
        <button type="button" className="button--quiet library-facet__all" onClick={() => setAll(!all)}>
          {all ? t('catalogue.fewer') : t('catalogue.all', { count: sorted.length })}
        </button>
      )}
    </section>
  );
}
