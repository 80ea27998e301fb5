// The journal's late index: for every case with a running term or step, one key
// `${lateFrom}␁${date}␁${numberSortKey}␁${caseId}` in its own keys-only table (caseLate), so "late
// now" (shared/journal isLateAt: lateFrom ≤ now) is one key range whose keys alone give the count and
// the journal's order, and only the window on screen is read as rows. The `lateFrom` index of `cases`
// answers the same question but only through its rows: on a disk profile, 2,000 late cases of 100,000
// cost 0.2-0.35 s to read, against a few milliseconds for their keys. What must stay true:
// - caseLate holds exactly lateKeyOf(row) for every row of `cases` that has one, no more: a key is
//   written, and the replaced row's key deleted when it differs, in the transaction that writes the
//   row (case-projection.ts, from the row it replaced). A bulk rewrite and a restore rebuild it, and
//   so does the database's ready step while the counter LATE_INDEX_BUILT is missing (a desk that ran
//   a version before the index, database.ts v11).
// - Nothing in a key is sealed data: the times, the date and the number stand in `cases`' own
//   indexes in the clear too (at-rest-middleware.ts seals names, IINs and payloads).
import { Dexie } from 'dexie';
import type { JournalRow } from '../../../shared/journal';
import type { LocalDateTime } from '../../../shared/time';
import { journalKeyTail } from './name-index';

type LateKeyed = Pick<JournalRow, 'id' | 'date' | 'number' | 'lateFrom'>;

/**
 * The late index's key of a row (the name index's key format with lateFrom as its lead; read back by
 * name-index parseJournalKey), or null when neither its term nor its step is running.
 */
export function lateKeyOf(row: LateKeyed): string | null {
  if (row.lateFrom === undefined) return null;
  return `${row.lateFrom}${journalKeyTail(row)}`;
}

/**
 * The upper bound of the keys of every case late at `now` (lateFrom ≤ now): lateFrom is a
 * LocalDateTime of fixed width, so every such key sorts below `${now}␂`, every other above it.
 */
export function lateUpperBound(now: LocalDateTime): string {
  return `${now}\u0002`;
}

/** What a keys-only Dexie table offers the writers (a Table, or a Dexie upgrade's tx.table). */
export interface LateKeyTable {
  bulkPut(items: readonly number[], keys: readonly string[]): PromiseLike<unknown>;
  bulkDelete(keys: readonly string[]): PromiseLike<unknown>;
  clear(): PromiseLike<unknown>;
}

/**
 * Puts the keys of `written` rows that the rows they replaced (position by position) did not have,
 * and deletes those of the replaced rows that are not kept. One delete and one put, even for none: an
 * async step inside a Dexie transaction that ends on no Dexie operation loses the transaction for
 * what its caller does next.
 */
export function updateLateKeys(
  table: LateKeyTable,
  replaced: readonly (LateKeyed | undefined)[],
  written: readonly LateKeyed[],
): PromiseLike<unknown> {
  const keep = new Set<string>();
  for (const row of written) {
    const key = lateKeyOf(row);
    if (key !== null) keep.add(key);
  }
  const had = new Set<string>();
  for (const row of replaced) {
    const key = row === undefined ? null : lateKeyOf(row);
    if (key !== null) had.add(key);
  }
  const stale = [...had].filter((key) => !keep.has(key));
  const keys = [...keep].filter((key) => !had.has(key));
  // Both at once: no key is in both.
  return Dexie.Promise.all([
    table.bulkDelete(stale),
    table.bulkPut(
      keys.map(() => 0),
      keys,
    ),
  ]);
}

/** Rebuilds the whole index from every row (a full re-projection, a restore). */
export function rebuildLateIndex(
  table: LateKeyTable,
  rows: readonly LateKeyed[],
): PromiseLike<unknown> {
  return table.clear().then(() => updateLateKeys(table, [], rows));
}

/** The counter that says the late index was built for this database (value 1). */
export const LATE_INDEX_BUILT = 'journal:lateIndexBuilt';

interface LateIndexTables {
  readonly caseLate: LateKeyTable;
  readonly counters: {
    get(key: string): PromiseLike<{ value: number } | undefined>;
    put(row: { key: string; value: number }): PromiseLike<unknown>;
  };
}

/** Builds the index from every row and records that it was built (a restore, the ready step). */
export async function buildLateIndex(
  tables: LateIndexTables,
  rows: readonly LateKeyed[],
): Promise<void> {
  await rebuildLateIndex(tables.caseLate, rows);
  await tables.counters.put({ key: LATE_INDEX_BUILT, value: 1 });
}

/** Builds the index from every row unless it was built (the database's ready step). */
export async function ensureLateIndex(
  tables: LateIndexTables & { readonly cases: { toArray(): PromiseLike<LateKeyed[]> } },
): Promise<void> {
  if ((await tables.counters.get(LATE_INDEX_BUILT)) !== undefined) return;
  await buildLateIndex(tables, await tables.cases.toArray());
}
