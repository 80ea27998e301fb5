import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDesk } from '../../app/desk-context';
import { dataProtection } from '../../db';

/**
 * In the frame, on every screen, while citizens' data is not protected at rest (a browser keeps the
 * data key in the same profile as the data): says so, and leads to the system page that explains.
 */
export function DataProtectionBadge() {
  const { t } = useTranslation();
  const { db } = useDesk();
  if (dataProtection(db) === 'osSecretStore') return null;
  return (
    <Link
      to="/system"
      className="connection-badge connection-hubUnreachable data-protection-badge"
      title={t('system:protection.badgeHint')}
    >
      {t('system:protection.badge')}
    </Link>
  );
}

/** The system page's line on protection at rest: what protects the data, or plainly that nothing does. */
export function DataProtectionRow() {
  const { t } = useTranslation();
  const { db } = useDesk();
  const protection = dataProtection(db);
  return (
    <>
      <dt>{t('system:protection.label')}</dt>
      <dd>
        {protection === 'osSecretStore' ? (
          t('system:protection.kind.osSecretStore')
        ) : (
          <>
            <strong className="data-protection-warning">
              {t(`system:protection.kind.${protection}`)}
            </strong>
            <span className="data-protection-why">
              {t('system:protection.kind.browserProfileWhy')}
            </span>
          </>
        )}
      </dd>
    </>
  );
}
