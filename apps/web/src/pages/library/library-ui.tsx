import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { languageName, type Taxonomy } from '../community/community-api';
import { type Initiative, type ItemStatus, itemPage, type LibraryItem } from './library-api';

/** The library's own links: the two catalogues for everyone; sharing, proposing and the review queues for members. */
export function LibraryNav() {
  const { t } = useTranslation('library');
  const member = useMember();
  return (
    <nav className="library-nav" aria-label={t('nav.label')}>
      <NavLink to="/library" end>
        {t('nav.catalogue')}
      </NavLink>
      <NavLink to="/library/initiatives" end>
        {t('nav.initiatives')}
      </NavLink>
      {member && (
        <>
          <NavLink to="/library/submit">{t('nav.submit')}</NavLink>
          <NavLink to="/library/initiatives/new">{t('nav.propose')}</NavLink>
          <NavLink to="/library/reviews">{t('nav.reviews')}</NavLink>
        </>
      )}
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

/** An initiative's period as people read it: "March 2023 – December 2025", or from its start while it runs. */
export function usePeriod() {
  const { t } = useTranslation('library');
  const locale = currentLanguage();
  const month = (day: string) =>
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(day));
  return (period: Initiative['period']) =>
    period.end
      ? t('initiative.periodFromTo', { start: month(period.start), end: month(period.end) })
      : t('initiative.periodFrom', { start: month(period.start) });
}

/** What an item is, in a badge: a resource's type, or an initiative with its stage. */
export function KindBadges({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  if (item.kind === 'resource') return <span className="badge">{t(`types.${item.type}`)}</span>;
  return (
    <>
      <span className="badge">{t('initiative.kind')}</span>
      <span className="badge">{t(`stages.${item.stage}`)}</span>
    </>
  );
}

/** One item in a list: what it is, who made it (or leads it), what it covers. */
export function ItemCard({
  item,
  taxonomy,
  showStatus = false,
  headingLevel = 3,
}: {
  item: LibraryItem;
  taxonomy: Taxonomy;
  showStatus?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const period = usePeriod();
  const locale = currentLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const initiative = item.kind === 'initiative';
  const by = (
    initiative ? [item.leadOrganisation, ...item.partnerOrganisations] : [...item.organisations, ...item.authors]
  )
    .slice(0, 3)
    .join(', ');
  return (
    <li className="card library-card">
      <p className="library-card__kind">
        <KindBadges item={item} />
        {showStatus && <StatusBadge status={item.status} />}
        {initiative ? <span>{period(item.period)}</span> : item.year !== null && <span>{item.year}</span>}
        {item.files.length > 0 && <span>{t('card.files', { count: item.files.length })}</span>}
      </p>
      <Heading className="library-card__title">
        <Link to={itemPage(item)}>{item.title}</Link>
      </Heading>
      {by && <p className="library-card__by">{by}</p>}
      <p className="library-card__abstract">{initiative ? item.summary : item.abstract}</p>
      <ul className="library-tags" aria-label={t('fields.objectives')}>
        {item.objectives.map((number) => (
          <li key={number} className="badge" title={taxonomy.objective(number)?.title}>
            {t('objectiveShort', { number })}
          </li>
        ))}
      </ul>
      <p className="library-card__meta">
        {item.languages.map((code) => languageName(code, locale)).join(', ')}
        {item.publishedAt && (
          <>
            {item.languages.length > 0 && ' · '}
            {t('card.published', { date: format.date(item.publishedAt) })}
          </>
        )}
        {!item.publishedAt && item.submittedAt && (
          <>
            {item.languages.length > 0 && ' · '}
            {t('card.submitted', { date: format.date(item.submittedAt) })}
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
