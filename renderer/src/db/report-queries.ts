// The monthly report's reads (issue 9 §11): the folded cases a month's report needs, and the okrugs
// the desk holds cases of. The figures are shared/reports monthlyReport's; this file only decides
// which logs to read and fold. What must stay true:
// - The cases read are a superset of those the month counts (received or decided in it): the report
//   is exact whatever else is folded, so the pruning below may only ever leave out cases that cannot
//   count.
// - A journal row is written again (updatedAtMs = the desk's clock at the write) whenever an event of
//   its case is appended or imported. A case received or decided in the month got the event that made
//   it so (the registration, the decision, the paper result, the certificate) written no earlier than
//   the legal day it carries (a result is never dated after the day it is entered: the decision forms
//   hold its date to "not in the future", case-page/forms/decision-fields.tsx), less the days a
//   registration may lie ahead of its receipt (R-REG-1: a Saturday's application is registered on
//   Monday, one before a long holiday after it). So its row's
//   updatedAtMs is at or after the month's first day less WRITE_SLACK_DAYS (which also covers the
//   office's zone, UTC+5). Rows written before that are left out without reading their logs.
// - A row dated after the month (registered later) is left out: a case is decided after it is
//   registered. A row of a refused application (notAccepted, R-REG-6) is never received nor decided.
// - A report narrowed to one okrug reads only that okrug's rows: the report counts a case under its
//   state's officeId, and the row carries the same officeId (journalRowOf), written with every event.
// - One read transaction: the rows and the logs are of the same moment.
// - The kept cases' logs are read by caseLogsOf (each by its own request, all at once).
import type { WorkingCalendar } from '../../../shared/calendar';
import { foldCase, type CaseState } from '../../../shared/case';
import {
  monthDays,
  monthlyReport,
  type MonthlyReport,
  type ReportMonth,
} from '../../../shared/reports';
import type { DeskDatabase } from './database';
import { caseLogsOf } from './event-rows';

/** Days before the month's first day from which a row's last write may still count (see above). */
export const WRITE_SLACK_DAYS = 14;
const DAY_MS = 86_400_000;

/** The earliest last write of a row whose case can count in `month`. */
export function reportSinceMs(month: ReportMonth): number {
  const { first } = monthDays(month);
  const midnightUtc = Date.UTC(
    Number(first.slice(0, 4)),
    Number(first.slice(5, 7)) - 1,
    Number(first.slice(8, 10)),
  );
  return midnightUtc - WRITE_SLACK_DAYS * DAY_MS;
}

/**
 * The folded cases that may count in `month` (a superset: see the file's head), of one okrug when
 * `officeId` is given.
 */
export async function monthCaseStates(
  db: DeskDatabase,
  month: ReportMonth,
  officeId: string | null = null,
): Promise<CaseState[]> {
  const { last } = monthDays(month);
  return db.transaction('r', db.cases, db.events, async () => {
    const rows = await db.cases.where('updatedAtMs').aboveOrEqual(reportSinceMs(month)).toArray();
    // A proactive case's row is dated by its opening (shared/case proactiveOpenedOn), as the report
    // counts it received.
    const ids = rows
      .filter(
        (r) =>
          r.date <= last &&
          r.stage !== 'notAccepted' &&
          (officeId === null || r.officeId === officeId),
      )
      .map((r) => r.id);
    const logs = await caseLogsOf(db, ids);
    return [...logs.values()].flatMap((events) => (events.length === 0 ? [] : [foldCase(events)]));
  });
}

/** The monthly report of `month` on this desk, for one okrug or (officeId null) every one. */
export async function loadMonthlyReport(
  db: DeskDatabase,
  month: ReportMonth,
  calendar: WorkingCalendar,
  officeId: string | null = null,
): Promise<MonthlyReport> {
  const states = await monthCaseStates(db, month, officeId);
  return monthlyReport(states, month, calendar, { officeId });
}
