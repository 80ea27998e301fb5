import { useTranslation } from 'react-i18next';
import type { WorkRow } from '../../../../shared/journal';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { formatDue, rowWorkLabels } from './work-labels';
import { rowDue } from '../../../../shared/journal';
import './journal.css';

/**
 * A case's due date and where its work stands, in the journal's words and colours (rowWorkLabels):
 * for a register's list and any other list of cases, so an issued case reads "closed", a late step
 * names its step, and the district's lateness reads as the district's.
 */
export function WorkStatus({
  row,
  now,
}: {
  row: WorkRow & { readonly dueProvisional?: true };
  now: LocalDateTime;
}) {
  const { t } = useTranslation(['journal']);
  const { calendar, office } = useDesk();
  const labels = rowWorkLabels(row, now, calendar, office?.kind ?? 'akimat', t);
  return (
    <span className="journal-two-lines work-status">
      <span className="work-status-due">
        {formatDue(rowDue(row))}
        {row.dueProvisional && (
          <span
            className="journal-provisional"
            role="img"
            aria-label={t('journal:provisional')}
            title={t('journal:provisional')}
          >
            *
          </span>
        )}
      </span>
      <span className={`journal-status journal-status-${labels.tone}`}>{labels.status}</span>
      {labels.detail && <span className="journal-sub">{labels.detail}</span>}
    </span>
  );
}
