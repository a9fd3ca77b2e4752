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
  libraryKeys,
  type Resource,
  type ReviewList,
  sizeOf,
  usePrinciples,
  useRubric,
  type Version,
  WITHDRAWABLE,
} from './library-api';
import { LibraryNav, StatusBadge } from './library-ui';
import { ReviewForm, ReviewItem } from './ReviewForm';

/** `/library/r/:id`: a resource with its files; its reviews, versions and workflow for its author, reviewers and editors. */
export function ResourcePage() {
  const { t } = useTranslation('library');
  const { id = '' } = useParams();
  const member = useMember();
  const memberId = member?.id ?? null;
  const taxonomy = useTaxonomy();
  const { state } = useLocation() as { state: { notice?: string } | null };
  const found = useQuery({
    queryKey: libraryKeys.resource(id, memberId),
    queryFn: ({ signal }) => api<Resource>(`/resources/${id}`, { signal }),
  });
  const resource = found.data;
  usePageTitle(resource?.title ?? t('resource.title'));

  if (found.isPending) return <Loading />;
  if (!resource) {
    return (
      <div className="page">
        <h1>{t('resource.title')}</h1>
        <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
        <p>
          <Link to="/library">{t('resource.back')}</Link>
        </p>
      </div>
    );
  }
  const insider = resource.viewer.author || resource.viewer.canDecide || resource.viewer.reviewer;
  return (
    <div className="page library-resource">
      <LibraryNav />
      <p className="library-back">
        <Link to="/library">{t('resource.back')}</Link>
      </p>
      <header className="library-resource__head">
        <p className="library-card__kind">
          <span className="badge">{t(`types.${resource.type}`)}</span>
          {resource.status !== 'published' && <StatusBadge status={resource.status} />}
          {insider && <span>{t('resource.version', { number: resource.version })}</span>}
        </p>
        <h1>{resource.title}</h1>
        <Byline resource={resource} />
      </header>
      {state?.notice && (
        <p className="library-notice library-notice--good" role="status">
          {state.notice}
        </p>
      )}

      <div className="library-resource__layout">
        <div className="library-resource__main">
          {resource.viewer.author && <AuthorPanel resource={resource} />}
          <section className="card" aria-labelledby="resource-abstract">
            <h2 id="resource-abstract">{t('fields.abstract')}</h2>
            <p className="library-text">{resource.abstract}</p>
          </section>
          <FilesSection resource={resource} />
          {resource.viewer.reviewer && <ReviewSection resource={resource} />}
          {resource.viewer.canDecide && !resource.viewer.author && <EditorPanel resource={resource} />}
          {resource.viewer.author && resource.status !== 'draft' && <AuthorReviews resource={resource} />}
          {insider && <Versions resource={resource} />}
        </div>
        <aside className="library-resource__side" aria-labelledby="resource-details">
          <Details resource={resource} taxonomy={taxonomy} />
        </aside>
      </div>
    </div>
  );
}

