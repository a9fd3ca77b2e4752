import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { ErrorNotice } from '../../ui/States';
import type { Pledge, PledgeStatus, Taxonomy } from './pledges-api';

export function StatusBadge({ status }: { status: PledgeStatus }) {
  const { t } = useTranslation('pledges');
  return <span className={`badge pledges-status pledges-status--${status}`}>{t(`status.${status}`)}</span>;
}

/** How far a pledge is, as its representatives last reported: a bar with its figure in words. */
export function ProgressBar({ percent }: { percent: number | null }) {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  if (percent === null) return <p className="pledges-progress__none">{t('progress.none')}</p>;
  const label = t('progress.percent', { value: format.number(percent) });
  return (
    <div className="pledges-progress">
      <div
        className="pledges-progress__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('progress.label')}
        aria-valuetext={label}
      >
        <span style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      </div>
      <span className="pledges-progress__value">{label}</span>
    </div>
  );
}

/** One pledge in a list: title, pledger, status, progress and what it is about. */
export function PledgeCard({
  pledge,
  clusterLabel,
  taxonomy,
}: {
  pledge: Pledge;
  clusterLabel: string;
  taxonomy: Taxonomy;
}) {
  const { t } = useTranslation('pledges');
  const format = useFormat();
  return (
    <li className="card pledges-card">
      <div className="pledges-card__head">
        <h3 className="pledges-card__title">
          <Link to={`/pledges/${pledge.id}`}>{pledge.title}</Link>
        </h3>
        <StatusBadge status={pledge.status} />
      </div>
      <p className="pledges-card__pledger">
        {pledge.pledger.name}
        <span className="pledges-card__kind">
          {' · '}
          {t(`pledgerKind.${pledge.pledger.kind}`)}
          {pledge.pledger.country ? ` · ${taxonomy.countryName(pledge.pledger.country)}` : ''}
        </span>
      </p>
      <ProgressBar percent={pledge.percent} />
      <p className="pledges-card__meta">
        <span className="badge">{clusterLabel}</span>{' '}
        <span>{t('card.objectives', { list: pledge.objectives.join(', '), count: pledge.objectives.length })}</span>
        {' · '}
        <span>{t('card.made', { date: format.date(pledge.madeAt) })}</span>
        {' · '}
        <span>
          {t('card.followers', { count: pledge.followerCount, formatted: format.number(pledge.followerCount) })}
        </span>
        {pledge.lastUpdateAt && (
          <>
            {' · '}
            <span>{t('card.lastUpdate', { date: format.date(pledge.lastUpdateAt) })}</span>
          </>
        )}
      </p>
    </li>
  );
}

export function SignInFirst({ title }: { title: string }) {
  const { t } = useTranslation('pledges');
  const location = useLocation();
  return (
    <section className="page page--narrow">
      <h1>{title}</h1>
      <p>
        <Link to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('signInFirst')}</Link>
      </p>
    </section>
  );
}

/** A form's errors: its own checks first, then the server's word about each field (`details`, by its path). */
export function fieldErrors(local: Record<string, string>, error: unknown) {
  const server = error instanceof ApiError ? error : null;
  return (field: string): string | undefined =>
    local[field] ??
    server?.problemWith(field) ??
    server?.details.find((detail) => detail.field.startsWith(`${field}.`))?.problem;
}

/** Above the submit button: "check the fields marked", with any field the form has no place for; else the error. */
export function FormProblem({ error, shown }: { error: unknown; shown: readonly string[] }) {
  const { t } = useTranslation('pledges');
  if (!error) return null;
  if (error instanceof ApiError && error.details.length > 0) {
    const elsewhere = error.details.filter(
      (detail) => !shown.some((field) => detail.field === field || detail.field.startsWith(`${field}.`)),
    );
    return (
      <div className="pledges-form-problem" role="alert">
        <p>{t('form.fixFields')}</p>
        {elsewhere.length > 0 && (
          <ul>
            {elsewhere.map((detail) => (
              <li key={detail.field}>
                <code>{detail.field}</code> {detail.problem}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}
