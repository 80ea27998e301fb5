// The journal's row of a case: what the journal lists, searches, filters and sorts on, and what the
// dashboard, the reminder and a register's list count. What must stay true:
// - journalRowOf is the only writer of rows: the desk's store after every append, the import of
//   events, the database upgrade, the bench and the hub all call it. A row is a function of the case's
//   log (its folded state) and the calendar, never of "now".
// - Due points come from shared/schedule (caseSchedule) and statuses from termStateOf, so a case is
//   "overdue" in the journal exactly when the case page says so.
// - `openDueDate`, `overdueFrom` and the step's fields exist only while the term runs: the indexes
//   behind the deadline filters hold no closed and no suspended case.
// - A proactive case (R-PRO-1, 003:30) has no number: `number` stays '' (the number index, search and
//   sort see no invented number) and `occasion` says what it was opened for, from shared/case
//   proactiveOccasion, the same answer the documents give.
// - A row is lean: the journal reads thousands at once for a search, and each field and nested object
//   costs on every read. Due points are kept as one string (shared/deadlines dueKey), flags that are
//   almost always false are absent unless true, and what a row can derive it does not store
//   (rowDue, rowDueDate).
import {
  applicantsOverTime,
  proactiveOccasion,
  proactiveOpenedOn,
  type CaseRole,
  type CaseStage,
  type CaseState,
} from '../case';
import type { WorkingCalendar } from '../calendar';
import { dueKey, dueOfKey, overdueFrom, type Due, type DueKey } from '../deadlines';
import { caseSchedule, type StepOwner, type TermPhase } from '../schedule';
import { personName, searchTokens } from '../text';
import { datePart, type LocalDate, type LocalDateTime } from '../time';

export interface JournalRow {
  id: string;
  /**
   * Registration number, or the 2-1 receipt number for a refused application; '' for a proactive case,
   * which has neither (its `occasion` is set instead).
   */
  number: string;
  /** Registration date, or the refusal date for a refused application. */
  date: string;
  receivedAt: string | null;
  serviceId: string;
  stage: CaseStage;
  /** The office that opened the case; null only for a case with no opening event. */
  officeId: string | null;
  iin: string;
  applicantName: string;
  /** Folded words of the name (shared/text searchKey), each indexed for prefix search. */
  nameTokens: string[];
  termPhase: TermPhase;
  /** Present when the term is counted in calendar days (else working days): see CaseSchedule. */
  dayUnit?: 'calendarDays';
  /** The whole term's due point in force (a moment for a minute term), as a DueKey: see rowDue. */
  due: DueKey | null;
  /** The day of `due` while the term runs; absent otherwise: the index behind "due soon" and the due order. */
  openDueDate?: LocalDate;
  /**
   * While the term runs, the first moment it is overdue (shared/deadlines overdueFrom): "overdue now"
   * is the one index range overdueFrom ≤ now, exact for date and minute terms alike.
   */
  overdueFrom?: LocalDateTime;
  /** Present (true) when the due date rests on an estimated day off (Kurban Ait 2027): it may move. */
  dueProvisional?: true;
  /** While the term runs: the current step (a shared/schedule step id), whose it is, when it is due. */
  stepId?: string;
  stepOwner?: StepOwner;
  stepDue?: DueKey;
  /** The first moment the current step is late: the index behind breached steps (≤ now). */
  stepOverdueFrom?: LocalDateTime;
  /**
   * The earlier of overdueFrom and stepOverdueFrom: "late now" (shared/journal isLateAt, the term or
   * the current step) is the one index range lateFrom ≤ now.
   */
  lateFrom?: LocalDateTime;
  /** The desk role that records the current step's act (shared/schedule stepRole). */
  stepRole?: CaseRole;
  /**
   * While the term runs, the side that must act now (shared/schedule holderOf): a late term or step
   * is that side's breach. Absent on rows written before it existed (read as the row's own side).
   */
  holder?: StepOwner;
  /**
   * Present only on a proactive case (R-PRO-1, 003:30: opened without an application): the holiday or
   * memorable date it was opened for, as shared/case proactiveOccasion gives it; its name as typed.
   */
  occasion?: { readonly name: string; readonly date: LocalDate };
  /** Present (true) when events from a newer desk are kept on the case unfolded: update the desk. */
  needsUpdate?: true;
  flagged: boolean;
  updatedAtMs: number;
}

