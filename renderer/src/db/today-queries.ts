// What is a person's today: the cases whose current step is theirs, or whose whole term their side
// holds, due today or late; and, for the akimat's specialist, each result signed at the district that
// arrived by sync and waits to be taken back and announced to the applicant (resultArrivalItems). Read from the journal rows' two indexed moments (overdueFrom and
// stepOverdueFrom at or before tomorrow's 00:00) and decided by shared/journal todayItemOf on rowWork, the
// same answer the journal, the dashboard and the case page give. The today list, the navigation's
// count and the morning reminder all read this one function.
import type { CaseRole } from '../../../shared/case';
import type { WorkingCalendar } from '../../../shared/calendar';
import { endOfToday, rowWork, todayItemOf, type TodayItem } from '../../../shared/journal';
import { officeHoursOf } from '../../../shared/office';
import {
  RESULT_ARRIVED_STEP,
  resultArrivalDue,
  resultArrivalRole,
  resultAwaitingAkimat,
  termStateOf,
} from '../../../shared/schedule';
import type { LocalDateTime } from '../../../shared/time';
import { localDateTimeAt } from '../platform';
import { loadCase } from './case-store';
import type { CaseRow, DeskDatabase } from './database';
import { hubTimesOf } from './hub-times';
import { loadOfficeProfile } from './office-repository';

export interface TodayEntry {
  readonly row: CaseRow;
  readonly item: TodayItem;
}

const dueKeyOf = (item: TodayItem): string =>
  item.due.kind === 'date' ? `${item.due.date}T99` : item.due.at;

/** Late first, then due today; each by its due point (earliest first), then the book's number. */
function urgentFirst(a: TodayEntry, b: TodayEntry): number {
  if (a.item.status !== b.item.status) return a.item.status === 'overdue' ? -1 : 1;
  const da = dueKeyOf(a.item);
  const db = dueKeyOf(b.item);
  if (da !== db) return da < db ? -1 : 1;
  return a.row.number < b.row.number ? -1 : a.row.number > b.row.number ? 1 : 0;
}

/** The rows due today or late at `now`, from the two index ranges, each case once. */
export async function rowsDueToday(db: DeskDatabase, now: LocalDateTime): Promise<CaseRow[]> {
  const until = endOfToday(now);
  const [terms, steps] = await Promise.all([
    db.cases.where('overdueFrom').belowOrEqual(until).toArray(),
    db.cases.where('stepOverdueFrom').belowOrEqual(until).toArray(),
  ]);
  const byId = new Map<string, CaseRow>();
  for (const row of [...terms, ...steps]) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * The akimat's "result arrived: take it back and tell the applicant" items (issue 9 §8), due today or
 * late at `now`: each case holding a result the district head signed that the akimat has not yet
 * announced (shared/schedule resultAwaitingAkimat), due from the hub's receipt of that result
 * (resultArrivalDue). A result the desk holds without a hub time (brought by a sync file) counts from
 * when it was signed, the earliest it could have arrived.
 */
export async function resultArrivalItems(
  db: DeskDatabase,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): Promise<TodayEntry[]> {
  const rows = await db.cases.where('stage').anyOf(['signed', 'returned']).toArray();
  if (rows.length === 0) return [];
  const hours = officeHoursOf(await loadOfficeProfile(db)).working;
  const entries: TodayEntry[] = [];
  for (const row of rows) {
    const signed = resultAwaitingAkimat(await loadCase(db, row.id));
    if (signed === null) continue;
    const receivedMs = (await hubTimesOf(db, row.id, [signed.id]))[signed.id];
    const arrivedAt = receivedMs === undefined ? signed.legalTime : localDateTimeAt(receivedMs);
    const due = resultArrivalDue(arrivedAt, calendar, hours);
    const state = termStateOf({ phase: 'running', due }, now, calendar);
    for (const status of ['overdue', 'dueToday'] as const) {
      if (state.kind === 'term' && state.status === status) {
        entries.push({
          row,
          item: { kind: 'step', stepId: RESULT_ARRIVED_STEP, status, due, state },
        });
      }
    }
  }
  return entries;
}

/** `role`'s today list at `now`, most urgent first. */
export async function loadToday(
  db: DeskDatabase,
  now: LocalDateTime,
  role: CaseRole,
  calendar: WorkingCalendar,
): Promise<TodayEntry[]> {
  const byRow = new Map<string, TodayEntry>();
  for (const row of await rowsDueToday(db, now)) {
    const item = todayItemOf(rowWork(row, now, calendar), role);
    if (item !== null) byRow.set(row.id, { row, item });
  }
  // The arrived result is the act the case waits for at the akimat: it stands in for the case's
  // other item, so the case is listed once.
  if (role === resultArrivalRole()) {
    for (const entry of await resultArrivalItems(db, now, calendar)) byRow.set(entry.row.id, entry);
  }
  return [...byRow.values()].sort(urgentFirst);
}
