import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { TextArea } from '../../ui/Field';
import { ErrorNotice } from '../../ui/States';
import type { Page } from './types';

/** An invitation mailed to an address, still awaiting an answer. */
interface EmailInvitation {
  id: string;
  email: string;
  expiresAt: string;
}

/** The addresses in what the host typed or pasted: one per line, or separated by commas, semicolons or spaces. */
function addressesIn(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** Hosts invite people by email; each mail's link registers them for the event (creating an account if need be). */
export function EventInvite({ eventId }: { eventId: string }) {
  const { t } = useTranslation('sessions');
  const format = useFormat();
  const queries = useQueryClient();
  const key = ['sessions', 'email-invitations', eventId];
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const sent = useQuery({
    queryKey: key,
    queryFn: () => api<Page<EmailInvitation>>(`/live/events/${eventId}/invitations/email`, { query: { limit: 100 } }),
  });
  const invite = useMutation({
    mutationFn: (emails: string[]) =>
      api<{ invited: number }>(`/live/events/${eventId}/invitations`, { method: 'POST', body: { emails } }),
    onSuccess: ({ invited }) => {
      setText('');
      setNotice(t('invite.sent', { count: invited }));
      void queries.invalidateQueries({ queryKey: key });
    },
    onError: () => setNotice(null),
  });
  const withdraw = useMutation({
    mutationFn: (invitation: EmailInvitation) =>
      api<void>(`/live/events/${eventId}/invitations/email/${invitation.id}`, { method: 'DELETE' }),
    onSuccess: (_, invitation) => {
      setNotice(t('invite.withdrawn', { email: invitation.email }));
      void queries.invalidateQueries({ queryKey: key });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    invite.mutate(addressesIn(text));
  };
  const refused = invite.error instanceof ApiError && invite.error.problemWith('emails') !== undefined;
  const open = sent.data?.items ?? [];

  return (
    <section className="card" aria-labelledby="event-invite-title">
      <h2 id="event-invite-title">{t('invite.title')}</h2>
      <form onSubmit={submit} noValidate>
        <TextArea
          label={t('invite.emails')}
          hint={t('invite.hint')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={4}
          autoComplete="off"
          error={refused ? t('invite.invalid') : undefined}
        />
        {invite.error && !refused && <ErrorNotice error={invite.error} />}
        <button type="submit" disabled={invite.isPending || addressesIn(text).length === 0}>
          {t('invite.send')}
        </button>
      </form>
      <p role="status" className="community-status">
        {notice}
      </p>
      {sent.error ? (
        <ErrorNotice error={sent.error} onRetry={() => void sent.refetch()} />
      ) : (
        open.length > 0 && (
          <>
            <h3>{t('invite.waiting', { count: open.length })}</h3>
            <ul className="list">
              {open.map((invitation) => (
                <li key={invitation.id} className="toolbar">
                  <span className="accounts-address">{invitation.email}</span>
                  <span className="field__hint">{t('invite.until', { date: format.date(invitation.expiresAt) })}</span>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => withdraw.mutate(invitation)}
                    disabled={withdraw.isPending}
                    aria-label={t('invite.withdrawLabel', { email: invitation.email })}
                  >
                    {t('invite.withdraw')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )
      )}
      {withdraw.error && <ErrorNotice error={withdraw.error} />}
    </section>
  );
}
