// How many cases the journal holds, and how many of them have a running term, kept beside the rows
// instead of counted by IndexedDB each time the journal opens. On a desk's disk profile a native
// count walks every record (0.2 s for the 100,000 rows of `cases`, 1.8 s for an index of them), while
// a tally is one small read. What must stay true:
// - Whenever a tally exists it equals the native count: `journal:cases` every row of `cases`,
//   `journal:open` the rows in its openDueDate index (a running term: isOpenRow). Every writer of rows
//   (case-projection.ts, the one projection) changes the tallies in the transaction that writes the
//   rows, by the difference between the rows it replaced and the rows it wrote (tallyChange).
// - A missing tally (a desk from before tallies, a restored backup made before them) is never changed
//   by a writer and never trusted by a reader: readers count natively, and the database's ready step
//   writes it from native counts (database.ts, ensureJournalTallies). A bulk rewrite of every row
//   (reprojectAllCases, a restore) counts again natively (recountJournal).
// - Tallies live in `counters` (kept in the same transaction as what they count, like the numbers),
//   which every transaction that writes rows already holds (case-store CASE_WRITE_TABLES).
import type { JournalRow } from '../../../shared/journal';
import type { CounterRow } from './database';

/** Every counter the journal keeps for itself starts so (these, late-index LATE_INDEX_BUILT). */
export const JOURNAL_COUNTERS_PREFIX = 'journal:';
export const JOURNAL_TALLIES = { cases: 'journal:cases', open: 'journal:open' } as const;

export interface JournalTallies {
  /** Rows of `cases`. */
  readonly cases: number;
  /** Rows with a running term (in the openDueDate index). */
  readonly open: number;
}

type Tallied = Pick<JournalRow, 'openDueDate'>;

/** Whether a row is in the openDueDate index: IndexedDB indexes a row only under a valid key. */
export function isOpenRow(row: Tallied): boolean {
  return typeof row.openDueDate === 'string';
}

/**
 * How the tallies change when `written` rows replace `replaced` (the stored row of each written one's
 * id, undefined where there was none), position by position.
 */
export function tallyChange(
  replaced: readonly (Tallied | undefined)[],
  written: readonly Tallied[],
): JournalTallies {
  let cases = 0;
  let open = 0;
  written.forEach((row, i) => {
    const before = replaced[i];
    if (before === undefined) cases += 1;
    open += (isOpenRow(row) ? 1 : 0) - (before !== undefined && isOpenRow(before) ? 1 : 0);
  });
  return { cases, open };
}

/** What the writers need of `counters` (the table, or a Dexie upgrade's tx.table('counters')). */
export interface TallyTable extends TallyReader {
  bulkPut(rows: readonly CounterRow[]): PromiseLike<unknown>;
}

interface TallyReader {
  bulkGet(keys: string[]): PromiseLike<(CounterRow | undefined)[]>;
}

/** Both tallies' counter rows (undefined where missing), in one read. */
export function storedTallies(counters: TallyReader): PromiseLike<(CounterRow | undefined)[]> {
  return counters.bulkGet([JOURNAL_TALLIES.cases, JOURNAL_TALLIES.open]);
}

/**
 * The counter rows that add `change` to the `stored` tallies (storedTallies' answer), for each one
 * that exists (see the header: a missing one stays missing) and changes.
 */
export function tallyRows(
  stored: readonly (CounterRow | undefined)[],
  change: JournalTallies,
): CounterRow[] {
  const [cases, open] = stored;
  const rows: CounterRow[] = [];
  if (cases !== undefined && change.cases !== 0) {
    rows.push({ key: JOURNAL_TALLIES.cases, value: cases.value + change.cases });
  }
  if (open !== undefined && change.open !== 0) {
    rows.push({ key: JOURNAL_TALLIES.open, value: open.value + change.open });
  }
  return rows;
}

/**
 * Adds `change` to the tallies, in one read and one write. A chain of Dexie promises rather than an
 * async function: inside a transaction, an async step that ends on anything but a Dexie operation
 * (no operation, a native Promise.all) can lose the transaction for its caller's next one.
 */
export function applyTallyChange(
  counters: TallyTable,
  change: JournalTallies,
): PromiseLike<unknown> {
  return storedTallies(counters).then((stored) => counters.bulkPut(tallyRows(stored, change)));
}

/** What counting natively needs of `cases`. */
export interface CountableCases {
  count(): PromiseLike<number>;
  orderBy(index: 'openDueDate'): { count(): PromiseLike<number> };
}

async function nativeTallies(cases: CountableCases): Promise<JournalTallies> {
  const all = await cases.count();
  return { cases: all, open: await cases.orderBy('openDueDate').count() };
}

/** Writes both tallies from native counts, in the caller's transaction (it must hold both tables). */
export async function recountJournal(tables: {
  readonly cases: CountableCases;
  readonly counters: TallyTable;
}): Promise<JournalTallies> {
  const tallies = await nativeTallies(tables.cases);
  await tables.counters.bulkPut([
    { key: JOURNAL_TALLIES.cases, value: tallies.cases },
    { key: JOURNAL_TALLIES.open, value: tallies.open },
  ]);
  return tallies;
}

/** The tallies, or native counts where one is missing: the journal's totals. */
export async function readJournalTallies(tables: {
  readonly cases: CountableCases;
  readonly counters: TallyReader;
}): Promise<JournalTallies> {
  const [cases, open] = await storedTallies(tables.counters);
  if (cases !== undefined && open !== undefined) return { cases: cases.value, open: open.value };
  return nativeTallies(tables.cases);
}

/** Writes the tallies from native counts where one is missing (the database's ready step). */
export async function ensureJournalTallies(tables: {
  readonly cases: CountableCases;
  readonly counters: TallyTable;
}): Promise<void> {
  const [cases, open] = await storedTallies(tables.counters);
  if (cases === undefined || open === undefined) await recountJournal(tables);
}
