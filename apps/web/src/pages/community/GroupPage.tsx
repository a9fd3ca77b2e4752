import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { type Member, useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { Checkbox, SelectField, TextArea, TextField } from '../../ui/Field';
import { Empty, ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  type Group,
  GROUP_ROLES,
  type GroupRole,
  JOIN_POLICIES,
  type JoinPolicy,
  type Membership,
  type Page,
  type Profile,
  type Taxonomy,
  useProblems,
  useTaxonomy,
  type Visibility,
  VISIBILITIES,
} from './community-api';
import { GroupBadges, MemberLink, ObjectiveList, PlaceFields, ViewerBadge } from './community-ui';
import { EmailInvite } from './EmailInvitations';

/** What the caller may do in this group, from their membership and platform role (the server checks again). */
function powersOf(group: Group, member: Member | null) {
  const active = group.viewer?.status === 'active' ? group.viewer.role : null;
  const admin = member?.role === 'admin';
  const moderator = member?.role === 'moderator';
  const manager = active === 'owner' || active === 'facilitator' || admin || moderator;
  return {
    manage: manager,
    inviteByEmail: active === 'owner' || active === 'facilitator',
    changeRoles: active === 'owner' || admin,
    deleteGroup: active === 'owner' || admin,
    remove: (target: Membership) =>
      target.userId !== member?.id &&
      (active === 'owner' ||
        admin ||
        (active === 'facilitator' && target.role === 'member') ||
        (moderator && target.role !== 'owner')),
  };
}
type Powers = ReturnType<typeof powersOf>;

/** `/groups/:id`: the group, the caller's membership, its members; for its managers, requests and invitations. */
export function GroupPage() {
  const { t } = useTranslation('community');
  const { id = '' } = useParams();
  const member = useMember();
  const format = useFormat();
  const taxonomy = useTaxonomy();
  const found = useQuery({
    queryKey: ['community', 'group', id, member?.id ?? null],
    queryFn: () => api<Group>(`/groups/${encodeURIComponent(id)}`),
  });
  const group = found.data;
  usePageTitle(group?.name ?? t('group.title'));

  if (found.isPending) return <Loading />;
  if (found.error instanceof ApiError && (found.error.status === 404 || found.error.status === 400)) {
    return (
      <section className="page page--narrow">
        <h1>{t('group.notFoundTitle')}</h1>
        <p>{t('group.notFound')}</p>
        {!member && (
          <p>
            <Link to={`/signin?next=${encodeURIComponent(`/groups/${id}`)}`}>{t('group.signInToSee')}</Link>
          </p>
        )}
        <Link to="/groups">{t('group.back')}</Link>
      </section>
    );
  }
  if (!group) return <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />;
  const powers = powersOf(group, member);

  return (
    <section className="page community-group">
      <p className="community-back">
        <Link to="/groups">{t('group.back')}</Link>
      </p>
      <header className="card community-group__head">
        <h1>{group.name}</h1>
        <GroupBadges group={group} />
        <p className="community-card__meta">
          {t('groups.members', { count: group.memberCount, formatted: format.number(group.memberCount) })}
          {' · '}
          {t('group.createdBy', { date: format.date(group.createdAt) })}{' '}
          <MemberLink id={group.createdBy.id} name={group.createdBy.displayName} /> <ViewerBadge group={group} />
        </p>
        {group.description && <p className="community-bio">{group.description}</p>}
        <GroupPlace group={group} taxonomy={taxonomy} />
        <MembershipPanel group={group} member={member} />
      </header>
      <div className="community-group__layout">
        <Members group={group} member={member} powers={powers} />
        {member && powers.manage && (
          <div className="community-group__manage">
            <Requests group={group} />
            <Invite group={group} />
            {powers.inviteByEmail && <EmailInvite group={group} />}
            <GroupSettings group={group} powers={powers} taxonomy={taxonomy} />
          </div>
        )}
      </div>
    </section>
  );
}

function GroupPlace({ group, taxonomy }: { group: Group; taxonomy: Taxonomy }) {
  const { t } = useTranslation('community');
  if (!group.country && !group.region && group.objectives.length === 0) return null;
  return (
    <dl className="community-facts">
      {group.country && (
        <div className="community-facts__row">
          <dt>{t('fields.country')}</dt>
          <dd>{taxonomy.countryName(group.country)}</dd>
        </div>
      )}
      {group.region && (
        <div className="community-facts__row">
          <dt>{t('fields.region')}</dt>
          <dd>{taxonomy.regionLabel(group.region)}</dd>
        </div>
      )}
      {group.objectives.length > 0 && (
        <div className="community-facts__row">
          <dt>{t('fields.objectives')}</dt>
          <dd>
            <ObjectiveList numbers={group.objectives} taxonomy={taxonomy} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Refreshes everything a membership change shows up in. */
function useRefresh(groupId: string) {
  const queries = useQueryClient();
  return () => {
    for (const key of ['group', 'members', 'requests', 'sent']) {
      void queries.invalidateQueries({ queryKey: ['community', key, groupId] });
    }
    void queries.invalidateQueries({ queryKey: ['community', 'groups'] });
    void queries.invalidateQueries({ queryKey: ['community', 'invitations'] });
  };
}

/** Join, ask to join, accept or decline an invitation, withdraw a request, leave. */
function MembershipPanel({ group, member }: { group: Group; member: Member | null }) {
  const { t } = useTranslation('community');
  const refresh = useRefresh(group.id);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: async (action: 'join' | 'leave' | 'invitations/accept' | 'invitations/decline') => {
      await api(`/groups/${group.id}/${action}`, { method: 'POST' });
      return action;
    },
    onSuccess: (action) => {
      setConfirmLeave(false);
      setDone(
        action === 'join'
          ? group.joinPolicy === 'request'
            ? t('membership.requested')
            : t('membership.joined')
          : action === 'invitations/accept'
            ? t('membership.joined')
            : action === 'invitations/decline'
              ? t('membership.declined')
              : group.viewer?.status === 'pending'
                ? t('membership.withdrawn')
                : t('membership.left'),
      );
      refresh();
    },
  });
  const lastOwner = act.error instanceof ApiError && act.error.status === 409;

  if (!member) {
    return (
      <p className="community-membership">
        <Link className="button" to={`/signin?next=${encodeURIComponent(`/groups/${group.id}`)}`}>
          {t('membership.signInToJoin')}
        </Link>
      </p>
    );
  }
  const viewer = group.viewer;
  return (
    <div className="community-membership">
      <div role="status" className="community-status">
        {done}
      </div>
      {viewer?.status === 'invited' ? (
        <div className="community-notice community-notice--good">
          <p>{t('membership.invitedText')}</p>
          <div className="toolbar">
            <button type="button" onClick={() => act.mutate('invitations/accept')} disabled={act.isPending}>
              {t('invitations.accept')}
            </button>
            <button
              type="button"
              className="button--quiet"
              onClick={() => act.mutate('invitations/decline')}
              disabled={act.isPending}
            >
              {t('invitations.decline')}
            </button>
          </div>
        </div>
      ) : viewer?.status === 'pending' ? (
        <div className="toolbar">
          <p>{t('membership.pendingText')}</p>
          <button type="button" className="button--quiet" onClick={() => act.mutate('leave')} disabled={act.isPending}>
            {t('membership.withdraw')}
          </button>
        </div>
      ) : viewer?.status === 'active' ? (
        <div className="toolbar">
          <p>{t('membership.activeText', { role: t(`role.${viewer.role}`) })}</p>
          {!confirmLeave ? (
            <button type="button" className="button--quiet" onClick={() => setConfirmLeave(true)}>
              {t('membership.leave')}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button--danger"
                onClick={() => act.mutate('leave')}
                disabled={act.isPending}
              >
                {t('membership.confirmLeave')}
              </button>
              <button type="button" className="button--quiet" onClick={() => setConfirmLeave(false)}>
                {t('common:cancel')}
              </button>
            </>
          )}
        </div>
      ) : group.joinPolicy === 'invite' ? (
        <p>{t('membership.inviteOnly')}</p>
      ) : (
        <div className="toolbar">
          <button type="button" onClick={() => act.mutate('join')} disabled={act.isPending}>
            {group.joinPolicy === 'request' ? t('membership.request') : t('membership.join')}
          </button>
          {group.joinPolicy === 'request' && <p className="field__hint">{t('membership.requestHint')}</p>}
        </div>
      )}
      {lastOwner ? (
        <p className="community-notice community-notice--bad" role="alert">
          {t('membership.lastOwner')}
        </p>
      ) : (
        act.error && <ErrorNotice error={act.error} />
      )}
    </div>
  );
}

/** The members, with their roles; owners change roles, managers remove members. */
function Members({ group, member, powers }: { group: Group; member: Member | null; powers: Powers }) {
  const { t } = useTranslation('community');
  const format = useFormat();
  const refresh = useRefresh(group.id);
  const members = useInfiniteQuery({
    queryKey: ['community', 'members', group.id, member?.id ?? null],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Membership>>(`/groups/${group.id}/members`, { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: member !== null,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: async ({ target, role }: { target: Membership; role: GroupRole | null }) => {
      if (role === null) await api(`/groups/${group.id}/members/${target.userId}`, { method: 'DELETE' });
      else await api(`/groups/${group.id}/members/${target.userId}`, { method: 'PATCH', body: { role } });
      return { target, role };
    },
    onSuccess: ({ target, role }) => {
      setNotice(
        role === null
          ? t('members.removed', { name: target.displayName })
          : t('members.roleChanged', { name: target.displayName, role: t(`role.${role}`) }),
      );
      refresh();
    },
  });
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const lastOwner = change.error instanceof ApiError && change.error.status === 409;

  return (
    <section className="card community-members" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      {!member ? (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(`/groups/${group.id}`)}`}>{t('members.signIn')}</Link>
        </p>
      ) : members.isPending ? (
        <Loading />
      ) : members.error ? (
        members.error instanceof ApiError && members.error.status === 403 ? (
          <p>{t('members.private')}</p>
        ) : (
          <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />
        )
      ) : items.length === 0 ? (
        <Empty>{t('members.none')}</Empty>
      ) : (
        <ul className="list community-member-list">
          {items.map((item) => (
            <li key={item.userId} className="community-member-row">
              <div className="community-member-row__who">
                <MemberLink id={item.userId} name={item.displayName} />
                {item.userId === member.id && <span className="badge">{t('members.you')}</span>}
                <span className={`badge${item.role === 'member' ? '' : ' badge--good'}`}>{t(`role.${item.role}`)}</span>
                <span className="community-member-row__since">
                  {t('members.since', { date: format.date(item.since) })}
                </span>
              </div>
              {(powers.changeRoles || powers.remove(item)) && (
                <div className="community-member-row__tools">
                  {powers.changeRoles && (
                    <SelectField
                      label={t('members.roleOf', { name: item.displayName })}
                      value={item.role}
                      onChange={(event) => change.mutate({ target: item, role: event.target.value as GroupRole })}
                      disabled={change.isPending}
                    >
                      {GROUP_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </SelectField>
                  )}
                  {powers.remove(item) && (
                    <button
                      type="button"
                      className="button--quiet"
                      onClick={() => change.mutate({ target: item, role: null })}
                      disabled={change.isPending}
                      aria-label={t('members.removeLabel', { name: item.displayName })}
                    >
                      {t('members.remove')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="community-status">
        {notice}
      </div>
      {lastOwner ? (
        <p className="community-notice community-notice--bad" role="alert">
          {t('membership.lastOwner')}
        </p>
      ) : (
        change.error && <ErrorNotice error={change.error} />
      )}
      {members.hasNextPage && (
        <div className="community-more">
          <button
            type="button"
            className="button--quiet"
            onClick={() => void members.fetchNextPage()}
            disabled={members.isFetchingNextPage}
          >
            {t('members.more')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Join requests, to approve or decline. */
function Requests({ group }: { group: Group }) {
  const { t } = useTranslation('community');
  const format = useFormat();
  const refresh = useRefresh(group.id);
  const requests = useQuery({
    queryKey: ['community', 'requests', group.id],
    queryFn: () => api<Page<Membership>>(`/groups/${group.id}/requests`, { query: { limit: 100 } }),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: async ({ request, approve }: { request: Membership; approve: boolean }) => {
      await api(`/groups/${group.id}/requests/${request.userId}/${approve ? 'approve' : 'reject'}`, { method: 'POST' });
      return { request, approve };
    },
    onSuccess: ({ request, approve }) => {
      setNotice(t(approve ? 'requests.approved' : 'requests.declined', { name: request.displayName }));
      refresh();
    },
  });
  const items = requests.data?.items ?? [];
  if (group.joinPolicy !== 'request' && items.length === 0 && !notice) return null;
  return (
    <section className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('requests.title', { count: items.length })}</h2>
      {requests.isPending ? (
        <Loading />
      ) : requests.error ? (
        <ErrorNotice error={requests.error} onRetry={() => void requests.refetch()} />
      ) : items.length === 0 ? (
        <p className="field__hint">{t('requests.none')}</p>
      ) : (
        <ul className="list">
          {items.map((request) => (
            <li key={request.userId} className="community-member-row">
              <div className="community-member-row__who">
                <MemberLink id={request.userId} name={request.displayName} />
                <span className="community-member-row__since">
                  {t('requests.asked', { date: format.date(request.since) })}
                </span>
              </div>
              <div className="toolbar">
                <button
                  type="button"
                  onClick={() => decide.mutate({ request, approve: true })}
                  disabled={decide.isPending}
                  aria-label={t('requests.approveLabel', { name: request.displayName })}
                >
                  {t('requests.approve')}
                </button>
                <button
                  type="button"
                  className="button--quiet"
                  onClick={() => decide.mutate({ request, approve: false })}
                  disabled={decide.isPending}
                  aria-label={t('requests.declineLabel', { name: request.displayName })}
                >
                  {t('requests.decline')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="community-status">
        {notice}
      </div>
      {decide.error && <ErrorNotice error={decide.error} />}
    </section>
  );
}

/** Invite a member, found in the directory by name, organisation or expertise. */
function Invite({ group }: { group: Group }) {
  const { t } = useTranslation('community');
  const refresh = useRefresh(group.id);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [invited, setInvited] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['community', 'invite-search', term],
    queryFn: () => api<Page<Profile>>('/members', { query: { q: term, limit: 8 } }),
    enabled: term.length > 0,
  });
  const invite = useMutation({
    mutationFn: async (profile: Profile) => {
      await api(`/groups/${group.id}/invitations`, { method: 'POST', body: { userId: profile.id } });
      return profile;
    },
    onSuccess: (profile) => {
      setInvited((current) => new Set(current).add(profile.id));
      setNotice(t('invite.sent', { name: profile.displayName }));
      refresh();
    },
    onError: () => setNotice(null),
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setTerm(text.trim());
  };
  const results = found.data?.items ?? [];
  return (
    <section className="card community-invite" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <form role="search" aria-label={t('invite.title')} className="community-search" onSubmit={search}>
        <TextField
          label={t('invite.find')}
          hint={t('invite.findHint')}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={100}
        />
        <button type="submit" disabled={!text.trim()}>
          {t('directory.searchButton')}
        </button>
      </form>
      {term &&
        (found.isPending ? (
          <Loading />
        ) : found.error ? (
          <ErrorNotice error={found.error} />
        ) : results.length === 0 ? (
          <p>{t('invite.noOne', { term })}</p>
        ) : (
          <ul className="list">
            {results.map((profile) => (
              <li key={profile.id} className="community-member-row">
                <div className="community-member-row__who">
                  <MemberLink id={profile.id} name={profile.displayName} />
                  {profile.organisation && <span className="community-member-row__since">{profile.organisation}</span>}
                </div>
                {invited.has(profile.id) ? (
                  <span className="badge badge--good">{t('invite.invited')}</span>
                ) : (
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => invite.mutate(profile)}
                    disabled={invite.isPending}
                    aria-label={t('invite.inviteLabel', { name: profile.displayName })}
                  >
                    {t('invite.invite')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      <div role="status" className="community-status">
        {notice}
      </div>
      <SentInvitations group={group} onWithdrawn={(name) => setNotice(t('invite.withdrawn', { name }))} />
      {invite.error && (
        <p className="community-notice community-notice--bad" role="alert">
          {invite.error instanceof ApiError && invite.error.status === 409
            ? t('invite.already')
            : invite.error instanceof ApiError
              ? invite.error.message
              : t('common:errors.unexpected')}
        </p>
      )}
    </section>
  );
}

/** The invitations awaiting an answer; one may be withdrawn. */
function SentInvitations({ group, onWithdrawn }: { group: Group; onWithdrawn: (name: string) => void }) {
  const { t } = useTranslation('community');
  const format = useFormat();
  const refresh = useRefresh(group.id);
  const sent = useQuery({
    queryKey: ['community', 'sent', group.id],
    queryFn: () => api<Page<Membership>>(`/groups/${group.id}/invitations`, { query: { limit: 100 } }),
  });
  const withdraw = useMutation({
    mutationFn: async (invitation: Membership) => {
      await api(`/groups/${group.id}/invitations/${invitation.userId}`, { method: 'DELETE' });
      return invitation;
    },
    onSuccess: (invitation) => {
      onWithdrawn(invitation.displayName);
      refresh();
    },
  });
  const items = sent.data?.items ?? [];
  if (items.length === 0 && !sent.error) return null;
  return (
    <div className="community-sent">
      <h3>{t('invite.waiting', { count: items.length })}</h3>
      {sent.error ? (
        <ErrorNotice error={sent.error} onRetry={() => void sent.refetch()} />
      ) : (
        <ul className="list">
          {items.map((invitation) => (
            <li key={invitation.userId} className="community-member-row">
              <div className="community-member-row__who">
                <MemberLink id={invitation.userId} name={invitation.displayName} />
                <span className="community-member-row__since">
                  {t('invite.sentOn', { date: format.date(invitation.since) })}
                </span>
              </div>
              <button
                type="button"
                className="button--quiet"
                onClick={() => withdraw.mutate(invitation)}
                disabled={withdraw.isPending}
                aria-label={t('invite.withdrawLabel', { name: invitation.displayName })}
              >
                {t('invite.withdraw')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {withdraw.error && <ErrorNotice error={withdraw.error} />}
    </div>
  );
}

/** Name, description, visibility and joining; deleting the group (owners). */
function GroupSettings({ group, powers, taxonomy }: { group: Group; powers: Powers; taxonomy: Taxonomy }) {
  const { t } = useTranslation('community');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const problems = useProblems();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [visibility, setVisibility] = useState<Visibility>(group.visibility);
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>(group.joinPolicy);
  const [country, setCountry] = useState(group.country ?? '');
  const [region, setRegion] = useState(group.region ?? '');
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api<Group>(`/groups/${group.id}`, {
        method: 'PATCH',
        body: {
          name: name.trim(),
          description: description.trim(),
          visibility,
          joinPolicy,
          country: country || null,
          region: region || null,
        },
      }),
    onSuccess: (updated) => {
      queries.setQueriesData({ queryKey: ['community', 'group', group.id] }, (old: Group | undefined) =>
        old ? { ...updated, viewer: old.viewer } : old,
      );
      void queries.invalidateQueries({ queryKey: ['community', 'groups'] });
      setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/groups/${group.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['community', 'groups'] });
      navigate('/groups', { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  const error = save.error;
  const fields = ['name', 'description', 'visibility', 'joinPolicy', 'country', 'region'];
  return (
    <section className="card" aria-labelledby="settings-title">
      <details className="community-details">
        <summary>
          <h2 id="settings-title">{t('settings.title')}</h2>
        </summary>
        <form onSubmit={submit} noValidate>
          <TextField
            label={t('newGroup.name')}
            value={name}
            onChange={(event) => {
              setSaved(false);
              setName(event.target.value);
            }}
            maxLength={120}
            required
            error={problems.of(error, 'name')}
          />
          <TextArea
            label={t('newGroup.description')}
            value={description}
            onChange={(event) => {
              setSaved(false);
              setDescription(event.target.value);
            }}
            rows={4}
            maxLength={5000}
            error={problems.of(error, 'description')}
          />
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
            type={group.type}
            taxonomy={taxonomy}
            country={country}
            setCountry={setCountry}
            region={region}
            setRegion={setRegion}
            errors={{ country: problems.of(error, 'country'), region: problems.of(error, 'region') }}
          />
          {problems.unplaced(error, fields) && <ErrorNotice error={error} />}
          <div role="status" className="community-status">
            {saved && t('settings.saved')}
          </div>
          <button type="submit" disabled={save.isPending || !name.trim()}>
            {t('settings.save')}
          </button>
        </form>
        {powers.deleteGroup && (
          <div className="community-danger">
            <h3>{t('settings.deleteTitle')}</h3>
            <p>{t('settings.deleteText')}</p>
            {!confirmDelete ? (
              <button type="button" className="button--danger" onClick={() => setConfirmDelete(true)}>
                {t('settings.delete')}
              </button>
            ) : (
              <>
                <Checkbox
                  label={t('settings.understand', { name: group.name })}
                  checked={understood}
                  onChange={(event) => setUnderstood(event.target.checked)}
                />
                <div className="toolbar">
                  <button
                    type="button"
                    className="button--danger"
                    disabled={!understood || remove.isPending}
                    onClick={() => remove.mutate()}
                  >
                    {t('settings.deleteForever')}
                  </button>
                  <button type="button" className="button--quiet" onClick={() => setConfirmDelete(false)}>
                    {t('common:cancel')}
                  </button>
                </div>
              </>
            )}
            {remove.error && <ErrorNotice error={remove.error} />}
          </div>
        )}
      </details>
    </section>
  );
}
