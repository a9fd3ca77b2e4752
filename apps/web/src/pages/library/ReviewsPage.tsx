import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { SelectField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useTaxonomy } from '../community/community-api';
import {
  type ItemKind,
  type ItemStatus,
  itemPage,
  KINDS,
  type LibraryItem,
  libraryKeys,
  type MyReview,
  type Page,
  useCapabilities,
} from './library-api';
import { ItemCard, KindBadges, LibraryNav, SignInFirst, StatusBadge } from './library-ui';

const TABS = ['reviews', 'editor', 'mine'] as const;
type Tab = (typeof TABS)[number];
const EDITOR_FILTERS = ['submitted', 'in_review', 'changes_requested', 'published', 'rejected'] as const;
const MINE_FILTERS = ['', 'draft', 'submitted', 'in_review', 'changes_requested', 'published', 'rejected', 'withdrawn'];
const PAGE_SIZE = 20;
const ITEM_KINDS: readonly ItemKind[] = ['resource', 'initiative'];

/** The queues list one kind at a time (`?kind=`): resources unless initiatives are asked for. */
function useKind(): [ItemKind, (kind: ItemKind) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: ItemKind = asked === 'initiative' ? 'initiative' : 'resource';
  const choose = (next: ItemKind) => {
    const changed = new URLSearchParams(params);
    changed.set('kind', next);
    changed.delete('status');
    setParams(changed, { replace: true });
  };
  return [kind, choose];
}

function KindSwitch() {
  const { t } = useTranslation('library');
  const [kind, choose] = useKind();
  return (
    <Segmented
      className="library-filter"
      label={t('queues.kind')}
      options={ITEM_KINDS}
      chosen={kind}
      text={(option) => t(`queues.kinds.${option}`)}
      onChoose={choose}
    />
  );
}

/** One choice among a few, as pressed buttons side by side. */
function Segmented<T extends string>({
  className,
  label,
  options,
  chosen,
  text,
  onChoose,
}: {
  className: string;
  label: string;
  options: readonly T[];
  chosen: T;
  text: (option: T) => string;
  onChoose: (option: T) => void;
}) {
  return (
    <div className={`segmented ${className}`} role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={chosen === option}
          className={chosen === option ? '' : 'button--quiet'}
          onClick={() => onChoose(option)}
        >
          {text(option)}
        </button>
      ))}
    </div>
  );
}

/** `/library/reviews`: the reviewer's assignments, the editors' queue and the author's own submissions. */
export function ReviewsPage() {
  const { t } = useTranslation('library');
  const member = useMember();
  const capabilities = useCapabilities();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('queues.title'));
  const tabs = TABS.filter((tab) => tab !== 'editor' || capabilities.editor);
  const asked = params.get('tab') as Tab | null;
  const tab: Tab =
    asked && tabs.includes(asked) ? asked : capabilities.editor && !capabilities.reviewer ? 'editor' : 'reviews';
  const choose = (next: Tab) => setParams({ tab: next }, { replace: true });

  return (
    <div className="page library-queues">
      <h1>{t('queues.title')}</h1>
      <p className="lead">{t('queues.lead')}</p>
      <LibraryNav />
      {!member ? (
        <SignInFirst text={t('queues.signIn')} />
      ) : !capabilities.ready ? (
        <Loading />
      ) : (
        <>
          <Segmented
            className="library-tabs"
            label={t('queues.tabs')}
            options={tabs}
            chosen={tab}
            text={(option) => t(`queues.tab.${option}`)}
            onChoose={choose}
          />
          {tab === 'reviews' && <MyReviews />}
          {tab === 'editor' && <EditorQueue />}
          {tab === 'mine' && <MySubmissions />}
        </>
      )}
    </div>
  );
}

