import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { isBadToken, useOnOpen } from './accounts-api';
import { SpentLink } from './parts';

/** `/unsubscribe?token=`: the digest mail's link turns the digest off, no sign-in needed. */
export function UnsubscribePage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  usePageTitle(t('unsubscribe.title'));

  const unsubscribe = useMutation({
    mutationFn: () =>
      api<{ digest: string }>('/notifications/unsubscribe', { method: 'POST', body: { token }, token: null }),
  });
  useOnOpen(() => {
    if (token) unsubscribe.mutate();
  });

  return (
    <section className="page page--narrow community-auth">
      <h1>{t('unsubscribe.title')}</h1>
      {!token || isBadToken(unsubscribe.error) ? (
        <SpentLink />
      ) : unsubscribe.isSuccess ? (
        <div className="card">
          <p className="community-notice community-notice--good" role="status">
            {t('unsubscribe.done')}
          </p>
          <p>
            {t('unsubscribe.change')} <Link to="/profile#email-settings">{t('unsubscribe.settings')}</Link>
          </p>
        </div>
      ) : unsubscribe.error ? (
        <ErrorNotice error={unsubscribe.error} onRetry={() => unsubscribe.mutate()} />
      ) : (
        <Loading label={t('unsubscribe.working')} />
      )}
    </section>
  );
}
