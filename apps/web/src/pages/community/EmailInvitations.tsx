import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { TextField } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import { type Group, type Page, useProblems } from './community-api';

/** An invitation mailed to an address (someone who may have no account yet), still awaiting an answer. */
interface EmailInvitation {
  id: string;
  email: string;
  invitedBy: { id: string | null; displayName: string };
  expiresAt: string;
  createdAt: string;
}

/** Owners and facilitators invite by email; the mail's link lets the person join, creating an account if need be. */
export function EmailInvite({ group }: { group: Group }) {
  const { t } = useTranslation('community');
  const format = useFormat();
  const problems = useProblems();
  const queries = useQueryClient();
  const key = ['community', 'email-invitations', group.id];
  const [email, setEmail] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const sent = useQuery({
    queryKey: key,
    queryFn: () => api<Page<EmailInvitation>>(`/groups/${group.id}/invitations/email`, { query: { limit: 100 } }),
  });
  const invite = useMutation({
    mutationFn: (address: string) =>
      api<void>(`/groups/${group.id}/invitations`, { method: 'POST', body: { email: address } }),
    onSuccess: (_, address) => {
      setEmail('');
      setNotice(t('emailInvite.sent', { email: address }));
      void queries.invalidateQueries({ queryKey: key });
    },
    onError: () => setNotice(null),
  });
  const withdraw = useMutation({
    mutationFn: (invitation: EmailInvitation) =>
      api<void>(`/groups/${group.id}/invitations/email/${invitation.id}`, { method: 'DELETE' }),
    onSuccess: (_, invitation) => {
      setNotice(t('emailInvite.withdrawn', { email: invitation.email }));
      void queries.invalidateQueries({ queryKey: key });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    invite.mutate(email.trim());
  };
  const open = sent.data?.items ?? [];

  return (
    <section className="card community-invite" aria-labelledby="email-invite-title">
      <h2 id="email-invite-title">{t('emailInvite.title')}</h2>
      <form className="community-search" onSubmit={submit} noValidate>
        <TextField
          label={t('emailInvite.email')}
          hint={t('emailInvite.hint')}
          type="email"
          inputMode="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
          error={problems.of(invite.error, 'email')}
        />
        <button type="submit" disabled={invite.isPending || !email.trim()}>
          {t('emailInvite.send')}
        </button>
      </form>
      {problems.unplaced(invite.error, ['email']) && <ErrorNotice error={invite.error} />}
      <div role="status" className="community-status">
        {notice}
      </div>
      {sent.error ? (
        <ErrorNotice error={sent.error} onRetry={() => void sent.refetch()} />
      ) : (
        open.length > 0 && (
          <div className="community-sent">
            <h3>{t('emailInvite.waiting', { count: open.length })}</h3>
            <ul className="list">
              {open.map((invitation) => (
                <li key={invitation.id} className="community-member-row">
                  <div className="community-member-row__who">
                    <span className="accounts-address">{invitation.email}</span>
                    <span className="community-member-row__since">
                      {t('emailInvite.until', { date: format.date(invitation.expiresAt) })}
                    </span>
                  </div>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => withdraw.mutate(invitation)}
                    disabled={withdraw.isPending}
                    aria-label={t('emailInvite.withdrawLabel', { email: invitation.email })}
                  >
                    {t('invite.withdraw')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )
      )}
      {withdraw.error && <ErrorNotice error={withdraw.error} />}
    </section>
  );
}
