// Where a case's work stands at a moment, read from its journal row: the one answer the journal, the
// dashboard, the today list, the morning reminder, a register's list and the navigation's counts give.
// What must stay true:
// - rowWork reads only what journalRowOf wrote (the term's phase and due point, the current step, its
//   owner and role, the holder) and `now`; statuses come from shared/schedule termStateOf, so a step or
//   a term is "overdue" here exactly when the case page says so.
// - Late means: the current step is past its due point, or the whole term is. The step's lateness is
//   its owner's; the term's is the holder's (the side that must act now). From the forwarding until
//   the result comes back the holder is the district, so a desk on the akimat's side sees those as the
//   district's, never as its own breaches (lateFor).
// - isLateAt is the same test on the row's two indexed moments (overdueFrom, stepOverdueFrom), for the
//   stores' index ranges: rowWork(row).late !== null ⇔ isLateAt(row, now) wherever the calendar
//   covers the dates.
import type { CaseRole } from '../case';
import { sideOfRole } from '../case';
import type { WorkingCalendar } from '../calendar';
import { dueOfKey, type Due } from '../deadlines';
import { termStateOf, type CaseTermState, type StepOwner } from '../schedule';
import { addDays, datePart, type LocalDateTime } from '../time';
import { rowDue, type JournalRow } from './journal-row';

export type WorkRow = Pick<
  JournalRow,
  | 'termPhase'
  | 'dayUnit'
  | 'due'
  | 'stepId'
  | 'stepOwner'
  | 'stepDue'
  | 'stepOverdueFrom'
  | 'stepRole'
  | 'holder'
  | 'overdueFrom'
>;

/** The side of the route an office works on: an akimat, or the district department. */
export type DeskSide = 'akimat' | 'district';

export interface StepWork {
  /** The catalog's step id (shared/schedule). */
  readonly id: string;
  readonly owner: StepOwner;
  /** The desk role that records the step's act; null when no desk role does. */
  readonly role: CaseRole | null;
  readonly due: Due;
  readonly state: CaseTermState;
}

export interface Lateness {
  /** The current step is late, or (no step late) the whole term is. */
  readonly what: 'step' | 'term';
  /** Whose breach it is. */
  readonly owner: StepOwner;
  readonly due: Due;
}

export interface RowWork {
  /** The whole term's state (termStateOf), as the case page shows it. */
  readonly term: CaseTermState;
  /** The whole term's due point in force. */
  readonly due: Due | null;
  /** The current timed step while the term runs. */
  readonly step: StepWork | null;
  /** The side that must act now, while the term runs. */
  readonly holder: StepOwner | null;
  readonly late: Lateness | null;
}

const isStatus = (state: CaseTermState, status: 'overdue' | 'dueToday' | 'atRisk'): boolean =>
  state.kind === 'term' && state.status === status;

export function rowWork(row: WorkRow, now: LocalDateTime, calendar: WorkingCalendar): RowWork {
  const due = rowDue(row);
  const term = termStateOf(
    { phase: row.termPhase, due, dayUnit: row.dayUnit ?? 'workingDays' },
    now,
    calendar,
  );
  const running = row.termPhase === 'running';
  const step: StepWork | null =
    running && row.stepId !== undefined && row.stepDue !== undefined
      ? {
          id: row.stepId,
          owner: row.stepOwner ?? 'akimat',
          role: row.stepRole ?? null,
          due: dueOfKey(row.stepDue),
          state: termStateOf({ phase: 'running', due: dueOfKey(row.stepDue) }, now, calendar),
        }
      : null;
  const holder = running ? (row.holder ?? step?.owner ?? 'akimat') : null;
  let late: Lateness | null = null;
  if (step !== null && isStatus(step.state, 'overdue')) {
    late = { what: 'step', owner: step.owner, due: step.due };
  } else if (holder !== null && due !== null && isStatus(term, 'overdue')) {
    late = { what: 'term', owner: holder, due };
  }
  return { term, due, step, holder, late };
}

