import { useTranslation } from 'react-i18next';
import { dueOfKey } from '../../../../shared/deadlines';
import { rowWork } from '../../../../shared/journal';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import type { CaseRow } from '../../db';
import { formatDue, stepName, termLabels, termTone } from '../journal';

/**
 * The district's own current step of a case (R-ROUTE-2 on the 003 route: the per-capita income, due 1
 * working day after the receipt): its name, due point and state, in the journal's words and colours,
 * as the journal row has it (shared/schedule counts the district's steps from the receipt, and from
 * the forwarding while the case waits to be received).
 */
export function DistrictStep({ row, now }: { row: CaseRow; now: LocalDateTime }) {
  const { t } = useTranslation(['inbound', 'journal']);
  const { calendar } = useDesk();
  const step = rowWork(row, now, calendar).step;
  if (step === null || step.owner !== 'district' || row.stepDue === undefined) {
    return (
      <span className="inbound-muted">
        {row.stage === 'forwarded' ? t('inbound:waitingStep') : t('inbound:receivedMark')}
      </span>
    );
  }
  const labels = termLabels(step.state, t);
  return (
    <span className="journal-two-lines">
      <span>{stepName(step.id, t)}</span>
      <span className="work-status-due">{formatDue(dueOfKey(row.stepDue))}</span>
      <span className={`journal-status journal-status-${termTone(step.state)}`}>
        {labels.status}
      </span>
      {labels.detail && <span className="journal-sub">{labels.detail}</span>}
    </span>
  );
}
