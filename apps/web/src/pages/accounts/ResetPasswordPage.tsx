import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { Checkbox, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useProblems } from '../community/community-api';
import { isBadToken } from './accounts-api';
import { SpentLink } from './parts';

/** `/reset-password?token=`: from the mailed link, a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const problems = useProblems();
  usePageTitle(t('reset.title'));

  const reset = useMutation({
    mutationFn: () =>
      api<void>('/auth/password-reset/confirm', { method: 'POST', body: { token, password }, token: null }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };

  if (!token || isBadToken(reset.error)) {
    return (
      <section className="page page--narrow community-auth">
        <h1>{t('reset.title')}</h1>
        <SpentLink again={{ to: '/forgot-password', label: t('reset.askAgain') }} />
      </section>
    );
  }
  return (
    <section className="page page--narrow community-auth">
      <h1>{t('reset.title')}</h1>
      {reset.isSuccess ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('reset.done')}
          </p>
          <Link className="button" to="/signin">
            {t('reset.signIn')}
          </Link>
        </div>
      ) : (
        <>
          <p className="lead">{t('reset.lead')}</p>
          <form className="card" onSubmit={submit} noValidate>
            <TextField
              label={t('fields.newPassword')}
              hint={t('passwordHint')}
              type={showPassword ? 'text' : 'password'}
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              maxLength={200}
              required
              error={problems.of(reset.error, 'password')}
            />
            <Checkbox
              label={t('showPassword')}
              checked={showPassword}
              onChange={(event) => setShowPassword(event.target.checked)}
            />
            {problems.unplaced(reset.error, ['password']) && <ErrorNotice error={reset.error} />}
            <div className="toolbar">
              <button type="submit" disabled={reset.isPending}>
                {t('reset.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
