import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { ErrorNotice } from '../../ui/States';
import { useLanguageNames } from './languages';
import { useSessionTime, zoneLabel } from './time';
import {
  type AttendanceMode,
  type Capacity,
  type LiveSessionView,
  modesOf,
  type Registration,
  type SessionFormat,
  type SessionStatus,
} from './types';

/** Every query of this area starts with this key: a registration or an edit refreshes them all. */
export const SESSIONS_KEY = 'sessions';

export function FormatBadge({ format }: { format: SessionFormat }) {
  const { t } = useTranslation('sessions');
  return <span className={`badge sessions-format sessions-format--${format}`}>{t(`format.${format}`)}</span>;
}

export function StatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation('sessions');
  const tone = status === 'live' ? ' badge--accent' : status === 'ended' ? ' sessions-badge--ended' : '';
  return <span className={`badge${tone}`}>{t(`status.${status}`)}</span>;
}

export function RegistrationBadge({ registration }: { registration: Registration | null }) {
  const { t } = useTranslation('sessions');
  if (!registration) return null;
  return registration.status === 'registered' ? (
    <span className="badge badge--good">{t('registration.badge.registered')}</span>
  ) : (
    <span className="badge badge--warn">{t('registration.badge.waitlisted')}</span>
  );
}

/**
 * When a session (or an event) happens: on the clocks of its own time zone, in the viewer's language, and again in
 * the viewer's zone when their clocks differ.
 */
export function WhenText({
  startsAt,
  endsAt,
  timezone,
  days = false,
}: {
  startsAt: string;
  endsAt: string;
  timezone: string;
  days?: boolean;
}) {
  const { t } = useTranslation('sessions');
  const time = useSessionTime();
  const other = !time.sameClocks(startsAt, timezone);
  return (
    <div className="sessions-when">
      <p className="sessions-when__main">
        {days ? time.dayRange(startsAt, endsAt, timezone) : time.range(startsAt, endsAt, timezone)}
      </p>
      <p className="sessions-when__zone">{t('when.zone', { zone: zoneLabel(timezone) })}</p>
      {other && !days && (
        <p className="sessions-when__zone">{t('when.yourTime', { time: time.range(startsAt, endsAt, time.local) })}</p>
      )}
    </div>
  );
}

/**
 * One session in a list: date, title, time, format, status; a Join button while it is live. In an event's programme
 * (already grouped by day) the start time takes the date's place.
 */
export function SessionListItem({
  session,
  eventTitle,
  programme = false,
}: {
  session: LiveSessionView;
  eventTitle?: string;
  programme?: boolean;
}) {
  const { t } = useTranslation('sessions');
  const time = useSessionTime();
  const names = useLanguageNames();
  const badge = time.badge(session.startsAt, session.timezone);
  const Heading = programme ? 'h4' : 'h3';
  return (
    <li className={`sessions-item${session.status === 'live' ? ' sessions-item--live' : ''}`}>
      {programme ? (
        <div className="sessions-date sessions-date--time" aria-hidden="true">
          {time.time(session.startsAt, session.timezone)}
        </div>
      ) : (
        <div className="sessions-date" aria-hidden="true">
          <span className="sessions-date__day">{badge.day}</span>
          <span className="sessions-date__month">{badge.month}</span>
        </div>
      )}
      <div className="sessions-item__body">
        <Heading className="sessions-item__title">
          <Link to={`/sessions/${session.id}`}>{session.title}</Link>
        </Heading>
        <p className="sessions-item__when">
          {programme
            ? time.timeRange(session.startsAt, session.endsAt, session.timezone)
            : time.range(session.startsAt, session.endsAt, session.timezone)}
          <span className="sessions-item__zone"> {t('when.zoneShort', { zone: zoneLabel(session.timezone) })}</span>
        </p>
        <p className="sessions-meta">
          {session.status !== 'scheduled' && <StatusBadge status={session.status} />}
          <FormatBadge format={session.format} />
          <RegistrationBadge registration={session.registration} />
          {session.languages.length > 0 && (
            <span className="sessions-meta__text">
              {t('languages.short', { languages: names.list(session.languages) })}
            </span>
          )}
          {eventTitle && <span className="sessions-meta__text">{t('list.partOf', { title: eventTitle })}</span>}
        </p>
      </div>
      {session.status === 'live' && session.code && (
        <Link className="button sessions-item__join" to={`/j/${session.code}`}>
          {t('list.join')}
          <span className="visually-hidden"> {session.title}</span>
        </Link>
      )}
    </li>
  );
}

