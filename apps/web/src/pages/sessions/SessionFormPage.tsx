import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { Checkbox, SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { CapacityFields, fieldErrors, FormProblem, LanguagePicker, placesOf, TimeFields } from './form';
import { SESSIONS_KEY, SignInFirst } from './parts';
import { browserTimeZone, isoToZoned, isTimeZone, zonedToIso } from './time';
import {
  DEFAULT_QA,
  type GroupSummary,
  type LiveEventView,
  type LiveSessionView,
  type Page,
  type QaSettings,
  SESSION_FORMATS,
  type SessionFormat,
  viewerOf,
} from './types';

const HOUR = 3_600_000;

/** A key no row of the list has (rows keep theirs when others are removed). */
const nextKey = (rows: { key: number }[]) => rows.reduce((highest, row) => Math.max(highest, row.key), -1) + 1;

/**
 * `/sessions/new` (`?event=ID` for one of an event's sessions) and `/sessions/:sessionId/edit`: title, times on the
 * session's clocks, format, venue, link, languages, agenda, Q&A settings, registration; after it, the recording and
 * the materials.
 */
export function SessionFormPage() {
  const { t } = useTranslation('sessions');
  const { sessionId } = useParams();
  const [params] = useSearchParams();
  const member = useMember();
  const editing = sessionId !== undefined;
  const viewer = member?.id ?? null;
  const existing = useQuery({
    queryKey: [SESSIONS_KEY, 'session', sessionId, viewer],
    queryFn: ({ signal }) => api<LiveSessionView>(`/live/sessions/${sessionId}`, { signal }),
    enabled: editing && member !== null,
  });
  const eventId = editing ? (existing.data?.eventId ?? null) : params.get('event');
  const event = useQuery({
    queryKey: [SESSIONS_KEY, 'event', eventId, viewer],
    queryFn: ({ signal }) => api<LiveEventView>(`/live/events/${eventId}`, { signal }),
    enabled: eventId !== null && member !== null,
  });
  const heading = editing ? t('sessionForm.editTitle') : t('sessionForm.newTitle');
  usePageTitle(heading);

  if (!member) return <SignInFirst message={heading} />;
  if ((editing && existing.isPending) || (eventId !== null && event.isPending)) return <Loading />;
  const failure = existing.error ?? event.error;
  if (failure) {
    return (
      <section className="page page--narrow">
        <h1>{heading}</h1>
        <ErrorNotice error={failure} />
        <Link to="/sessions">{t('session.back')}</Link>
      </section>
    );
  }
  if (existing.data && !viewerOf(existing.data).canManage) {
    return (
      <section className="page page--narrow">
        <h1>{heading}</h1>
        <p role="alert">{t('sessionForm.notYours')}</p>
        <Link to={`/sessions/${existing.data.id}`}>{existing.data.title}</Link>
      </section>
    );
  }
  if (!editing && event.data && !event.data.canManage) {
    return (
      <section className="page page--narrow">
        <h1>{heading}</h1>
        <p role="alert">{t('sessionForm.notYourEvent')}</p>
        <Link to={`/events/${event.data.id}`}>{event.data.title}</Link>
      </section>
    );
  }
  return (
    <SessionForm
      key={sessionId ?? `new-${eventId ?? ''}`}
      existing={existing.data}
      event={event.data}
      groupId={params.get('group') ?? ''}
    />
  );
}

interface AgendaRow {
  key: number;
  title: string;
  time: string;
  speakers: string;
}

interface MaterialRow {
  key: number;
  title: string;
  url: string;
}

function SessionForm({
  existing,
  event,
  groupId: initialGroup,
}: {
  existing?: LiveSessionView;
  event?: LiveEventView;
  groupId: string;
}) {
  const { t } = useTranslation('sessions');
  const navigate = useNavigate();
  const queries = useQueryClient();

  const zone = existing?.timezone ?? event?.timezone ?? browserTimeZone();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [starts, setStarts] = useState(() =>
    existing ? isoToZoned(existing.startsAt, zone) : event ? isoToZoned(event.startsAt, zone) : '',
  );
  const [ends, setEnds] = useState(() =>
    existing
      ? isoToZoned(existing.endsAt, zone)
      : event
        ? isoToZoned(new Date(new Date(event.startsAt).getTime() + HOUR).toISOString(), zone)
        : '',
  );
  const [timezone, setTimezone] = useState(zone);
  const [format, setFormat] = useState<SessionFormat>(existing?.format ?? event?.format ?? 'online');
  const [venue, setVenue] = useState(existing?.venue ?? event?.venue ?? '');
  const [link, setLink] = useState(existing?.link ?? '');
  const [languages, setLanguages] = useState<string[]>(existing?.languages ?? event?.languages ?? []);
  const [agenda, setAgenda] = useState<AgendaRow[]>(() =>
    (existing?.agenda ?? []).map((item, index) => ({
      key: index,
      title: item.title,
      time: item.startsAt ? isoToZoned(item.startsAt, zone).slice(11, 16) : '',
      speakers: item.speakers.join(', '),
    })),
  );
  const [qa, setQa] = useState<QaSettings>(existing?.qa ?? DEFAULT_QA);
  const [maxLength, setMaxLength] = useState(String((existing?.qa ?? DEFAULT_QA).maxLength));
  const [perAttendee, setPerAttendee] = useState(String((existing?.qa ?? DEFAULT_QA).perAttendeeLimit));
  const [inPerson, setInPerson] = useState(existing?.capacity.in_person?.toString() ?? '');
  const [remote, setRemote] = useState(existing?.capacity.remote?.toString() ?? '');
  const [registrationOpen, setRegistrationOpen] = useState(existing?.registrationOpen ?? true);
  const [groupId, setGroupId] = useState(initialGroup);
  const [recordingUrl, setRecordingUrl] = useState(existing?.recordingUrl ?? '');
  const [materials, setMaterials] = useState<MaterialRow[]>(() =>
    (existing?.materials ?? []).map((material, index) => ({ key: index, ...material })),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const standalone = !(existing?.eventId ?? event?.id);

  const groups = useQuery({
    queryKey: [SESSIONS_KEY, 'my-groups'],
    queryFn: ({ signal }) => api<Page<GroupSummary>>('/groups', { query: { mine: true, limit: 100 }, signal }),
    enabled: !existing && standalone,
  });
  const managed = (groups.data?.items ?? []).filter(
    (group) =>
      group.viewer?.status === 'active' && (group.viewer.role === 'owner' || group.viewer.role === 'facilitator'),
  );

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      existing
        ? api<LiveSessionView>(`/live/sessions/${existing.id}`, { method: 'PATCH', body })
        : api<LiveSessionView>('/live/sessions', { method: 'POST', body }),
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: [SESSIONS_KEY] });
      navigate(`/sessions/${saved.id}`);
    },
  });
  const error = fieldErrors(local, save.error);

  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    const problems: Record<string, string> = {};
    if (!title.trim()) problems.title = t('form.errors.title');
    if (!isTimeZone(timezone)) problems.timezone = t('form.errors.timezone');
    const startsAt = zonedToIso(starts, timezone);
    const endsAt = zonedToIso(ends, timezone);
    if (!startsAt) problems.startsAt = t('form.errors.dateTime');
    if (!endsAt) problems.endsAt = t('form.errors.dateTime');
    const day = starts.slice(0, 10);
    const agendaBody = agenda.map((item, index) => {
      const at = item.time ? zonedToIso(`${day}T${item.time}`, timezone) : null;
      if (!item.title.trim()) problems[`agenda.${index}.title`] = t('form.errors.agendaTitle');
      return {
        title: item.title.trim(),
        ...(at ? { startsAt: at } : {}),
        speakers: item.speakers
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      };
    });
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const body: Record<string, unknown> = {
      title: title.trim(),
      description: description.trim(),
      startsAt,
      endsAt,
      timezone: timezone.trim(),
      format,
      venue: venue.trim(),
      languages,
      agenda: agendaBody,
      qa: { ...qa, maxLength: Number(maxLength), perAttendeeLimit: Number(perAttendee) },
    };
    if (existing) body.link = link.trim();
    else if (link.trim()) body.link = link.trim();
    if (standalone) {
      body.capacity = { in_person: placesOf(inPerson), remote: placesOf(remote) };
      body.registrationOpen = registrationOpen;
    }
    if (!existing && event) body.eventId = event.id;
    if (!existing && standalone && groupId) body.groupId = groupId;
    if (existing) {
      body.recordingUrl = recordingUrl.trim();
      body.materials = materials
        .filter((material) => material.title.trim() || material.url.trim())
        .map((material) => ({ title: material.title.trim(), url: material.url.trim() }));
    }
    save.mutate(body);
  };

  const SHOWN = [
    'title',
    'description',
    'startsAt',
    'endsAt',
    'timezone',
    'format',
    'venue',
    'link',
    'languages',
    'groupId',
    'eventId',
    'recordingUrl',
  ];
  const shown = (field: string) =>
    SHOWN.includes(field) || /^(agenda|materials)\.\d+\.\w+$/.test(field) || /^(qa|capacity)\.\w+$/.test(field);

  const updateAgenda = (key: number, change: Partial<AgendaRow>) =>
    setAgenda((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const updateMaterial = (key: number, change: Partial<MaterialRow>) =>
    setMaterials((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const flag = (name: keyof Pick<QaSettings, 'open' | 'anonymousAllowed' | 'guestsAllowed' | 'preModeration'>) => (
    <Checkbox
      label={t(`form.qa.${name}`)}
      checked={qa[name]}
      onChange={(e) => setQa((current) => ({ ...current, [name]: e.target.checked }))}
    />
  );
  const heading = existing ? t('sessionForm.editTitle') : t('sessionForm.newTitle');
  const back = existing ? `/sessions/${existing.id}` : event ? `/events/${event.id}` : '/sessions';

  return (
    <section className="page sessions-form-page">
      <h1>{heading}</h1>
      {existing && <p className="lead">{existing.title}</p>}
      {event && (
        <p className="sessions-note">
          {t('sessionForm.partOf')} <Link to={`/events/${event.id}`}>{event.title}</Link>
        </p>
      )}
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
          {!existing && standalone && managed.length > 0 && (
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
          <TextField
            type="url"
            label={t('form.link')}
            hint={t('form.linkHint')}
            value={link}
            onChange={(e) => setLink(e.target.value)}
            maxLength={2000}
            inputMode="url"
            error={error('link')}
          />
          <LanguagePicker value={languages} onChange={setLanguages} error={error('languages')} />
        </fieldset>

        <fieldset className="card sessions-fieldset">
          <legend>{t('form.agenda')}</legend>
          <p className="field__hint">{t('form.agendaHint')}</p>
          {agenda.length === 0 && <p className="sessions-note">{t('form.noAgenda')}</p>}
          <ol className="sessions-agenda-editor">
            {agenda.map((item, index) => (
              <li key={item.key}>
                <fieldset className="sessions-agenda-editor__item">
                  <legend>{t('form.agendaItem', { number: index + 1 })}</legend>
                  <div className="sessions-grid sessions-grid--agenda">
                    <TextField
                      type="time"
                      label={t('form.agendaTime')}
                      value={item.time}
                      onChange={(e) => updateAgenda(item.key, { time: e.target.value })}
                      error={error(`agenda.${index}.startsAt`)}
                    />
                    <TextField
                      label={t('form.agendaTitle')}
                      value={item.title}
                      onChange={(e) => updateAgenda(item.key, { title: e.target.value })}
                      maxLength={200}
                      error={error(`agenda.${index}.title`)}
                    />
                    <TextField
                      label={t('form.agendaSpeakers')}
                      hint={t('form.agendaSpeakersHint')}
                      value={item.speakers}
                      onChange={(e) => updateAgenda(item.key, { speakers: e.target.value })}
                      error={error(`agenda.${index}.speakers`)}
                    />
                  </div>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => setAgenda((rows) => rows.filter((row) => row.key !== item.key))}
                  >
                    {t('form.removeAgendaItem', { number: index + 1 })}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button--quiet"
            onClick={() => setAgenda((rows) => [...rows, { key: nextKey(rows), title: '', time: '', speakers: '' }])}
          >
            {t('form.addAgendaItem')}
          </button>
        </fieldset>

        <fieldset className="card sessions-fieldset">
          <legend>{t('form.qa.title')}</legend>
          <div className="sessions-checks">
            {flag('open')}
            {flag('anonymousAllowed')}
            {flag('guestsAllowed')}
            {flag('preModeration')}
          </div>
          <div className="sessions-grid">
            <TextField
              type="number"
              inputMode="numeric"
              min={20}
              max={2000}
              label={t('form.qa.maxLength')}
              value={maxLength}
              onChange={(e) => setMaxLength(e.target.value)}
              error={error('qa.maxLength')}
            />
            <TextField
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              label={t('form.qa.perAttendeeLimit')}
              hint={t('form.qa.perAttendeeHint')}
              value={perAttendee}
              onChange={(e) => setPerAttendee(e.target.value)}
              error={error('qa.perAttendeeLimit')}
            />
          </div>
        </fieldset>

        {standalone ? (
          <CapacityFields
            inPerson={inPerson}
            remote={remote}
            registrationOpen={registrationOpen}
            onInPerson={setInPerson}
            onRemote={setRemote}
            onRegistrationOpen={setRegistrationOpen}
            errors={{ inPerson: error('capacity.in_person'), remote: error('capacity.remote') }}
            hint={t('sessionForm.registrationHint')}
          />
        ) : (
          <p className="card sessions-note">{t('sessionForm.eventRegistration')}</p>
        )}

        {existing && (
          <fieldset className="card sessions-fieldset">
            <legend>{t('form.after')}</legend>
            <TextField
              type="url"
              label={t('form.recordingUrl')}
              hint={t('form.recordingHint')}
              value={recordingUrl}
              onChange={(e) => setRecordingUrl(e.target.value)}
              inputMode="url"
              maxLength={2000}
              error={error('recordingUrl')}
            />
            <ol className="sessions-agenda-editor">
              {materials.map((material, index) => (
                <li key={material.key}>
                  <fieldset className="sessions-agenda-editor__item">
                    <legend>{t('form.material', { number: index + 1 })}</legend>
                    <div className="sessions-grid">
                      <TextField
                        label={t('form.materialTitle')}
                        value={material.title}
                        onChange={(e) => updateMaterial(material.key, { title: e.target.value })}
                        maxLength={200}
                        error={error(`materials.${index}.title`)}
                      />
                      <TextField
                        type="url"
                        label={t('form.materialUrl')}
                        value={material.url}
                        onChange={(e) => updateMaterial(material.key, { url: e.target.value })}
                        inputMode="url"
                        maxLength={2000}
                        error={error(`materials.${index}.url`)}
                      />
                    </div>
                    <button
                      type="button"
                      className="button--quiet"
                      onClick={() => setMaterials((rows) => rows.filter((row) => row.key !== material.key))}
                    >
                      {t('form.removeMaterial', { number: index + 1 })}
                    </button>
                  </fieldset>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button--quiet"
              onClick={() => setMaterials((rows) => [...rows, { key: nextKey(rows), title: '', url: '' }])}
            >
              {t('form.addMaterial')}
            </button>
          </fieldset>
        )}

        <FormProblem error={save.error} shown={shown} />
        <div className="toolbar">
          <button type="submit" disabled={save.isPending}>
            {existing ? t('form.save') : t('sessionForm.create')}
          </button>
          <Link className="button button--quiet" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
