import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { currentLanguage } from '../../i18n';
import { SelectField, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { LANGUAGE_CODES, languageName, type Page, type Profile, type Taxonomy, useTaxonomy } from './community-api';
import { initials } from '../../ui/initials';

const FILTERS = ['q', 'country', 'region', 'orgType', 'objective', 'language'] as const;
const SELECTS = ['country', 'region', 'orgType', 'objective', 'language'] as const;
/** From this width the filters sit beside the results, open. */
const WIDE = '(min-width: 1000px)';
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 24;
/** The working languages of the community, offered first. */
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru', 'zh'];

/** `/directory`: find peers by name, organisation or expertise, and by country, region, type, objective, language. */
export function DirectoryPage() {
  const { t } = useTranslation('community');
  const member = useMember();
  const format = useFormat();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Filters;
  usePageTitle(t('directory.title'));

  const results = useInfiniteQuery({
    queryKey: ['community', 'directory', member?.id ?? null, filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Profile>>('/members', { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const profiles = results.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = FILTERS.some((key) => filters[key]);
  const selected = SELECTS.filter((key) => filters[key]).length;
  // On a phone the filters start folded (unless some are set), so that the results show first.
  const [open, setOpen] = useState(() => selected > 0 || window.matchMedia(WIDE).matches);

  const setFilter = (key: keyof Filters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter('q', String(new FormData(event.currentTarget).get('q') ?? '').trim());
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });

  return (
    <section className="page community-directory">
      <h1>{t('directory.title')}</h1>
      <p className="lead">{t('directory.lead')}</p>
      {!member && (
        <p className="community-notice">
          {t('directory.guest')}{' '}
          <Link to={`/signin?next=${encodeURIComponent('/directory')}`}>{t('directory.signIn')}</Link>
        </p>
      )}
      <div className="community-directory__layout">
        <form className="card community-filters" role="search" aria-label={t('directory.filters')} onSubmit={search}>
          <h2>{t('directory.filters')}</h2>
          <div className="community-search">
            <TextField
              key={filters.q}
              label={t('directory.search')}
              hint={t('directory.searchHint')}
              type="search"
              name="q"
              defaultValue={filters.q}
              maxLength={100}
            />
            <button type="submit">{t('directory.searchButton')}</button>
          </div>
          <details className="community-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
            <summary>
              {selected > 0 ? t('directory.moreFiltersOn', { count: selected }) : t('directory.moreFilters')}
            </summary>
            <DirectoryFilters filters={filters} setFilter={setFilter} taxonomy={taxonomy} />
          </details>
          {filtered && (
            <button type="button" className="button--quiet" onClick={clear}>
              {t('directory.clear')}
            </button>
          )}
        </form>

        <section aria-labelledby="directory-results" className="community-results">
          <h2 id="directory-results" className="visually-hidden">
            {t('directory.results')}
          </h2>
          {results.isPending ? (
            <Loading />
          ) : results.error && profiles.length === 0 ? (
            <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <>
              <p role="status" className="community-count">
                {profiles.length === 0
                  ? ''
                  : results.hasNextPage
                    ? t('directory.showingMore', { count: profiles.length, formatted: format.number(profiles.length) })
                    : t('directory.showing', { count: profiles.length, formatted: format.number(profiles.length) })}
              </p>
              {profiles.length === 0 ? (
                <Empty>
                  <p>{filtered ? t('directory.noMatch') : t('directory.empty')}</p>
                  {filtered && (
                    <button type="button" className="button--quiet" onClick={clear}>
                      {t('directory.clear')}
                    </button>
                  )}
                </Empty>
              ) : (
                <ul className="community-cards">
                  {profiles.map((profile) => (
                    <MemberCard key={profile.id} profile={profile} taxonomy={taxonomy} />
                  ))}
                </ul>
              )}
              {results.error && <ErrorNotice error={results.error} />}
              {results.hasNextPage && (
                <div className="community-more">
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => void results.fetchNextPage()}
                    disabled={results.isFetchingNextPage}
                  >
                    {results.isFetchingNextPage ? t('common:loading') : t('directory.more')}
                  </button>
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </section>
  );
}

function DirectoryFilters({
  filters,
  setFilter,
  taxonomy,
}: {
  filters: Filters;
  setFilter: (key: keyof Filters, value: string) => void;
  taxonomy: Taxonomy;
}) {
  const { t } = useTranslation('community');
  const locale = currentLanguage();
  const collator = new Intl.Collator(locale);
  const others = LANGUAGE_CODES.filter((code) => !COMMON_LANGUAGES.includes(code))
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <div className="community-filters__selects">
      <SelectField
        label={t('fields.country')}
        value={filters.country}
        onChange={(e) => setFilter('country', e.target.value)}
      >
        <option value="">{t('directory.any')}</option>
        {taxonomy.countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('fields.region')}
        value={filters.region}
        onChange={(e) => setFilter('region', e.target.value)}
      >
        <option value="">{t('directory.any')}</option>
        {taxonomy.regions.map((region) => (
          <option key={region.key} value={region.key}>
            {region.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('fields.orgType')}
        value={filters.orgType}
        onChange={(e) => setFilter('orgType', e.target.value)}
      >
        <option value="">{t('directory.any')}</option>
        {taxonomy.orgTypes.map((type) => (
          <option key={type.key} value={type.key}>
            {type.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('directory.objective')}
        value={filters.objective}
        onChange={(e) => setFilter('objective', e.target.value)}
      >
        <option value="">{t('directory.any')}</option>
        {taxonomy.objectives.map((objective) => (
          <option key={objective.number} value={String(objective.number)}>
            {t('objective.option', { number: objective.number, label: objective.label })}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('directory.language')}
        value={filters.language}
        onChange={(e) => setFilter('language', e.target.value)}
      >
        <option value="">{t('directory.any')}</option>
        <optgroup label={t('directory.commonLanguages')}>
          {COMMON_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, locale)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('directory.otherLanguages')}>
          {others.map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </optgroup>
      </SelectField>
    </div>
  );
}

const SHOWN_OBJECTIVES = 4;
const SHOWN_TAGS = 5;

function MemberCard({ profile, taxonomy }: { profile: Profile; taxonomy: Taxonomy }) {
  const { t } = useTranslation('community');
  const locale = currentLanguage();
  const where = [
    profile.country ? taxonomy.countryName(profile.country) : null,
    profile.region ? taxonomy.regionLabel(profile.region) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const moreObjectives = profile.objectives.length - SHOWN_OBJECTIVES;
  return (
    <li className="card community-card">
      <div className="community-card__head">
        <span className="community-avatar" aria-hidden="true">
          {initials(profile.displayName)}
        </span>
        <div className="community-card__who">
          <h3>
            <Link to={`/members/${profile.id}`}>{profile.displayName}</Link>
          </h3>
          {profile.organisation && <p className="community-card__org">{profile.organisation}</p>}
          {(profile.orgType || where) && (
            <p className="community-card__meta">
              {[profile.orgType ? taxonomy.orgTypeLabel(profile.orgType) : null, where].filter(Boolean).join(' · ')}
            </p>
          )}
        </div>
      </div>
      {profile.objectives.length > 0 && (
        <ul className="community-tags" aria-label={t('fields.objectives')}>
          {profile.objectives.slice(0, SHOWN_OBJECTIVES).map((number) => (
            <li key={number} className="badge" title={taxonomy.objective(number)?.title}>
              {t('objective.short', { number })}
            </li>
          ))}
          {moreObjectives > 0 && <li className="badge">{t('directory.moreObjectives', { count: moreObjectives })}</li>}
        </ul>
      )}
      {profile.expertise.length > 0 && (
        <p className="community-card__expertise">
          <span className="visually-hidden">{t('fields.expertise')}: </span>
          {profile.expertise.slice(0, SHOWN_TAGS).join(', ')}
          {profile.expertise.length > SHOWN_TAGS && '…'}
        </p>
      )}
      {profile.languages.length > 0 && (
        <p className="community-card__languages">
          <span className="visually-hidden">{t('fields.languages')}: </span>
          {profile.languages.map((code) => languageName(code, locale)).join(', ')}
        </p>
      )}
    </li>
  );
}
