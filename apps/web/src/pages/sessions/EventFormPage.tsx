import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { CapacityFields, fieldErrors, FormProblem, LanguagePicker, placesOf, TimeFields } from './form';
import { SESSIONS_KEY, SignInFirst } from './parts';
import { browserTimeZone, isoToZoned, isTimeZone, zonedToIso } from './time';
import { type GroupSummary, type LiveEventView, type Page, SESSION_FORMATS, type SessionFormat } from './types';

/** `/events/new` and `/events/:eventId/edit`: an event's title, dates, place, languages and registration. */
export function EventFormPage() {
  const { t } = useTranslation('sessions');
  const { eventId } = useParams();
  const member = useMember();
  const editing = eventId !== undefined;
  const existing = useQuery({
    queryKey: [SESSIONS_KEY, 'event', eventId, member?.id ?? null],
    queryFn: ({ signal }) => api<LiveEventView>(`/live/events/${eventId}`, { signal }),
    enabled: editing && member !== null,
  });
  usePageTitle(editing ? t('eventForm.editTitle') : t('eventForm.newTitle'));

  if (!member) return <SignInFirst message={editing ? t('eventForm.editTitle') : t('eventForm.newTitle')} />;
  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.error) {
    return (
      <section className="page page--narrow">
        <h1>{t('eventForm.editTitle')}</h1>
        <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} />
      </section>
    );
  }
  if (editing && existing.data && !existing.data.canManage) {
    return (
      <section className="page page--narrow">
        <h1>{t('eventForm.editTitle')}</h1>
        <p role="alert">{t('eventForm.notYours')}</p>
        <Link to={`/events/${eventId}`}>{existing.data.title}</Link>
      </section>
    );
  }
  return <EventForm key={eventId ?? 'new'} existing={existing.data} />;
}

function EventForm({ existing }: { existing?: LiveEventView }) {
  const { t } = useTranslation('sessions');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const zone = existing?.timezone ?? browserTimeZone();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [starts, setStarts] = useState(existing ? isoToZoned(existing.startsAt, zone) : '');
  const [ends, setEnds] = useState(existing ? isoToZoned(existing.endsAt, zone) : '');
  const [timezone, setTimezone] = useState(zone);
  const [format, setFormat] = useState<SessionFormat>(existing?.format ?? 'hybrid');
  const [venue, setVenue] = useState(existing?.venue ?? '');
  const [languages, setLanguages] = useState<string[]>(existing?.languages ?? []);
  const [inPerson, setInPerson] = useState(existing?.capacity.in_person?.toString() ?? '');
  const [remote, setRemote] = useState(existing?.capacity.remote?.toString() ?? '');
  const [registrationOpen, setRegistrationOpen] = useState(existing?.registrationOpen ?? true);
  const [groupId, setGroupId] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const groups = useQuery({
    queryKey: [SESSIONS_KEY, 'my-groups'],
    queryFn: ({ signal }) => api<Page<GroupSummary>>('/groups', { query: { mine: true, limit: 100 }, signal }),
    enabled: !existing,
  });
  const managed = (groups.data?.items ?? []).filter(
    (group) =>
      group.viewer?.status === 'active' && (group.viewer.role === 'owner' || group.viewer.role === 'facilitator'),
  );

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      existing
        ? api<LiveEventView>(`/live/events/${existing.id}`, { method: 'PATCH', body })
        : api<LiveEventView>('/live/events', { method: 'POST', body }),
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: [SESSIONS_KEY] });
      navigate(`/events/${saved.id}`);
    },
  });
  const error = fieldErrors(local, save.error);
  const SHOWN = ['title', 'description', 'startsAt', 'endsAt', 'timezone', 'format', 'venue', 'languages', 'groupId'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!isTimeZone(timezone)) problems.timezone = t('form.errors.timezone');
    const startsAt = zonedToIso(starts, timezone);
    const endsAt = zonedToIso(ends, timezone);
    if (!startsAt) problems.startsAt = t('form.errors.dateTime');
    if (!endsAt) problems.endsAt = t('form.errors.dateTime');
    if (!title.trim()) problems.title = t('form.errors.title');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate({
      title: title.trim(),
      description: description.trim(),
      startsAt,
      endsAt,
      timezone: timezone.trim(),
      format,
      venue: venue.trim(),
      languages,
      capacity: { in_person: placesOf(inPerson), remote: placesOf(remote) },
      registrationOpen,
      ...(!existing && groupId ? { groupId } : {}),
    });
  };

  const heading = existing ? t('eventForm.editTitle') : t('eventForm.newTitle');
  return (
    <section className="page sessions-form-page">
      <h1>{heading}</h1>
      {existing && <p className="lead">{existing.title}</p>}
      <form className="sessions-form" onSubmit={submit} noValidate>
        <fieldset className="card sessions-fieldset">
          <legend>{t('form.about')}</legend>
          <TextField
            label={t('form.title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            required
            error={error('title')}
          />
          <TextArea
            label={t('form.description')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={5}
            maxLength={5000}
            error={error('description')}
          />
          {managed.length > 0 && (
            <SelectField
              label={t('form.group')}
              hint={t('form.groupHint')}
              value={groupId}
              onChange={(e) => setGroupId(e.target.value)}
              error={error('groupId')}
            >
              <option value="">{t('form.noGroup')}</option>
              {managed.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </SelectField>
          )}
        </fieldset>

        <TimeFields
          starts={starts}
          ends={ends}
          timezone={timezone}
          onStarts={setStarts}
          onEnds={setEnds}
          onTimezone={setTimezone}
          errors={{ startsAt: error('startsAt'), endsAt: error('endsAt'), timezone: error('timezone') }}
        />

        <fieldset className="card sessions-fieldset">
          <legend>{t('form.where')}</legend>
          <SelectField
            label={t('form.format')}
            value={format}
            onChange={(e) => setFormat(e.target.value as SessionFormat)}
            error={error('format')}
          >
            {SESSION_FORMATS.map((option) => (
              <option key={option} value={option}>
                {t(`format.${option}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('form.venue')}
            hint={t('form.venueHint')}
            value={venue}
            onChange={(e) => setVenue(e.target.value)}
            maxLength={300}
            error={error('venue')}
          />
          <LanguagePicker value={languages} onChange={setLanguages} error={error('languages')} />
        </fieldset>

        <CapacityFields
          inPerson={inPerson}
          remote={remote}
          registrationOpen={registrationOpen}
          onInPerson={setInPerson}
          onRemote={setRemote}
          onRegistrationOpen={setRegistrationOpen}
          errors={{ inPerson: error('capacity.in_person'), remote: error('capacity.remote') }}
          hint={t('eventForm.registrationHint')}
        />

        <FormProblem error={save.error} shown={(field) => SHOWN.includes(field) || field.startsWith('capacity')} />
        <div className="toolbar">
          <button type="submit" disabled={save.isPending}>
            {existing ? t('form.save') : t('eventForm.create')}
          </button>
          <Link className="button button--quiet" to={existing ? `/events/${existing.id}` : '/sessions'}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
