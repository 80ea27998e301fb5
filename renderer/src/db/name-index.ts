// The journal's name index: for every case one row of the table caseNameWords, keyed by where the case
// stands in the journal (`${date}␁${numberSortKey}␁${caseId}`, journalKeyOf) and holding the words of
// the applicant's name (`w`), found by its multi-entry index. What must stay true:
// - caseNameWords holds exactly one row for every row of `cases`, keyed journalKeyOf(row), with
//   nameWordsOf(row), no more: it is written in the same transaction as its row (case-projection
//   writeJournalRowsOver, addJournalRows, reprojectAllCases). The date and the number are set by the
//   case's opening event and never change after it, so a case's key does not either; the name's words
//   are those of every name the applicant had in the log (the opening event's and each
//   ApplicationCorrected's, shared/case applicantsOverTime), so they only grow. A write of a journal
//   row writes its words' row only when the words changed (most acts write none).
// - A name search reads one key range of the `w` index per typed word (getAllKeys: the primary keys,
//   no row is deserialized) and takes the case, its date and its number from those keys, so it is
//   answered and ordered (newest first, or the book's order) without reading rows; only the window on
//   screen is read as rows. A search of 2,000 matches reads 2,000 short strings instead of 2,000 rows.
// - The order is the journal's own (journal-queries byDateDesc / byNumberAsc): date, then the number's
//   sort key, then the case id.
// - One row a case, not one key a word (v15 to v18): a page of pulled cases writes a request a case
//   here instead of about three (IndexedDB's cost here is per request: in this Chromium, 10,000 cases
//   with their late keys took 4.7 s as about 37,000 keys, 2.1 s as 10,000 rows with the same entries).
import { Dexie } from 'dexie';
import { numberSortKey } from '../../../shared/case';
import type { JournalRow } from '../../../shared/journal';

const SEP = '\u0001';

type Keyed = Pick<JournalRow, 'id' | 'date' | 'number'>;
type NameKeyed = Keyed & Pick<JournalRow, 'nameTokens'>;

/** A case's place in the journal's order as a key: `${date}␁${numberSortKey}␁${caseId}`. */
export function journalKeyOf(row: Keyed): string {
  return `${row.date}${SEP}${numberSortKey(row.number)}${SEP}${row.id}`;
}

/**
 * What follows the lead of a key in the late index (late-index.ts): `␁${journalKeyOf(row)}`, so the
 * keys of one lead sort in the journal's order and say, without the row, where the case stands in it.
 */
export function journalKeyTail(row: Keyed): string {
  return `${SEP}${journalKeyOf(row)}`;
}

/** The stored row of the name index: the words of a case's name (blind on disk: at-rest-middleware). */
export interface NameWordsRow {
  readonly w: readonly string[];
}

/** The words a journal row is found by, each once, in their order. */
export function nameWordsOf(row: Pick<JournalRow, 'nameTokens'>): string[] {
  return [...new Set(row.nameTokens)];
}

export interface JournalKeyEntry {
  readonly id: string;
  readonly date: string;
  readonly numberKey: string;
}

/**
 * The case, its date and its number's sort key, from a key of the name index (journalKeyOf) or of
 * the late index (a lead, then journalKeyTail).
 */
export function parseJournalKey(key: string): JournalKeyEntry | null {
  const parts = key.split(SEP);
  if (parts.length < 3 || parts.length > 4) return null;
  const [date, numberKey, id] = parts.length === 4 ? parts.slice(1) : parts;
  if (date === undefined || numberKey === undefined || id === undefined) return null;
  return { id, date, numberKey };
}

/** The range of the `w` index that holds every word starting with `prefix` (a folded search token). */
export function nameKeyRange(prefix: string): readonly [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** What a name-index table offers the writers (a Table, or a Dexie upgrade's tx.table). */
export interface NameKeyTable {
  bulkPut(items: readonly NameWordsRow[], keys: readonly string[]): PromiseLike<unknown>;
  bulkDelete(keys: readonly string[]): PromiseLike<unknown>;
  clear(): PromiseLike<unknown>;
}

/** Rebuilds the whole index from every row (a schema upgrade, a full re-projection, a restore). */
export async function rebuildNameIndex(
  table: NameKeyTable,
  rows: readonly NameKeyed[],
): Promise<void> {
  await table.clear();
  await putNameWords(table, rows);
}

const sameWords = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((word, i) => word === b[i]);

/**
 * Writes the words' rows of `rows` whose words differ from those of the rows they replace
 * (`replaced[i]` is the row `rows[i]` replaces, if any), and deletes a replaced row's key that is not
 * its row's any more (never, while a case's date and number stay). One write and one delete even for
 * none: an async step inside a Dexie transaction that awaits no Dexie operation loses the transaction
 * for what its caller does next.
 */
export function putNameWords(
  table: NameKeyTable,
  rows: readonly NameKeyed[],
  replaced: readonly (NameKeyed | undefined)[] = [],
): PromiseLike<unknown> {
  const keys: string[] = [];
  const words: NameWordsRow[] = [];
  const stale: string[] = [];
  rows.forEach((row, i) => {
    const before = replaced[i];
    const key = journalKeyOf(row);
    const w = nameWordsOf(row);
    if (before !== undefined) {
      const keyBefore = journalKeyOf(before);
      if (keyBefore !== key) stale.push(keyBefore);
      else if (sameWords(nameWordsOf(before), w)) return;
    }
    keys.push(key);
    words.push({ w });
  });
  return Dexie.Promise.all([table.bulkDelete(stale), table.bulkPut(words, keys)]);
}