/** The index-level form of "late now": the term's or the current step's overdue moment is past. */
export function isLateAt(
  row: Pick<JournalRow, 'overdueFrom' | 'stepOverdueFrom'>,
  now: LocalDateTime,
): boolean {
  return (
    (row.overdueFrom !== undefined && row.overdueFrom <= now) ||
    (row.stepOverdueFrom !== undefined && row.stepOverdueFrom <= now)
  );
}

/**
 * The first moment of tomorrow. A term or step due today or late has its overdue moment at or before
 * it (a date due today is overdue from tomorrow 00:00): the index range is overdueFrom ≤ endOfToday.
 */
export function endOfToday(now: LocalDateTime): LocalDateTime {
  return `${addDays(datePart(now), 1)}T00:00`;
}

/** Whose a lateness is, seen from a desk's side: its own, or the other side's (or the applicant's). */
export function lateFor(work: RowWork, side: DeskSide): 'ours' | 'theirs' | null {
  if (work.late === null) return null;
  return work.late.owner === side ? 'ours' : 'theirs';
}

/**
 * The dashboard's figures. overdue: late, and the desk's own breach; overdueElsewhere: late at the
 * other side (the district's steps seen from an akimat); dueToday: the term, or the desk's own current
 * step, is due today; dueSoon: the term has 1–3 working days left; suspended: the term stands still.
 */
export const DEADLINE_FIGURES = [
  'overdue',
  'overdueElsewhere',
  'dueToday',
  'dueSoon',
  'suspended',
] as const;
export type DeadlineFigure = (typeof DEADLINE_FIGURES)[number];

export function figureOf(work: RowWork, side: DeskSide): DeadlineFigure | null {
  if (work.term.kind === 'suspended') return 'suspended';
  const late = lateFor(work, side);
  if (late === 'ours') return 'overdue';
  if (late === 'theirs') return 'overdueElsewhere';
  if (isStatus(work.term, 'dueToday')) return 'dueToday';
  if (work.step !== null && work.step.owner === side && isStatus(work.step.state, 'dueToday')) {
    return 'dueToday';
  }
  if (isStatus(work.term, 'atRisk')) return 'dueSoon';
  return null;
}

/** One line of a person's today list: what of a case is theirs, due today or late. */
export interface TodayItem {
  /** 'step': the current step is this role's; 'term': the whole term, held by this role's side. */
  readonly kind: 'step' | 'term';
  /** The step's id, for 'step' items (the list groups by it). */
  readonly stepId: string | null;
  readonly status: 'overdue' | 'dueToday';
  readonly due: Due;
  readonly state: CaseTermState;
}

/** The side's staff role: the one who answers for a term no step of which is timed. */
const STAFF_ROLE: Readonly<Record<DeskSide, CaseRole>> = {
  akimat: 'specialist',
  district: 'districtSpecialist',
};

/**
 * What of a case is `role`'s today: its current step when this role records it and it is due today or
 * late; otherwise, for the side's staff, the whole term when their side holds the case and it is due
 * today or late. Null when nothing of the case is this role's today.
 */
export function todayItemOf(work: RowWork, role: CaseRole): TodayItem | null {
  const { step, term } = work;
  if (step !== null && step.role === role) {
    for (const status of ['overdue', 'dueToday'] as const) {
      if (isStatus(step.state, status)) {
        return { kind: 'step', stepId: step.id, status, due: step.due, state: step.state };
      }
    }
  }
  const side = sideOfRole(role);
  if (side === null || STAFF_ROLE[side] !== role || work.holder !== side) return null;
  if (work.late !== null && work.late.what === 'step') return null;
  for (const status of ['overdue', 'dueToday'] as const) {
    if (isStatus(term, status) && work.due !== null) {
      return { kind: 'term', stepId: null, status, due: work.due, state: term };
    }
  }
  return null;
}