export interface RegistrationTarget {
  kind: 'session' | 'event';
  id: string;
  format: SessionFormat;
  capacity: Capacity;
  open: boolean;
  registration: Registration | null;
}

/**
 * Registering in person or remotely: a place, or the waiting list when the mode is full; cancelling frees the place
 * for the first who waits.
 */
export function RegistrationPanel({
  target,
  eventLink,
}: {
  target: RegistrationTarget;
  eventLink?: { id: string; title: string };
}) {
  const { t } = useTranslation('sessions');
  const member = useMember();
  const location = useLocation();
  const queries = useQueryClient();
  const headingId = useId();
  const modes = modesOf(target.format);
  const [mode, setMode] = useState<AttendanceMode>(modes[0]);
  const [notice, setNotice] = useState('');
  const path = `/live/${target.kind === 'event' ? 'events' : 'sessions'}/${target.id}/registration`;
  const refresh = () => queries.invalidateQueries({ queryKey: [SESSIONS_KEY] });

  const register = useMutation({
    mutationFn: () => api<Registration>(path, { method: 'POST', body: { mode } }),
    onSuccess: async (result) => {
      setNotice(
        result.status === 'registered'
          ? t('registration.done.registered', { mode: t(`mode.${result.mode}`) })
          : t('registration.done.waitlisted', { mode: t(`mode.${result.mode}`) }),
      );
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => api<void>(path, { method: 'DELETE' }),
    onSuccess: async () => {
      setNotice(t('registration.done.cancelled'));
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    cancel.reset();
    register.mutate();
  };
  const registration = target.registration;
  const busy = register.isPending || cancel.isPending;
  const error = register.error ?? cancel.error;

  return (
    <section className="card sessions-registration" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('registration.title')}</h2>
      {eventLink && (
        <p className="sessions-note">
          {t('registration.forEvent')} <Link to={`/events/${eventLink.id}`}>{eventLink.title}</Link>
        </p>
      )}
      {!member ? (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('registration.signIn')}</Link>
        </p>
      ) : registration ? (
        <>
          <p className={`sessions-registration__state sessions-registration__state--${registration.status}`}>
            {registration.status === 'registered'
              ? t('registration.registered', { mode: t(`mode.${registration.mode}`) })
              : t('registration.waitlisted', { mode: t(`mode.${registration.mode}`) })}
          </p>
          <button
            type="button"
            className="button--quiet"
            disabled={busy}
            onClick={() => {
              setNotice('');
              register.reset();
              cancel.mutate();
            }}
          >
            {registration.status === 'registered' ? t('registration.cancel') : t('registration.leaveWaitlist')}
          </button>
        </>
      ) : !target.open ? (
        <p>{t('registration.closed')}</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset className="sessions-modes">
            <legend>{t('registration.modeLegend')}</legend>
            {modes.map((option) => {
              const places = target.capacity[option];
              return (
                <label key={option} className="sessions-mode">
                  <input
                    type="radio"
                    name={`${headingId}-mode`}
                    value={option}
                    checked={mode === option}
                    onChange={() => setMode(option)}
                  />
                  <span>
                    <span className="sessions-mode__name">{t(`mode.${option}`)}</span>
                    {places !== null && (
                      <span className="sessions-mode__places">{t('registration.places', { count: places })}</span>
                    )}
                  </span>
                </label>
              );
            })}
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('registration.register')}
          </button>
        </form>
      )}
      <p className="sessions-registration__notice" role="status" aria-live="polite">
        {notice}
      </p>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}

/** The member must be signed in for this page. */
export function SignInFirst({ message }: { message: string }) {
  const { t } = useTranslation('sessions');
  const location = useLocation();
  return (
    <section className="page page--narrow">
      <h1>{message}</h1>
      <p>
        <Link to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('signInFirst')}</Link>
      </p>
    </section>
  );
}
