// The monthly report (issue 9 §11): per service and per okrug (the office that opened the case), what
// came in and what was decided in one calendar month. A pure function of the folded cases, the month
// and the working-day calendar; the district's desk and an akimat's desk run the same code.
//
// Definitions, which must stay true (the fixture test in monthly.test.ts counts them by hand):
// - received: the case was registered in the month (its registration date, R-REG-1, 003:31), or, for
//   proactive assistance that has no application (R-PRO-1, 003:30), opened in the month (the legal
//   day of ProactiveCaseOpened). An application refused at intake (2-1 receipt, R-REG-6, 003:27) is
//   never registered and is never received. A withdrawn case stays received in its month.
// - decided: the case's result is dated in the month, by the date the result document carries:
//   the district's decision (DecisionMade, app. 5, 003:47), the district's paper result the akimat
//   typed in (DistrictResultRecorded, for a district that does not use the desk), or a certificate the
//   office issued itself (CertificateIssued on the local route, seed 002). A case is decided in at most
//   one month. A withdrawn case is never decided (it is withdrawn before a result, transitions.ts).
// - granted / refused: the decision's outcome. A certificate is granted whichever variant it states
//   (R-CERT-3): the service, issuing the certificate, was rendered; the only refusal of that service
//   is the 2-1 receipt, which is never registered. So decided = granted + refused.
// - on time / late: the result's moment against the case's due point in force (shared/schedule
//   caseSchedule: the talon's date, a person's extension or re-planning, days added by suspensions, a
//   minute term's moment), judged by shared/deadlines completionCheck, the same isPastDue the journal
//   and the case page say "overdue" with. A case whose term has no due point (proactive assistance
//   opened without one) is neither: onTime + late ≤ decided.
// - average days: the mean of calendar days from the day the case was received (as above) to the day
//   of its result, over the cases decided in the month, rounded to one decimal; null when none was
//   decided. Calendar days, not working days: this is how long the applicant waited, it needs no
//   calendar coverage, and it adds up across services whose terms run in different units (working
//   days, calendar days, minutes), while on time / late already judges each case in its own term's
//   unit (R-CAL-4). Totals average the cases, not the rows' averages.
// - A row is one (service, office) pair with anything to count; totals are sums of the rows.
import type { WorkingCalendar } from '../calendar';
import { proactiveOpenedOn, type CaseState } from '../case';
import { completionCheck } from '../deadlines';
import { caseSchedule } from '../schedule';
import { datePart, daysBetween, type LocalDate, type LocalDateTime } from '../time';
import { isInMonth, type ReportMonth } from './month';

export interface MonthlyFigures {
  readonly received: number;
  readonly decided: number;
  readonly granted: number;
  readonly refused: number;
  readonly onTime: number;
  readonly late: number;
  /** Calendar days from receipt to result, averaged, one decimal; null when nothing was decided. */
  readonly averageDays: number | null;
  /** The sum and count behind averageDays, so totals average cases, not averages. */
  readonly daysSum: number;
  readonly daysCounted: number;
}

export interface MonthlyRow {
  readonly serviceId: string;
  readonly officeId: string;
  readonly figures: MonthlyFigures;
}

export interface MonthlyReport {
  readonly month: ReportMonth;
  /** The okrug the report is narrowed to; null for every office the cases came from. */
  readonly officeId: string | null;
  /** Service × office, ordered by service id, then office id. */
  readonly rows: readonly MonthlyRow[];
  /** Totals per service, ordered by service id. */
  readonly services: readonly { readonly serviceId: string; readonly figures: MonthlyFigures }[];
  /** Totals per office (okrug), ordered by office id. */
  readonly offices: readonly { readonly officeId: string; readonly figures: MonthlyFigures }[];
  readonly total: MonthlyFigures;
}

export const EMPTY_FIGURES: MonthlyFigures = {
  received: 0,
  decided: 0,
  granted: 0,
  refused: 0,
  onTime: 0,
  late: 0,
  averageDays: null,
  daysSum: 0,
  daysCounted: 0,
};

/** The day a case was received in the report's sense (registration, or a proactive opening). */
export function receivedOn(state: CaseState): LocalDate | null {
  return state.registrationDate ?? proactiveOpenedOn(state);
}

export interface CaseResult {
  /** The date the result document carries. */
  readonly on: LocalDate;
  /**
   * The moment judged against the due point: the legal time of the event that recorded the result
   * when it falls on that date (a certificate, a decision made on the desk); otherwise only the date
   * is known (a paper result typed in later) and its first minute stands for it. For a due date only
   * the day counts (isPastDue), so the choice matters only for minute terms.
   */
  readonly at: LocalDateTime;
  readonly outcome: 'granted' | 'refused';
}

function momentOn(on: LocalDate, legalTime: LocalDateTime | undefined): LocalDateTime {
  return legalTime !== undefined && datePart(legalTime) === on ? legalTime : `${on}T00:00`;
}

