import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { fieldErrors, FormProblem, ProgressBar, StatusBadge } from './parts';
import {
  downloadFile,
  type EvidenceFile,
  type Page,
  type Pledge,
  PLEDGE_STATUSES,
  PLEDGES_KEY,
  pledgeKeys,
  type PledgeStatus,
  type ProgressUpdate,
  uploadFile,
  useClusters,
  useTaxonomy,
} from './pledges-api';

/** `/pledges/:pledgeId`: a pledge, its progress timeline, following it, and (for its representatives) reporting. */
export function PledgePage() {
  const { t } = useTranslation('pledges');
  const { pledgeId = '' } = useParams();
  const member = useMember();
  const format = useFormat();
  const clusters = useClusters();
  const taxonomy = useTaxonomy();
  const client = useQueryClient();
  const location = useLocation();
  const key = pledgeKeys.pledge(pledgeId, member?.id ?? null);
  const pledge = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<Pledge>(`/pledges/${pledgeId}`, { signal }),
  });
  usePageTitle(pledge.data?.title ?? t('pledge.title'));

  const follow = useMutation({
    mutationFn: (on: boolean) => api<Pledge>(`/pledges/${pledgeId}/follow`, { method: on ? 'POST' : 'DELETE' }),
    onSuccess: (updated) => {
      client.setQueryData(key, updated);
      void client.invalidateQueries({ queryKey: [PLEDGES_KEY, 'list'] });
    },
  });

  if (pledge.isPending) return <Loading />;
  if (pledge.error) {
    return (
      <section className="page page--narrow">
        <h1>{t('pledge.title')}</h1>
        <ErrorNotice error={pledge.error} onRetry={() => void pledge.refetch()} />
      </section>
    );
  }
  const data = pledge.data;
  const following = data.viewer.following;
  return (
    <article className="page pledges pledges-pledge">
      <p className="pledges-back">
        <Link to="/pledges/browse">{t('pledge.back')}</Link>
      </p>
      <header className="pledges-pledge__head">
        <div className="pledges-pledge__heading">
          <p className="pledges-pledge__eyebrow">
            <StatusBadge status={data.status} />
            <span className="badge">{clusters.labelOf(data.cluster)}</span>
          </p>
          <h1>{data.title}</h1>
          <p className="pledges-pledge__pledger">
            {data.pledger.name}
            <span className="pledges-card__kind">
              {' · '}
              {t(`pledgerKind.${data.pledger.kind}`)}
              {data.pledger.country ? ` · ${taxonomy.countryName(data.pledger.country)}` : ''}
            </span>
          </p>
          <ProgressBar percent={data.percent} />
        </div>
        <div className="pledges-pledge__actions">
          {member ? (
            <button
              type="button"
              aria-pressed={following}
              className={following ? '' : 'button--quiet'}
              disabled={follow.isPending}
              onClick={() => follow.mutate(!following)}
            >
              {following ? t('pledge.following') : t('pledge.follow')}
            </button>
          ) : (
            <Link className="button button--quiet" to={`/signin?next=${encodeURIComponent(location.pathname)}`}>
              {t('pledge.signInToFollow')}
            </Link>
          )}
          {data.viewer.canEdit && (
            <Link className="button button--quiet" to={`/pledges/${data.id}/edit`}>
              {t('pledge.edit')}
            </Link>
          )}
          <p className="pledges-pledge__followers" role="status">
            {follow.isSuccess
              ? following
                ? t('pledge.nowFollowing')
                : t('pledge.noLongerFollowing')
              : t('card.followers', { count: data.followerCount, formatted: format.number(data.followerCount) })}
          </p>
          {follow.error && <ErrorNotice error={follow.error} />}
        </div>
      </header>

      <div className="pledges-pledge__layout">
        <div className="pledges-pledge__main">
          <section className="card" aria-labelledby="pledge-about">
            <h2 id="pledge-about">{t('pledge.about')}</h2>
            <p className="pledges-description">{data.description || t('pledge.noDescription')}</p>
          </section>
          {data.viewer.canReport && <ReportForm pledge={data} />}
          <Timeline pledgeId={data.id} />
        </div>
        <aside className="card pledges-facts" aria-labelledby="pledge-facts">
          <h2 id="pledge-facts">{t('pledge.facts')}</h2>
          <dl>
            <div>
              <dt>{t('fields.madeAt')}</dt>
              <dd>{format.date(data.madeAt)}</dd>
            </div>
            <div>
              <dt>{t('fields.objectives')}</dt>
              <dd>
                <ul className="pledges-plain-list">
                  {data.objectives.map((number) => (
                    <li key={number}>
                      <Link to={`/pledges/browse?objective=${number}`}>
                        {t('objective.short', { number })}
                        {taxonomy.objectiveLabel(number) ? ` · ${taxonomy.objectiveLabel(number)}` : ''}
                      </Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            {data.principles.length > 0 && (
              <div>
                <dt>{t('fields.principles')}</dt>
                <dd>{data.principles.map(taxonomy.principleLabel).join(', ')}</dd>
              </div>
            )}
            {data.countries.length > 0 && (
              <div>
                <dt>{t('fields.countries')}</dt>
                <dd>{data.countries.map(taxonomy.countryName).join(', ')}</dd>
              </div>
            )}
            {data.regions.length > 0 && (
              <div>
                <dt>{t('fields.regions')}</dt>
                <dd>{data.regions.map(taxonomy.regionLabel).join(', ')}</dd>
              </div>
            )}
            <div>
              <dt>{t('fields.representatives')}</dt>
              <dd>
                <ul className="pledges-plain-list">
                  {data.representatives.map((person, index) => (
                    <li key={person.id ?? index}>
                      {person.id ? (
                        <Link to={`/members/${person.id}`}>{person.displayName}</Link>
                      ) : (
                        person.displayName || t('someone')
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            {data.lastUpdateAt && (
              <div>
                <dt>{t('pledge.lastUpdate')}</dt>
                <dd>{format.date(data.lastUpdateAt)}</dd>
              </div>
            )}
          </dl>
        </aside>
      </div>
    </article>
  );
}

/** The pledge's progress, newest first: dated updates with their percentage, milestone, status and evidence. */
function Timeline({ pledgeId }: { pledgeId: string }) {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  const { hash } = useLocation();
  const updates = useInfiniteQuery({
    queryKey: pledgeKeys.updates(pledgeId),
    queryFn: ({ pageParam, signal }) =>
      api<Page<ProgressUpdate>>(`/pledges/${pledgeId}/updates`, { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = updates.data?.pages.flatMap((page) => page.items) ?? [];
  const [downloadError, setDownloadError] = useState<unknown>(null);

  // A link to one update (#update-…, from the dashboard) scrolls to it once the timeline is in.
  const loaded = items.length > 0;
  useEffect(() => {
    if (loaded && hash.startsWith('#update-')) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [loaded, hash]);

  return (
    <section className="card pledges-timeline" aria-labelledby="pledge-timeline">
      <h2 id="pledge-timeline">{t('timeline.title')}</h2>
      {downloadError !== null && <ErrorNotice error={downloadError} />}
      {updates.isPending ? (
        <Loading />
      ) : updates.error ? (
        <ErrorNotice error={updates.error} onRetry={() => void updates.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('timeline.empty')}</Empty>
      ) : (
        <ol className="pledges-timeline__list">
          {items.map((update) => (
            <li key={update.id} id={`update-${update.id}`} className="pledges-update" tabIndex={-1}>
              <h3 className="pledges-update__when">
                <time dateTime={update.createdAt}>{format.dateTime(update.createdAt)}</time>
              </h3>
              <p className="pledges-update__meta">
                {t('timeline.by', { name: update.author.displayName || t('someone') })}
                {update.percent !== null && (
                  <span className="badge">{t('progress.percent', { value: format.number(update.percent) })}</span>
                )}
                {update.milestone && (
                  <span className="badge badge--warn">{t('timeline.milestone', { milestone: update.milestone })}</span>
                )}
                {update.status && (
                  <span>
                    {t('timeline.statusTo')} <StatusBadge status={update.status} />
                  </span>
                )}
              </p>
              <p className="pledges-update__text">{update.text}</p>
              {(update.evidence.links.length > 0 || update.evidence.files.length > 0) && (
                <div className="pledges-update__evidence">
                  <h4>{t('timeline.evidence')}</h4>
                  <ul className="pledges-plain-list">
                    {update.evidence.links.map((link) => (
                      <li key={link}>
                        <a href={link} rel="noopener noreferrer nofollow" target="_blank">
                          {link}
                          <span className="visually-hidden"> {t('timeline.newTab')}</span>
                        </a>
                      </li>
                    ))}
                    {update.evidence.files.map((file) => (
                      <li key={file.id}>
                        <button
                          type="button"
                          className="button--quiet pledges-file"
                          onClick={() => {
                            setDownloadError(null);
                            downloadFile(file).catch(setDownloadError);
                          }}
                        >
                          {t('timeline.download', { name: file.name, size: sizeOf(file.size, format.number) })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {updates.hasNextPage && (
        <button
          type="button"
          className="button--quiet pledges-more"
          disabled={updates.isFetchingNextPage}
          onClick={() => void updates.fetchNextPage()}
        >
          {updates.isFetchingNextPage ? t('loadingMore') : t('timeline.more')}
        </button>
      )}
    </section>
  );
}

function sizeOf(bytes: number, number: (value: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 102.4) / 10)} KB`;
  return `${number(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

const REPORT_FIELDS = ['text', 'percent', 'milestone', 'status', 'evidence.links', 'evidence.fileIds'] as const;

/** The representatives' form: what happened, how far it is, a milestone, a status change, and the evidence. */
function ReportForm({ pledge }: { pledge: Pledge }) {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  const client = useQueryClient();
  const fileInput = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [percent, setPercent] = useState('');
  const [milestone, setMilestone] = useState('');
  const [status, setStatus] = useState<'' | PledgeStatus>('');
  const [links, setLinks] = useState('');
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [posted, setPosted] = useState(false);

  const report = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<ProgressUpdate>(`/pledges/${pledge.id}/updates`, { method: 'POST', body }),
    onSuccess: async () => {
      setText('');
      setPercent('');
      setMilestone('');
      setStatus('');
      setLinks('');
      setFiles([]);
      setLocal({});
      setPosted(true);
      await client.invalidateQueries({ queryKey: [PLEDGES_KEY] });
    },
  });
  const error = fieldErrors(local, report.error);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    setUploadError(null);
    for (const file of chosen) {
      setUploading(file.name);
      try {
        const stored = await uploadFile(file);
        setFiles((known) => [...known, stored]);
      } catch (failure) {
        setUploadError(
          failure instanceof ApiError && failure.status === 413
            ? t('report.fileTooLarge', { name: file.name })
            : failure instanceof ApiError && failure.status === 415
              ? t('report.fileType', { name: file.name })
              : failure instanceof ApiError && failure.status === 0
                ? t('report.fileNetwork', { name: file.name })
                : t('report.fileFailed', { name: file.name, message: (failure as Error).message }),
        );
      }
    }
    setUploading(null);
    if (fileRef.current) fileRef.current.value = '';
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPosted(false);
    const problems: Record<string, string> = {};
    if (!text.trim()) problems.text = t('report.errors.text');
    const value = percent.trim() === '' ? undefined : Number(percent);
    if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 100)) {
      problems.percent = t('report.errors.percent');
    }
    const linkList = links
      .split(/\s+/)
      .map((link) => link.trim())
      .filter(Boolean);
    if (linkList.some((link) => !/^https?:\/\/\S+$/i.test(link))) problems['evidence.links'] = t('report.errors.links');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    report.mutate({
      text: text.trim(),
      ...(value !== undefined ? { percent: value } : {}),
      ...(milestone.trim() ? { milestone: milestone.trim() } : {}),
      ...(status ? { status } : {}),
      ...(linkList.length > 0 || files.length > 0
        ? { evidence: { links: [...new Set(linkList)], fileIds: files.map((file) => file.id) } }
        : {}),
    });
  };

  return (
    <section className="card pledges-report" aria-labelledby="pledge-report">
      <h2 id="pledge-report">{t('report.title')}</h2>
      <p className="pledges-note">{t('report.hint')}</p>
      <form onSubmit={submit} noValidate>
        <TextArea
          label={t('report.text')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          maxLength={5000}
          required
          error={error('text')}
        />
        <div className="pledges-grid">
          <TextField
            label={t('report.percent')}
            hint={t('report.percentHint', { current: pledge.percent === null ? '—' : format.number(pledge.percent) })}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            error={error('percent')}
          />
          <TextField
            label={t('report.milestone')}
            hint={t('report.milestoneHint')}
            value={milestone}
            onChange={(e) => setMilestone(e.target.value)}
            maxLength={200}
            error={error('milestone')}
          />
          <SelectField
            label={t('report.status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as PledgeStatus | '')}
            error={error('status')}
          >
            <option value="">{t('report.keepStatus', { status: t(`status.${pledge.status}`) })}</option>
            {PLEDGE_STATUSES.filter((option) => option !== pledge.status).map((option) => (
              <option key={option} value={option}>
                {t(`status.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextArea
          label={t('report.links')}
          hint={t('report.linksHint')}
          value={links}
          onChange={(e) => setLinks(e.target.value)}
          rows={2}
          error={error('evidence.links')}
        />
        <div className={`field${uploadError || error('evidence.fileIds') ? ' field--invalid' : ''}`}>
          <label htmlFor={fileInput}>{t('report.files')}</label>
          <input
            ref={fileRef}
            id={fileInput}
            type="file"
            multiple
            accept=".pdf,.docx,.xlsx,.pptx,.odt,.csv,.png,.jpg,.jpeg,.webp"
            aria-describedby={`${fileInput}-hint`}
            disabled={uploading !== null}
            onChange={(e) => void upload(e)}
          />
          <div className="field__hint" id={`${fileInput}-hint`}>
            {t('report.filesHint')}
          </div>
          <div role="status" className="pledges-upload-status">
            {uploading ? t('report.uploading', { name: uploading }) : ''}
          </div>
          {(uploadError ?? error('evidence.fileIds')) && (
            <div className="field__error" role="alert">
              {uploadError ?? error('evidence.fileIds')}
            </div>
          )}
          {files.length > 0 && (
            <ul className="pledges-plain-list pledges-attached">
              {files.map((file) => (
                <li key={file.id}>
                  <span>
                    {file.name} ({sizeOf(file.size, format.number)})
                  </span>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => setFiles((known) => known.filter((each) => each.id !== file.id))}
                  >
                    {t('report.removeFile', { name: file.name })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <FormProblem error={report.error} shown={REPORT_FIELDS} />
        <div className="toolbar">
          <button type="submit" disabled={report.isPending || uploading !== null}>
            {report.isPending ? t('report.posting') : t('report.post')}
          </button>
          <p className="pledges-posted" role="status">
            {posted ? t('report.posted') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
