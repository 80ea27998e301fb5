import { TERMINAL_STAGES, type CaseStage } from '../../../../shared/case';
import type { WorkingCalendar } from '../../../../shared/calendar';
import { termStatus, type TermStatus } from '../../../../shared/deadlines';
import { datePart, type LocalDate, type LocalDateTime } from '../../../../shared/time';

/** Where a case stands against its term, as the journal and the dashboard show it. */
export type CaseTermState =
  | { kind: 'closed' }
  /** Open with no due date (a proactive case without one). */
  | { kind: 'noTerm' }
  /** The due date is outside the years the working-day calendar covers. */
  | { kind: 'unknown' }
  | { kind: 'term'; status: TermStatus; workingDaysLeft: number };

/** onTime green, dueToday/atRisk amber, overdue red, closed grey. */
export type TermTone = 'ok' | 'warn' | 'bad' | 'muted';

export function caseTermState(
  row: { stage: CaseStage; openDueDate?: LocalDate },
  now: LocalDateTime,
  calendar: WorkingCalendar,
): CaseTermState {
  if (TERMINAL_STAGES.includes(row.stage)) return { kind: 'closed' };
  const due = row.openDueDate;
  if (due === undefined) return { kind: 'noTerm' };
  if (!calendar.covers(due) || !calendar.covers(datePart(now))) return { kind: 'unknown' };
  const state = termStatus({ kind: 'date', date: due }, now, calendar);
  return { kind: 'term', status: state.status, workingDaysLeft: state.workingDaysLeft };
}

export function termTone(state: CaseTermState): TermTone {
  if (state.kind !== 'term') return 'muted';
  switch (state.status) {
    case 'onTime':
      return 'ok';
    case 'dueToday':
    case 'atRisk':
      return 'warn';
    case 'overdue':
      return 'bad';
  }
}
