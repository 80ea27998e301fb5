// What is a person's today: the cases whose current step is theirs, or whose whole term their side
// holds, due today or late. Read from the journal rows' two indexed moments (overdueFrom and
// stepOverdueFrom at or before tomorrow's 00:00) and decided by shared/journal todayItemOf on rowWork, the
// same answer the journal, the dashboard and the case page give. The today list, the navigation's
// count and the morning reminder all read this one function.
import type { CaseRole } from '../../../shared/case';
import type { WorkingCalendar } from '../../../shared/calendar';
import { endOfToday, rowWork, todayItemOf, type TodayItem } from '../../../shared/journal';
import type { LocalDateTime } from '../../../shared/time';
import type { CaseRow, DeskDatabase } from './database';

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

/** `role`'s today list at `now`, most urgent first. */
export async function loadToday(
  db: DeskDatabase,
  now: LocalDateTime,
  role: CaseRole,
  calendar: WorkingCalendar,
): Promise<TodayEntry[]> {
  const entries: TodayEntry[] = [];
  for (const row of await rowsDueToday(db, now)) {
    const item = todayItemOf(rowWork(row, now, calendar), role);
    if (item !== null) entries.push({ row, item });
  }
  return entries.sort(urgentFirst);
}
