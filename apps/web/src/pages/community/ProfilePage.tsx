import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { type Member, signOut, updateMember, useMember } from '../../api/session';
import { Checkbox, SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { EmailSettings } from '../accounts/EmailSettings';
import {
  type Profile,
  PROFILE_FIELDS,
  type ProfileField,
  type Taxonomy,
  useProblems,
  useTaxonomy,
  type Visibility,
  VISIBILITIES,
} from './community-api';
import { FieldRow, LanguagePicker, ObjectivePicker, SignInFirst, TagInput, VisibilitySelect } from './community-ui';

/** `/profile`: the member's own profile, every field with who sees it, their address and mail, their data rights. */
export function ProfilePage() {
  const { t } = useTranslation('community');
  const member = useMember();
  usePageTitle(t('profile.title'));
  if (!member) return <SignInFirst />;
  return <OwnProfile member={member} />;
}

function OwnProfile({ member }: { member: Member }) {
  const { t } = useTranslation('community');
  const [params] = useSearchParams();
  const taxonomy = useTaxonomy();
  const own = useQuery({
    queryKey: ['community', 'me', member.id],
    queryFn: () => api<Profile>('/members/me'),
  });
  return (
    <section className="page community-profile">
      <div className="community-head">
        <h1>{t('profile.title')}</h1>
        <Link to={`/members/${member.id}`}>{t('profile.viewPublic')}</Link>
      </div>
      {params.get('welcome') && (
        <p className="community-notice community-notice--good" role="status">
          {t('profile.welcome', { name: member.displayName })}
        </p>
      )}
      {own.error || taxonomy.error ? (
        <ErrorNotice error={own.error ?? taxonomy.error} onRetry={() => void own.refetch()} />
      ) : !own.data || !taxonomy.ready ? (
        <Loading />
      ) : (
        <ProfileForm profile={own.data} taxonomy={taxonomy} member={member} />
      )}
      <Suspense fallback={<Loading />}>
        <EmailSettings member={member} />
      </Suspense>
      <AccountData />
    </section>
  );
}

interface Draft {
  displayName: string;
  organisation: string;
  orgType: string;
  country: string;
  region: string;
  languages: string[];
  expertise: string[];
  objectives: number[];
  bio: string;
  visibility: Visibility;
  fieldVisibility: Record<ProfileField, Visibility>;
}

function draftOf(profile: Profile): Draft {
  return {
    displayName: profile.displayName,
    organisation: profile.organisation ?? '',
    orgType: profile.orgType ?? '',
    country: profile.country ?? '',
    region: profile.region ?? '',
    languages: profile.languages,
    expertise: profile.expertise,
    objectives: profile.objectives,
    bio: profile.bio ?? '',
    visibility: profile.visibility,
    fieldVisibility:
      profile.fieldVisibility ??
      (Object.fromEntries(PROFILE_FIELDS.map((field) => [field, 'public'])) as Record<ProfileField, Visibility>),
  };
}

const FORM_FIELDS = ['displayName', 'visibility', 'fieldVisibility', ...PROFILE_FIELDS];
const BIO_MAX = 2000;

function ProfileForm({ profile, taxonomy, member }: { profile: Profile; taxonomy: Taxonomy; member: Member }) {
  const { t } = useTranslation('community');
  const queries = useQueryClient();
  const problems = useProblems();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setLevel = (field: ProfileField, level: Visibility) =>
    set('fieldVisibility', { ...draft.fieldVisibility, [field]: level });

  const save = useMutation({
    mutationFn: () =>
      api<Profile>('/members/me', {
        method: 'PATCH',
        body: {
          ...(draft.displayName.trim() !== profile.displayName ? { displayName: draft.displayName.trim() } : {}),
          organisation: draft.organisation.trim() || null,
          orgType: draft.orgType || null,
          country: draft.country || null,
          region: draft.region || null,
          languages: draft.languages,
          expertise: draft.expertise,
          objectives: draft.objectives,
          bio: draft.bio.trim() || null,
          visibility: draft.visibility,
          fieldVisibility: draft.fieldVisibility,
        },
      }),
    onSuccess: (updated) => {
      queries.setQueryData(['community', 'me', member.id], updated);
      void queries.invalidateQueries({ queryKey: ['community', 'member'] });
      void queries.invalidateQueries({ queryKey: ['community', 'directory'] });
      if (updated.displayName !== member.displayName) updateMember({ ...member, displayName: updated.displayName });
      setDraft(draftOf(updated));
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  const error = save.error;
  const hiddenProfile = draft.visibility === 'private';
  const levelOf = (field: ProfileField, label: string) => (
    <VisibilitySelect
      field={label}
      value={draft.fieldVisibility[field]}
      onChange={(level) => setLevel(field, level)}
      error={problems.of(error, `fieldVisibility.${field}`)}
      disabled={hiddenProfile}
    />
  );

  return (
    <form className="community-profile__form" onSubmit={submit} noValidate>
      <section className="card" aria-labelledby="profile-who">
        <h2 id="profile-who">{t('profile.sections.who')}</h2>
        <fieldset className="community-fieldset">
          <legend>{t('fields.visibility')}</legend>
          <p className="field__hint">{t('profile.visibilityHint')}</p>
          {VISIBILITIES.map((level) => (
            <div key={level} className="community-radio">
              <input
                id={`profile-visibility-${level}`}
                type="radio"
                name="visibility"
                value={level}
                checked={draft.visibility === level}
                onChange={() => set('visibility', level)}
                aria-describedby={`profile-visibility-${level}-hint`}
              />
              <label htmlFor={`profile-visibility-${level}`}>{t(`visibility.profile.${level}`)}</label>
              <p className="field__hint" id={`profile-visibility-${level}-hint`}>
                {t(`visibility.profileHint.${level}`)}
              </p>
            </div>
          ))}
          {problems.of(error, 'visibility') && (
            <p className="field__error" role="alert">
              {problems.of(error, 'visibility')}
            </p>
          )}
        </fieldset>
        {hiddenProfile && <p className="community-notice">{t('profile.privateNote')}</p>}
      </section>

      <section className="card" aria-labelledby="profile-about">
        <h2 id="profile-about">{t('profile.sections.about')}</h2>
        <p className="field__hint">{t('profile.fieldsHint')}</p>
        <TextField
          label={t('fields.displayName')}
          hint={t('profile.displayNameHint')}
          value={draft.displayName}
          onChange={(event) => set('displayName', event.target.value)}
          autoComplete="name"
          maxLength={80}
          required
          error={problems.of(error, 'displayName')}
        />
        <FieldRow visibility={levelOf('organisation', t('fields.organisation'))}>
          <TextField
            label={t('fields.organisation')}
            value={draft.organisation}
            onChange={(event) => set('organisation', event.target.value)}
            autoComplete="organization"
            maxLength={200}
            error={problems.of(error, 'organisation')}
          />
        </FieldRow>
        <FieldRow visibility={levelOf('orgType', t('fields.orgType'))}>
          <SelectField
            label={t('fields.orgType')}
            value={draft.orgType}
            onChange={(event) => set('orgType', event.target.value)}
            error={problems.of(error, 'orgType')}
          >
            <option value="">{t('profile.notSaid')}</option>
            {taxonomy.orgTypes.map((type) => (
              <option key={type.key} value={type.key}>
                {type.label}
              </option>
            ))}
          </SelectField>
        </FieldRow>
        <FieldRow visibility={levelOf('country', t('fields.country'))}>
          <SelectField
            label={t('fields.country')}
            value={draft.country}
            onChange={(event) => set('country', event.target.value)}
            error={problems.of(error, 'country')}
          >
            <option value="">{t('profile.notSaid')}</option>
            {taxonomy.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
        </FieldRow>
        <FieldRow visibility={levelOf('region', t('fields.region'))}>
          <SelectField
            label={t('fields.region')}
            value={draft.region}
            onChange={(event) => set('region', event.target.value)}
            error={problems.of(error, 'region')}
          >
            <option value="">{t('profile.notSaid')}</option>
            {taxonomy.regions.map((region) => (
              <option key={region.key} value={region.key}>
                {region.label}
              </option>
            ))}
          </SelectField>
        </FieldRow>
        <FieldRow visibility={levelOf('bio', t('fields.bio'))}>
          <TextArea
            label={t('fields.bio')}
            hint={t('profile.bioLeft', { count: BIO_MAX - draft.bio.length })}
            value={draft.bio}
            onChange={(event) => set('bio', event.target.value)}
            rows={5}
            maxLength={BIO_MAX}
            error={problems.of(error, 'bio')}
          />
        </FieldRow>
      </section>

      <section className="card" aria-labelledby="profile-work">
        <h2 id="profile-work">{t('profile.sections.work')}</h2>
        <FieldRow visibility={levelOf('languages', t('fields.languages'))}>
          <LanguagePicker
            label={t('fields.languages')}
            value={draft.languages}
            onChange={(languages) => set('languages', languages)}
            error={problems.of(error, 'languages')}
          />
        </FieldRow>
        <FieldRow visibility={levelOf('expertise', t('fields.expertise'))}>
          <TagInput
            label={t('fields.expertise')}
            hint={t('profile.expertiseHint')}
            value={draft.expertise}
            onChange={(expertise) => set('expertise', expertise)}
            error={problems.of(error, 'expertise')}
            max={30}
          />
        </FieldRow>
        <FieldRow visibility={levelOf('objectives', t('fields.objectives'))}>
          <ObjectivePicker
            legend={t('fields.objectives')}
            hint={t('profile.objectivesHint')}
            objectives={taxonomy.objectives}
            selected={draft.objectives}
            onChange={(objectives) => set('objectives', objectives)}
            error={problems.of(error, 'objectives')}
          />
        </FieldRow>
      </section>

      <div className="community-savebar">
        {problems.unplaced(error, FORM_FIELDS) && <ErrorNotice error={error} />}
        {error && !problems.unplaced(error, FORM_FIELDS) && (
          <p className="field__error" role="alert">
            {t('profile.fixFields')}
          </p>
        )}
        <div role="status" className="community-savebar__status">
          {saved && t('profile.saved')}
        </div>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('profile.saving') : t('profile.save')}
        </button>
      </div>
    </form>
  );
}

/** Export everything Plenary holds about the member; delete the account. */
function AccountData() {
  const { t } = useTranslation('community');
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const exporting = useMutation({
    mutationFn: () => api<unknown>('/members/me/export'),
    onSuccess: (data) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'plenary-export.json';
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const deleting = useMutation({
    mutationFn: () => api<void>('/members/me', { method: 'DELETE' }),
    onSuccess: async () => {
      await signOut();
      navigate('/', { replace: true });
    },
  });
  const conflict = deleting.error instanceof ApiError && deleting.error.status === 409;
  return (
    <section className="card community-account" aria-labelledby="account-data">
      <h2 id="account-data">{t('account.title')}</h2>
      <p>{t('account.exportText')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button--quiet"
          onClick={() => exporting.mutate()}
          disabled={exporting.isPending}
        >
          {t('account.export')}
        </button>
      </div>
      {exporting.error && <ErrorNotice error={exporting.error} />}
      <h3>{t('account.deleteTitle')}</h3>
      <p>{t('account.deleteText')}</p>
      {!confirming ? (
        <button type="button" className="button--danger" onClick={() => setConfirming(true)}>
          {t('account.delete')}
        </button>
      ) : (
        <div className="community-confirm">
          <Checkbox
            label={t('account.understand')}
            checked={understood}
            onChange={(event) => setUnderstood(event.target.checked)}
          />
          <div className="toolbar">
            <button
              type="button"
              className="button--danger"
              disabled={!understood || deleting.isPending}
              onClick={() => deleting.mutate()}
            >
              {t('account.deleteForever')}
            </button>
            <button type="button" className="button--quiet" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </div>
      )}
      {conflict ? (
        <div className="community-notice community-notice--bad" role="alert">
          <p>{t('account.soleOwner')}</p>
          <p>{deleting.error?.message}</p>
        </div>
      ) : (
        deleting.error && <ErrorNotice error={deleting.error} />
      )}
    </section>
  );
}
