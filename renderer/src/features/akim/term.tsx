import { useTranslation } from 'react-i18next';
import type { Due } from '../../../../shared/deadlines';
import { termStateOf, type TermPhase } from '../../../../shared/schedule';
import { datePart, formatDate, formatDateTime, timePart } from '../../../../shared/time';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { timeLeftText } from '../../i18n';
import './akim.css';

export interface TermBadgeProps {
  /** The due date (or moment); null shows a dash. */
  due: Due | null;
  /**
   * The term's phase (a journal row's termPhase): a suspended or closed case is never shown overdue.
   * Default 'running', for a step's own due point.
   */
  phase?: TermPhase;
  /** The office's wall clock now (useDesk().clock.nowLocal()). */
  now: LocalDateTime;
}

/**
 * A due date with its status colour and what is left: green on time, amber at risk (≤ 3 working days)
 * or due today, red overdue. Presentational: the caller passes `now`.
 */
export function TermBadge({ due, now, phase = 'running' }: TermBadgeProps) {
  const { t } = useTranslation('akim');
  const { calendar } = useDesk();
  if (due === null) return <span className="akim-term akim-term--none">—</span>;
  const state = termStateOf({ phase, due }, now, calendar);
  const when =
    due.kind === 'date'
      ? formatDate(due.date)
      : datePart(due.at) === datePart(now)
        ? t('term.until', { time: timePart(due.at) })
        : formatDateTime(due.at);
  if (state.kind !== 'term') {
    return (
      <span className={`akim-term akim-term--${state.kind === 'suspended' ? 'suspended' : 'none'}`}>
        <span className="akim-term-date">{when}</span>
        {state.kind === 'suspended' && (
          <span className="akim-term-left">{t('term.suspended')}</span>
        )}
        {state.kind === 'closed' && <span className="akim-term-left">{t('term.closed')}</span>}
      </span>
    );
  }
  return (
    <span className={`akim-term akim-term--${state.status}`}>
      <span className="akim-term-date">{when}</span>
      <span className="akim-term-left">{timeLeftText(state, t)}</span>
    </span>
  );
}
