import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { SelectField, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { PledgeCard } from './parts';
import {
  type Dashboard,
  type Page,
  type Pledge,
  PLEDGE_STATUSES,
  pledgeKeys,
  useClusters,
  useTaxonomy,
} from './pledges-api';

const FILTERS = ['status', 'cluster', 'objective', 'region', 'country', 'year', 'q'] as const;
const PAGE_SIZE = 20;

/** `/pledges/browse`: every pledge, newest first, filtered by status, cluster, objective, region, country, year or words. */
export function PledgeListPage() {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  const member = useMember();
  const clusters = useClusters();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('list.title'));
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const filtered = FILTERS.some((key) => filters[key] !== '');
  const [words, setWords] = useState(filters.q);

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const search = (event: FormEvent) => {
    event.preventDefault();
    set('q', words.trim());
  };

  const pledges = useInfiniteQuery({
    queryKey: pledgeKeys.list(filters, member?.id ?? null),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Pledge>>('/pledges', { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // The years pledges were made in, for the year filter.
  const years = useQuery({
    queryKey: pledgeKeys.dashboard(),
    queryFn: ({ signal }) => api<Dashboard>('/pledges/dashboard', { signal }),
    select: (board) => board.byYear.map((year) => year.key).reverse(),
  });
  const items = pledges.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page pledges pledges-list-page">
      <header className="pledges-head">
        <div>
          <p className="pledges-back">
            <Link to="/pledges">{t('list.back')}</Link>
          </p>
          <h1>{t('list.title')}</h1>
          <p className="lead">{t('list.lead')}</p>
        </div>
        {member && (
          <Link className="button" to="/pledges/new">
            {t('dashboard.new')}
          </Link>
        )}
      </header>

      <div className="pledges-list__layout">
        <section className="card pledges-filters" aria-labelledby="pledges-filters-heading">
          <h2 id="pledges-filters-heading">{t('list.filters')}</h2>
          <form role="search" className="pledges-search" onSubmit={search}>
            <TextField
              type="search"
              label={t('list.q')}
              hint={t('list.qHint')}
              value={words}
              onChange={(event) => setWords(event.target.value)}
              maxLength={200}
            />
            <button type="submit">{t('list.search')}</button>
          </form>
          <SelectField
            label={t('fields.status')}
            value={filters.status}
            onChange={(e) => set('status', e.target.value)}
          >
            <option value="">{t('list.any')}</option>
            {PLEDGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('fields.cluster')}
            value={filters.cluster}
            onChange={(e) => set('cluster', e.target.value)}
          >
            <option value="">{t('list.any')}</option>
            {(clusters.data ?? []).map((cluster) => (
              <option key={cluster.key} value={cluster.key}>
                {clusters.labelOf(cluster.key)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('fields.objective')}
            value={filters.objective}
            onChange={(e) => set('objective', e.target.value)}
          >
            <option value="">{t('list.any')}</option>
            {taxonomy.objectives.map((objective) => (
              <option key={objective.number} value={objective.number}>
                {t('objective.short', { number: objective.number })} · {objective.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('fields.region')}
            value={filters.region}
            onChange={(e) => set('region', e.target.value)}
          >
            <option value="">{t('list.any')}</option>
            {taxonomy.regions.map((region) => (
              <option key={region.key} value={region.key}>
                {region.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('fields.country')}
            value={filters.country}
            onChange={(e) => set('country', e.target.value)}
          >
            <option value="">{t('list.any')}</option>
            {taxonomy.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('fields.year')} value={filters.year} onChange={(e) => set('year', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {filters.year && !(years.data ?? []).includes(Number(filters.year)) && (
              <option value={filters.year}>{filters.year}</option>
            )}
            {(years.data ?? []).map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </SelectField>
          {filtered && (
            <button
              type="button"
              className="button--quiet"
              onClick={() => {
                setWords('');
                setParams({}, { replace: true });
              }}
            >
              {t('list.clear')}
            </button>
          )}
        </section>

        <section className="pledges-list__results" aria-labelledby="pledges-results-heading">
          <h2 id="pledges-results-heading" className="visually-hidden">
            {t('list.results')}
          </h2>
          {pledges.isPending ? (
            <Loading />
          ) : pledges.error ? (
            <ErrorNotice error={pledges.error} onRetry={() => void pledges.refetch()} />
          ) : items.length === 0 ? (
            <Empty>
              <p>{filtered ? t('list.emptyFiltered') : t('list.empty')}</p>
            </Empty>
          ) : (
            <>
              <p className="pledges-count" role="status">
                {pledges.hasNextPage
                  ? t('list.shownMore', { count: items.length, formatted: format.number(items.length) })
                  : t('list.shown', { count: items.length, formatted: format.number(items.length) })}
              </p>
              <ul className="pledges-cards">
                {items.map((pledge) => (
                  <PledgeCard
                    key={pledge.id}
                    pledge={pledge}
                    clusterLabel={clusters.labelOf(pledge.cluster)}
                    taxonomy={taxonomy}
                  />
                ))}
              </ul>
              {pledges.hasNextPage && (
                <button
                  type="button"
                  className="button--quiet pledges-more"
                  disabled={pledges.isFetchingNextPage}
                  onClick={() => void pledges.fetchNextPage()}
                >
                  {pledges.isFetchingNextPage ? t('loadingMore') : t('list.more')}
                </button>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
