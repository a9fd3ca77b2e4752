import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Profile, useTaxonomy } from './community-api';
import { initials } from '../../ui/initials';
import { ProfileFacts } from './community-ui';

/** `/members/:id`: a member's profile as the API shows it to the caller (what they hid stays hidden). */
export function MemberPage() {
  const { t } = useTranslation('community');
  const { id = '' } = useParams();
  const member = useMember();
  const format = useFormat();
  const taxonomy = useTaxonomy();
  const found = useQuery({
    queryKey: ['community', 'member', id, member?.id ?? null],
    queryFn: () => api<Profile>(`/members/${encodeURIComponent(id)}`),
  });
  const profile = found.data;
  usePageTitle(profile?.displayName ?? t('member.title'));
  const missing = found.error instanceof ApiError && (found.error.status === 404 || found.error.status === 400);

  if (found.isPending || (profile && !taxonomy.ready && !taxonomy.error)) return <Loading />;
  if (missing) {
    return (
      <section className="page page--narrow">
        <h1>{t('member.notFoundTitle')}</h1>
        <p>{t('member.notFound')}</p>
        {!member && (
          <p>
            <Link to={`/signin?next=${encodeURIComponent(`/members/${id}`)}`}>{t('member.signInToSee')}</Link>
          </p>
        )}
        <Link to="/directory">{t('member.backToDirectory')}</Link>
      </section>
    );
  }
  if (!profile) return <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />;
  const own = member?.id === profile.id;

  return (
    <section className="page community-member">
      <p className="community-back">
        <Link to="/directory">{t('member.backToDirectory')}</Link>
      </p>
      <article className="card community-member__card">
        <header className="community-member__head">
          <span className="community-avatar community-avatar--large" aria-hidden="true">
            {initials(profile.displayName)}
          </span>
          <div>
            <h1>{profile.displayName}</h1>
            {(profile.organisation || profile.country) && (
              <p className="community-member__where">
                {[profile.organisation, profile.country ? taxonomy.countryName(profile.country) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            )}
          </div>
        </header>
        {own && (
          <p className="community-notice" role="note">
            {t('member.own')} <Link to="/profile">{t('member.edit')}</Link>
          </p>
        )}
        {profile.bio && (
          <section aria-labelledby="member-bio">
            <h2 id="member-bio">{t('fields.bio')}</h2>
            <p className="community-bio">{profile.bio}</p>
          </section>
        )}
        <section aria-labelledby="member-details">
          <h2 id="member-details">{t('member.details')}</h2>
          <ProfileFacts profile={profile} taxonomy={taxonomy} />
          <p className="field__hint">{t('member.updated', { date: format.date(profile.updatedAt) })}</p>
        </section>
      </article>
    </section>
  );
}
