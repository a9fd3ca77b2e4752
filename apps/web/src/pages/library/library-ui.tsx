import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { languageName, type Taxonomy } from '../community/community-api';
import type { ItemStatus, Resource } from './library-api';

/** The library's own links, for members: the catalogue, sharing a resource and the review queues. */
export function LibraryNav() {
  const { t } = useTranslation('library');
  const member = useMember();
  // A guest has the catalogue only: no links to show.
  if (!member) return null;
  return (
    <nav className="library-nav" aria-label={t('nav.label')}>
      <NavLink to="/library" end>
        {t('nav.catalogue')}
      </NavLink>
      <NavLink to="/library/submit">{t('nav.submit')}</NavLink>
      <NavLink to="/library/reviews">{t('nav.reviews')}</NavLink>
    </nav>
  );
}

const STATUS_TONE: Partial<Record<ItemStatus, string>> = {
  published: 'badge--good',
  changes_requested: 'badge--warn',
  rejected: 'library-badge--bad',
  in_review: 'library-badge--info',
  submitted: 'library-badge--info',
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation('library');
  return <span className={`badge ${STATUS_TONE[status] ?? ''}`}>{t(`status.${status}`)}</span>;
}

/** One resource in a list: what it is, who made it, what it covers. */
export function ResourceCard({
  resource,
  taxonomy,
  showStatus = false,
  headingLevel = 3,
}: {
  resource: Resource;
  taxonomy: Taxonomy;
  showStatus?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const locale = currentLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const by = [...resource.organisations, ...resource.authors].slice(0, 3).join(', ');
  return (
    <li className="card library-card">
      <p className="library-card__kind">
        <span className="badge">{t(`types.${resource.type}`)}</span>
        {showStatus && <StatusBadge status={resource.status} />}
        {resource.year !== null && <span>{resource.year}</span>}
        {resource.files.length > 0 && <span>{t('card.files', { count: resource.files.length })}</span>}
      </p>
      <Heading className="library-card__title">
        <Link to={`/library/r/${resource.id}`}>{resource.title}</Link>
      </Heading>
      {by && <p className="library-card__by">{by}</p>}
      <p className="library-card__abstract">{resource.abstract}</p>
      <ul className="library-tags" aria-label={t('fields.objectives')}>
        {resource.objectives.map((number) => (
          <li key={number} className="badge" title={taxonomy.objective(number)?.title}>
            {t('objectiveShort', { number })}
          </li>
        ))}
      </ul>
      <p className="library-card__meta">
        {resource.languages.map((code) => languageName(code, locale)).join(', ')}
        {resource.publishedAt && (
          <>
            {' · '}
            {t('card.published', { date: format.date(resource.publishedAt) })}
          </>
        )}
        {!resource.publishedAt && resource.submittedAt && (
          <>
            {' · '}
            {t('card.submitted', { date: format.date(resource.submittedAt) })}
          </>
        )}
      </p>
    </li>
  );
}

/** Asks a guest to sign in first, coming back here after. */
export function SignInFirst({ text }: { text: string }) {
  const { t } = useTranslation('library');
  const here = window.location.pathname + window.location.search;
  return (
    <div className="card library-signin">
      <p>{text}</p>
      <Link className="button" to={`/signin?next=${encodeURIComponent(here)}`}>
        {t('signIn')}
      </Link>
    </div>
  );
}
