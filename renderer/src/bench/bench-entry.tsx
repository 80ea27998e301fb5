// The page `npm run bench` drives: seeds the desk database and measures the desk's own code (the db
// layer, the journal queries, the district's okrug views and monthly report, the journal screen) next
// to raw IndexedDB calls doing the same or the least work, all inside the renderer. scripts/bench.ts
// builds it as a separate Vite input; the desk never links to it.
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { createHashRouter, RouterProvider } from 'react-router';
import type { CaseEvent } from '../../../shared/case';
import { createWorkingCalendar } from '../../../shared/calendar';
import { planRegistration } from '../../../shared/intake';
import { monthDays, previousMonth, type MonthlyReport } from '../../../shared/reports';
import { DeskProvider } from '../app/desk-context';
import { createAppStore } from '../app/store';
import {
  createSettingsRepository,
  DeskDatabase,
  journalOfficeTallies,
  loadMonthlyReport,
  openAtRestKeys,
  queryJournal,
  registerApplication,
  type CaseRow,
  type JournalQuery,
  type OfficeTally,
} from '../db';
import { blindValue } from '../db/at-rest';
import { JOURNAL_TALLIES } from '../db/journal-tallies';
import { lateKeyOf, lateUpperBound } from '../db/late-index';
import { storedNameKey, storedNameLead } from '../db/at-rest-middleware';
import { nameKeysOf, parseJournalKey } from '../db/name-index';
import { reportSinceMs } from '../db/report-queries';
import { JournalScreen } from '../features/journal';
import { createI18n } from '../i18n';
import { getPlatform, systemClock } from '../platform';
import { createSyncEngine } from '../sync/engine';
import { pageSyncPlatform } from '../sync/page-platform';
import {
  createSeedContext,
  makePerson,
  DISTRICT_ID,
  OFFICE_CODE,
  OFFICE_ID,
  registrationDraft,
  seedCase,
  seedDatabase,
  type SeedContext,
  type SeedResult,
} from './seed';
import '../styles.css';

// Sealed as the desk seals citizens' data (db/at-rest.ts), with the browser profile's key: the figures
// include the encryption and the blind indexes.
const atRest = await openAtRestKeys({ kind: 'notProtected', reason: 'browser' });
const db = new DeskDatabase('akimat-desk-bench', atRest);
const calendar = createWorkingCalendar();
const clock = systemClock();
const PAGE = 50;

let seedCtx: SeedContext | null = null;
let seeded: SeedResult | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Values of a cursor walk: `skip` rows, then up to `limit`. */
function cursorValues(
  source: IDBIndex,
  direction: IDBCursorDirection,
  skip: number,
  limit: number,
) {
  return new Promise<unknown[]>((resolve, reject) => {
    const out: unknown[] = [];
    let skipped = skip === 0;
    const req = source.openCursor(null, direction);
    req.onerror = () => reject(req.error ?? new Error('cursor failed'));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve(out);
      if (!skipped) {
        skipped = true;
        cursor.advance(skip);
        return;
      }
      out.push(cursor.value);
      if (out.length >= limit) return resolve(out);
      cursor.continue();
    };
  });
}

function readStore(name: string): IDBObjectStore {
  return db.backendDB().transaction(name, 'readonly').objectStore(name);
}

const ctx = () => ({ now: clock.nowLocal(), calendar });

async function journalPage(query: JournalQuery, offset = 0): Promise<CaseRow[]> {
  const result = await queryJournal(db, query, ctx());
  return result.window(offset, PAGE);
}

function pickFrom<T>(items: readonly T[] | undefined, i: number): T {
  const item = items?.[i % items.length];
  if (item === undefined) throw new Error('the database is not seeded');
  return item;
}

const specialist = {
  userId: 'user-specialist-1',
  role: 'specialist' as const,
  officeId: OFFICE_ID,
  districtId: DISTRICT_ID,
  deviceId: 'desk-1',
};

/** A new application as the intake form hands it over (made before the clock starts). */
function newRegistration() {
  if (!seedCtx) throw new Error('the database is not seeded');
  const receivedAt = clock.nowLocal();
  const planned = planRegistration({
    serviceId: 'targeted-social-assistance',
    receivedAt,
    calendar,
  });
  if (!planned.ok) throw new Error(planned.reason);
  const person = makePerson(seedCtx.random);
  // The store works out the rule-set, registration date and due date itself.
  const {
    ruleSetId: _s,
    registrationDate: _r,
    dueDate: _d,
    ...draft
  } = registrationDraft(
    seedCtx.random,
    person,
    'targeted-social-assistance',
    receivedAt,
    planned.plan,
  );
  return { caseId: crypto.randomUUID(), draft };
}

