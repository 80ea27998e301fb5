// The journal's name index: for every case, one row in its own table (nameIndex, v14),
// `{ k: ␁${date}␁${numberSortKey}␁${caseId}, w: [its name's words] }`, with a multi-entry index on
// the words. What must stay true:
// - nameIndex holds exactly nameIndexRowOf(row) for every row of `cases`, no more: a case's name row
//   is written in the same transaction as its journal row (case-projection writeJournalRowsOver,
//   addJournalRows, reprojectAllCases). The date and the number are set by the case's opening event
//   and never change after it; the name's words are those of every name the applicant had in the log
//   (the opening event's and each ApplicationCorrected's, shared/case applicantsOverTime), so they
//   only grow. A row's key therefore never goes stale, and a write of a journal row writes its name
//   row only when a word was added (for most acts, never).
// - One row a case, whatever its words: IndexedDB's cost here is per request (a row with a dozen
//   index entries costs about a quarter of a dozen keys-only rows, bench-sync), and a pulled or
//   registered case writes one name row.
// - A name search reads the primary keys of one index range per typed word (no row is deserialized)
//   and takes the case, its date and its number from them, so it is answered and ordered (newest
//   first, or the book's order) without reading rows; only the window on screen is read as rows.
// - The order is the journal's own (journal-queries byDateDesc / byNumberAsc): date, then the number's
//   sort key, then the case id.
import { numberSortKey } from '../../../shared/case';
import type { JournalRow } from '../../../shared/journal';

const SEP = '\u0001';

type NameKeyed = Pick<JournalRow, 'id' | 'date' | 'number' | 'nameTokens'>;

/** A case's row of the name index: its place in the journal (`k`) and its name's words (`w`). */
export interface NameIndexRow {
  readonly k: string;
  readonly w: readonly string[];
}

/**
 * What follows the lead of a key in the journal's keys-only indexes (a lateFrom in late-index.ts),
 * and the whole key of a name row: `␁${date}␁${numberSortKey}␁${caseId}`, so keys sort in the
 * journal's order and say, without the row, where the case stands in it (parseJournalKey).
 */
export function journalKeyTail(row: Pick<JournalRow, 'id' | 'date' | 'number'>): string {
  return `${SEP}${row.date}${SEP}${numberSortKey(row.number)}${SEP}${row.id}`;
}

/** The name index's row of one journal row. */
export function nameIndexRowOf(row: NameKeyed): NameIndexRow {
  return { k: journalKeyTail(row), w: [...new Set(row.nameTokens)] };
}

export interface JournalKeyEntry {
  readonly id: string;
  readonly date: string;
  readonly numberKey: string;
}

/**
 * The case, its date and its number's sort key, from a name row's key or a key of the late index
 * (whose lead, before the first ␁, is its lateFrom).
 */
export function parseJournalKey(key: string): JournalKeyEntry | null {
  const [lead, date, numberKey, id] = key.split(SEP);
  if (lead === undefined || date === undefined || numberKey === undefined || id === undefined) {
    return null;
  }
  return { id, date, numberKey };
}

/** The range of the words index of every word that starts with `prefix` (a folded search token). */
export function nameKeyRange(prefix: string): readonly [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** What a Dexie table of name rows offers the writers (a Table, or a Dexie upgrade's tx.table). */
export interface NameIndexTable {
  bulkPut(rows: readonly NameIndexRow[]): PromiseLike<unknown>;
  clear(): PromiseLike<unknown>;
}

/** Rebuilds the whole index from every row (a schema upgrade, a full re-projection, a restore). */
export async function rebuildNameIndex(
  table: NameIndexTable,
  rows: readonly NameKeyed[],
): Promise<void> {
  await table.clear();
  await putNameRows(table, rows);
}

/**
 * Writes the name rows of journal rows whose words the rows they replace lacked (`replaced[i]` is the
 * row `rows[i]` replaces, if any): a new case, or a name corrected with a new word. One write even
 * with no row: an async step inside a Dexie transaction that awaits no Dexie operation loses the
 * transaction for what its caller does next.
 */
export function putNameRows(
  table: NameIndexTable,
  rows: readonly NameKeyed[],
  replaced: readonly (NameKeyed | undefined)[] = [],
): PromiseLike<unknown> {
  const changed = rows.filter((row, i) => {
    const before = replaced[i];
    if (before === undefined) return true;
    const present = new Set(before.nameTokens);
    return row.nameTokens.some((word) => !present.has(word));
  });
  return table.bulkPut(changed.map(nameIndexRowOf));
}
