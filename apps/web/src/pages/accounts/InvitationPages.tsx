import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/http';
import { signOut, useMember } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import type { EventInvitation, GroupInvitation, InvitationStatus } from './accounts-api';

/** `/invitations/groups/:token`: an invitation mailed to join a group; accepted once signed in with that address. */
export function GroupInvitationPage() {
  const { t } = useTranslation('accounts');
  const { token = '' } = useParams();
  const member = useMember();
  const navigate = useNavigate();
  const path = `/group-invitations/${encodeURIComponent(token)}`;
  const found = useQuery({
    queryKey: ['accounts', 'group-invitation', token, member?.id ?? null],
    queryFn: () => api<GroupInvitation>(path),
  });
  const accept = useMutation({
    mutationFn: () => api<unknown>(`${path}/accept`, { method: 'POST' }),
    onSuccess: () => navigate(`/groups/${found.data?.group.id ?? ''}`, { replace: true }),
  });
  const invitation = found.data;
  usePageTitle(invitation ? t('groupInvitation.title', { group: invitation.group.name }) : t('invitation.title'));

  return (
    <InvitationFrame
      title={invitation ? t('groupInvitation.title', { group: invitation.group.name }) : t('invitation.title')}
      found={found}
      accept={accept}
    >
      {invitation && (
        <>
          <p className="lead">
            {t('groupInvitation.text', {
              name: invitation.invitedBy.displayName,
              email: invitation.email,
              group: invitation.group.name,
            })}
          </p>
          <Answer
            invitation={invitation}
            accept={accept}
            acceptLabel={t('groupInvitation.accept')}
            done={<Link to={`/groups/${invitation.group.id}`}>{t('groupInvitation.open')}</Link>}
            expiresAt={invitation.expiresAt}
          />
        </>
      )}
    </InvitationFrame>
  );
}

/** `/invitations/events/:token`: an invitation mailed to an event; accepting registers the member. */
export function EventInvitationPage() {
  const { t } = useTranslation('accounts');
  const { token = '' } = useParams();
  const member = useMember();
  const navigate = useNavigate();
  const format = useFormat();
  const path = `/live/event-invitations/${encodeURIComponent(token)}`;
  const found = useQuery({
    queryKey: ['accounts', 'event-invitation', token, member?.id ?? null],
    queryFn: () => api<EventInvitation>(path),
  });
  const accept = useMutation({
    mutationFn: () => api<unknown>(`${path}/accept`, { method: 'POST' }),
    onSuccess: () => navigate(`/events/${found.data?.event.id ?? ''}`, { replace: true }),
  });
  const invitation = found.data;
  usePageTitle(invitation ? t('eventInvitation.title', { event: invitation.event.title }) : t('invitation.title'));

  return (
    <InvitationFrame
      title={invitation ? t('eventInvitation.title', { event: invitation.event.title }) : t('invitation.title')}
      found={found}
      accept={accept}
    >
      {invitation && (
        <>
          <p className="lead">
            {t('eventInvitation.text', {
              name: invitation.invitedBy.displayName,
              email: invitation.email,
              event: invitation.event.title,
              date: format.dateTime(invitation.event.startsAt),
            })}
          </p>
          <Answer
            invitation={invitation}
            accept={accept}
            acceptLabel={t('eventInvitation.accept')}
            done={<Link to={`/events/${invitation.event.id}`}>{t('eventInvitation.open')}</Link>}
            expiresAt={invitation.expiresAt}
          />
        </>
      )}
    </InvitationFrame>
  );
}

interface Pending {
  error: Error | null;
  isPending: boolean;
}

function InvitationFrame({
  title,
  found,
  accept,
  children,
}: {
  title: string;
  found: Pending & { refetch: () => unknown };
  accept: Pending;
  children: ReactNode;
}) {
  const { t } = useTranslation('accounts');
  const notFound = found.error instanceof ApiError && (found.error.status === 404 || found.error.status === 400);
  const otherAccount = accept.error instanceof ApiError && accept.error.status === 403;
  return (
    <section className="page page--narrow community-auth">
      <h1>{title}</h1>
      {notFound ? (
        <p className="community-notice community-notice--bad" role="alert">
          {t('invitation.notFound')}
        </p>
      ) : found.error ? (
        <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
      ) : found.isPending ? (
        <Loading />
      ) : (
        <div className="card accounts-invitation">
          {children}
          {otherAccount ? (
            <p className="community-notice community-notice--bad" role="alert">
              {t('invitation.otherAccount')}
            </p>
          ) : (
            accept.error && <ErrorNotice error={accept.error} />
          )}
        </div>
      )}
    </section>
  );
}

/** What the visitor may do with an invitation: accept it, or first sign in or create the account it is for. */
function Answer({
  invitation,
  accept,
  acceptLabel,
  done,
  expiresAt,
}: {
  invitation: { email: string; status: InvitationStatus };
  accept: Pending & { mutate: () => void };
  acceptLabel: string;
  done: ReactNode;
  expiresAt?: string;
}) {
  const { t } = useTranslation('accounts');
  const member = useMember();
  const format = useFormat();
  const { pathname } = useLocation();
  const here = encodeURIComponent(pathname);

  if (invitation.status !== 'open') {
    return (
      <>
        <p className="community-notice community-notice--warn" role="status">
          {t(`invitation.status.${invitation.status}`)}
        </p>
        {invitation.status === 'accepted' && <p>{done}</p>}
      </>
    );
  }
  const body = !member ? (
    <>
      <p>{t('invitation.signedOut', { email: invitation.email })}</p>
      <div className="toolbar">
        <Link className="button" to={`/register?email=${encodeURIComponent(invitation.email)}&next=${here}`}>
          {t('invitation.register')}
        </Link>
        <Link className="button button--quiet" to={`/signin?next=${here}`}>
          {t('invitation.signIn')}
        </Link>
      </div>
    </>
  ) : member.email.toLowerCase() !== invitation.email.toLowerCase() ? (
    <div className="community-notice community-notice--warn">
      <p>{t('invitation.forOther', { email: invitation.email, yours: member.email })}</p>
      <button type="button" className="button--quiet" onClick={() => void signOut()}>
        {t('invitation.signOut')}
      </button>
    </div>
  ) : (
    <div className="toolbar">
      <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
        {acceptLabel}
      </button>
    </div>
  );
  return (
    <>
      {expiresAt && <p className="field__hint">{t('invitation.expires', { date: format.date(expiresAt) })}</p>}
      {body}
    </>
  );
}