/** An already built event and row for the raw write. */
function newRawCase(i: number): { event: CaseEvent; row: CaseRow } {
  if (!seedCtx) throw new Error('the database is not seeded');
  const seededCase = seedCase(seedCtx, makePerson(seedCtx.random), 900_000 + i);
  const event = seededCase.events[0];
  if (!event) throw new Error('no event');
  const caseId = crypto.randomUUID();
  return {
    event: { ...event, id: crypto.randomUUID(), caseId },
    row: { ...seededCase.row, id: caseId },
  };
}

interface Operation {
  /** Prepares the input of run i (not timed). */
  prepare?: (i: number) => unknown;
  app: (input: unknown, i: number) => Promise<unknown>;
  raw: (input: unknown, i: number) => Promise<unknown>;
  /** What the desk's first timed run found, for the table's notes (default: how many rows). */
  describe?: (result: unknown) => string;
}

const int = (value: number) => value.toLocaleString('en-US').replace(/,/g, ' ');

// The district's view (issue 9 §10–11): the okrug the journal is filtered by (the largest: the most
// rows to order), and the month the report screen opens on (the last whole month before today).
const OKRUG = OFFICE_ID;
const reportMonth = () => previousMonth(clock.today());

/** What each district operation returned last, held for the heap reading beside them. */
const districtHeld = new Map<string, unknown>();
/** Runs a district operation and holds its result (the screen holds what it shows). */
async function held<T>(name: string, result: Promise<T>): Promise<T> {
  const value = await result;
  districtHeld.set(name, value);
  return value;
}

function describeReport(result: unknown): string {
  const { total, offices } = result as MonthlyReport;
  return (
    `${reportMonth()}: ${offices.length} okrug(s), received ${int(total.received)}, decided ` +
    `${int(total.decided)} (granted ${int(total.granted)}, refused ${int(total.refused)})`
  );
}

/** The raw reads the monthly report needs: the rows written since the month's slack, and their logs. */
async function rawMonthReads(): Promise<number> {
  const { last } = monthDays(reportMonth());
  const tx = db.backendDB().transaction(['cases', 'events'], 'readonly');
  const rows = (await request(
    tx
      .objectStore('cases')
      .index('updatedAtMs')
      .getAll(IDBKeyRange.lowerBound(reportSinceMs(reportMonth()))),
  )) as CaseRow[];
  const ids = rows.filter((r) => r.date <= last && r.stage !== 'notAccepted').map((r) => r.id);
  const byCase = tx.objectStore('events').index('caseId');
  const logs = await Promise.all(ids.map((id) => request(byCase.getAll(IDBKeyRange.only(id)))));
  return logs.length;
}

