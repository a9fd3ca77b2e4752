import { useMutation } from '@tanstack/react-query';
import { type FormEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signedIn, useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';
import { Checkbox, TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { SsoSignIn } from '../accounts/SsoSignIn';
import { AuthError, authenticate, safeNext, useProblems } from './community-api';

const FIELDS = ['displayName', 'email', 'password'];

/**
 * `/register`: an account in one step; then the profile (or back where the member came from). From an invitation
 * mailed to an address (`?email=`), the account is for that address.
 */
export function RegisterPage() {
  const { t } = useTranslation('community');
  const member = useMember();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next') ? safeNext(params.get('next')) : null;
  const [displayName, setDisplayName] = useState('');
  const invitedEmail = params.get('email');
  const [email, setEmail] = useState(invitedEmail ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const problems = useProblems();
  usePageTitle(t('register.title'));

  const register = useMutation({
    mutationFn: () =>
      authenticate('/auth/register', {
        displayName: displayName.trim(),
        email: email.trim(),
        password,
        locale: currentLanguage(),
      }),
    onSuccess: (answer) => {
      // Still pending while this runs: the page does not take the new member for one already signed in.
      signedIn(answer);
      navigate(next ?? '/profile?welcome=1', { replace: true });
    },
  });

  if (member && register.isIdle) return <Navigate to={next ?? '/'} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const error = register.error;
  const throttled = error instanceof AuthError && error.status === 429;

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.lead')}</p>
      <form className="card" onSubmit={submit} noValidate>
        <TextField
          label={t('fields.displayName')}
          hint={t('register.displayNameHint')}
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          maxLength={80}
          required
          error={problems.of(error, 'displayName')}
        />
        <TextField
          label={t('fields.email')}
          hint={invitedEmail ? t('register.invitedEmailHint') : t('register.emailHint')}
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          readOnly={invitedEmail !== null}
          required
          error={problems.of(error, 'email')}
        />
        <TextField
          label={t('fields.password')}
          hint={t('register.passwordHint')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          maxLength={200}
          required
          error={problems.of(error, 'password')}
        />
        <Checkbox
          label={t('register.showPassword')}
          checked={showPassword}
          onChange={(event) => setShowPassword(event.target.checked)}
        />
        {throttled ? (
          <p className="community-notice community-notice--warn" role="alert">
            {t('register.throttled', { count: Math.ceil((error.retryAfter ?? 60) / 60) })}
          </p>
        ) : (
          problems.unplaced(error, FIELDS) && <ErrorNotice error={error} />
        )}
        <div className="toolbar">
          <button type="submit" disabled={register.isPending}>
            {register.isPending ? t('register.creating') : t('register.submit')}
          </button>
        </div>
        <p className="field__hint">{t('register.privacy')}</p>
      </form>
      {error instanceof AuthError && error.code === 'use_sso' && (
        <Suspense fallback={null}>
          <SsoSignIn returnTo={next ?? '/'} />
        </Suspense>
      )}
      <p>
        {t('register.haveAccount')}{' '}
        <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : '/signin'}>{t('register.signIn')}</Link>
      </p>
    </section>
  );
}
