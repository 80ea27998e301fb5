// The desk's projections of a case: its journal row (shared/journal journalRowOf, the only writer of
// rows) and the person it names. Everything that writes a row comes through here: the store after an
// append, the import of events, the database upgrade and a calendar correction; each keeps the
// journal's name index (name-index.ts), its late index (late-index.ts) and its tallies
// (journal-tallies.ts) in step with the rows it writes.
import { Dexie } from 'dexie';
import { foldCase, type CaseEvent, type CaseState } from '../../../shared/case';
import { createWorkingCalendar, type WorkingCalendar } from '../../../shared/calendar';
import { journalRowOf, type JournalRow } from '../../../shared/journal';
import type { CounterRow, HeldEventRow, PersonRow } from './database';
import {
  applyTallyChange,
  recountJournal,
  storedTallies,
  tallyChange,
  tallyRows,
  type CountableCases,
  type TallyTable,
} from './journal-tallies';
import { rebuildLateIndex, updateLateKeys, type LateKeyTable } from './late-index';
import { addNameKeys, rebuildNameIndex, type NameKeyTable } from './name-index';
import { eventsByCase } from './event-rows';

export { journalRowOf };

/** Writes the rows of new cases with their name-index keys (bulk loads: the bench, test fixtures). */
export async function addJournalRows(
  tables: {
    readonly cases: { bulkAdd(rows: readonly JournalRow[]): PromiseLike<unknown> };
    readonly caseNames: NameKeyTable;
    readonly caseLate: LateKeyTable;
    readonly counters: TallyTable;
  },
  rows: readonly JournalRow[],
): Promise<void> {
  await tables.cases.bulkAdd(rows);
  await addNameKeys(tables.caseNames, rows);
  await updateLateKeys(tables.caseLate, [], rows);
  await applyTallyChange(tables.counters, tallyChange([], rows));
}

/** What the journal's writers need of its tables (the Tables, or a Dexie upgrade's tx.table). */
export interface JournalTables {
  readonly cases: {
    bulkGet(ids: string[]): PromiseLike<(JournalRow | undefined)[]>;
    bulkPut(rows: readonly JournalRow[]): PromiseLike<unknown>;
  };
  readonly caseNames: NameKeyTable;
  readonly caseLate: LateKeyTable;
  readonly counters: TallyTable;
}

/** What writing rows over the journal depends on: the rows they replace, and the tallies. */
export interface JournalBasis {
  /** The stored row of each id asked for, in their order (undefined for a new case). */
  readonly replaced: readonly (JournalRow | undefined)[];
  readonly tallies: readonly (CounterRow | undefined)[];
}

/**
 * Reads the basis of writing the rows of `ids`, in one round (an act reads it with its own reads).
 * `unlogged`: ids of cases this desk held no event of when the caller's transaction read their logs;
 * a journal row is only ever the projection of a case's events, so none of them has a row and none
 * is read (a fresh desk's first pull is all new cases: one request a case fewer).
 */
export function readJournalBasis(
  tables: JournalTables,
  ids: readonly string[],
  unlogged: ReadonlySet<string> = new Set(),
): PromiseLike<JournalBasis> {
  const asked = ids.filter((id) => !unlogged.has(id));
  return Dexie.Promise.all([tables.cases.bulkGet(asked), storedTallies(tables.counters)]).then(
    ([read, tallies]) => {
      const rows = new Map(asked.map((id, i) => [id, read[i]]));
      return { replaced: ids.map((id) => rows.get(id)), tallies };
    },
  );
}

/**
 * Writes journal rows (one per case, `rows[i]` over `basis.replaced[i]`, read in the same
 * transaction) with their name-index and late-index keys and the journal's tallies: four writes at
 * once. Name keys only grow (name-index.ts): a row puts those its replaced row lacked. Dexie promises
 * throughout (Dexie.Promise.all, not an async function): inside a transaction an async step that
 * ends on no Dexie operation can lose the transaction for the caller's next one.
 */
export function writeJournalRowsOver(
  tables: JournalTables,
  rows: readonly JournalRow[],
  basis: JournalBasis,
): PromiseLike<unknown> {
  const { replaced, tallies } = basis;
  return Dexie.Promise.all([
    tables.cases.bulkPut(rows),
    addNameKeys(tables.caseNames, rows, replaced),
    updateLateKeys(tables.caseLate, replaced, rows),
    tables.counters.bulkPut(tallyRows(tallies, tallyChange(replaced, rows))),
  ]);
}

/** Writes the journal rows of cases: one read of what they replace, then writeJournalRowsOver. */
export function writeJournalRows(
  tables: JournalTables,
  rows: readonly JournalRow[],
  unlogged?: ReadonlySet<string>,
): PromiseLike<unknown> {
  return readJournalBasis(
    tables,
    rows.map((r) => r.id),
    unlogged,
  ).then((basis) => writeJournalRowsOver(tables, rows, basis));
}

/** One case's journal row: writeJournalRows of one. */
export function writeJournalRow(tables: JournalTables, row: JournalRow): PromiseLike<unknown> {
  return writeJournalRows(tables, [row]);
}

/** What a later intake may fill in for the same IIN. */
export function personRowOf(state: CaseState, updatedAtMs: number): PersonRow | null {
  const a = state.applicant;
  if (!a) return null;
  return {
    iin: a.iin,
    lastName: a.lastName,
    firstName: a.firstName,
    ...(a.patronymic ? { patronymic: a.patronymic } : {}),
    birthDate: a.birthDate,
    sex: a.sex,
    address: a.address,
    ...(a.phone ? { phone: a.phone } : {}),
    inMobileCitizensDb: a.inMobileCitizensDb,
    updatedAtMs,
  };
}

/**
 * Rebuilds every journal row from the events (a schema upgrade, a calendar correction). Works on the
 * raw tables so it runs inside a Dexie upgrade as well as in a normal transaction.
 */
export async function reprojectAllCases(
  tables: {
    readonly events: { toArray(): PromiseLike<CaseEvent[]> };
    readonly cases: { bulkPut(rows: readonly JournalRow[]): PromiseLike<unknown> } & CountableCases;
    /** Absent in the upgrades before v15, which builds it. */
    readonly caseNames?: NameKeyTable;
    /** Absent in the upgrades before the late index (v11): the ready step builds it. */
    readonly caseLate?: LateKeyTable;
    readonly counters: TallyTable;
    readonly heldEvents?: { toArray(): PromiseLike<HeldEventRow[]> };
  },
  nowMs: number,
  calendar: WorkingCalendar = createWorkingCalendar(),
): Promise<number> {
  const held = new Map<string, number>();
  for (const h of (await tables.heldEvents?.toArray()) ?? []) {
    if (h.caseId !== undefined) held.set(h.caseId, (held.get(h.caseId) ?? 0) + 1);
  }
  const rows: JournalRow[] = [];
  for (const [caseId, list] of eventsByCase(await tables.events.toArray())) {
    const row = journalRowOf(foldCase(list), calendar, nowMs, {
      heldEvents: held.get(caseId) ?? 0,
    });
    if (row) rows.push(row);
  }
  await tables.cases.bulkPut(rows);
  if (tables.caseNames) await rebuildNameIndex(tables.caseNames, rows);
  if (tables.caseLate) await rebuildLateIndex(tables.caseLate, rows);
  await recountJournal(tables);
  return rows.length;
}
