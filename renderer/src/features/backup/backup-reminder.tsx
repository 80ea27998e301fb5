import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { backupReminder, useLive } from '../../db';
import { localDateTimeAt } from '../../platform';

/** The frame's reminder: the last backup is older than 7 days (db backupReminder, one rule). */
export function BackupReminder() {
  const { t } = useTranslation('backup');
  const { db, clock } = useDesk();
  const reminder = useLive(() => backupReminder(db, clock.nowMs()), [db, clock]);
  if (!reminder?.due) return null;
  const last = reminder.last;
  return (
    <div className="backup-reminder" role="status">
      <span>
        {last
          ? t('reminder.old', { date: formatDate(localDateTimeAt(last.atMs).slice(0, 10)) })
          : t('reminder.never')}
      </span>
      <Link to="/system">{t('reminder.action')}</Link>
    </div>
  );
}
