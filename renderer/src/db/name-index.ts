// The journal's name index: for every case, one key per word of the applicant's name,
// `${word}␁${date}␁${numberSortKey}␁${caseId}`, in its own keys-only table (caseNames). What must
// stay true:
// - caseNames holds exactly nameKeysOf(row) for every row of `cases`, no more: keys are written in
//   the same transaction as their row (case-projection writeJournalRow, addJournalRows,
//   reprojectAllCases). The date and the number are set by the case's opening event and never change
//   after it; the name's words are those of every name the applicant had in the log (the opening
//   event's and each ApplicationCorrected's, shared/case applicantsOverTime), so they only grow. A
//   row's keys therefore never go stale, and a write of a row puts only the keys its replaced row
//   did not have (none, for most acts: each is a write at a random place of a large index).
// - A name search reads one key range per typed word (getAllKeys: no row is deserialized) and takes
//   the case, its date and its number from the keys, so it is answered and ordered (newest first, or
//   the book's order) without reading rows; only the window on screen is read as rows. A search of
//   2,000 matches reads 2,000 short strings instead of 2,000 rows.
// - The order is the journal's own (journal-queries byDateDesc / byNumberAsc): date, then the number's
//   sort key, then the case id.
import { numberSortKey } from '../../../shared/case';
import type { JournalRow } from '../../../shared/journal';

const SEP = '\u0001';

type NameKeyed = Pick<JournalRow, 'id' | 'date' | 'number' | 'nameTokens'>;

/**
 * What follows the lead of a key in the journal's keys-only indexes (a name word here, a lateFrom in
 * late-index.ts): `␁${date}␁${numberSortKey}␁${caseId}`, so the keys of one lead sort in the
 * journal's order and say, without the row, where the case stands in it (parseJournalKey).
 */
export function journalKeyTail(row: Pick<JournalRow, 'id' | 'date' | 'number'>): string {
  return `${SEP}${row.date}${SEP}${numberSortKey(row.number)}${SEP}${row.id}`;
}

/** The name index's keys of one journal row. */
export function nameKeysOf(row: NameKeyed): string[] {
  const tail = journalKeyTail(row);
  return [...new Set(row.nameTokens)].map((word) => `${word}${tail}`);
}

export interface JournalKeyEntry {
  readonly id: string;
  readonly date: string;
  readonly numberKey: string;
}

/** The case, its date and its number's sort key, from a key of the name or the late index. */
export function parseJournalKey(key: string): JournalKeyEntry | null {
  const [lead, date, numberKey, id] = key.split(SEP);
  if (lead === undefined || date === undefined || numberKey === undefined || id === undefined) {
    return null;
  }
  return { id, date, numberKey };
}

/** The key range of every word that starts with `prefix` (a folded search token). */
export function nameKeyRange(prefix: string): readonly [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** What a keys-only Dexie table offers the writers (a Table, or a Dexie upgrade's tx.table). */
export interface NameKeyTable {
  bulkPut(items: readonly number[], keys: readonly string[]): PromiseLike<unknown>;
  clear(): PromiseLike<unknown>;
}

/** Rebuilds the whole index from every row (a schema upgrade, a full re-projection). */
export async function rebuildNameIndex(
  table: NameKeyTable,
  rows: readonly NameKeyed[],
): Promise<void> {
  await table.clear();
  await addNameKeys(table, rows);
}

/**
 * Adds the keys of rows, without those of the rows they replace (`replaced[i]` is the row `rows[i]`
 * replaces, if any): those are in the index already. One write even with no keys: an async step
 * inside a Dexie transaction that awaits no Dexie operation loses the transaction for what its
 * caller does next.
 */
export function addNameKeys(
  table: NameKeyTable,
  rows: readonly NameKeyed[],
  replaced: readonly (NameKeyed | undefined)[] = [],
): PromiseLike<unknown> {
  const keys = rows.flatMap((row, i) => {
    const before = replaced[i];
    if (before === undefined) return nameKeysOf(row);
    const present = new Set(nameKeysOf(before));
    return nameKeysOf(row).filter((key) => !present.has(key));
  });
  return table.bulkPut(
    keys.map(() => 0),
    keys,
  );
}
