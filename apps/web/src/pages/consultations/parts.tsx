import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useFormat } from '../../i18n/format';
import { type ConsultationStatus, isClosed } from './types';

/** Open or closed, as a badge. */
export function StatusBadge({ consultation }: { consultation: { status: ConsultationStatus; closesAt: string } }) {
  const { t } = useTranslation('consultations');
  const closed = isClosed(consultation);
  return (
    <span className={`badge ${closed ? '' : 'badge--good'}`}>{closed ? t('status.closed') : t('status.open')}</span>
  );
}

/** The deadline in the viewer's language: the date and time, and how far away it is. */
export function Deadline({ consultation }: { consultation: { status: ConsultationStatus; closesAt: string } }) {
  const { t } = useTranslation('consultations');
  const format = useFormat();
  const closed = isClosed(consultation);
  const at = consultation.closesAt;
  return (
    <span className="consultations-deadline">
      {closed ? t('deadline.closed', { date: format.dateTime(at) }) : t('deadline.open', { date: format.dateTime(at) })}{' '}
      <time dateTime={at} className="consultations-deadline__relative">
        ({format.relative(at)})
      </time>
    </span>
  );
}

/** A moment, said relatively, with the full date for hover. */
export function When({ at }: { at: string }) {
  const format = useFormat();
  return (
    <time dateTime={at} title={format.dateTime(at)}>
      {format.relative(at)}
    </time>
  );
}

export function SignInFirst({ title }: { title: string }) {
  const { t } = useTranslation('consultations');
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

/** Hands a fetched file to the browser as a download. */
export function saveFile(content: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file name from a title: lower case, ASCII, dashes. */
export function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'consultation'
  );
}

/** datetime-local's value (the browser's clock) for an instant. */
export function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
