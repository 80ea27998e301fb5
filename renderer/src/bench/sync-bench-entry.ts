// The page scripts/bench-sync.ts drives in Chromium: desks on the browser's IndexedDB, sealed as the
// desk seals citizens' data, syncing with the hub through the desk's own engine over the page's fetch,
// and the PouchDB peer beside them on the same IndexedDB. The script makes the hub, its one-time codes
// and the counting proxy; it reads its TCP counters when the page calls `akimatBenchMark`.
import type { CaseEvent } from '../../../shared/case';
import { DeskDatabase, deskCaseStateHash, openAtRestKeys } from '../db';
import { pouchPeer, type PeerFigures } from './pouch-peer';
import { rawPutMicros } from './raw-put';
import { requestCounter, type RequestCounter } from '../db/request-count';
import {
  caseEvents,
  joinedDesk,
  registerCase,
  seedOutbox,
  timedSync,
  type BenchDesk,
  type Maker,
  type Meter,
} from './sync-desk';

/** Given by the script (page.exposeFunction): it reads its byte counters at each moment. */
type MarkWindow = { akimatBenchMark?: (moment: string) => Promise<void> };
const mark = (moment: string): Promise<void> =>
  (window as MarkWindow).akimatBenchMark?.(moment) ?? Promise.resolve();

const atRest = await openAtRestKeys({ kind: 'notProtected', reason: 'browser' });
const desks = new Map<string, BenchDesk>();
const counters = new Map<string, RequestCounter>();
/** The cases seeded last, for the peer to replicate the same documents. */
let seeded: CaseEvent[][] = [];

function deskOf(label: string): BenchDesk {
  const desk = desks.get(label);
  if (!desk) throw new Error(`no desk ${label}`);
  return desk;
}

const api = {
  async join(
    label: string,
    place: { officeCode: string; districtId: string },
    hub: { url: string; code: string },
  ): Promise<Maker> {
    const db = new DeskDatabase(`bench-sync-${label}`, atRest);
    const counter = requestCounter();
    db.use(counter.middleware);
    counters.set(label, counter);
    const desk = await joinedDesk(db, { ...place, label }, hub);
    desks.set(label, desk);
    return desk.maker;
  },

  /** `count` cases of this desk's office in its outbox; the time the seeding took. */
  async seed(label: string, count: number): Promise<{ events: number; ms: number }> {
    const desk = deskOf(label);
    const wall = Date.now() - count * 10_000;
    seeded = [];
    for (let i = 0; i < count; i++) seeded.push(caseEvents(desk.maker, i, wall));
    const start = performance.now();
    const events = await seedOutbox(desk.db, seeded);
    return { events, ms: performance.now() - start };
  },

  /** One sync; the page marks 'pushed' when the push phase ends. */
  async sync(label: string) {
    const timed = await timedSync(deskOf(label).engine, { onPushed: () => void mark('pushed') });
    return {
      totalMs: timed.totalMs,
      pushMs: timed.pushMs,
      afterPushMs: timed.afterPushMs,
      counts: timed.outcome.ok ? timed.outcome.counts : null,
    };
  },

  /** The first rejected event's reason, if any. */
  async rejected(label: string): Promise<string | null> {
    const row = await deskOf(label)
      .db.outbox.filter((r) => r.rejectedAtMs !== undefined)
      .first();
    return row?.rejectedReason ?? null;
  },

  /** The IndexedDB requests of this desk since the last call (request-count.ts). */
  requests(label: string): Record<string, number> {
    return counters.get(label)?.take() ?? {};
  },

  /** One raw put's cost in this browser, for rows the size of the seeded events as stored. */
  rawPut(rows: number): Promise<number> {
    const events = seeded.flat();
    const payloadBytes =
      events.reduce((n, e) => n + JSON.stringify(e.payload).length, 0) / Math.max(1, events.length);
    // AES-GCM adds its 16-byte tag to what it seals.
    return rawPutMicros(rows, Math.round(payloadBytes) + 16);
  },

  meter(label: string): Meter {
    return { ...deskOf(label).meter };
  },

  /** `count` applications registered by the intake's command, one after another. */
  async register(label: string, count: number): Promise<void> {
    for (let n = 0; n < count; n++) await registerCase(deskOf(label), n);
  },

  stateHash(label: string): Promise<string> {
    return deskCaseStateHash(deskOf(label).db);
  },

  /** The seeded cases through PouchDB to `serverDbUrl` and back to a fresh PouchDB. */
  peer(serverDbUrl: string, batchSize: number): Promise<PeerFigures> {
    return pouchPeer(seeded, serverDbUrl, batchSize, mark);
  },
};

export type SyncBenchApi = typeof api;
Object.assign(window, { akimatSyncBench: api });
