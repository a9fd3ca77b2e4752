import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { type AuthAnswer, signedIn } from '../../api/session';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { safeNext } from '../community/community-api';
import { isBadToken, useOnOpen } from './accounts-api';
import { SpentLink } from './parts';

const SSO_ERRORS = ['invalid_state', 'provider_error', 'email_unverified', 'domain_not_allowed', 'account_suspended'];

/**
 * `/sso/callback`: where the server sends the browser back from the organisation's sign-in, with a one-time code to
 * trade for a session, or why it could not sign the member in, or word that a link to connect the accounts was mailed.
 */
export function SsoCallbackPage() {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const code = params.get('code');
  const problem = params.get('error');
  const returnTo = safeNext(params.get('returnTo'));
  usePageTitle(t('sso.title'));

  const exchange = useMutation({
    mutationFn: () => api<AuthAnswer>('/auth/sso/exchange', { method: 'POST', body: { code }, token: null }),
    onSuccess: (answer) => {
      signedIn(answer);
      navigate(returnTo, { replace: true });
    },
  });
  useOnOpen(() => {
    if (code) exchange.mutate();
  });

  const failed = exchange.error instanceof ApiError && exchange.error.status >= 400 && exchange.error.status < 500;
  return (
    <section className="page page--narrow community-auth">
      <h1>{t('sso.title')}</h1>
      {params.get('status') === 'link_sent' ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('sso.linkSent')}
          </p>
          <p>{t('sso.linkSentHint')}</p>
        </div>
      ) : problem || failed || !code ? (
        <div className="card">
          <p className="community-notice community-notice--bad" role="alert">
            {problem && SSO_ERRORS.includes(problem) ? t(`sso.errors.${problem}`) : t('sso.errors.unknown')}
          </p>
          <Link className="button" to={`/signin?next=${encodeURIComponent(returnTo)}`}>
            {t('sso.tryAgain')}
          </Link>
        </div>
      ) : exchange.error ? (
        <ErrorNotice error={exchange.error} onRetry={() => exchange.mutate()} />
      ) : (
        <Loading label={t('sso.signingIn')} />
      )}
    </section>
  );
}

/** `/sso/link?token=`: the mailed link that connects an existing account to the organisation's sign-in. */
export function SsoLinkPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  usePageTitle(t('sso.linkTitle'));

  const link = useMutation({
    mutationFn: () => api<AuthAnswer>('/auth/sso/link', { method: 'POST', body: { token }, token: null }),
    onSuccess: (answer) => signedIn(answer),
  });
  useOnOpen(() => {
    if (token) link.mutate();
  });

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('sso.linkTitle')}</h1>
      {!token || isBadToken(link.error) ? (
        <SpentLink again={{ to: '/signin', label: t('backToSignIn') }} />
      ) : link.isSuccess ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('sso.linked')}
          </p>
          <Link className="button" to="/">
            {t('continue')}
          </Link>
        </div>
      ) : link.error ? (
        <ErrorNotice error={link.error} onRetry={() => link.mutate()} />
      ) : (
        <Loading label={t('sso.linking')} />
      )}
    </section>
  );
}
