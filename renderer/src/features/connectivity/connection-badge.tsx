import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { connectionBadge } from './connectivity-slice';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const badge = useAppSelector((s) => connectionBadge(s.connectivity));
  return (
    <span className={`connection-badge connection-${badge}`} role="status" aria-live="polite">
      {t(`frame.connection.${badge}`)}
    </span>
  );
}
