import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/http';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useProblems } from '../community/community-api';

/** `/forgot-password`: a link to choose a new password goes to the address, if an account has it. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('accounts');
  const location = useLocation();
  const typed = (location.state as { email?: string } | null)?.email ?? '';
  const [email, setEmail] = useState(typed);
  const problems = useProblems();
  usePageTitle(t('forgot.title'));

  const send = useMutation({
    mutationFn: (address: string) =>
      api<void>('/auth/password-reset', { method: 'POST', body: { email: address }, token: null }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(email.trim());
  };

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('forgot.title')}</h1>
      {send.isSuccess ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('forgot.sent', { email: send.variables })}
          </p>
          <p>{t('forgot.sentHint')}</p>
          <div className="toolbar">
            <Link className="button" to="/signin">
              {t('backToSignIn')}
            </Link>
            <button type="button" className="button--quiet" onClick={() => send.reset()}>
              {t('forgot.again')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="lead">{t('forgot.lead')}</p>
          <form className="card" onSubmit={submit} noValidate>
            <TextField
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              error={problems.of(send.error, 'email')}
            />
            {problems.unplaced(send.error, ['email']) && <ErrorNotice error={send.error} />}
            <div className="toolbar">
              <button type="submit" disabled={send.isPending || !email.trim()}>
                {t('forgot.submit')}
              </button>
            </div>
          </form>
          <p>
            <Link to="/signin">{t('backToSignIn')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
