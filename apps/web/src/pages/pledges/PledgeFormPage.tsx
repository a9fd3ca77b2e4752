import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/http';
import { type Member, useMember } from '../../api/session';
import { FieldGroup, SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { fieldErrors, FormProblem, SignInFirst } from './parts';
import {
  type Person,
  type Pledge,
  PLEDGE_STATUSES,
  PLEDGER_KINDS,
  type PledgerKind,
  PLEDGES_KEY,
  pledgeKeys,
  type PledgeStatus,
  searchMembers,
  useClusters,
  useTaxonomy,
} from './pledges-api';

/** `/pledges/new` and `/pledges/:pledgeId/edit`: who pledged what, about which objectives, cluster and places. */
export function PledgeFormPage() {
  const { t } = useTranslation('pledges');
  const { pledgeId } = useParams();
  const member = useMember();
  const editing = pledgeId !== undefined;
  const existing = useQuery({
    queryKey: pledgeKeys.pledge(pledgeId ?? '', member?.id ?? null),
    queryFn: ({ signal }) => api<Pledge>(`/pledges/${pledgeId}`, { signal }),
    enabled: editing,
  });
  const title = editing ? t('form.editTitle') : t('form.newTitle');
  usePageTitle(title);

  if (!member) return <SignInFirst title={title} />;
  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.error) {
    return (
      <section className="page page--narrow">
        <h1>{title}</h1>
        <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} />
      </section>
    );
  }
  if (editing && existing.data && !existing.data.viewer.canEdit) {
    return (
      <section className="page page--narrow">
        <h1>{title}</h1>
        <p role="alert">{t('form.notYours')}</p>
        <Link to={`/pledges/${pledgeId}`}>{existing.data.title}</Link>
      </section>
    );
  }
  return <PledgeForm key={pledgeId ?? 'new'} member={member} existing={existing.data} heading={title} />;
}

const SHOWN = [
  'title',
  'description',
  'pledger.kind',
  'pledger.name',
  'pledger.country',
  'objectives',
  'principles',
  'cluster',
  'countries',
  'regions',
  'madeAt',
  'status',
  'representativeIds',
  'reason',
] as const;

