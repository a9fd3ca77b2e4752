import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { Deadline, StatusBadge } from './parts';
import { consultationKeys, type ConsultationStatus, type ConsultationSummary, type Page } from './types';

const PAGE_SIZE = 20;
const TABS: ConsultationStatus[] = ['open', 'closed'];

/** `/consultations`: the consultations open for inputs (closing soonest first), and the closed ones. */
export function ConsultationsPage() {
  const { t } = useTranslation('consultations');
  const member = useMember();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('list.title'));
  const status: ConsultationStatus = params.get('status') === 'closed' ? 'closed' : 'open';

  const list = useInfiniteQuery({
    queryKey: consultationKeys.list(status, member?.id ?? null),
    queryFn: ({ pageParam, signal }) =>
      api<Page<ConsultationSummary>>('/consultations', {
        query: { status, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page consultations-page">
      <header className="consultations-head">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="lead">{t('list.lead')}</p>
        </div>
        {member && (
          <Link className="button" to="/consultations/new">
            {t('list.new')}
          </Link>
        )}
      </header>

      <div className="segmented consultations-tabs" role="group" aria-label={t('list.statusLabel')}>
        {TABS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={status === option}
            className={status === option ? '' : 'button--quiet'}
            onClick={() => setParams(option === 'open' ? {} : { status: option })}
          >
            {t(`list.tab.${option}`)}
          </button>
        ))}
      </div>

      <h2 className="visually-hidden">{t(`list.heading.${status}`)}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>{t(`list.empty.${status}`)}</p>
          {member && status === 'open' && (
            <Link className="button" to="/consultations/new">
              {t('list.new')}
            </Link>
          )}
        </Empty>
      ) : (
        <>
          <ul className="list consultations-list">
            {items.map((consultation) => (
              <ConsultationItem key={consultation.id} consultation={consultation} />
            ))}
          </ul>
          {list.hasNextPage && (
            <button
              type="button"
              className="button--quiet consultations-more"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('loadingMore') : t('list.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function ConsultationItem({ consultation }: { consultation: ConsultationSummary }) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  return (
    <li className="consultations-item">
      <h3 className="consultations-item__title">
        <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
      </h3>
      <p className="consultations-item__when">
        <StatusBadge consultation={consultation} /> <Deadline consultation={consultation} />
      </p>
      <p className="consultations-meta">
        {consultation.owner.displayName && <span>{t('meta.by', { name: consultation.owner.displayName })}</span>}
        <span>
          {t('meta.sections', { count: consultation.sectionCount, number: format.number(consultation.sectionCount) })}
        </span>
        <span>
          {t('meta.comments', { count: consultation.commentCount, number: format.number(consultation.commentCount) })}
        </span>
        {consultation.groupId && <span className="badge">{t('meta.group')}</span>}
        {consultation.viewer.canManage && <span className="badge badge--accent">{t('meta.yours')}</span>}
      </p>
    </li>
  );
}
