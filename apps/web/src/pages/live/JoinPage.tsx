import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/http';
import { useMember } from '../../api/session';
import { TextField } from '../../ui/Field';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import { ErrorNotice, Loading } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { guestPass, keepGuestPass } from './guest-pass';
import type { LiveSession } from './live-types';

/** `/j/CODE`: the address on the room's screen and in the QR code. Members go straight in; others join as guests. */
export function JoinPage() {
  const { t } = useTranslation('live');
  const { code = '' } = useParams();
  const member = useMember();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const found = useQuery({
    queryKey: ['live', 'by-code', code.toUpperCase(), member?.id ?? null],
    queryFn: () => api<LiveSession>(`/live/sessions/by-code/${encodeURIComponent(code.toUpperCase())}`),
  });
  const session = found.data;
  usePageTitle(session?.title ?? t('join.title'));

  useEffect(() => {
    if (session && (member || guestPass(session.id))) navigate(`/live/${session.id}`, { replace: true });
  }, [session, member, navigate]);

  const join = useMutation({
    mutationFn: () =>
      api<{ token: string; session: LiveSession }>('/live/join', {
        method: 'POST',
        token: null,
        body: { code: code.toUpperCase(), displayName: displayName.trim() },
      }),
    onSuccess: ({ token, session: joined }) => {
      keepGuestPass({ token, displayName: displayName.trim(), sessionId: joined.id });
      navigate(`/live/${joined.id}`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    join.mutate();
  };
  const problem = join.error instanceof ApiError ? join.error : null;

  return (
    <div className="live-join">
      <div className="live-join__top">
        <Link to="/" className="brand">
          Plenary
        </Link>
        <LanguageSwitcher />
      </div>
      {found.isPending && <Loading />}
      {found.error && (
        <section className="card">
          <h1>{t('join.title')}</h1>
          <p role="alert">
            {found.error instanceof ApiError && found.error.status === 404
              ? t('join.noSuchCode', { code: code.toUpperCase() })
              : null}
          </p>
          {!(found.error instanceof ApiError && found.error.status === 404) && (
            <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
          )}
          <Link to="/">{t('join.tryAnother')}</Link>
        </section>
      )}
      {session && !member && (
        <section className="card">
          <p className="live-join__code">{t('join.code', { code: session.code ?? code.toUpperCase() })}</p>
          <h1>{session.title}</h1>
          {session.status === 'ended' && <p role="status">{t('join.ended')}</p>}
          {session.qa.guestsAllowed ? (
            <form onSubmit={submit} noValidate>
              <TextField
                label={t('join.displayName')}
                hint={t('join.displayNameHint')}
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
                autoComplete="nickname"
                maxLength={60}
                required
                error={problem?.problemWith('displayName')}
              />
              {problem && !problem.problemWith('displayName') && <ErrorNotice error={problem} />}
              <button type="submit" disabled={join.isPending || displayName.trim() === ''}>
                {t('join.asGuest')}
              </button>
            </form>
          ) : (
            <p>{t('join.membersOnly')}</p>
          )}
          <p>
            <Link to={`/signin?next=${encodeURIComponent(`/j/${code}`)}`}>{t('join.signIn')}</Link>
          </p>
        </section>
      )}
    </div>
  );
}