function PledgeForm({ member, existing, heading }: { member: Member; existing?: Pledge; heading: string }) {
  const { t } = useTranslation('pledges');
  const navigate = useNavigate();
  const client = useQueryClient();
  const clusters = useClusters();
  const taxonomy = useTaxonomy();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [kind, setKind] = useState<PledgerKind>(existing?.pledger.kind ?? 'member_state');
  const [pledgerName, setPledgerName] = useState(existing?.pledger.name ?? '');
  const [pledgerCountry, setPledgerCountry] = useState(existing?.pledger.country ?? '');
  const [objectives, setObjectives] = useState<number[]>(existing?.objectives ?? []);
  const [principles, setPrinciples] = useState<string[]>(existing?.principles ?? []);
  const [cluster, setCluster] = useState(existing?.cluster ?? '');
  const [countries, setCountries] = useState<string[]>(existing?.countries ?? []);
  const [regions, setRegions] = useState<string[]>(existing?.regions ?? []);
  const [madeAt, setMadeAt] = useState(existing ? existing.madeAt.slice(0, 10) : new Date().toISOString().slice(0, 10));
  const [status, setStatus] = useState<PledgeStatus>(existing?.status ?? 'planned');
  const [representatives, setRepresentatives] = useState<Person[]>(
    existing?.representatives ?? [{ id: member.id, displayName: member.displayName }],
  );
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  // A moderator editing a pledge they do not speak for says why (the audit log keeps it).
  const speaksFor =
    !existing ||
    existing.createdBy.id === member.id ||
    existing.representatives.some((person) => person.id === member.id);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      existing
        ? api<Pledge>(`/pledges/${existing.id}`, { method: 'PATCH', body })
        : api<Pledge>('/pledges', { method: 'POST', body }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: [PLEDGES_KEY] });
      navigate(`/pledges/${saved.id}`);
    },
  });
  const error = fieldErrors(local, save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (title.trim().length < 2) problems.title = t('form.errors.title');
    if (pledgerName.trim().length < 2) problems['pledger.name'] = t('form.errors.pledgerName');
    if (kind === 'member_state' && !pledgerCountry) problems['pledger.country'] = t('form.errors.pledgerCountry');
    if (objectives.length === 0) problems.objectives = t('form.errors.objectives');
    if (!cluster) problems.cluster = t('form.errors.cluster');
    if (!madeAt) problems.madeAt = t('form.errors.madeAt');
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input')?.focus();
      return;
    }
    save.mutate({
      title: title.trim(),
      description: description.trim(),
      pledger: { kind, name: pledgerName.trim(), ...(pledgerCountry ? { country: pledgerCountry } : {}) },
      objectives,
      principles,
      cluster,
      countries,
      regions,
      madeAt,
      status,
      ...(existing || representatives.length > 0
        ? { representativeIds: representatives.flatMap((person) => (person.id ? [person.id] : [])) }
        : {}),
      ...(existing && !speaksFor && reason.trim() ? { reason: reason.trim() } : {}),
    });
  };

  if (!taxonomy.ready || !clusters.data) {
    return taxonomy.error || clusters.error ? (
      <section className="page page--narrow">
        <h1>{heading}</h1>
        <ErrorNotice error={taxonomy.error ?? clusters.error} />
      </section>
    ) : (
      <Loading />
    );
  }
  return (
    <section className="page pledges pledges-form-page">
      <p className="pledges-back">
        <Link to={existing ? `/pledges/${existing.id}` : '/pledges'}>{existing ? existing.title : t('list.back')}</Link>
      </p>
      <h1>{heading}</h1>
      <form className="pledges-form" onSubmit={submit} noValidate>
        <fieldset className="card pledges-fieldset">
          <legend>{t('form.what')}</legend>
          <TextField
            label={t('fields.title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            required
            error={error('title')}
          />
          <TextArea
            label={t('fields.description')}
            hint={t('form.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={6}
            maxLength={10000}
            error={error('description')}
          />
          <div className="pledges-grid">
            <SelectField
              label={t('fields.cluster')}
              value={cluster}
              onChange={(e) => setCluster(e.target.value)}
              required
              error={error('cluster')}
            >
              <option value="">{t('form.chooseCluster')}</option>
              {clusters.data.map((option) => (
                <option key={option.key} value={option.key}>
                  {clusters.labelOf(option.key)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('fields.madeAt')}
              type="date"
              value={madeAt}
              onChange={(e) => setMadeAt(e.target.value)}
              required
              error={error('madeAt')}
            />
            <SelectField
              label={t('fields.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value as PledgeStatus)}
              error={error('status')}
            >
              {PLEDGE_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {t(`status.${option}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="card pledges-fieldset">
          <legend>{t('form.who')}</legend>
          <Choices legend={t('fields.pledgerKind')} error={error('pledger.kind')}>
            {PLEDGER_KINDS.map((option) => (
              <Choice
                key={option}
                type="radio"
                name="pledger-kind"
                label={t(`pledgerKind.${option}`)}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
            ))}
          </Choices>
          <div className="pledges-grid">
            <TextField
              label={kind === 'member_state' ? t('form.stateName') : t('form.organisationName')}
              value={pledgerName}
              onChange={(e) => setPledgerName(e.target.value)}
              maxLength={200}
              required
              error={error('pledger.name')}
            />
            <SelectField
              label={kind === 'member_state' ? t('form.stateCountry') : t('form.organisationCountry')}
              value={pledgerCountry}
              onChange={(e) => setPledgerCountry(e.target.value)}
              required={kind === 'member_state'}
              error={error('pledger.country')}
            >
              <option value="">{kind === 'member_state' ? t('form.chooseCountry') : t('form.noCountry')}</option>
              {taxonomy.countries.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </SelectField>
          </div>
          <Representatives value={representatives} onChange={setRepresentatives} error={error('representativeIds')} />
        </fieldset>

        <fieldset className="card pledges-fieldset">
          <legend>{t('form.about')}</legend>
          <Choices legend={t('fields.objectives')} hint={t('form.objectivesHint')} error={error('objectives')} grid>
            {taxonomy.objectives.map((objective) => (
              <Choice
                key={objective.number}
                type="checkbox"
                label={`${t('objective.short', { number: objective.number })} · ${objective.label}`}
                checked={objectives.includes(objective.number)}
                onChange={(on) =>
                  setObjectives((known) =>
                    on
                      ? [...known, objective.number].sort((a, b) => a - b)
                      : known.filter((n) => n !== objective.number),
                  )
                }
              />
            ))}
          </Choices>
          <Choices legend={t('fields.principles')} error={error('principles')} grid>
            {taxonomy.principles.map((principle) => (
              <Choice
                key={principle.key}
                type="checkbox"
                label={principle.label}
                checked={principles.includes(principle.key)}
                onChange={(on) =>
                  setPrinciples((known) =>
                    on ? [...known, principle.key] : known.filter((key) => key !== principle.key),
                  )
                }
              />
            ))}
          </Choices>
          <Choices legend={t('fields.regions')} error={error('regions')} grid>
            {taxonomy.regions.map((region) => (
              <Choice
                key={region.key}
                type="checkbox"
                label={region.label}
                checked={regions.includes(region.key)}
                onChange={(on) =>
                  setRegions((known) => (on ? [...known, region.key] : known.filter((key) => key !== region.key)))
                }
              />
            ))}
          </Choices>
          <SelectField
            label={t('fields.countries')}
            hint={kind === 'member_state' ? t('form.countriesHintState') : t('form.countriesHint')}
            value=""
            onChange={(e) => e.target.value && setCountries((known) => [...known, e.target.value])}
            error={error('countries')}
          >
            <option value="">{t('form.addCountry')}</option>
            {taxonomy.countries
              .filter((country) => !countries.includes(country.code))
              .map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
          </SelectField>
          <Chips
            items={countries.map((code) => ({ key: code, label: taxonomy.countryName(code) }))}
            remove={(code) => setCountries((known) => known.filter((each) => each !== code))}
          />
        </fieldset>

        {existing && !speaksFor && (
          <div className="card">
            <TextField
              label={t('form.reason')}
              hint={t('form.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              error={error('reason')}
            />
          </div>
        )}

        <FormProblem error={save.error} shown={SHOWN} />
        <div className="toolbar">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t('form.saving') : existing ? t('form.save') : t('form.create')}
          </button>
          <Link className="button button--quiet" to={existing ? `/pledges/${existing.id}` : '/pledges'}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** A group of checkboxes or radio buttons, with its legend, hint and the server's word. */
function Choices({
  legend,
  hint,
  error,
  grid = false,
  children,
}: {
  legend: string;
  hint?: string;
  error?: string;
  grid?: boolean;
  children: ReactNode;
}) {
  return (
    <FieldGroup className="pledges-choices" legend={legend} hint={hint} error={error}>
      <div className={grid ? 'pledges-choices__grid' : 'pledges-choices__row'}>{children}</div>
    </FieldGroup>
  );
}

function Choice({
  type,
  name,
  label,
  checked,
  onChange,
}: {
  type: 'checkbox' | 'radio';
  name?: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="pledges-choice">
      <input id={id} type={type} name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function Chips({ items, remove }: { items: { key: string; label: string }[]; remove: (key: string) => void }) {
  const { t } = useTranslation('pledges');
  if (items.length === 0) return null;
  return (
    <ul className="pledges-chips">
      {items.map((item) => (
        <li key={item.key} className="pledges-chip">
          <span>{item.label}</span>
          <button
            type="button"
            className="button--quiet pledges-chip__remove"
            aria-label={t('form.remove', { item: item.label })}
            onClick={() => remove(item.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The members who speak for the pledger and report its progress: found by name, added and removed. */
function Representatives({
  value,
  onChange,
  error,
}: {
  value: Person[];
  onChange: (people: Person[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('pledges');
  const [q, setQ] = useState('');
  const words = q.trim();
  const found = useQuery({
    queryKey: [PLEDGES_KEY, 'members', words],
    queryFn: ({ signal }) => searchMembers(words, signal),
    enabled: words.length >= 2,
    staleTime: 30_000,
  });
  const candidates = (found.data ?? []).filter((card) => !value.some((person) => person.id === card.id));
  const id = useId();
  return (
    <div className="pledges-representatives" role="group" aria-labelledby={id} aria-describedby={`${id}-hint`}>
      <p className="pledges-representatives__title" id={id}>
        {t('fields.representatives')}
      </p>
      <p className="field__hint" id={`${id}-hint`}>
        {t('form.representativesHint')}
      </p>
      <Chips
        items={value.map((person, index) => ({ key: person.id ?? String(index), label: person.displayName }))}
        remove={(key) => onChange(value.filter((person, index) => (person.id ?? String(index)) !== key))}
      />
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
      <TextField
        type="search"
        label={t('form.findMember')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      {words.length >= 2 && (
        <div role="status" className="pledges-found">
          {found.isFetching ? (
            t('loading')
          ) : candidates.length === 0 ? (
            t('form.noMember')
          ) : (
            <ul className="pledges-plain-list">
              {candidates.map((card) => (
                <li key={card.id}>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => {
                      onChange([...value, { id: card.id, displayName: card.displayName }]);
                      setQ('');
                    }}
                  >
                    {t('form.addMember', {
                      name: card.organisation ? `${card.displayName} (${card.organisation})` : card.displayName,
                    })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
