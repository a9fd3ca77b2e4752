import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { updateMember, useMember } from '../../api/session';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { isBadToken, type Me, useOnOpen } from './accounts-api';
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
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['accounts', 'me'] });
      // A confirmed change of address reaches the stored session now, not only when the banner's query refetches
      // (it may not be loaded yet, or may have read /me before the change); the banner still does, should this fail.
      if (member) {
        void api<Me>('/me').then(
          (me) => me.id === member.id && me.email !== member.email && updateMember({ ...member, email: me.email }),
          () => undefined,
        );
      }
    },
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
