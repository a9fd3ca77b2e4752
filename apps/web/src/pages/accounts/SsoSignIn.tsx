import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { type SsoProvider, ssoStartUrl } from './accounts-api';

/** "Sign in with your organisation": a button per provider, each a full-page trip to it and back to `returnTo`. */
export function SsoSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation('accounts');
  const providers = useQuery({
    queryKey: ['accounts', 'sso-providers'],
    queryFn: () => api<SsoProvider[]>('/auth/sso/providers', { token: null }),
    staleTime: 300_000,
  });
  if (!providers.data || providers.data.length === 0) return null;
  return (
    <section className="card accounts-sso" aria-labelledby="sso-title">
      <h2 id="sso-title">{t('sso.section')}</h2>
      <ul className="accounts-sso__list">
        {providers.data.map((provider) => (
          <li key={provider.id}>
            <a className="button button--quiet" href={ssoStartUrl(provider.id, returnTo)}>
              {t('sso.signInWith', { name: provider.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
