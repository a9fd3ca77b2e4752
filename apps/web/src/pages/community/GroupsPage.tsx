import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/http';
import { type Member, useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  atLeast,
  type CreationPolicy,
  type Group,
  GROUP_TYPES,
  type GroupType,
  JOIN_POLICIES,
  type JoinPolicy,
  type Page,
  type PlatformRole,
  useProblems,
  useTaxonomy,
  type Visibility,
  VISIBILITIES,
} from './community-api';
import { GroupBadges, ObjectivePicker, PlaceFields, ViewerBadge } from './community-ui';

type Show = 'all' | 'mine';
const PAGE_SIZE = 20;

/** `/groups`: the groups the caller may see (with their place in each), their invitations, and a new group. */
export function GroupsPage() {
  const { t } = useTranslation('community');
  const member = useMember();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const show: Show = member && params.get('show') === 'mine' ? 'mine' : 'all';
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const [creating, setCreating] = useState(false);
  usePageTitle(t('groups.title'));

  const groups = useInfiniteQuery({
    queryKey: ['community', 'groups', member?.id ?? null, { show, q, type }],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Group>>('/groups', {
        query: { q, type, mine: show === 'mine' ? true : undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = groups.data?.pages.flatMap((page) => page.items) ?? [];

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParam('q', String(new FormData(event.currentTarget).get('q') ?? '').trim());
  };

  return (
    <section className="page community-groups">
      <div className="community-head">
        <h1>{t('groups.title')}</h1>
        {member && (
          <button
            type="button"
            aria-expanded={creating}
            aria-controls={creating ? 'new-group' : undefined}
            onClick={() => setCreating(!creating)}
          >
            {t('groups.create')}
          </button>
        )}
      </div>
      <p className="lead">{t('groups.lead')}</p>
      {!member && (
        <p className="community-notice">
          {t('groups.guest')} <Link to={`/signin?next=${encodeURIComponent('/groups')}`}>{t('groups.signIn')}</Link>
        </p>
      )}
      {member && creating && <NewGroup member={member} onCancel={() => setCreating(false)} />}
      {member && <Invitations member={member} />}

      <section aria-labelledby="groups-list" className="community-group-list">
        <h2 id="groups-list" className="visually-hidden">
          {t('groups.list')}
        </h2>
        <div className="community-groups__tools">
          {member && (
            <div className="segmented" role="group" aria-label={t('groups.showLabel')}>
              {(['all', 'mine'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={show === option}
                  className={show === option ? '' : 'button--quiet'}
                  onClick={() => setParam('show', option === 'mine' ? 'mine' : '')}
                >
                  {t(`groups.show.${option}`)}
                </button>
              ))}
            </div>
          )}
          <form role="search" aria-label={t('groups.searchLabel')} className="community-search" onSubmit={search}>
            <TextField key={q} label={t('groups.search')} type="search" name="q" defaultValue={q} maxLength={100} />
            <button type="submit">{t('directory.searchButton')}</button>
          </form>
          <SelectField label={t('groups.type')} value={type} onChange={(event) => setParam('type', event.target.value)}>
            <option value="">{t('groups.anyType')}</option>
            {GROUP_TYPES.map((option) => (
              <option key={option} value={option}>
                {t(`groupType.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>

        {groups.isPending ? (
          <Loading />
        ) : groups.error && items.length === 0 ? (
          <ErrorNotice error={groups.error} onRetry={() => void groups.refetch()} />
        ) : items.length === 0 ? (
          <Empty>
            <p>{show === 'mine' ? t('groups.noneMine') : q || type ? t('groups.noMatch') : t('groups.none')}</p>
          </Empty>
        ) : (
          <ul className="community-cards community-cards--groups">
            {items.map((group) => (
              <li key={group.id} className="card community-card">
                <h3>
                  <Link to={`/groups/${group.id}`}>{group.name}</Link>
                </h3>
                <GroupBadges group={group} />
                {group.description && <p className="community-card__description">{group.description}</p>}
                <p className="community-card__meta">
                  {t('groups.members', { count: group.memberCount, formatted: format.number(group.memberCount) })}{' '}
                  <ViewerBadge group={group} />
                </p>
              </li>
            ))}
          </ul>
        )}
        {groups.hasNextPage && (
          <div className="community-more">
            <button
              type="button"
              className="button--quiet"
              onClick={() => void groups.fetchNextPage()}
              disabled={groups.isFetchingNextPage}
            >
              {groups.isFetchingNextPage ? t('common:loading') : t('groups.more')}
            </button>
          </div>
        )}
      </section>
    </section>
  );
}

/** The caller's open invitations, to accept or decline here. */
function Invitations({ member }: { member: Member }) {
  const { t } = useTranslation('community');
  const queries = useQueryClient();
  const invitations = useQuery({
    queryKey: ['community', 'invitations', member.id],
    queryFn: () => api<Page<Group>>('/groups', { query: { membership: 'invited', limit: 50 } }),
  });
  const [answered, setAnswered] = useState<{ name: string; accepted: boolean; id: string } | null>(null);
  const answer = useMutation({
    mutationFn: async ({ group, accept }: { group: Group; accept: boolean }) => {
      await api(`/groups/${group.id}/invitations/${accept ? 'accept' : 'decline'}`, { method: 'POST' });
      return { group, accept };
    },
    onSuccess: ({ group, accept }) => {
      setAnswered({ name: group.name, accepted: accept, id: group.id });
      void queries.invalidateQueries({ queryKey: ['community', 'invitations'] });
      void queries.invalidateQueries({ queryKey: ['community', 'groups'] });
      void queries.invalidateQueries({ queryKey: ['community', 'group', group.id] });
    },
  });
  const items = invitations.data?.items ?? [];
  return (
    <>
      <div role="status" className="community-status">
        {answered &&
          (answered.accepted ? (
            <span>
              {t('invitations.accepted', { name: answered.name })}{' '}
              <Link to={`/groups/${answered.id}`}>{t('invitations.open')}</Link>
            </span>
          ) : (
            t('invitations.declined', { name: answered.name })
          ))}
      </div>
      {items.length > 0 && (
        <section className="card community-invitations" aria-labelledby="invitations-title">
          <h2 id="invitations-title">{t('invitations.title', { count: items.length })}</h2>
          <ul className="list">
            {items.map((group) => (
              <li key={group.id} className="community-invitation">
                <div>
                  <Link to={`/groups/${group.id}`}>{group.name}</Link> <GroupBadges group={group} />
                </div>
                <div className="toolbar">
                  <button
                    type="button"
                    onClick={() => answer.mutate({ group, accept: true })}
                    disabled={answer.isPending}
                    aria-label={t('invitations.acceptLabel', { name: group.name })}
                  >
                    {t('invitations.accept')}
                  </button>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => answer.mutate({ group, accept: false })}
                    disabled={answer.isPending}
                    aria-label={t('invitations.declineLabel', { name: group.name })}
                  >
                    {t('invitations.decline')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {answer.error && <ErrorNotice error={answer.error} />}
        </section>
      )}
    </>
  );
}

const CREATE_FIELDS = ['name', 'description', 'type', 'visibility', 'joinPolicy', 'country', 'region', 'objectives'];

/** A new group, with the caller as its owner; the types their platform role may create are offered. */
function NewGroup({ member, onCancel }: { member: Member; onCancel: () => void }) {
  const { t } = useTranslation('community');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const problems = useProblems();
  const taxonomy = useTaxonomy();
  const policy = useQuery({
    queryKey: ['community', 'creation-policy'],
    queryFn: () => api<CreationPolicy>('/settings/group-creation'),
    staleTime: 60_000,
  });
  const allowed = (type: GroupType) => !policy.data || atLeast(member.role as PlatformRole, policy.data[type]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<GroupType>('working_group');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>('open');
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [objectives, setObjectives] = useState<number[]>([]);
  const create = useMutation({
    mutationFn: () =>
      api<Group>('/groups', {
        method: 'POST',
        body: {
          name: name.trim(),
          description: description.trim(),
          type,
          visibility,
          joinPolicy,
          ...(country ? { country } : {}),
          ...(region ? { region } : {}),
          objectives,
        },
      }),
    onSuccess: (group) => {
      void queries.invalidateQueries({ queryKey: ['community', 'groups'] });
      navigate(`/groups/${group.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.error;
  return (
    <section id="new-group" className="card community-new-group" aria-labelledby="new-group-title">
      <h2 id="new-group-title">{t('newGroup.title')}</h2>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('newGroup.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={120}
          required
          error={problems.of(error, 'name')}
        />
        <TextArea
          label={t('newGroup.description')}
          hint={t('newGroup.descriptionHint')}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          rows={4}
          maxLength={5000}
          error={problems.of(error, 'description')}
        />
        <div className="community-grid">
          <SelectField
            label={t('newGroup.type')}
            value={type}
            onChange={(event) => setType(event.target.value as GroupType)}
            error={problems.of(error, 'type')}
          >
            {GROUP_TYPES.map((option) => (
              <option key={option} value={option} disabled={!allowed(option)}>
                {allowed(option)
                  ? t(`groupType.${option}`)
                  : t('newGroup.typeNeeds', {
                      type: t(`groupType.${option}`),
                      role: t(`platformRole.${policy.data?.[option] ?? 'admin'}`),
                    })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('newGroup.visibility')}
            hint={t(`groupVisibilityHint.${visibility}`)}
            value={visibility}
            onChange={(event) => setVisibility(event.target.value as Visibility)}
            error={problems.of(error, 'visibility')}
          >
            {VISIBILITIES.map((option) => (
              <option key={option} value={option}>
                {t(`groupVisibility.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('newGroup.joinPolicy')}
            hint={t(`joinPolicyHint.${joinPolicy}`)}
            value={joinPolicy}
            onChange={(event) => setJoinPolicy(event.target.value as JoinPolicy)}
            error={problems.of(error, 'joinPolicy')}
          >
            {JOIN_POLICIES.map((option) => (
              <option key={option} value={option}>
                {t(`joinPolicy.${option}`)}
              </option>
            ))}
          </SelectField>
          <PlaceFields
            type={type}
            taxonomy={taxonomy}
            country={country}
            setCountry={setCountry}
            region={region}
            setRegion={setRegion}
            errors={{ country: problems.of(error, 'country'), region: problems.of(error, 'region') }}
          />
        </div>
        <details className="community-details">
          <summary>{t('newGroup.objectives', { count: objectives.length })}</summary>
          <ObjectivePicker
            legend={t('fields.objectives')}
            objectives={taxonomy.objectives}
            selected={objectives}
            onChange={setObjectives}
            error={problems.of(error, 'objectives')}
          />
        </details>
        {problems.unplaced(error, CREATE_FIELDS) && <ErrorNotice error={error} />}
        <div className="toolbar">
          <button type="submit" disabled={create.isPending || !name.trim()}>
            {t('newGroup.submit')}
          </button>
          <button type="button" className="button--quiet" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
