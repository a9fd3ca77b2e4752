import { useMutation } from '@tanstack/react-query';
import { type FormEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signedIn, useMember } from '../../api/session';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { SsoSignIn } from '../accounts/SsoSignIn';
import { AuthError, authenticate, safeNext, useProblems } from './community-api';
import { useCountdown } from './useCountdown';

const FIELDS = ['email', 'password'];

/** `/signin?next=/j/CODE`: back where the member came from once signed in. */
export function SignInPage() {
  const { t } = useTranslation('community');
  const member = useMember();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const countdown = useCountdown();
  const secondsLeft = countdown.secondsLeft;
  const problems = useProblems();
  usePageTitle(t('signIn.title'));

  const signIn = useMutation({
    mutationFn: () => authenticate('/auth/login', { email: email.trim(), password }),
    onSuccess: (answer) => {
      // Still pending while this runs: the page does not take the new member for one already signed in.
      signedIn(answer);
      navigate(next, { replace: true });
    },
    onError: (error) => {
      if (error instanceof AuthError && error.status === 429) countdown.start(error.retryAfter ?? 5);
    },
  });

  if (member && signIn.isIdle) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (secondsLeft > 0) return;
    signIn.mutate();
  };
  const error = signIn.error;
  const status = error instanceof AuthError ? error.status : null;
  const registerLink = params.get('next') ? `/register?next=${encodeURIComponent(next)}` : '/register';

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.lead')}</p>
      <form className="card" onSubmit={submit} noValidate>
        <TextField
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(event) => {
            // The throttle counts per account: another email may be tried at once.
            setEmail(event.target.value);
            countdown.stop();
            if (signIn.error) signIn.reset();
          }}
          required
          error={problems.of(error, 'email')}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          error={problems.of(error, 'password')}
        />
        {status === 429 ? (
          <div className="community-notice community-notice--warn" role="alert">
            <p>{t('signIn.throttled', { count: error instanceof AuthError ? (error.retryAfter ?? 5) : 5 })}</p>
            <p>{t('signIn.throttledWhy')}</p>
          </div>
        ) : status === 401 ? (
          <p className="community-notice community-notice--bad" role="alert">
            {t('signIn.wrong')}
          </p>
        ) : status === 403 && error instanceof AuthError && error.code === 'use_sso' ? (
          <p className="community-notice community-notice--warn" role="alert">
            {t('signIn.useSso')}
          </p>
        ) : status === 403 ? (
          <p className="community-notice community-notice--bad" role="alert">
            {t('signIn.suspended')}
          </p>
        ) : (
          problems.unplaced(error, FIELDS) && <ErrorNotice error={error} />
        )}
        <div className="toolbar">
          <button type="submit" disabled={signIn.isPending || secondsLeft > 0}>
            {secondsLeft > 0 ? t('signIn.waitButton', { count: secondsLeft }) : t('signIn.submit')}
          </button>
          <Link to="/forgot-password" state={{ email: email.trim() }}>
            {t('signIn.forgot')}
          </Link>
        </div>
      </form>
      <Suspense fallback={null}>
        <SsoSignIn returnTo={next} />
      </Suspense>
      <p>
        {t('signIn.noAccount')} <Link to={registerLink}>{t('signIn.register')}</Link>
      </p>
    </section>
  );
}