function MyReviews() {
  const { t } = useTranslation('library');
  const member = useMember();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const all = params.get('all') === '1';
  const list = useInfiniteQuery({
    queryKey: libraryKeys.queue('reviews', all ? 'all' : 'active', member?.id ?? null, 'all'),
    queryFn: ({ pageParam, signal }) =>
      api<Page<MyReview>>('/reviews/mine', {
        query: { active: all ? undefined : true, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const waiting = items.filter((item) => item.pending).length;
  return (
    <section aria-labelledby="queue-reviews">
      <div className="library-queue-head">
        <h2 id="queue-reviews">{t('queues.reviewsTitle')}</h2>
        <label className="library-check">
          <input
            type="checkbox"
            checked={all}
            onChange={(event) =>
              setParams({ tab: 'reviews', ...(event.target.checked ? { all: '1' } : {}) }, { replace: true })
            }
          />
          <span>{t('queues.showDone')}</span>
        </label>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>{t('queues.noReviews')}</p>
        </Empty>
      ) : (
        <>
          <p className="library-count" role="status">
            {t('queues.waiting', { count: waiting })}
          </p>
          <ul className="library-queue">
            {items.map((item) => (
              <li
                key={`${item.kind}-${item.itemId}`}
                className={`card library-task${item.pending ? ' library-task--todo' : ''}`}
              >
                <div className="library-task__body">
                  <h3 className="library-task__title">
                    <Link to={itemPage({ kind: item.kind, id: item.itemId })}>{item.title}</Link>
                  </h3>
                  <p className="library-task__meta">
                    <span className="badge">{t(`queues.kindOf.${item.kind}`)}</span>
                    <StatusBadge status={item.status} />
                    <span>{t('resource.version', { number: item.version })}</span>
                    <span>{t('queues.assigned', { date: format.date(item.assignedAt) })}</span>
                    {item.pending && (
                      <span className={new Date(item.dueAt) < new Date() ? 'library-overdue' : ''}>
                        {t('queues.due', { date: format.date(item.dueAt) })}
                      </span>
                    )}
                  </p>
                </div>
                {item.pending ? (
                  <Link className="button" to={`${itemPage({ kind: item.kind, id: item.itemId })}#review`}>
                    {t('queues.review')}
                    <span className="visually-hidden">: {item.title}</span>
                  </Link>
                ) : (
                  <span className="badge">{t(item.status === 'in_review' ? 'queues.reviewed' : 'queues.closed')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <More list={list} />
    </section>
  );
}

function EditorQueue() {
  const { t } = useTranslation('library');
  const member = useMember();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [kind] = useKind();
  const asked = params.get('status') ?? '';
  const status = (EDITOR_FILTERS as readonly string[]).includes(asked) ? (asked as ItemStatus) : 'submitted';
  const list = useInfiniteQuery({
    queryKey: libraryKeys.queue('editor', status, member?.id ?? null, kind),
    queryFn: ({ pageParam, signal }) =>
      api<Page<LibraryItem>>(`${KINDS[kind].api}/submissions`, {
        query: { status, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // The board's items only: the caller's own are in "My submissions", and an editor never decides on those.
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (item) => item.viewer.canDecide && !item.viewer.author,
  );
  return (
    <section aria-labelledby="queue-editor">
      <div className="library-queue-head">
        <h2 id="queue-editor">{t('queues.editorTitle')}</h2>
        <KindSwitch />
        <Segmented
          className="library-filter"
          label={t('queues.statusFilter')}
          options={EDITOR_FILTERS}
          chosen={status}
          text={(option) => t(`queues.editorFilter.${option}`)}
          onChoose={(option) => setParams({ tab: 'editor', kind, status: option }, { replace: true })}
        />
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>{t(`queues.editorEmpty.${status}`)}</p>
        </Empty>
      ) : (
        <ul className="library-queue">
          {items.map((item) => {
            const reviewers = item.reviewers ?? [];
            const reviewed = reviewers.filter((reviewer) => reviewer.reviewed).length;
            return (
              <li key={item.id} className="card library-task">
                <div className="library-task__body">
                  <h3 className="library-task__title">
                    <Link to={itemPage(item)}>{item.title}</Link>
                  </h3>
                  <p className="library-task__meta">
                    <KindBadges item={item} />
                    <StatusBadge status={item.status} />
                    <span>{t('resource.sharedBy', { name: item.submittedBy.displayName })}</span>
                    {item.submittedAt && <span>{t('card.submitted', { date: format.date(item.submittedAt) })}</span>}
                    <span>
                      {reviewers.length === 0
                        ? t('queues.noReviewers')
                        : t('queues.reviewProgress', { count: reviewers.length, done: reviewed })}
                    </span>
                  </p>
                </div>
                <Link className="button" to={itemPage(item)}>
                  {item.status === 'submitted' ? t('queues.assign') : t('queues.open')}
                  <span className="visually-hidden">: {item.title}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <More list={list} />
    </section>
  );
}

function MySubmissions() {
  const { t } = useTranslation('library');
  const member = useMember();
  const taxonomy = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const [kind] = useKind();
  const asked = params.get('status') ?? '';
  const status = MINE_FILTERS.includes(asked) ? asked : '';
  const list = useInfiniteQuery({
    queryKey: libraryKeys.queue('mine', status, member?.id ?? null, kind),
    queryFn: ({ pageParam, signal }) =>
      api<Page<LibraryItem>>(`${KINDS[kind].api}/submissions`, {
        query: { mine: true, status: status || undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="queue-mine">
      <div className="library-queue-head">
        <h2 id="queue-mine">{t('queues.mineTitle')}</h2>
        <KindSwitch />
        <SelectField
          label={t('queues.statusFilter')}
          value={status}
          onChange={(event) =>
            setParams({ tab: 'mine', kind, ...(event.target.value ? { status: event.target.value } : {}) })
          }
        >
          {MINE_FILTERS.map((option) => (
            <option key={option} value={option}>
              {option ? t(`status.${option}`) : t('queues.inProgress')}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>{t('queues.noSubmissions')}</p>
          <Link className="button" to={KINDS[kind].propose}>
            {kind === 'resource' ? t('catalogue.submit') : t('initiativeCatalogue.submit')}
          </Link>
        </Empty>
      ) : (
        <ul className="library-cards">
          {items.map((item) => (
            <ItemCard key={item.id} item={item} taxonomy={taxonomy} showStatus />
          ))}
        </ul>
      )}
      <More list={list} />
    </section>
  );
}

function More({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation('library');
  if (!list.hasNextPage) return null;
  return (
    <div className="library-more">
      <button
        type="button"
        className="button--quiet"
        onClick={() => void list.fetchNextPage()}
        disabled={list.isFetchingNextPage}
      >
        {list.isFetchingNextPage ? t('common:loading') : t('catalogue.more')}
      </button>
    </div>
  );
}
