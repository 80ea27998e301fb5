// Where a term stands at a moment: the one status the case page, the journal, the dashboard, the
// reminder and a register's list all show. It reads only what caseSchedule wrote (the phase, the due
// point and the days the term is counted in), so "overdue" means the same everywhere, and it needs
// `now` (shared/ has no clock). The days left or late are counted in the term's own days: a term of
// 30 calendar days is never said to have "N working days" left (the status thresholds stay in
// working days: "at risk" is about the office's working time).
import type { WorkingCalendar } from '../calendar';
import { termStatus, type Due, type TermStatus } from '../deadlines';
import { daysBetween, datePart, type LocalDate, type LocalDateTime } from '../time';
import type { TermPhase } from './case-schedule';

export type CaseTermState =
  | { readonly kind: 'closed' }
  /** Open with no due date (a proactive case without one, a service whose term is not stated). */
  | { readonly kind: 'noTerm' }
  /** The term stands still while the case is suspended. */
  | { readonly kind: 'suspended' }
  /** The due date is outside the years the working-day calendar covers. */
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'term';
      readonly status: TermStatus;
      readonly workingDaysLeft: number;
      /** Days to the due date in the term's own days (`dayUnit`); negative when late. */
      readonly daysLeft: number;
      readonly dayUnit: DayUnit;
      /** Minutes to a due moment (minute terms); null for a due date. */
      readonly minutesLeft: number | null;
    };

/** What a day term is counted in: working days, or calendar days where the act says so. */
export type DayUnit = 'workingDays' | 'calendarDays';

export interface PhasedDue {
  readonly phase: TermPhase;
  readonly due: Due | null;
  /** Working days when not said (every step, and most terms). */
  readonly dayUnit?: DayUnit;
}

/** Calendar days from `today` to `dueDate`; when past, minus the days after it up to today. */
function calendarDaysLeft(dueDate: LocalDate, today: LocalDate): number {
  return today <= dueDate ? daysBetween(today, dueDate) : -daysBetween(dueDate, today);
}

export function termStateOf(
  term: PhasedDue,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): CaseTermState {
  switch (term.phase) {
    case 'closed':
      return { kind: 'closed' };
    case 'suspended':
      return { kind: 'suspended' };
    case 'noTerm':
      return { kind: 'noTerm' };
    case 'running':
      break;
  }
  const due = term.due;
  if (due === null) return { kind: 'noTerm' };
  const dueDate = due.kind === 'date' ? due.date : datePart(due.at);
  if (!calendar.covers(dueDate) || !calendar.covers(datePart(now))) return { kind: 'unknown' };
  const state = termStatus(due, now, calendar);
  const dayUnit = term.dayUnit ?? 'workingDays';
  return {
    kind: 'term',
    status: state.status,
    workingDaysLeft: state.workingDaysLeft,
    daysLeft:
      dayUnit === 'calendarDays' ? calendarDaysLeft(dueDate, datePart(now)) : state.workingDaysLeft,
    dayUnit,
    minutesLeft: state.minutesLeft,
  };
}

/** Whether the term is overdue at `now`: the one test behind every "overdue" of the desk. */
export function isOverdue(term: PhasedDue, now: LocalDateTime, calendar: WorkingCalendar): boolean {
  const state = termStateOf(term, now, calendar);
  return state.kind === 'term' && state.status === 'overdue';
}
