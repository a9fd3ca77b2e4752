import { useTranslation } from 'react-i18next';
import type { Connection } from './useLiveSession';

/** Says so while the connection is down; everything typed meanwhile waits and goes out once it is back. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  const { t } = useTranslation('live');
  return (
    <div className="live-connection" role="status" aria-live="polite">
      {connection === 'reconnecting' && <p className="banner">{t('attendee.reconnecting')}</p>}
    </div>
  );
}
