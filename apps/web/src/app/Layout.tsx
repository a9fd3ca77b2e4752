import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { signOut, useMember } from '../api/session';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { Loading } from '../ui/States';

// Its own chunk (with the forum's catalogue), loaded only for a signed-in member: the attendee's route stays small.
const NotificationBell = lazy(async () => ({
  default: (await import('../pages/forum/notifications/NotificationBell')).NotificationBell,
}));
const VerifyBanner = lazy(async () => ({ default: (await import('../pages/accounts/VerifyBanner')).VerifyBanner }));

/** The site's frame: skip link, header with navigation, language and account, then the page. */
export function Layout() {
  const { t } = useTranslation();
  const member = useMember();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Plenary
        </Link>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/sessions">{t('nav.sessions')}</NavLink>
          <NavLink to="/forum">{t('nav.forum')}</NavLink>
          <NavLink to="/directory">{t('nav.directory')}</NavLink>
          <NavLink to="/groups">{t('nav.groups')}</NavLink>
          <NavLink to="/library">{t('nav.library')}</NavLink>
          <NavLink to="/pledges">{t('nav.pledges')}</NavLink>
          <NavLink to="/consultations">{t('nav.consultations')}</NavLink>
        </nav>
        <div className="site-header__tools">
          <LanguageSwitcher />
          {member ? (
            <>
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
              <NavLink to="/profile" className="site-header__member">
                {member.displayName}
              </NavLink>
              <button type="button" className="button--quiet" onClick={() => void signOut().then(() => navigate('/'))}>
                {t('auth.signOut')}
              </button>
            </>
          ) : (
            <>
              <NavLink
                to={
                  pathname.startsWith('/signin') ? '/signin' : `/signin?next=${encodeURIComponent(pathname + search)}`
                }
              >
                {t('auth.signIn')}
              </NavLink>
              <NavLink to="/register" className="button">
                {t('auth.register')}
              </NavLink>
            </>
          )}
        </div>
      </header>
      {member && (
        <Suspense fallback={null}>
          <VerifyBanner member={member} />
        </Suspense>
      )}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Pages that fill the screen on their own (the attendee's phone, the presenter screen). */
export function BareLayout() {
  return (
    <main id="main" className="bare" tabIndex={-1}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </main>
  );
}
