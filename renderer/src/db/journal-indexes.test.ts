import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar, KZ_CALENDAR_DATA } from '../../../shared/calendar';
import type { Actor, CaseStage } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { sampleJournalRow } from '../../../shared/journal/testing';
import { addJournalRows, writeJournalRow, writeJournalRows } from './case-projection';
import { registerApplication } from './case-store';
import { DeskDatabase, type CaseRow } from './database';
import { installCalendarData } from './desk-calendar';
import {
  queryJournal,
  journalSize,
  type JournalContext,
  type JournalQuery,
} from './journal-queries';
import { JOURNAL_TALLIES, isOpenRow, readJournalTallies, tallyChange } from './journal-tallies';
import { lateKeyOf } from './late-index';
import { seedActors } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

function freshDb(name = `t-${crypto.randomUUID()}`): DeskDatabase {
  db = new DeskDatabase(name);
  return db;
}

const calendar = createWorkingCalendar();
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'KZL',
  deviceId: 'desk-1',
};
const ctx = { now: '2025-03-05T10:00', calendar };

/** What IndexedDB itself counts: the truth the tallies must equal. */
async function nativeCounts(database: DeskDatabase) {
  return {
    cases: await database.cases.count(),
    open: await database.cases.orderBy('openDueDate').count(),
  };
}

async function storedTallies(database: DeskDatabase) {
  return {
    cases: (await database.counters.get(JOURNAL_TALLIES.cases))?.value,
    open: (await database.counters.get(JOURNAL_TALLIES.open))?.value,
  };
}

// Stages with a running term and stages without (issued, withdrawn): a rewrite may open or close.
const STAGES: readonly CaseStage[] = [
  'registered',
  'atCommission',
  'forwarded',
  'issued',
  'withdrawn',
];
const rowsByStage = new Map<string, CaseRow>();
/** The row of case `id` at `stage` (made once: folding sample paths is the slow part). */
function rowOf(id: number, stage: CaseStage): CaseRow {
  const key = `${stage}/${id}`;
  let row = rowsByStage.get(key);
  if (!row) {
    row = sampleJournalRow(
      { id: `case-${id}`, number: `AK01-1-${String(id + 1).padStart(4, '0')}/2025`, stage },
      calendar,
    );
    rowsByStage.set(key, row);
  }
  return row;
}

/** Moments around the sample rows' steps and terms (registered 03.03.2025, due a month later). */
const MOMENTS = ['2025-03-03T09:00', '2025-03-05T10:00', '2025-04-03T10:00', '2026-01-01T00:00'];

async function ids(database: DeskDatabase, query: JournalQuery, context: JournalContext) {
  const result = await queryJournal(database, query, context);
  return (await result.window(0, result.total)).map((r) => r.id);
}

