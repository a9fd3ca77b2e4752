import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { type Member, useMember } from '../../api/session';
import { Checkbox, SelectField, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Taxonomy, useProblems, useTaxonomy } from '../community/community-api';
import { SignInFirst } from '../community/community-ui';
import type { SsoProviderSettings } from './accounts-api';

const PROVIDERS = '/settings/sso-providers';
const PROVIDERS_KEY = ['accounts', 'admin', 'sso-providers'];

/** `/admin/sso`: administrators set up the organisations' OpenID Connect providers members may sign in with. */
export function AdminSsoPage() {
  const { t } = useTranslation('accounts');
  const member = useMember();
  usePageTitle(t('admin.title'));
  if (!member) return <SignInFirst />;
  return (
    <section className="page accounts-admin">
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.lead')}</p>
      {member.role === 'admin' ? (
        <Providers member={member} />
      ) : (
        <p className="community-notice community-notice--bad" role="alert">
          {t('admin.adminsOnly')}
        </p>
      )}
    </section>
  );
}

function Providers({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const taxonomy = useTaxonomy();
  const [notice, setNotice] = useState<string | null>(null);
  const providers = useQuery({
    queryKey: [...PROVIDERS_KEY, member.id],
    queryFn: () => api<SsoProviderSettings[]>(PROVIDERS),
  });
  return (
    <>
      <div role="status" className="community-status">
        {notice}
      </div>
      <section aria-labelledby="sso-providers-title">
        <h2 id="sso-providers-title">{t('admin.listTitle')}</h2>
        {providers.error ? (
          <ErrorNotice error={providers.error} onRetry={() => void providers.refetch()} />
        ) : !providers.data ? (
          <Loading />
        ) : providers.data.length === 0 ? (
          <Empty>{t('admin.none')}</Empty>
        ) : (
          <ul className="list accounts-providers">
            {providers.data.map((provider) => (
              <li key={provider.id} className="card">
                <ProviderForm provider={provider} taxonomy={taxonomy} onDone={setNotice} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="sso-new-title">
        <h2 id="sso-new-title">{t('admin.newTitle')}</h2>
        <ProviderForm taxonomy={taxonomy} onDone={setNotice} />
      </section>
    </>
  );
}

interface Draft {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string;
  passwordSignInDisabled: boolean;
  trustEmail: boolean;
  enabled: boolean;
  defaultOrganisation: string;
  defaultOrganisationType: string;
}

function draftOf(provider?: SsoProviderSettings): Draft {
  return {
    id: provider?.id ?? '',
    name: provider?.name ?? '',
    issuer: provider?.issuer ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    allowedDomains: provider?.allowedDomains.join(', ') ?? '',
    passwordSignInDisabled: provider?.passwordSignInDisabled ?? false,
    trustEmail: provider?.trustEmail ?? false,
    enabled: provider?.enabled ?? true,
    defaultOrganisation: provider?.defaultOrganisation ?? '',
    defaultOrganisationType: provider?.defaultOrganisationType ?? '',
  };
}

const FIELDS = [
  'id',
  'name',
  'issuer',
  'clientId',
  'clientSecret',
  'allowedDomains',
  'passwordSignInDisabled',
  'trustEmail',
  'enabled',
  'defaultOrganisation',
  'defaultOrganisationType',
];

/** One provider's settings (a new one when none is given); a blank secret keeps the stored one. */
function ProviderForm({
  provider,
  taxonomy,
  onDone,
}: {
  provider?: SsoProviderSettings;
  taxonomy: Taxonomy;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation('accounts');
  const queries = useQueryClient();
  const problems = useProblems();
  const [draft, setDraft] = useState<Draft>(() => draftOf(provider));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const refresh = () => void queries.invalidateQueries({ queryKey: PROVIDERS_KEY });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        issuer: draft.issuer.trim(),
        clientId: draft.clientId.trim(),
        ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
        allowedDomains: draft.allowedDomains
          .split(/[\s,;]+/)
          .map((domain) => domain.trim().toLowerCase())
          .filter(Boolean),
        passwordSignInDisabled: draft.passwordSignInDisabled,
        trustEmail: draft.trustEmail,
        enabled: draft.enabled,
        defaultOrganisation: draft.defaultOrganisation.trim() || null,
        defaultOrganisationType: draft.defaultOrganisationType || null,
      };
      return provider
        ? api<SsoProviderSettings>(`${PROVIDERS}/${provider.id}`, { method: 'PATCH', body })
        : api<SsoProviderSettings>(PROVIDERS, { method: 'POST', body: { id: draft.id.trim(), ...body } });
    },
    onSuccess: (saved) => {
      onDone(t(provider ? 'admin.saved' : 'admin.created', { name: saved.name }));
      setDraft(provider ? draftOf(saved) : draftOf());
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`${PROVIDERS}/${provider?.id ?? ''}`, { method: 'DELETE' }),
    onSuccess: () => {
      onDone(t('admin.deleted', { name: provider?.name ?? '' }));
      refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error;
  const form = (
    <form onSubmit={submit} noValidate>
      <TextField
        label={t('admin.fields.name')}
        hint={t('admin.hints.name')}
        value={draft.name}
        onChange={(event) => set('name', event.target.value)}
        maxLength={80}
        required
        error={problems.of(error, 'name')}
      />
      {!provider && (
        <TextField
          label={t('admin.fields.id')}
          hint={t('admin.hints.id')}
          value={draft.id}
          onChange={(event) => set('id', event.target.value)}
          autoCapitalize="none"
          autoComplete="off"
          maxLength={40}
          required
          error={problems.of(error, 'id')}
        />
      )}
      <TextField
        label={t('admin.fields.issuer')}
        hint={t('admin.hints.issuer')}
        type="url"
        inputMode="url"
        value={draft.issuer}
        onChange={(event) => set('issuer', event.target.value)}
        required
        error={problems.of(error, 'issuer')}
      />
      <TextField
        label={t('admin.fields.clientId')}
        value={draft.clientId}
        onChange={(event) => set('clientId', event.target.value)}
        autoComplete="off"
        required
        error={problems.of(error, 'clientId')}
      />
      <TextField
        label={t('admin.fields.clientSecret')}
        hint={provider ? t('admin.hints.keepSecret') : undefined}
        type="password"
        autoComplete="new-password"
        value={draft.clientSecret}
        onChange={(event) => set('clientSecret', event.target.value)}
        required={!provider}
        error={problems.of(error, 'clientSecret')}
      />
      <TextField
        label={t('admin.fields.allowedDomains')}
        hint={t('admin.hints.allowedDomains')}
        value={draft.allowedDomains}
        onChange={(event) => set('allowedDomains', event.target.value)}
        error={problems.of(error, 'allowedDomains')}
      />
      <Checkbox
        label={t('admin.fields.passwordSignInDisabled')}
        checked={draft.passwordSignInDisabled}
        onChange={(event) => set('passwordSignInDisabled', event.target.checked)}
      />
      <Checkbox
        label={t('admin.fields.trustEmail')}
        checked={draft.trustEmail}
        onChange={(event) => set('trustEmail', event.target.checked)}
      />
      <Checkbox
        label={t('admin.fields.enabled')}
        checked={draft.enabled}
        onChange={(event) => set('enabled', event.target.checked)}
      />
      <TextField
        label={t('admin.fields.defaultOrganisation')}
        hint={t('admin.hints.defaultOrganisation')}
        value={draft.defaultOrganisation}
        onChange={(event) => set('defaultOrganisation', event.target.value)}
        maxLength={200}
        error={problems.of(error, 'defaultOrganisation')}
      />
      <SelectField
        label={t('admin.fields.defaultOrganisationType')}
        value={draft.defaultOrganisationType}
        onChange={(event) => set('defaultOrganisationType', event.target.value)}
        error={problems.of(error, 'defaultOrganisationType')}
      >
        <option value="">{t('admin.noType')}</option>
        {taxonomy.orgTypes.map((type) => (
          <option key={type.key} value={type.key}>
            {type.label}
          </option>
        ))}
      </SelectField>
      {problems.unplaced(error, FIELDS) && <ErrorNotice error={error} />}
      <div className="toolbar">
        <button type="submit" disabled={save.isPending}>
          {provider ? t('admin.save') : t('admin.create')}
        </button>
      </div>
    </form>
  );

  if (!provider) return form;
  return (
    <>
      <h3>
        {provider.name}{' '}
        <span className={`badge${provider.enabled ? ' badge--good' : ''}`}>
          {provider.enabled ? t('admin.on') : t('admin.off')}
        </span>
      </h3>
      <dl className="community-facts accounts-provider__facts">
        <div className="community-facts__row">
          <dt>{t('admin.fields.issuer')}</dt>
          <dd>{provider.issuer}</dd>
        </div>
        <div className="community-facts__row">
          <dt>{t('admin.fields.allowedDomains')}</dt>
          <dd>{provider.allowedDomains.length > 0 ? provider.allowedDomains.join(', ') : t('admin.anyDomain')}</dd>
        </div>
        <div className="community-facts__row">
          <dt>{t('admin.redirectUri')}</dt>
          <dd>
            <code>{provider.redirectUri}</code>
          </dd>
        </div>
      </dl>
      <details className="community-details">
        <summary>{t('admin.edit', { name: provider.name })}</summary>
        {form}
        <div className="community-danger">
          {!confirmDelete ? (
            <button type="button" className="button--danger" onClick={() => setConfirmDelete(true)}>
              {t('admin.delete')}
            </button>
          ) : (
            <>
              <p>{t('admin.deleteText', { name: provider.name })}</p>
              <div className="toolbar">
                <button
                  type="button"
                  className="button--danger"
                  onClick={() => remove.mutate()}
                  disabled={remove.isPending}
                >
                  {t('admin.deleteForever')}
                </button>
                <button type="button" className="button--quiet" onClick={() => setConfirmDelete(false)}>
                  {t('common:cancel')}
                </button>
              </div>
            </>
          )}
          {remove.error && <ErrorNotice error={remove.error} />}
        </div>
      </details>
    </>
  );
}
