import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/http';
import type { Member } from '../../api/session';
import { SelectField, TextField } from '../../ui/Field';
import { ErrorNotice, Loading } from '../../ui/States';
import { useProblems } from '../community/community-api';
import { DIGEST_FREQUENCIES, type DigestFrequency, type Me, meKey } from './accounts-api';

/** On the profile: the sign-in address (and changing it), the email digest, and for administrators, single sign-on. */
export function EmailSettings({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const me = useQuery({ queryKey: meKey(member.id), queryFn: () => api<Me>('/me'), staleTime: 60_000 });
  return (
    <section className="card accounts-settings" id="email-settings" aria-labelledby="email-settings-title">
      <h2 id="email-settings-title">{t('settings.title')}</h2>
      {me.error ? (
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      ) : !me.data ? (
        <Loading />
      ) : (
        <>
          <p>
            {t('settings.current', { email: me.data.email })}{' '}
            {me.data.emailVerified === false ? (
              <span className="badge">{t('settings.unverified')}</span>
            ) : (
              me.data.emailVerified && <span className="badge badge--good">{t('settings.verified')}</span>
            )}
          </p>
          <ChangeEmail />
        </>
      )}
      <Digest />
      {member.role === 'admin' && (
        <>
          <h3>{t('settings.administration')}</h3>
          <p>
            <Link to="/admin/sso">{t('admin.title')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** A new address takes effect once the link mailed to it is opened; the password proves it is the member asking. */
function ChangeEmail() {
  const { t } = useTranslation('accounts');
  const problems = useProblems();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: (address: string) => api<void>('/me/email', { method: 'POST', body: { email: address, password } }),
    onSuccess: () => setPassword(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(email.trim());
  };
  return (
    <details className="community-details accounts-change-email">
      <summary>
        <h3>{t('settings.change')}</h3>
      </summary>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('fields.newEmail')}
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          error={problems.of(change.error, 'email')}
        />
        <TextField
          label={t('fields.currentPassword')}
          hint={t('settings.passwordHint')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          error={problems.of(change.error, 'password')}
        />
        {problems.unplaced(change.error, ['email', 'password']) && <ErrorNotice error={change.error} />}
        <p role="status" className="community-status">
          {change.isSuccess && t('settings.changeSent', { email: change.variables })}
        </p>
        <button type="submit" disabled={change.isPending}>
          {t('settings.changeSubmit')}
        </button>
      </form>
    </details>
  );
}

interface DigestSetting {
  digest: DigestFrequency;
  timeZone: string | null;
}

/** How often unread notifications come by mail. */
function Digest() {
  const { t } = useTranslation('accounts');
  const queries = useQueryClient();
  const key = ['accounts', 'notification-preferences'];
  const preferences = useQuery({
    queryKey: key,
    queryFn: () => api<DigestSetting>('/notifications/preferences'),
  });
  // The digest's days start at midnight where the member is: the browser's zone goes with each choice.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  const save = useMutation({
    mutationFn: (digest: DigestFrequency) =>
      api<DigestSetting>('/notifications/preferences', {
        method: 'PUT',
        body: timeZone ? { digest, timeZone } : { digest },
      }),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  if (preferences.error) return <ErrorNotice error={preferences.error} onRetry={() => void preferences.refetch()} />;
  if (!preferences.data) return <Loading />;
  return (
    <>
      <SelectField
        label={t('fields.digest')}
        hint={timeZone ? t('settings.digestZoneHint', { zone: timeZone }) : t('settings.digestHint')}
        value={save.isPending ? save.variables : preferences.data.digest}
        onChange={(event) => save.mutate(event.target.value as DigestFrequency)}
        disabled={save.isPending}
      >
        {DIGEST_FREQUENCIES.map((frequency) => (
          <option key={frequency} value={frequency}>
            {t(`digest.${frequency}`)}
          </option>
        ))}
      </SelectField>
      <p role="status" className="community-status">
        {save.isSuccess && t('settings.digestSaved')}
      </p>
      {save.error && <ErrorNotice error={save.error} />}
    </>
  );
}
