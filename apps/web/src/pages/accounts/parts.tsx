import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A mailed link that no longer works (used, expired or cut short), and where to get a new one. */
export function SpentLink({ again }: { again?: { to: string; label: string } }) {
  const { t } = useTranslation('accounts');
  return (
    <div className="card">
      <p className="community-notice community-notice--bad" role="alert">
        {t('spentLink')}
      </p>
      {again && (
        <Link className="button" to={again.to}>
          {again.label}
        </Link>
      )}
    </div>
  );
}
