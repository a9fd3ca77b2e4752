import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { languageName, type Taxonomy, useTaxonomy } from '../community/community-api';
import { EditorPanel } from './EditorPanel';
import {
  downloadFile,
  fileKind,
  type FileView,
  type Initiative,
  type ItemKind,
  itemApi,
  itemPage,
  KINDS,
  type LibraryItem,
  libraryKeys,
  type ReviewList,
  sizeOf,
  usePrinciples,
  useRubric,
  type Version,
  WITHDRAWABLE,
} from './library-api';
import { KindBadges, LibraryNav, StatusBadge, usePeriod } from './library-ui';
import { ReviewForm, ReviewItem } from './ReviewForm';

/** `/library/r/:id`: a resource with its files; its reviews, versions and workflow for its author, reviewers and editors. */
export function ResourcePage() {
  return <ItemPage kind="resource" />;
}

/** `/library/i/:id`: an initiative, with the same workflow as a resource. */
export function InitiativePage() {
  return <ItemPage kind="initiative" />;
}

/** The words of each kind's page that differ: its name while it loads, the way back. */
const TEXTS: Record<ItemKind, string> = { resource: 'resource', initiative: 'initiative' };

function ItemPage({ kind }: { kind: ItemKind }) {
  const { t } = useTranslation('library');
  const { id = '' } = useParams();
  const member = useMember();
  const memberId = member?.id ?? null;
  const taxonomy = useTaxonomy();
  const { state } = useLocation() as { state: { notice?: string } | null };
  const found = useQuery({
    queryKey: libraryKeys.item(kind, id, memberId),
    queryFn: ({ signal }) => api<LibraryItem>(itemApi({ kind, id }), { signal }),
  });
  const item = found.data;
  usePageTitle(item?.title ?? t(`${TEXTS[kind]}.title`));
  const back = <Link to={KINDS[kind].catalogue}>{t(`${TEXTS[kind]}.back`)}</Link>;

  if (found.isPending) return <Loading />;
  if (!item) {
    return (
      <div className="page">
        <h1>{t(`${TEXTS[kind]}.title`)}</h1>
        <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
        <p>{back}</p>
      </div>
    );
  }
  const insider = item.viewer.author || item.viewer.canDecide || item.viewer.reviewer;
  return (
    <div className="page library-resource">
      <LibraryNav />
      <p className="library-back">{back}</p>
      <header className="library-resource__head">
        <p className="library-card__kind">
          <KindBadges item={item} />
          {item.status !== 'published' && <StatusBadge status={item.status} />}
          {insider && <span>{t('resource.version', { number: item.version })}</span>}
        </p>
        <h1>{item.title}</h1>
        <Byline item={item} />
      </header>
      {state?.notice && (
        <p className="library-notice library-notice--good" role="status">
          {state.notice}
        </p>
      )}

      <div className="library-resource__layout">
        <div className="library-resource__main">
          {item.viewer.author && <AuthorPanel item={item} />}
          {item.kind === 'resource' ? (
            <section className="card" aria-labelledby="resource-abstract">
              <h2 id="resource-abstract">{t('fields.abstract')}</h2>
              <p className="library-text">{item.abstract}</p>
            </section>
          ) : (
            <InitiativeText initiative={item} />
          )}
          <FilesSection item={item} />
          {item.viewer.reviewer && <ReviewSection item={item} />}
          {item.viewer.canDecide && !item.viewer.author && <EditorPanel item={item} />}
          {item.viewer.author && item.status !== 'draft' && <AuthorReviews item={item} />}
          {insider && <Versions item={item} />}
        </div>
        <aside className="library-resource__side" aria-labelledby="resource-details">
          <Details item={item} taxonomy={taxonomy} />
        </aside>
      </div>
    </div>
  );
}