const dayOf = (due: Due): LocalDate => (due.kind === 'date' ? due.date : datePart(due.at));

/** The whole term's due point of a row. */
export function rowDue(row: Pick<JournalRow, 'due'>): Due | null {
  return row.due === null ? null : dueOfKey(row.due);
}

/** The day the whole term is due, for display and export. */
export function rowDueDate(row: Pick<JournalRow, 'due'>): LocalDate | null {
  return row.due === null ? null : dayOf(dueOfKey(row.due));
}

export interface RowExtras {
  /** How many events of the case this desk holds without folding (newer than it). */
  readonly heldEvents?: number;
}

/** The words a journal row is found by: those of every name its applicant had (in the log's order). */
export function journalNameTokens(
  applicants: readonly Parameters<typeof personName>[0][],
): string[] {
  return searchTokens(applicants.map(personName).join(' '));
}

/** The journal row of a folded case, or null for a case with no intake yet. */
export function journalRowOf(
  state: CaseState,
  calendar: WorkingCalendar,
  updatedAtMs: number,
  extras: RowExtras = {},
): JournalRow | null {
  const applicant = state.applicant;
  if (state.caseId === null || applicant === null || state.serviceId === null) return null;
  const refusal = state.acceptanceRefusal;
  const number = state.registrationNumber ?? refusal?.receiptNumber ?? '';
  const date =
    state.registrationDate ??
    refusal?.refusalDate ??
    (state.receivedAt ? datePart(state.receivedAt) : null) ??
    proactiveOpenedOn(state) ??
    '';
  const occasion = proactiveOccasion(state);
  const applicantName = personName(applicant);
  const named = applicantsOverTime(state);
  const schedule = caseSchedule(state, calendar);
  const running = schedule.phase === 'running';
  const due = schedule.due;
  const step = running ? schedule.current : null;
  return {
    id: state.caseId,
    number,
    date,
    receivedAt: state.receivedAt,
    serviceId: state.serviceId,
    stage: state.stage,
    officeId: state.officeId,
    iin: applicant.iin,
    applicantName,
    // Every name the applicant had in the log, so a corrected name never leaves a stale index key
    // (renderer/src/db/name-index.ts) and the case is found by the name on its talon as well.
    nameTokens: journalNameTokens(named.length > 0 ? named : [applicant]),
    termPhase: schedule.phase,
    ...(schedule.dayUnit === 'calendarDays' ? { dayUnit: 'calendarDays' as const } : {}),
    due: due === null ? null : dueKey(due),
    ...(running && due !== null ? { openDueDate: dayOf(due), overdueFrom: overdueFrom(due) } : {}),
    ...(schedule.provisionalDays.length > 0 ? { dueProvisional: true as const } : {}),
    ...(step?.due
      ? {
          stepId: step.step.id,
          stepOwner: step.owner,
          stepDue: dueKey(step.due),
          stepOverdueFrom: overdueFrom(step.due),
          ...(schedule.currentRole ? { stepRole: schedule.currentRole } : {}),
        }
      : {}),
    ...lateFromOf(running && due !== null ? overdueFrom(due) : undefined, step?.due),
    ...(running && schedule.holder ? { holder: schedule.holder } : {}),
    ...(occasion !== null ? { occasion: { name: occasion.name, date: occasion.date } } : {}),
    ...((extras.heldEvents ?? 0) > 0 ? { needsUpdate: true as const } : {}),
    flagged: state.flagged,
    updatedAtMs,
  };
}

/** The row's lateFrom: the earlier of the term's and the current step's overdue moments, if any. */
function lateFromOf(
  termLate: LocalDateTime | undefined,
  stepDue: Due | null | undefined,
): { lateFrom?: LocalDateTime } {
  const stepLate = stepDue ? overdueFrom(stepDue) : undefined;
  const moments = [termLate, stepLate].filter((m): m is LocalDateTime => m !== undefined);
  if (moments.length === 0) return {};
  return { lateFrom: moments.reduce((a, b) => (b < a ? b : a)) };
}