function Byline({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  return (
    <div className="library-byline">
      {resource.authors.length > 0 && <p>{resource.authors.join(', ')}</p>}
      {resource.organisations.length > 0 && <p className="library-byline__org">{resource.organisations.join(', ')}</p>}
      <p className="library-byline__meta">
        {resource.year !== null && <span>{resource.year}</span>}
        {resource.publishedAt ? (
          <span>{t('resource.publishedOn', { date: format.date(resource.publishedAt) })}</span>
        ) : (
          <span>{t('resource.sharedBy', { name: resource.submittedBy.displayName })}</span>
        )}
      </p>
    </div>
  );
}

/** What the author may do now, and what happens next. */
function AuthorPanel({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  const queries = useQueryClient();
  const [notice, setNotice] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const act = useMutation({
    mutationFn: (step: 'submit' | 'withdraw') => api<Resource>(`/resources/${resource.id}/${step}`, { method: 'POST' }),
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
      <p>{t(`author.state.${resource.status}`)}</p>
      <div className="toolbar">
        {resource.viewer.canEdit && (
          <Link className="button button--quiet" to={`/library/r/${resource.id}/edit`}>
            {t('author.edit')}
          </Link>
        )}
        {(resource.status === 'draft' || resource.status === 'changes_requested') && (
          <button type="button" onClick={() => act.mutate('submit')} disabled={act.isPending}>
            {resource.status === 'draft' ? t('author.submit') : t('author.resubmit')}
          </button>
        )}
        {WITHDRAWABLE.includes(resource.status) && !confirmWithdraw && (
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

function FilesSection({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  if (resource.files.length === 0 && !resource.link) return null;
  return (
    <section className="card" aria-labelledby="resource-files">
      <h2 id="resource-files">{t('resource.files')}</h2>
      {resource.files.length > 0 && (
        <ul className="list library-files">
          {resource.files.map((file) => (
            <FileRow key={file.id} file={file} />
          ))}
        </ul>
      )}
      {resource.link && (
        <p className="library-link">
          <a href={resource.link} target="_blank" rel="noopener noreferrer">
            {t('resource.openLink')}
            <span className="visually-hidden"> {t('resource.newTab')}</span>
          </a>{' '}
          <span className="library-link__url">{hostOf(resource.link)}</span>
        </p>
      )}
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

function Details({ resource, taxonomy }: { resource: Resource; taxonomy: Taxonomy }) {
  const { t } = useTranslation('library');
  const principles = usePrinciples();
  const locale = currentLanguage();
  const rows: [string, ReactNode][] = [];
  rows.push([
    t('fields.objectives'),
    <ul key="objectives" className="library-plain">
      {resource.objectives.map((number) => {
        const objective = taxonomy.objective(number);
        return (
          <li key={number}>
            <Link to={`/library?objective=${number}`}>
              {objective ? t('objectiveOption', { number, label: objective.label }) : t('objectiveShort', { number })}
            </Link>
          </li>
        );
      })}
    </ul>,
  ]);
  if (resource.principles.length > 0) {
    rows.push([t('fields.principles'), resource.principles.map((key) => principles.label(key)).join(', ')]);
  }
  rows.push([t('fields.languages'), resource.languages.map((code) => languageName(code, locale)).join(', ')]);
  if (resource.regions.length > 0) {
    rows.push([t('fields.regions'), resource.regions.map((key) => taxonomy.regionLabel(key)).join(', ')]);
  }
  if (resource.countries.length > 0) {
    rows.push([t('fields.countries'), resource.countries.map((code) => taxonomy.countryName(code)).join(', ')]);
  }
  if (resource.tags.length > 0) {
    rows.push([
      t('fields.tags'),
      <ul key="tags" className="library-tags">
        {resource.tags.map((tag) => (
          <li key={tag}>
            <Link className="library-tag" to={`/library?tag=${encodeURIComponent(tag)}`}>
              {tag}
            </Link>
          </li>
        ))}
      </ul>,
    ]);
  }
  if (resource.licence) rows.push([t('fields.licence'), resource.licence]);
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
function ReviewSection({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  const member = useMember();
  const rubric = useRubric();
  const reviews = useQuery({
    queryKey: libraryKeys.reviews(resource.id, member?.id ?? null),
    queryFn: ({ signal }) => api<ReviewList>(`/resources/${resource.id}/reviews`, { signal }),
  });
  const own = reviews.data?.items.filter((review) => review.reviewer?.id === member?.id) ?? [];
  const done = own.some((review) => review.version === resource.version);
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
          {!done && resource.status === 'in_review' && rubric.data && (
            <ReviewForm resource={resource} criteria={rubric.data.criteria} />
          )}
          {!done && resource.status !== 'in_review' && <p>{t(`review.state.${resource.status}`)}</p>}
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
function AuthorReviews({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  const member = useMember();
  const rubric = useRubric();
  const reviews = useQuery({
    queryKey: libraryKeys.reviews(resource.id, member?.id ?? null),
    queryFn: ({ signal }) => api<ReviewList>(`/resources/${resource.id}/reviews`, { signal }),
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

function Versions({ resource }: { resource: Resource }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const member = useMember();
  const versions = useQuery({
    queryKey: libraryKeys.versions(resource.id, member?.id ?? null),
    queryFn: ({ signal }) => api<{ items: Version[] }>(`/resources/${resource.id}/versions`, { signal }),
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
                {version.number === resource.version && <span className="badge">{t('versions.current')}</span>}
                {version.number === resource.publishedVersion && (
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
              {version.content.title && version.content.title !== resource.title && (
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
