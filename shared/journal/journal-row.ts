// The journal's row of a case: what the journal lists, searches, filters and sorts on, and what the
// dashboard, the reminder and a register's list count. What must stay true:
// - journalRowOf is the only writer of rows: the desk's store after every append, the import of
//   events, the database upgrade, the bench and the hub all call it. A row is a function of the case's
//   log (its folded state) and the calendar, never of "now".
// - Due points come from shared/schedule (caseSchedule) and statuses from termStateOf, so a case is
//   "overdue" in the journal exactly when the case page says so.
// - `openDueDate` and `stepDueDate` exist only while the term runs: the indexes behind the deadline
//   filters hold no closed and no suspended case.
import type { CaseStage, CaseState } from '../case';
import type { WorkingCalendar } from '../calendar';
import { overdueFrom, type Due } from '../deadlines';
import { caseSchedule, type StepOwner, type TermPhase } from '../schedule';
import { personName, searchTokens } from '../text';
import { datePart, type LocalDate, type LocalDateTime } from '../time';

/** The current step of a case: whose it is and when it is due. */
export interface RowStep {
  readonly id: string;
  readonly owner: StepOwner;
  readonly due: Due;
}

export interface JournalRow {
  id: string;
  /** Registration number, or the 2-1 receipt number for a refused application. */
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
  /** The whole term's due point in force (a moment for a minute term). */
  due: Due | null;
  /** The day of `due`, for display and sorting. */
  dueDate: LocalDate | null;
  /** `dueDate` while the term runs; absent otherwise: the index behind "due soon" and the due order. */
  openDueDate?: LocalDate;
  /**
   * While the term runs, the first moment it is overdue (shared/deadlines overdueFrom): "overdue now"
   * is the one index range overdueFrom ≤ now, exact for date and minute terms alike.
   */
  overdueFrom?: LocalDateTime;
  /** The due date rests on an estimated day off (Kurban Ait 2027): it may still move. */
  dueProvisional: boolean;
  /** The current step while the term runs. */
  step: RowStep | null;
  /** The day the current step is due, while the term runs: the index behind breached steps. */
  stepDueDate?: LocalDate;
  /** Events from a newer desk are kept on the case and not folded: the desk needs an update. */
  needsUpdate: boolean;
  flagged: boolean;
  updatedAtMs: number;
}

const dayOf = (due: Due): LocalDate => (due.kind === 'date' ? due.date : datePart(due.at));

export interface RowExtras {
  /** How many events of the case this desk holds without folding (newer than it). */
  readonly heldEvents?: number;
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
    (state.receivedAt ? datePart(state.receivedAt) : '');
  const applicantName = personName(applicant);
  const schedule = caseSchedule(state, calendar);
  const running = schedule.phase === 'running';
  const dueDate = schedule.due ? dayOf(schedule.due) : null;
  const current = schedule.current;
  const step: RowStep | null =
    running && current?.due
      ? { id: current.step.id, owner: current.owner, due: current.due }
      : null;
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
    nameTokens: searchTokens(applicantName),
    termPhase: schedule.phase,
    due: schedule.due,
    dueDate,
    ...(running && dueDate !== null ? { openDueDate: dueDate } : {}),
    ...(running && schedule.due !== null ? { overdueFrom: overdueFrom(schedule.due) } : {}),
    dueProvisional: schedule.provisionalDays.length > 0,
    step,
    ...(step ? { stepDueDate: dayOf(step.due) } : {}),
    needsUpdate: (extras.heldEvents ?? 0) > 0,
    flagged: state.flagged,
    updatedAtMs,
  };
}
