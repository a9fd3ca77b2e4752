import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { type Member, updateMember } from '../../api/session';
import { ErrorNotice } from '../../ui/States';
import { AuthError } from '../community/community-api';
import { useCountdown } from '../community/useCountdown';
import { type Me, meKey, resendVerification } from './accounts-api';

/** Site-wide, small: a signed-in member whose address is not confirmed yet is asked to open the mailed link. */
export function VerifyBanner({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const me = useQuery({ queryKey: meKey(member.id), queryFn: () => api<Me>('/me'), staleTime: 60_000 });
  const countdown = useCountdown();
  const resend = useMutation({
    mutationFn: resendVerification,
    onError: (error) => {
      if (error instanceof AuthError && error.status === 429) countdown.start(error.retryAfter ?? 60);
    },
  });
  const email = me.data?.email;
  // A confirmed change of address reaches this browser's stored session here.
  useEffect(() => {
    if (email && email !== member.email) updateMember({ ...member, email });
  }, [email, member]);

  if (me.data?.emailVerified !== false) return null;
  const throttled = resend.error instanceof AuthError && resend.error.status === 429;
  return (
    <aside className="banner accounts-banner" aria-label={t('banner.label')}>
      <p>{t('banner.text', { email: me.data.email })}</p>
      <button
        type="button"
        className="button--quiet"
        onClick={() => resend.mutate()}
        disabled={resend.isPending || countdown.secondsLeft > 0}
      >
        {countdown.secondsLeft > 0 ? t('banner.wait', { count: countdown.secondsLeft }) : t('banner.resend')}
      </button>
      <p role="status" className="community-status">
        {resend.isSuccess && t('banner.sent', { email: me.data.email })}
      </p>
      {throttled ? <p role="alert">{t('banner.tooSoon')}</p> : resend.error && <ErrorNotice error={resend.error} />}
    </aside>
  );
}
