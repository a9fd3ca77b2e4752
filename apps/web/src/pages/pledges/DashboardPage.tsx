import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { DashboardCharts, STATUS_COLOURS } from './DashboardCharts';
import { type Dashboard, exportUrl, pledgeKeys, useClusters, useTaxonomy } from './pledges-api';
import { StatusBadge } from './parts';

/**
 * `/pledges`: the public picture of every pledge: totals, charts by status, cluster, objective, region and status
 * over the years (each with its data table), the latest progress reported, and the export.
 */
export function DashboardPage() {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  const member = useMember();
  const clusters = useClusters();
  const taxonomy = useTaxonomy();
  usePageTitle(t('dashboard.title'));
  const dashboard = useQuery({
    queryKey: pledgeKeys.dashboard(),
    queryFn: ({ signal }) => api<Dashboard>('/pledges/dashboard', { signal }),
  });
  const board = dashboard.data;

  return (
    <div className="page pledges pledges-dashboard">
      <header className="pledges-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="lead">{t('dashboard.lead')}</p>
        </div>
        <div className="toolbar">
          <Link className="button button--quiet" to="/pledges/browse">
            {t('dashboard.browse')}
          </Link>
          {member && (
            <Link className="button" to="/pledges/new">
              {t('dashboard.new')}
            </Link>
          )}
        </div>
      </header>

      {dashboard.isPending && <Loading />}
      {dashboard.error && <ErrorNotice error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {board && (
        <>
          <section aria-labelledby="pledges-totals">
            <h2 id="pledges-totals" className="visually-hidden">
              {t('dashboard.totals')}
            </h2>
            <dl className="pledges-totals">
              <div className="pledges-totals__all">
                <dt>{t('dashboard.total')}</dt>
                <dd>{format.number(board.total)}</dd>
              </div>
              {board.byStatus.map((status) => (
                <div key={status.key} style={{ borderTopColor: STATUS_COLOURS[status.key] }}>
                  <dt>{t(`status.${status.key}`)}</dt>
                  <dd>
                    <Link to={`/pledges/browse?status=${status.key}`}>
                      {format.number(status.count)}
                      <span className="visually-hidden"> {t('dashboard.seeThem')}</span>
                    </Link>
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          {board.total === 0 ? (
            <Empty>
              <p>{t('dashboard.empty')}</p>
              {member && (
                <Link className="button" to="/pledges/new">
                  {t('dashboard.new')}
                </Link>
              )}
            </Empty>
          ) : (
            <section aria-labelledby="pledges-charts">
              <h2 id="pledges-charts">{t('dashboard.charts')}</h2>
              <DashboardCharts
                dashboard={board}
                clusterLabel={(key) => clusters.labelOf(key, board.byCluster.find((c) => c.key === key)?.label)}
                objectiveLabel={taxonomy.objectiveLabel}
                regionLabel={taxonomy.regionLabel}
              />
            </section>
          )}

          <div className="pledges-dashboard__foot">
            <section className="card" aria-labelledby="pledges-latest">
              <h2 id="pledges-latest">{t('dashboard.latest')}</h2>
              {board.latestUpdates.length === 0 ? (
                <p className="pledges-note">{t('dashboard.noUpdates')}</p>
              ) : (
                <ol className="list pledges-latest">
                  {board.latestUpdates.map((update) => (
                    <li key={update.id}>
                      <p className="pledges-latest__title">
                        <Link to={`/pledges/${update.pledgeId}#update-${update.id}`}>{update.pledgeTitle}</Link>
                      </p>
                      <p className="pledges-latest__text">{update.text}</p>
                      <p className="pledges-latest__meta">
                        <time dateTime={update.createdAt}>{format.date(update.createdAt)}</time>
                        {' · '}
                        {update.author.displayName || t('someone')}
                        {update.percent !== null && (
                          <>
                            {' · '}
                            {t('progress.percent', { value: format.number(update.percent) })}
                          </>
                        )}
                        {update.status && (
                          <>
                            {' '}
                            <StatusBadge status={update.status} />
                          </>
                        )}
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="card" aria-labelledby="pledges-export">
              <h2 id="pledges-export">{t('dashboard.export')}</h2>
              <p className="pledges-note">{t('dashboard.exportHint')}</p>
              <div className="toolbar">
                <a className="button button--quiet" href={exportUrl('csv')} download="pledges.csv">
                  {t('dashboard.exportCsv')}
                </a>
                <a className="button button--quiet" href={exportUrl('json')} download="pledges.json">
                  {t('dashboard.exportJson')}
                </a>
              </div>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