/** Who made a resource, or who leads an initiative and with whom; its year or period; when it was published. */
function Byline({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const period = usePeriod();
  const initiative = item.kind === 'initiative';
  const people = initiative ? '' : item.authors.join(', ');
  const organisations = initiative
    ? t('initiative.ledBy', { name: item.leadOrganisation })
    : item.organisations.join(', ');
  const partners =
    initiative && item.partnerOrganisations.length > 0
      ? t('initiative.withPartners', { names: item.partnerOrganisations.join(', ') })
      : '';
  const when = initiative ? period(item.period) : (item.year?.toString() ?? '');
  return (
    <div className="library-byline">
      {people && <p>{people}</p>}
      {organisations && <p className="library-byline__org">{organisations}</p>}
      {partners && <p>{partners}</p>}
      <p className="library-byline__meta">
        {when && <span>{when}</span>}
        {item.publishedAt ? (
          <span>{t('resource.publishedOn', { date: format.date(item.publishedAt) })}</span>
        ) : (
          <span>
            {t(initiative ? 'initiative.proposedBy' : 'resource.sharedBy', { name: item.submittedBy.displayName })}
          </span>
        )}
      </p>
    </div>
  );
}

/** An initiative's summary and what it achieved. */
function InitiativeText({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation('library');
  return (
    <section className="card" aria-labelledby="initiative-summary">
      <h2 id="initiative-summary">{t('fields.summary')}</h2>
      <p className="library-text">{initiative.summary}</p>
      {initiative.results && (
        <>
          <h3>{t('fields.results')}</h3>
          <p className="library-text">{initiative.results}</p>
        </>
      )}
    </section>
  );
}

/** What the author may do now, and what happens next. */
function AuthorPanel({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const [notice, setNotice] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const act = useMutation({
    mutationFn: (step: 'submit' | 'withdraw') => api<LibraryItem>(`${itemApi(item)}/${step}`, { method: 'POST' }),
    onSuccess: (_updated, step) => {
      setNotice(step === 'submit' ? t('author.submitted') : t('author.withdrawn'));
      setConfirmWithdraw(false);
      void queries.invalidateQueries({ queryKey: libraryKeys.all });
    },
  });
  const missing = act.error instanceof ApiError ? act.error.problemWith('fileIds') : undefined;
  return (
    <section className="card library-author" aria-labelledby="author-panel">
      <h2 id="author-panel">{t('author.title')}</h2>
      <p>{t(`author.state.${item.status}`)}</p>
      <div className="toolbar">
        {item.viewer.canEdit && (
          <Link className="button button--quiet" to={`${itemPage(item)}/edit`}>
            {t('author.edit')}
          </Link>
        )}
        {(item.status === 'draft' || item.status === 'changes_requested') && (
          <button type="button" onClick={() => act.mutate('submit')} disabled={act.isPending}>
            {item.status === 'draft' ? t('author.submit') : t('author.resubmit')}
          </button>
        )}
        {WITHDRAWABLE.includes(item.status) && !confirmWithdraw && (
          <button type="button" className="button--quiet" onClick={() => setConfirmWithdraw(true)}>
            {t('author.withdraw')}
          </button>
        )}
      </div>
      {confirmWithdraw && (
        <div className="library-confirm" role="group" aria-label={t('author.withdraw')}>
          <p>{t('author.withdrawConfirm')}</p>
          <div className="toolbar">
            <button
              type="button"
              className="button--danger"
              onClick={() => act.mutate('withdraw')}
              disabled={act.isPending}
            >
              {t('author.withdrawYes')}
            </button>
            <button type="button" className="button--quiet" onClick={() => setConfirmWithdraw(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </div>
      )}
      <p role="status" className="library-status">
        {notice}
      </p>
      {act.error &&
        (missing ? <p className="field__error">{t('author.needsFiles')}</p> : <ErrorNotice error={act.error} />)}
    </section>
  );
}

function FilesSection({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const links = item.kind === 'resource' ? (item.link ? [item.link] : []) : item.links;
  if (item.files.length === 0 && links.length === 0) return null;
  return (
    <section className="card" aria-labelledby="resource-files">
      <h2 id="resource-files">{t(item.kind === 'resource' ? 'resource.files' : 'initiative.files')}</h2>
      {item.files.length > 0 && (
        <ul className="list library-files">
          {item.files.map((file) => (
            <FileRow key={file.id} file={file} />
          ))}
        </ul>
      )}
      {links.map((link) => (
        <p key={link} className="library-link">
          <a href={link} target="_blank" rel="noopener noreferrer">
            {links.length > 1 ? t('resource.openLinkTo', { host: hostOf(link) }) : t('resource.openLink')}
            <span className="visually-hidden"> {t('resource.newTab')}</span>
          </a>{' '}
          <span className="library-link__url">{hostOf(link)}</span>
        </p>
      ))}
    </section>
  );
}

function FileRow({ file }: { file: FileView }) {
  const { t } = useTranslation('library');
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setState('busy');
    try {
      await downloadFile(file);
      setState('idle');
    } catch (caught) {
      setError(caught);
      setState('failed');
    }
  };
  return (
    <li className="library-file">
      <span className="library-file__icon" aria-hidden="true">
        {fileKind(file)}
      </span>
      <span className="library-file__name">
        <span className="library-file__title">{file.name}</span>
        <span className="library-file__meta">
          {fileKind(file)} · {sizeOf(file.size, currentLanguage())}
        </span>
      </span>
      <button
        type="button"
        className="button--quiet"
        onClick={() => void download()}
        disabled={state === 'busy'}
        aria-label={t('resource.downloadFile', { name: file.name })}
      >
        {state === 'busy' ? t('resource.downloading') : t('resource.download')}
      </button>
      {state === 'failed' && (
        <div className="library-file__error">
          <ErrorNotice error={error} />
        </div>
      )}
    </li>
  );
}

function Details({ item, taxonomy }: { item: LibraryItem; taxonomy: Taxonomy }) {
  const { t } = useTranslation('library');
  const principles = usePrinciples();
  const locale = currentLanguage();
  const period = usePeriod();
  const catalogue = KINDS[item.kind].catalogue;
  const rows: [string, ReactNode][] = [];
  if (item.kind === 'initiative') {
    rows.push([t('fields.stage'), t(`stages.${item.stage}`)]);
    rows.push([t('fields.period'), period(item.period)]);
    rows.push([t('fields.leadOrganisation'), item.leadOrganisation]);
    if (item.partnerOrganisations.length > 0) {
      rows.push([t('fields.partnerOrganisations'), item.partnerOrganisations.join(', ')]);
    }
  }
  rows.push([
    t('fields.objectives'),
    <ul key="objectives" className="library-plain">
      {item.objectives.map((number) => {
        const objective = taxonomy.objective(number);
        return (
          <li key={number}>
            <Link to={`${catalogue}?objective=${number}`}>
              {objective ? t('objectiveOption', { number, label: objective.label }) : t('objectiveShort', { number })}
            </Link>
          </li>
        );
      })}
    </ul>,
  ]);
  if (item.principles.length > 0) {
    rows.push([t('fields.principles'), item.principles.map((key) => principles.label(key)).join(', ')]);
  }
  rows.push([t('fields.languages'), item.languages.map((code) => languageName(code, locale)).join(', ')]);
  if (item.regions.length > 0) {
    rows.push([t('fields.regions'), item.regions.map((key) => taxonomy.regionLabel(key)).join(', ')]);
  }
  if (item.countries.length > 0) {
    rows.push([t('fields.countries'), item.countries.map((code) => taxonomy.countryName(code)).join(', ')]);
  }
  if (item.tags.length > 0) {
    rows.push([
      t('fields.tags'),
      <ul key="tags" className="library-tags">
        {item.tags.map((tag) => (
          <li key={tag}>
            <Link className="library-tag" to={`${catalogue}?tag=${encodeURIComponent(tag)}`}>
              {tag}
            </Link>
          </li>
        ))}
      </ul>,
    ]);
  }
  if (item.kind === 'resource' && item.licence) rows.push([t('fields.licence'), item.licence]);
  return (
    <section className="card">
      <h2 id="resource-details">{t('resource.details')}</h2>
      <dl className="library-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The reviewer's side: the form while the current version waits for their review, then what they wrote. */
function ReviewSection({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const member = useMember();
  const rubric = useRubric();
  const reviews = useQuery({
    queryKey: libraryKeys.reviews(item.id, member?.id ?? null),
    queryFn: ({ signal }) => api<ReviewList>(`${itemApi(item)}/reviews`, { signal }),
  });
  const own = reviews.data?.items.filter((review) => review.reviewer?.id === member?.id) ?? [];
  const done = own.some((review) => review.version === item.version);
  const loaded = Boolean(reviews.data && rubric.data);
  const section = useRef<HTMLElement>(null);
  // Opened from the queue (#review): the form, once it is there.
  useEffect(() => {
    if (loaded && window.location.hash === '#review') section.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  return (
    <section ref={section} className="card library-review" id="review" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {reviews.isPending || rubric.isPending ? (
        <Loading />
      ) : reviews.error || rubric.error ? (
        <ErrorNotice error={reviews.error ?? rubric.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <>
          {!done && item.status === 'in_review' && rubric.data && (
            <ReviewForm item={item} criteria={rubric.data.criteria} />
          )}
          {!done && item.status !== 'in_review' && <p>{t(`review.state.${item.status}`)}</p>}
          {own.length > 0 && (
            <>
              <h3>{t('review.yours')}</h3>
              <ul className="list">
                {[...own].reverse().map((review) => (
                  <ReviewItem key={review.id} review={review} criteria={rubric.data?.criteria ?? []} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The author reads the reviews without who wrote them. */
function AuthorReviews({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const member = useMember();
  const rubric = useRubric();
  const reviews = useQuery({
    queryKey: libraryKeys.reviews(item.id, member?.id ?? null),
    queryFn: ({ signal }) => api<ReviewList>(`${itemApi(item)}/reviews`, { signal }),
  });
  return (
    <section className="card" aria-labelledby="author-reviews">
      <h2 id="author-reviews">{t('reviews.title')}</h2>
      <p className="field__hint">{t('reviews.anonymous')}</p>
      {reviews.isPending ? (
        <Loading />
      ) : reviews.error ? (
        <ErrorNotice error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.items.length === 0 ? (
        <p>{t('reviews.none')}</p>
      ) : (
        <ul className="list">
          {[...reviews.data.items].reverse().map((review) => (
            <ReviewItem key={review.id} review={review} criteria={rubric.data?.criteria ?? []} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Versions({ item }: { item: LibraryItem }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const member = useMember();
  const versions = useQuery({
    queryKey: libraryKeys.versions(item.id, member?.id ?? null),
    queryFn: ({ signal }) => api<{ items: Version[] }>(`${itemApi(item)}/versions`, { signal }),
  });
  return (
    <section className="card" aria-labelledby="resource-versions">
      <h2 id="resource-versions">{t('versions.title')}</h2>
      {versions.isPending ? (
        <Loading />
      ) : versions.error ? (
        <ErrorNotice error={versions.error} />
      ) : (
        <ol className="list library-versions" reversed>
          {[...versions.data.items].reverse().map((version) => (
            <li key={version.number}>
              <p className="library-version__head">
                <strong>{t('resource.version', { number: version.number })}</strong>
                {version.number === item.version && <span className="badge">{t('versions.current')}</span>}
                {version.number === item.publishedVersion && (
                  <span className="badge badge--good">{t('versions.published')}</span>
                )}
                {version.reviewed && <span className="badge">{t('versions.reviewed')}</span>}
              </p>
              <p className="library-version__meta">
                {t('versions.created', { date: format.dateTime(version.createdAt) })}
                {version.submittedAt && (
                  <> · {t('versions.submitted', { date: format.dateTime(version.submittedAt) })}</>
                )}
                {version.publishedAt && (
                  <> · {t('versions.publishedOn', { date: format.dateTime(version.publishedAt) })}</>
                )}
              </p>
              {version.content.title && version.content.title !== item.title && (
                <p className="library-version__meta">
                  {t('versions.titleThen')}: {version.content.title}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function hostOf(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}
