import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCategories } from './forum-api';
import type { Category } from './forum-types';
import { ForumNav } from './ForumNav';

/** `/forum`: the categories the caller may read, with their unread threads. */
export function ForumHomePage() {
  const { t } = useTranslation('forum');
  const member = useMember();
  const navigate = useNavigate();
  const categories = useCategories();
  const [q, setQ] = useState('');
  usePageTitle(t('home.title'));

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim()) navigate(`/forum/search?q=${encodeURIComponent(q.trim())}`);
  };
  const platform = (categories.data ?? []).filter((category) => category.groupId === null);
  const groups = (categories.data ?? []).filter((category) => category.groupId !== null);

  return (
    <section className="page forum">
      <div className="forum-head">
        <div>
          <h1>{t('home.title')}</h1>
          <p className="lead">{t('home.lead')}</p>
        </div>
        <form className="forum-quicksearch" role="search" onSubmit={search}>
          <label className="visually-hidden" htmlFor="forum-quicksearch">
            {t('search.label')}
          </label>
          <input
            id="forum-quicksearch"
            type="search"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('search.placeholder')}
          />
          <button type="submit">{t('search.submit')}</button>
        </form>
      </div>
      <ForumNav />
      {!member && (
        <p className="card forum-guest">
          {t('home.guest')} <Link to="/signin?next=%2Fforum">{t('signInToTakePart')}</Link>
        </p>
      )}
      {categories.isPending && <Loading />}
      {categories.error && <ErrorNotice error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.data && categories.data.length === 0 && <Empty>{t('home.empty')}</Empty>}
      {platform.length > 0 && (
        <CategoryList title={t('home.platform')} categories={platform} signedIn={member !== null} />
      )}
      {groups.length > 0 && <CategoryList title={t('home.groups')} categories={groups} signedIn={member !== null} />}
    </section>
  );
}

function CategoryList({ title, categories, signedIn }: { title: string; categories: Category[]; signedIn: boolean }) {
  const { t } = useTranslation('forum');
  const format = useFormat();
  return (
    <section className="forum-categories" aria-label={title}>
      <h2 className="forum-section-title">{title}</h2>
      <ul className="forum-category-list">
        {categories.map((category) => (
          <li key={category.id} className="card forum-category">
            <div className="forum-category__main">
              <h3 className="forum-category__name">
                <Link to={`/forum/c/${category.id}`}>{category.name}</Link>
              </h3>
              {category.description && <p className="forum-category__description">{category.description}</p>}
              <p className="forum-category__meta">
                {category.postingPolicy === 'moderators' && (
                  <span className="badge">{t('category.announcements')}</span>
                )}
                {category.groupId && <span className="badge">{t('category.group')}</span>}
              </p>
            </div>
            <dl className="forum-category__stats">
              <div>
                <dt>{t('category.threadsLabel')}</dt>
                <dd>{format.number(category.threadCount)}</dd>
              </div>
              {signedIn && (
                <div className={category.unreadThreadCount > 0 ? 'forum-stat--unread' : undefined}>
                  <dt>{t('category.unreadLabel')}</dt>
                  <dd>{format.number(category.unreadThreadCount)}</dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