describe('journal tallies and late index', () => {
  test('a row is open exactly when it has a running term (its openDueDate is indexed)', () => {
    expect(isOpenRow(rowOf(0, 'registered'))).toBe(true);
    expect(isOpenRow(rowOf(0, 'issued'))).toBe(false);
    expect(isOpenRow(rowOf(0, 'withdrawn'))).toBe(false);
    const open = rowOf(0, 'registered');
    expect(tallyChange([undefined, open], [open, rowOf(0, 'issued')])).toEqual({
      cases: 1,
      open: 0,
    });
  });

  test('equal the native counts and the rows after any sequence of row writes, new rows and rewrites alike', async () => {
    const write = fc.record({
      how: fc.constantFrom('one', 'many'),
      rows: fc.array(
        fc.record({ id: fc.integer({ min: 0, max: 11 }), stage: fc.constantFrom(...STAGES) }),
        { minLength: 1, maxLength: 5 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        const database = freshDb();
        await database.open();
        expect(await storedTallies(database)).toEqual({ cases: 0, open: 0 });
        for (const w of writes) {
          // One row per case in a bulk write, as a pulled page holds (the last one of an id wins).
          const rows = [...new Map(w.rows.map((r) => [r.id, rowOf(r.id, r.stage)])).values()];
          await database.transaction(
            'rw',
            [database.cases, database.caseNames, database.caseLate, database.counters],
            async () => {
              if (w.how === 'many') await writeJournalRows(database, rows);
              else for (const row of rows) await writeJournalRow(database, row);
            },
          );
          expect(await storedTallies(database)).toEqual(await nativeCounts(database));
          // The late index holds exactly the keys of the rows, none of a row's earlier state...
          const stored = await database.cases.toArray();
          const keys = stored.flatMap((r) => lateKeyOf(r) ?? []);
          expect((await database.caseLate.toCollection().primaryKeys()).sort()).toEqual(
            keys.sort(),
          );
          // ...so it answers "late now" as the rows do, at any moment, in both of its orders.
          for (const now of MOMENTS) {
            for (const sort of ['dateDesc', 'numberAsc'] as const) {
              const query = { deadline: 'overdue', sort } as const;
              expect(await ids(database, query, { now, calendar })).toEqual(
                await ids(database, query, { now, calendar, lateIndex: false }),
              );
            }
          }
        }
        database.close();
        await database.delete();
      }),
      { numRuns: 40 },
    );
    // 40 sequences of writes on fake-indexeddb: about 3 s alone, longer on a loaded machine.
  }, 60_000);

  test('a bulk load adds its rows; the journal reads its total from the tally, not a count', async () => {
    const database = freshDb();
    await addJournalRows(database, [
      rowOf(20, 'registered'),
      rowOf(21, 'issued'),
      rowOf(22, 'atCommission'),
    ]);
    expect(await storedTallies(database)).toEqual({ cases: 3, open: 2 });
    expect(await journalSize(database)).toBe(3);
    // The journal trusts the tally: a wrong one shows (which is why every writer keeps it exact).
    await database.counters.put({ key: JOURNAL_TALLIES.cases, value: 7 });
    await database.counters.put({ key: JOURNAL_TALLIES.open, value: 1 });
    expect((await queryJournal(database, {}, ctx)).total).toBe(7);
    const due = await queryJournal(database, { sort: 'dueAsc' }, ctx);
    expect(due.total).toBe(7);
    // The open cases come first and the tally says where they end: here after the first one.
    expect((await due.window(1, 1)).map((r) => r.stage)).toEqual(['issued']);
  });

  test('missing tallies are not trusted and not changed, and are counted when the database opens again', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const database = freshDb(name);
    await addJournalRows(database, [rowOf(30, 'registered'), rowOf(31, 'withdrawn')]);
    // A desk from before the tallies: none stored.
    await database.counters.bulkDelete([JOURNAL_TALLIES.cases, JOURNAL_TALLIES.open]);
    await writeJournalRow(database, rowOf(32, 'registered'));
    expect(await storedTallies(database)).toEqual({ cases: undefined, open: undefined });
    expect(await readJournalTallies(database)).toEqual({ cases: 3, open: 2 });
    expect((await queryJournal(database, {}, ctx)).total).toBe(3);
    database.close();
    const reopened = freshDb(name);
    await reopened.open();
    expect(await storedTallies(reopened)).toEqual({ cases: 3, open: 2 });
  });

  test('registering counts the case; re-projecting every case (a calendar correction) counts again', async () => {
    const database = freshDb();
    await seedActors(database, specialist);
    const registered = await registerApplication(
      database,
      'case-50',
      sampleRegistrationDraft({ receivedAt: '2026-11-23T10:00' }),
      { officeCode: 'KZL01', deviceNo: 1 },
      {
        actor: specialist,
        legalTime: '2026-11-23T10:00',
        nowMs: 1,
        newId: () => crypto.randomUUID(),
      },
    );
    expect(registered.ok).toBe(true);
    expect(await storedTallies(database)).toEqual({ cases: 1, open: 1 });
    await database.counters.put({ key: JOURNAL_TALLIES.open, value: 9 });
    const corrected = { ...KZ_CALENDAR_DATA, version: '2026.12.9' };
    expect(await installCalendarData(database, corrected, 2)).toMatchObject({
      ok: true,
      rebuiltRows: 1,
    });
    expect(await storedTallies(database)).toEqual({ cases: 1, open: 1 });
  });
});
