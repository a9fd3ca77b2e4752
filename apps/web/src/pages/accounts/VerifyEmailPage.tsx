import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { isBadToken, useOnOpen } from './accounts-api';
import { SpentLink } from './parts';

/** `/verify-email?token=`: the mailed link confirms the address (a new one, when the member changed it). */
export function VerifyEmailPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const member = useMember();
  const queries = useQueryClient();
  usePageTitle(t('verify.title'));

  const verify = useMutation({
    mutationFn: () =>
      api<{ email: string; verified: boolean }>('/auth/verify-email', { method: 'POST', body: { token } }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['accounts', 'me'] }),
  });
  useOnOpen(() => {
    if (token) verify.mutate();
  });

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('verify.title')}</h1>
      {!token || isBadToken(verify.error) ? (
        <SpentLink again={member ? undefined : { to: '/signin', label: t('backToSignIn') }} />
      ) : verify.isSuccess ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('verify.done', { email: verify.data.email })}
          </p>
          <Link className="button" to={member ? '/' : '/signin'}>
            {member ? t('continue') : t('backToSignIn')}
          </Link>
        </div>
      ) : verify.error ? (
        <ErrorNotice error={verify.error} onRetry={() => verify.mutate()} />
      ) : (
        <Loading label={t('verify.checking')} />
      )}
    </section>
  );
}