const OPERATIONS: Record<string, Operation> = {
  firstPage: {
    app: () => journalPage({}),
    // The same work without the desk's code: the journal's size from its tally (db/journal-tallies.ts;
    // a native count walks every row on disk), and the newest 50 rows.
    raw: async () => {
      const tx = db.backendDB().transaction(['counters', 'cases'], 'readonly');
      return Promise.all([
        request(tx.objectStore('counters').get(JOURNAL_TALLIES.cases)),
        cursorValues(tx.objectStore('cases').index('date'), 'prev', 0, PAGE),
      ]);
    },
  },
  iinLookup: {
    prepare: (i) => pickFrom(seeded?.iins, i),
    app: (iin) => journalPage({ search: String(iin) }),
    // The index holds the IIN's blind value (db/at-rest.ts): the floor computes it too.
    raw: async (iin) => {
      const blind = await blindValue(atRest, String(iin));
      return request(readStore('cases').index('iin').getAll(IDBKeyRange.only(blind)));
    },
  },
  namePrefix: {
    prepare: (i) => pickFrom(seeded?.namePrefixes, i * 7),
    app: (prefix) => journalPage({ search: String(prefix) }),
    // The same IndexedDB work without the desk's code: the name index's keys for the prefix, then 50
    // rows. (Reading every matching row instead, as the rows' name-word index before v12 did, took
    // 3-4 times as long.)
    raw: async (prefix) => {
      // The name index's keys start with the prefix's blind lead (db/at-rest-middleware.ts).
      const lead = await storedNameLead(atRest, String(prefix));
      const [lower, upper] = [lead, `${lead}\uffff`];
      const tx = db.backendDB().transaction(['caseNames', 'cases'], 'readonly');
      const keys = await request(
        tx.objectStore('caseNames').getAllKeys(IDBKeyRange.bound(lower, upper)),
      );
      const ids = [...new Set(keys.map((k) => parseJournalKey(String(k))?.id))].slice(0, PAGE);
      const cases = tx.objectStore('cases');
      return Promise.all(ids.map((id) => request(cases.get(String(id)))));
    },
  },
  overdue: {
    app: () => journalPage({ deadline: 'overdue' }),
    // The same work without the desk's code: the late index's keys up to now (db/late-index.ts), newest
    // first, and the first 50 rows. (Reading every late row from the lateFrom index instead takes
    // 0.2-0.35 s at 100,000 cases on disk.)
    raw: async () => {
      const tx = db.backendDB().transaction(['caseLate', 'cases'], 'readonly');
      const keys = await request(
        tx
          .objectStore('caseLate')
          .getAllKeys(IDBKeyRange.upperBound(lateUpperBound(clock.nowLocal()), true)),
      );
      const entries = keys.flatMap((key) => parseJournalKey(String(key)) ?? []);
      entries.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
      const cases = tx.objectStore('cases');
      return Promise.all(entries.slice(0, PAGE).map((e) => request(cases.get(e.id))));
    },
  },
  register: {
    prepare: async (i) => {
      const raw = newRawCase(i);
      // The name index's keys as the desk stores them (blind, at random places of the index).
      const sealed = await Promise.all(nameKeysOf(raw.row).map((k) => storedNameKey(atRest, k)));
      return { app: newRegistration(), raw: { ...raw, nameKeys: sealed as IDBValidKey[] } };
    },
    app: async (input) => {
      const { caseId, draft } = (input as { app: ReturnType<typeof newRegistration> }).app;
      const now = clock.nowLocal();
      const result = await registerApplication(
        db,
        caseId,
        draft,
        { officeCode: OFFICE_CODE, deviceNo: 1 },
        {
          actor: specialist,
          legalTime: now,
          nowMs: clock.nowMs(),
          newId: () => crypto.randomUUID(),
        },
      );
      if (!result.ok) throw new Error(`registration refused: ${result.reason}`);
    },
    raw: async (input, i) => {
      const { event, row, nameKeys } = (
        input as { raw: ReturnType<typeof newRawCase> & { nameKeys: IDBValidKey[] } }
      ).raw;
      const tx = db
        .backendDB()
        .transaction(
          ['events', 'outbox', 'cases', 'caseNames', 'caseLate', 'counters'],
          'readwrite',
        );
      tx.objectStore('events').add(event);
      tx.objectStore('outbox').add({
        eventId: event.id,
        stream: 'case',
        streamId: event.caseId,
        caseId: event.caseId,
        createdAtMs: Date.now(),
      });
      tx.objectStore('cases').put(row);
      for (const key of nameKeys) tx.objectStore('caseNames').put(0, key);
      const late = lateKeyOf(row);
      if (late !== null) tx.objectStore('caseLate').put(0, late);
      tx.objectStore('counters').put({ key: 'registration:raw', value: 1 });
      // The journal's tallies, as the desk keeps them (the values do not matter to the timing).
      tx.objectStore('counters').put({ key: 'bench:raw-cases', value: i });
      tx.objectStore('counters').put({ key: 'bench:raw-open', value: i });
      return done(tx);
    },
  },
  deepWindow: {
    app: () => journalPage({}, 50_000),
    raw: () => cursorValues(readStore('cases').index('date'), 'prev', 50_000, PAGE),
  },
  okrugFirstPage: {
    // The district journal's okrug filter, as the journal screen asks it: the count and 50 rows.
    app: () =>
      held(
        'okrugFirstPage',
        queryJournal(db, { officeId: OKRUG }, ctx()).then(async (result) => ({
          total: result.total,
          rows: await result.window(0, PAGE),
        })),
      ),
    describe: (result) => {
      const { total, rows } = result as { total: number; rows: CaseRow[] };
      return `okrug ${OKRUG}: ${int(total)} cases, ${rows.length} rows`;
    },
    // The least IndexedDB work: a count on the officeId index and 50 of its rows (in id order: there
    // is no officeId+date index to read them newest first).
    raw: async () => {
      const index = readStore('cases').index('officeId');
      return Promise.all([
        request(index.count(IDBKeyRange.only(OKRUG))),
        request(index.getAll(IDBKeyRange.only(OKRUG), PAGE)),
      ]);
    },
  },
  okrugTallies: {
    // The dashboard's per-okrug figures, the function it calls on each refresh.
    app: () => held('okrugTallies', journalOfficeTallies(db, ctx())),
    describe: (result) => {
      const tallies = result as OfficeTally[];
      const sum = (f: (t: OfficeTally) => number) => int(tallies.reduce((n, t) => n + f(t), 0));
      return (
        `${tallies.length} okrugs: ${sum((t) => t.outstanding)} open, ` +
        `${sum((t) => t.overdue)} late`
      );
    },
    // A plain count per okrug on the same index: its keys (one probe each: a key cursor opened above
    // the last key, read once), then one count each.
    raw: async () => {
      const index = readStore('cases').index('officeId');
      const firstKeyIn = (range: IDBKeyRange | null) =>
        request(index.openKeyCursor(range)).then((cursor) => cursor?.key);
      const offices: IDBValidKey[] = [];
      for (let key = await firstKeyIn(null); key !== undefined;) {
        offices.push(key);
        key = await firstKeyIn(IDBKeyRange.lowerBound(key, true));
      }
      return Promise.all(offices.map((o) => request(index.count(IDBKeyRange.only(o)))));
    },
  },
  reportDistrict: {
    // The report screen's query on the district's desk: the month, every okrug.
    app: () => held('reportDistrict', loadMonthlyReport(db, reportMonth(), calendar, null)),
    describe: describeReport,
    // The same IndexedDB reads without decryption, fold or counting: the rows written since the
    // month's slack (report-queries.ts), and each kept case's log on the caseId index.
    raw: rawMonthReads,
  },
  reportOkrug: {
    // The same screen for one akimat (its own desk, or the district narrowed to the okrug).
    app: () => held('reportOkrug', loadMonthlyReport(db, reportMonth(), calendar, OKRUG)),
    describe: describeReport,
    raw: rawMonthReads,
  },
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function waitFor(test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = performance.now();
  while (!test()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

const api = {
  async seed(total: number) {
    await db.delete();
    await db.open();
    seedCtx = createSeedContext(calendar, clock.today());
    seeded = await seedDatabase(db, seedCtx, total, (n) => {
      if (n % 10_000 === 0 || n === total) console.log(`seeded ${n} cases`);
    });
    const { iins: _i, namePrefixes, ...figures } = seeded;
    return { ...figures, namePrefixes: namePrefixes.length, today: clock.today() };
  },

  /**
   * Measures a database seeded by an earlier run in the same profile (`npm run bench -- --profile`):
   * what seed() returned is handed back, and the generator starts afresh for the new cases.
   */
  async resume(saved: SeedResult) {
    await db.open();
    seedCtx = createSeedContext(calendar, clock.today(), Date.now() % 100_000);
    seeded = saved;
    const { iins: _i, namePrefixes, ...figures } = saved;
    return { ...figures, namePrefixes: namePrefixes.length, today: clock.today() };
  },

  /** What seed() found, to keep beside a kept profile. */
  seeded: () => seeded,

  /** Times an operation `runs` times through the desk's code and as a raw IndexedDB call. */
  async measure(name: string, runs: number) {
    const op = OPERATIONS[name];
    if (!op) throw new Error(`unknown operation ${name}`);
    const app: number[] = [];
    const raw: number[] = [];
    let info = '';
    // One untimed warm-up of each, as a desk that has been open a minute would be.
    const warm: unknown = await op.prepare?.(0);
    await op.app(warm, 0);
    await op.raw(warm, 0);
    for (let i = 1; i <= runs; i++) {
      const input: unknown = await op.prepare?.(i);
      let rows: unknown;
      app.push(await timed(async () => (rows = await op.app(input, i))));
      raw.push(await timed(() => op.raw(input, i)));
      if (i === 1 && op.describe) info = op.describe(rows);
      else if (i === 1 && Array.isArray(rows)) info = `${rows.length} rows`;
      if (i === 1 && name === 'namePrefix') info = `e.g. "${String(input)}", ${info}`;
    }
    return { app, raw, info };
  },

  /** Renders the journal screen on the seeded database; ms until its first lines are on screen. */
  async renderJournal(): Promise<number> {
    const platform = getPlatform();
    const appInfo = await platform.appInfo();
    const i18n = await createI18n('kk');
    const store = createAppStore({ i18n, settings: createSettingsRepository(db), platform }, 'kk');
    window.location.hash = '#/journal';
    const router = createHashRouter([{ path: '*', element: <JournalScreen /> }]);
    const root = document.getElementById('root');
    if (!root) throw new Error('no #root');
    const started = performance.now();
    createRoot(root).render(
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <DeskProvider
            services={{
              db,
              platform,
              appInfo,
              clock,
              calendar,
              office: null,
              // Never started: the bench measures the journal, not sync.
              sync: createSyncEngine(db, pageSyncPlatform(platform)),
            }}
          >
            <div className="frame-main">
              <RouterProvider router={router} />
            </div>
          </DeskProvider>
        </I18nextProvider>
      </Provider>,
    );
    await waitFor(() => document.querySelector('.journal-line') !== null);
    return performance.now() - started;
  },

  /** Lets go of what the district's operations returned (after the heap is read with them held). */
  releaseDistrict(): number {
    const count = districtHeld.size;
    districtHeld.clear();
    return count;
  },

  /** performance.memory where Chromium offers it (the script also asks the DevTools protocol). */
  heapUsed(): number | null {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return memory?.usedJSHeapSize ?? null;
  },
};

(window as unknown as { akimatBench: typeof api }).akimatBench = api;