/** The case's result, if it has one: a decision (the district's, on the desk or on paper) or a certificate. */
export function resultOf(state: CaseState): CaseResult | null {
  if (state.decision !== null) {
    const on = state.decision.date;
    return {
      on,
      at: momentOn(on, state.decision.decidedAt),
      outcome: state.decision.outcome === 'grant' ? 'granted' : 'refused',
    };
  }
  if (state.certificate !== null) {
    const on = state.certificate.date;
    return { on, at: momentOn(on, state.stepTimes.CertificateIssued), outcome: 'granted' };
  }
  return null;
}

interface Tally {
  received: number;
  decided: number;
  granted: number;
  refused: number;
  onTime: number;
  late: number;
  daysSum: number;
  daysCounted: number;
}

const emptyTally = (): Tally => ({
  received: 0,
  decided: 0,
  granted: 0,
  refused: 0,
  onTime: 0,
  late: 0,
  daysSum: 0,
  daysCounted: 0,
});

function addInto(into: Tally, from: Tally): void {
  into.received += from.received;
  into.decided += from.decided;
  into.granted += from.granted;
  into.refused += from.refused;
  into.onTime += from.onTime;
  into.late += from.late;
  into.daysSum += from.daysSum;
  into.daysCounted += from.daysCounted;
}

/** Rounds to one decimal, halves away from zero (12.25 → 12.3). */
export function roundToTenth(value: number): number {
  // The small nudge keeps a half that binary fractions store just below .5 (x.x5) rounding up.
  return (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
}

function figuresOf(t: Tally): MonthlyFigures {
  return {
    ...t,
    averageDays: t.daysCounted === 0 ? null : roundToTenth(t.daysSum / t.daysCounted),
  };
}

/** What one case adds to its row, or null when it adds nothing to this month. */
function caseTally(state: CaseState, month: ReportMonth, calendar: WorkingCalendar): Tally | null {
  const tally = emptyTally();
  const received = receivedOn(state);
  if (isInMonth(received, month)) tally.received = 1;
  const result = resultOf(state);
  if (result !== null && isInMonth(result.on, month)) {
    tally.decided = 1;
    if (result.outcome === 'granted') tally.granted = 1;
    else tally.refused = 1;
    const due = caseSchedule(state, calendar).due;
    if (due !== null) {
      if (completionCheck(due, result.at) === 'late') tally.late = 1;
      else tally.onTime = 1;
    }
    if (received !== null) {
      tally.daysSum = daysBetween(received, result.on);
      tally.daysCounted = 1;
    }
  }
  return tally.received + tally.decided === 0 ? null : tally;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report of `month` over the folded cases given (any superset of the month's cases: the others
 * add nothing), narrowed to one office when `officeId` is given.
 */
export function monthlyReport(
  states: Iterable<CaseState>,
  month: ReportMonth,
  calendar: WorkingCalendar,
  options: { readonly officeId?: string | null } = {},
): MonthlyReport {
  const officeFilter = options.officeId ?? null;
  const rows = new Map<string, { serviceId: string; officeId: string; tally: Tally }>();
  for (const state of states) {
    if (state.serviceId === null || state.officeId === null) continue;
    if (officeFilter !== null && state.officeId !== officeFilter) continue;
    const tally = caseTally(state, month, calendar);
    if (tally === null) continue;
    const key = `${state.serviceId}\u0000${state.officeId}`;
    const row = rows.get(key) ?? {
      serviceId: state.serviceId,
      officeId: state.officeId,
      tally: emptyTally(),
    };
    addInto(row.tally, tally);
    rows.set(key, row);
  }
  const ordered = [...rows.values()].sort(
    (a, b) => byId(a.serviceId, b.serviceId) || byId(a.officeId, b.officeId),
  );
  const services = new Map<string, Tally>();
  const offices = new Map<string, Tally>();
  const total = emptyTally();
  for (const row of ordered) {
    const s = services.get(row.serviceId) ?? emptyTally();
    addInto(s, row.tally);
    services.set(row.serviceId, s);
    const o = offices.get(row.officeId) ?? emptyTally();
    addInto(o, row.tally);
    offices.set(row.officeId, o);
    addInto(total, row.tally);
  }
  return {
    month,
    officeId: officeFilter,
    rows: ordered.map((r) => ({
      serviceId: r.serviceId,
      officeId: r.officeId,
      figures: figuresOf(r.tally),
    })),
    services: [...services.entries()]
      .sort(([a], [b]) => byId(a, b))
      .map(([serviceId, t]) => ({ serviceId, figures: figuresOf(t) })),
    offices: [...offices.entries()]
      .sort(([a], [b]) => byId(a, b))
      .map(([officeId, t]) => ({ officeId, figures: figuresOf(t) })),
    total: figuresOf(total),
  };
}
