import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { termStatus, type Due, type TermState } from '../../../../shared/deadlines';
import { datePart, formatDate, formatDateTime, timePart } from '../../../../shared/time';
import type { LocalDateTime } from '../../../../shared/time';
import './akim.css';

/** The akimat's five-day working-day calendar (R-CAL-1/R-CAL-5), built once. */
export const deskCalendar = createWorkingCalendar();

/** The status of a term at `now`, or null when the calendar does not cover its dates. */
export function termStateAt(due: Due, now: LocalDateTime): TermState | null {
  try {
    return termStatus(due, now, deskCalendar);
  } catch {
    return null;
  }
}

export interface TermBadgeProps {
  /** The due date (or moment); null shows a dash. */
  due: Due | null;
  /** The office's wall clock now (useDesk().clock.nowLocal()). */
  now: LocalDateTime;
}

/**
 * A due date with its status colour and what is left: green on time, amber at risk (≤ 3 working days)
 * or due today, red overdue. Presentational: the caller passes `now`.
 */
export function TermBadge({ due, now }: TermBadgeProps) {
  const { t } = useTranslation('akim');
  if (due === null) return <span className="akim-term akim-term--none">—</span>;
  const state = termStateAt(due, now);
  const when =
    due.kind === 'date'
      ? formatDate(due.date)
      : datePart(due.at) === datePart(now)
        ? t('term.until', { time: timePart(due.at) })
        : formatDateTime(due.at);
  if (state === null) return <span className="akim-term akim-term--none">{when}</span>;
  return (
    <span className={`akim-term akim-term--${state.status}`}>
      <span className="akim-term-date">{when}</span>
      <span className="akim-term-left">{termLeftText(state, t)}</span>
    </span>
  );
}

function termLeftText(state: TermState, t: TFunction<'akim'>): string {
  if (state.minutesLeft !== null) {
    if (state.status === 'overdue') {
      return state.minutesLeft >= -180
        ? t('term.minutesLate', { count: -state.minutesLeft })
        : t('term.overdue');
    }
    if (state.minutesLeft <= 180) return t('term.minutesLeft', { count: state.minutesLeft });
    if (state.status === 'dueToday') return t('term.dueToday');
    return t('term.daysLeft', { count: state.workingDaysLeft });
  }
  switch (state.status) {
    case 'overdue':
      return t('term.daysLate', { count: -state.workingDaysLeft });
    case 'dueToday':
      return t('term.dueToday');
    case 'atRisk':
    case 'onTime':
      return t('term.daysLeft', { count: state.workingDaysLeft });
  }
}
