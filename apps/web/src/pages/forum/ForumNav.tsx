import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { moderatesSomething, useCategories } from './forum-api';

/** The forum's own links: categories, search and, for moderators, the flag queue and the audit log. */
export function ForumNav() {
  const { t } = useTranslation('forum');
  const member = useMember();
  const categories = useCategories();
  const moderator = member !== null && moderatesSomething(member.role, categories.data);
  return (
    <nav className="forum-nav" aria-label={t('nav.label')}>
      <NavLink to="/forum" end>
        {t('nav.categories')}
      </NavLink>
      <NavLink to="/forum/search">{t('nav.search')}</NavLink>
      {moderator && (
        <>
          <NavLink to="/forum/moderation/flags">{t('nav.flags')}</NavLink>
          <NavLink to="/forum/moderation/audit">{t('nav.audit')}</NavLink>
        </>
      )}
    </nav>
  );
}

/** A moment, said relatively ("5 minutes ago"), with the full date for hover and assistive technology. */
export function When({ at }: { at: string }) {
  const format = useFormat();
  return (
    <time dateTime={at} title={format.dateTime(at)}>
      {format.relative(at)}
    </time>
  );
}
