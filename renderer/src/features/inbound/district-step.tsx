import { useTranslation } from 'react-i18next';
import { dueOfKey } from '../../../../shared/deadlines';
import { rowWork } from '../../../../shared/journal';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import type { CaseRow } from '../../db';
import { formatDue, stepName, termLabels, termTone } from '../journal';

/**
 * The district's own current step of a received case (R-ROUTE-2: the per-capita income, due 1 working
 * day after the receipt): its name, due point and state, in the journal's words and colours. A case
 * not received yet has no district step: it starts with the receipt.
 */
export function DistrictStep({ row, now }: { row: CaseRow; now: LocalDateTime }) {
  const { t } = useTranslation(['inbound', 'journal']);
  const { calendar } = useDesk();
  if (row.stage === 'forwarded') {
    return <span className="inbound-muted">{t('inbound:waitingStep')}</span>;
  }
  const step = rowWork(row, now, calendar).step;
  if (step === null || step.owner !== 'district' || row.stepDue === undefined) {
    return <span className="inbound-muted">{t('inbound:receivedMark')}</span>;
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
