import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  type ChartOptions,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import type { ReactNode } from 'react';
import { Bar, Doughnut } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { type Dashboard, PLEDGE_STATUSES, type PledgeStatus } from './pledges-api';

// Only the parts drawn here, so that the dashboard's chunk carries no more of Chart.js than it uses.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);
Chart.defaults.color = '#14202b';
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.font.size = 13;

/** Each status in a colour that reads on white (and against its neighbours), the same in every chart. */
export const STATUS_COLOURS: Record<PledgeStatus, string> = {
  planned: '#6b5a00',
  in_progress: '#0b4f8a',
  realised: '#1d6b35',
  discontinued: '#a4161a',
};
const BAR = '#0b4f8a';

const reducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/** One row of a chart's data table: its label (a link to the pledges it counts) and its figures. */
interface Row {
  key: string;
  label: string;
  to?: string;
  counts: number[];
}

/**
 * A chart with its title (the canvas says its figures in words to assistive technology), and the same figures as
 * a table under a disclosure, for those who cannot see the chart or want the exact numbers.
 */
function ChartFigure({
  id,
  title,
  columns,
  rows,
  children,
  tall = false,
}: {
  id: string;
  title: string;
  columns: string[];
  rows: Row[];
  children: ReactNode;
  tall?: boolean;
}) {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  return (
    <figure className="card pledges-chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="pledges-chart__title">
        {title}
      </h3>
      <div className={`pledges-chart__canvas${tall ? ' pledges-chart__canvas--tall' : ''}`}>{children}</div>
      <details className="pledges-chart__data">
        <summary>
          {t('dashboard.dataTable')}
          <span className="visually-hidden"> ({title})</span>
        </summary>
        <div className="pledges-table-wrap">
          <table className="pledges-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column, index) => (
                  <th key={column} scope="col" className={index > 0 ? 'pledges-table__number' : undefined}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.to ? <Link to={row.to}>{row.label}</Link> : row.label}</th>
                  {row.counts.map((count, index) => (
                    <td key={columns[index + 1]} className="pledges-table__number">
                      {format.number(count)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The dashboard's five charts: status, cluster, objective, region, and status over the years. */
export function DashboardCharts({
  dashboard,
  clusterLabel,
  objectiveLabel,
  regionLabel,
}: {
  dashboard: Dashboard;
  clusterLabel: (key: string) => string;
  objectiveLabel: (number: number) => string;
  regionLabel: (key: string) => string;
}) {
  const { t, i18n } = useTranslation('pledges');
  const format = useFormat();
  const locale = i18n.resolvedLanguage ?? 'en';
  const animation = reducedMotion() ? (false as const) : undefined;
  const count = t('dashboard.count');
  const browse = (key: string, value: string | number) => `/pledges/browse?${key}=${encodeURIComponent(value)}`;
  const listed = (items: { label: string; count: number }[]) =>
    items.map((item) => t('dashboard.summaryItem', { label: item.label, count: format.number(item.count) })).join('; ');

  const bars = (horizontal: boolean): ChartOptions<'bar'> => ({
    locale,
    animation,
    maintainAspectRatio: false,
    indexAxis: horizontal ? 'y' : 'x',
    plugins: { legend: { display: false } },
    scales: {
      [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#dde3e9' } },
      [horizontal ? 'y' : 'x']: { grid: { display: false } },
    },
  });

  const statuses = dashboard.byStatus.map(({ key, count: n }) => ({ key, label: t(`status.${key}`), count: n }));
  const statusData: ChartData<'doughnut'> = {
    labels: statuses.map((status) => status.label),
    datasets: [
      {
        data: statuses.map((status) => status.count),
        backgroundColor: statuses.map((status) => STATUS_COLOURS[status.key]),
        borderColor: '#ffffff',
        borderWidth: 2,
      },
    ],
  };

  const clusters = dashboard.byCluster.map(({ key, count: n, label }) => ({
    key,
    label: label ? clusterLabel(key) : key,
    count: n,
  }));
  const objectives = dashboard.byObjective.map(({ key, count: n }) => ({
    key: String(key),
    label: t('objective.short', { number: key }),
    long: objectiveLabel(key),
    count: n,
  }));
  const regions = dashboard.byRegion.map(({ key, count: n }) => ({ key, label: regionLabel(key), count: n }));
  const years = dashboard.byYearStatus;

  const single = (items: { label: string; count: number }[]): ChartData<'bar'> => ({
    labels: items.map((item) => item.label),
    datasets: [{ label: count, data: items.map((item) => item.count), backgroundColor: BAR, borderRadius: 3 }],
  });
  const overTimeSummary = years
    .map((year) =>
      t('dashboard.summaryYear', {
        year: year.key,
        list: listed(
          year.byStatus
            .filter((entry) => entry.count > 0)
            .map((entry) => ({ label: t(`status.${entry.key}`), count: entry.count })),
        ),
      }),
    )
    .join(' ');
  const overTime: ChartData<'bar'> = {
    labels: years.map((year) => String(year.key)),
    datasets: PLEDGE_STATUSES.map((status) => ({
      label: t(`status.${status}`),
      data: years.map((year) => year.byStatus.find((entry) => entry.key === status)?.count ?? 0),
      backgroundColor: STATUS_COLOURS[status],
    })),
  };
  const stacked = bars(false);
  const overTimeOptions: ChartOptions<'bar'> = {
    ...stacked,
    plugins: { legend: { display: true, position: 'bottom' } },
    scales: {
      x: { stacked: true, grid: { display: false } },
      y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#dde3e9' } },
    },
  };
  const objectiveOptions: ChartOptions<'bar'> = {
    ...bars(false),
    scales: {
      ...bars(false).scales,
      x: { grid: { display: false }, title: { display: true, text: t('dashboard.column.objective') } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => {
            const objective = objectives[items[0]?.dataIndex ?? 0];
            return objective ? `${objective.label} · ${objective.long}` : '';
          },
        },
      },
    },
  };

  return (
    <div className="pledges-charts">
      <ChartFigure
        id="chart-status"
        title={t('dashboard.byStatus')}
        columns={[t('dashboard.column.status'), count]}
        rows={statuses.map((status) => ({ ...status, to: browse('status', status.key), counts: [status.count] }))}
      >
        <Doughnut
          data={statusData}
          options={{
            locale,
            animation,
            maintainAspectRatio: false,
            plugins: { legend: { position: 'bottom' } },
          }}
          role="img"
          aria-label={t('dashboard.chartOf', { title: t('dashboard.byStatus'), summary: listed(statuses) })}
        />
      </ChartFigure>
      <ChartFigure
        id="chart-over-time"
        title={t('dashboard.overTime')}
        columns={[
          t('dashboard.column.year'),
          ...PLEDGE_STATUSES.map((status) => t(`status.${status}`)),
          t('dashboard.column.total'),
        ]}
        rows={years.map((year) => {
          const counts = PLEDGE_STATUSES.map(
            (status) => year.byStatus.find((entry) => entry.key === status)?.count ?? 0,
          );
          return {
            key: String(year.key),
            label: String(year.key),
            to: browse('year', year.key),
            counts: [...counts, counts.reduce((sum, n) => sum + n, 0)],
          };
        })}
      >
        <Bar
          data={overTime}
          options={overTimeOptions}
          role="img"
          aria-label={t('dashboard.chartOf', { title: t('dashboard.overTime'), summary: overTimeSummary })}
        />
      </ChartFigure>
      <ChartFigure
        id="chart-cluster"
        title={t('dashboard.byCluster')}
        columns={[t('dashboard.column.cluster'), count]}
        rows={clusters.map((cluster) => ({ ...cluster, to: browse('cluster', cluster.key), counts: [cluster.count] }))}
      >
        <Bar
          data={single(clusters)}
          options={bars(true)}
          role="img"
          aria-label={t('dashboard.chartOf', { title: t('dashboard.byCluster'), summary: listed(clusters) })}
        />
      </ChartFigure>
      <ChartFigure
        id="chart-region"
        title={t('dashboard.byRegion')}
        columns={[t('dashboard.column.region'), count]}
        rows={regions.map((region) => ({ ...region, to: browse('region', region.key), counts: [region.count] }))}
        tall
      >
        <Bar
          data={single(regions)}
          options={bars(true)}
          role="img"
          aria-label={t('dashboard.chartOf', { title: t('dashboard.byRegion'), summary: listed(regions) })}
        />
      </ChartFigure>
      <div className="pledges-charts__wide">
        <ChartFigure
          id="chart-objective"
          title={t('dashboard.byObjective')}
          columns={[t('dashboard.column.objective'), count]}
          rows={objectives.map((objective) => ({
            key: objective.key,
            label: objective.long ? `${objective.label} · ${objective.long}` : objective.label,
            to: browse('objective', objective.key),
            counts: [objective.count],
          }))}
        >
          <Bar
            data={{ ...single(objectives), labels: objectives.map((objective) => objective.key) }}
            options={objectiveOptions}
            role="img"
            aria-label={t('dashboard.chartOf', {
              title: t('dashboard.byObjective'),
              summary: listed(objectives.filter((objective) => objective.count > 0)),
            })}
          />
        </ChartFigure>
      </div>
    </div>
  );
}
