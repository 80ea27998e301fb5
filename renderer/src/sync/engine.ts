// The desk's sync engine: joins a hub with a one-time code, and syncs (handshake, push every waiting
// event in batches, pull every page) on demand, on a timer while online, and on reconnect. No React,
// no platform: fetch, the clock, the timer and the online signal are passed in, so it runs the same
// in the desk, in Node tests and in the bench. What must stay true:
// - Never two syncs (or a join and a sync) at once: a request while one runs gets the running one.
// - Failures are values with a message key (sync:*, hub:*, common:writeErrors.*), kept in the
//   database for the status area, never exceptions thrown at the UI.
// - What the desk stores follows sync-commands' rules (one transaction per pulled page, nothing unsent
//   deleted); the engine only drives them and reports progress.
// - A receipt counts only for an event of the batch it answers: a hub cannot make the desk forget an
//   event it was not sent.
// - A push or a pull whose exchange broke off is asked once more at once (askAgainIfBroken), never
//   more: push is idempotent and pull only reads.
// - Reference data comes after the events and before the scans: a calendar newer than the desk's is
//   installed with installCalendarData (the system page's one function), so are income figures newer
//   than the desk's (installIncomeFigures, the system page's figures card's), the district's office
//   directory when its version differs from the desk's (storeOfficeDirectory), the scope's TSA
//   recipients newer than the desk's version are stored page by page (storeHubTsaPage). A refusal
//   there is a reason in the outcome (`reference.refused`), never a failed sync.
import { compareCalendarVersions } from '../../../shared/calendar';
import { compareFiguresVersions } from '../../../shared/income';
import {
  checkHubAddress,
  createHubClient,
  ENROLLMENT_CODE,
  normalizeEnrollmentCode,
  MAX_BATCH_EVENTS,
  planPushBatches,
  pushInPlan,
  type FetchLike,
  type HubClient,
  type HubResult,
  type TravellingEvent,
} from '../../../shared/sync';
import {
  applyPulledPage,
  deskCalendarData,
  deskIncomeFigures,
  deskOfficeDirectory,
  devicePublicKeys,
  installCalendarData,
  installIncomeFigures,
  loadTsaVersion,
  storeHubTsaPage,
  storeOfficeDirectory,
  ensureDeviceKeys,
  loadHubLink,
  loadPullCursor,
  markScanSent,
  loadPushBatch,
  pushOrder,
  recordScanFailure,
  rememberUploadUrl,
  scansToUpload,
  recordSyncFailure,
  recordSyncSuccess,
  restartPull,
  saveHubLink,
  takeReceipts,
  writeFailureReason,
  type DeskDatabase,
  type SyncHubLink as HubLink,
} from '../db';
import { uploadAttachment } from './attachments';

/** What the engine needs from the platform. */
export interface SyncPlatform {
  /** `globalThis.fetch`, or one with a timeout (a stalled link must not hold a sync forever). */
  readonly fetch: FetchLike;
  readonly nowMs: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  readonly every: (ms: number, tick: () => void) => () => void;
  /** Whether the machine has a link now, and its changes (the browser's online and offline events). */
  readonly online: {
    readonly current: () => boolean;
    readonly subscribe: (listener: (online: boolean) => void) => () => void;
  };
  /**
   * The shell pins the joined hub and its key (Electron's setHubLink); false refuses the join. A
   * browser build passes nothing.
   */
  readonly rememberHub?: (link: { hubUrl: string; hubKeyPin: string }) => Promise<boolean>;
  /**
   * The platform's own fetch for scans (tus uploads, byte ranges), after the events of a sync; a
   * platform without it sends no scans.
   */
  readonly fetchScans?: typeof fetch;
  /**
   * Told after every successful sync, with the hub and the desk's credential: the desk then asks the
   * hub's update feed (sync/update-checker.ts). Never awaited, never fails the sync.
   */
  readonly afterSync?: (hub: { readonly hubUrl: string; readonly credential: string }) => void;
}

export interface SyncEngineOptions {
  /** How often to sync while online (default 5 minutes). */
  readonly intervalMs?: number;
  /** Events per push (default and most: MAX_BATCH_EVENTS). */
  readonly batchSize?: number;
  /** Events per pulled page (default and most: MAX_BATCH_EVENTS). */
  readonly pageSize?: number;
}

export type SyncPhase = 'hello' | 'push' | 'pull' | 'reference' | 'scans';

/** How far a running sync is: enough for a progress bar with counts. */
export interface SyncProgress {
  readonly phase: SyncPhase;
  /** Events pushed of those waiting when the sync began. */
  readonly pushed: { readonly done: number; readonly total: number };
  /** Events pulled so far; how many more wait is known only page by page (`more`). */
  readonly pulled: number;
  /** Scans sent of those waiting once the events were through (at most SCANS_PER_SYNC). */
  readonly scans?: { readonly done: number; readonly total: number };
}

/** Scans sent per sync at most: the rest go with the next one, so events never wait behind scans. */
export const SCANS_PER_SYNC = 20;

export interface SyncCounts {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Events new to this desk from the hub. */
  readonly received: number;
}

/** What the reference step brought (present only when it brought or refused something). */
export interface ReferenceOutcome {
  /** The calendar data version installed by this sync. */
  readonly calendarVersion?: string;
  /** The income figures version installed by this sync. */
  readonly figuresVersion?: string;
  /** The version of the district's office directory stored by this sync. */
  readonly officesVersion?: string;
  /** The TSA version the desk has after this sync, and the recipients stored. */
  readonly tsaVersion?: number;
  readonly tsaRows?: number;
  /** Why reference data was not taken (a message key with words in kk and ru); the sync went on. */
  readonly refused?: string;
}

/** TSA pages per sync at most: a hub that keeps saying `more` cannot hold a sync forever. */
export const TSA_PAGES_PER_SYNC = 50;

export type SyncOutcome =
  | {
      readonly ok: true;
      readonly atMs: number;
      readonly counts: SyncCounts;
      /** The desk's clock is more than 5 minutes off the hub's: warn (sync:clock.skewed). */
      readonly clockSkewed: boolean;
      /** The desk's clock minus the hub's at hello (the frame's clock watch records a large one). */
      readonly clockOffsetMs?: number;
      readonly reference?: ReferenceOutcome;
    }
  | {
      readonly ok: false;
      readonly atMs: number;
      /** A message key with words in kk and ru. */
      readonly reason: string;
      readonly clockSkewed: boolean;
      /** What got through before the failure (pushed and pulled batches are kept). */
      readonly counts: SyncCounts;
    };

export type JoinOutcome =
  | { readonly ok: true; readonly link: Omit<HubLink, 'credential'> }
  | { readonly ok: false; readonly reason: string };

export interface SyncEngineState {
  /** A sync or a join is running. */
  readonly running: boolean;
  /** The running sync's progress, null when none runs. */
  readonly progress: SyncProgress | null;
  /** How the last sync ended, null before the first in this session. */
  readonly last: SyncOutcome | null;
}

export interface SyncEngine {
  /** Syncs now, or joins the sync already running. */
  syncNow(): Promise<SyncOutcome>;
  /** Trades a one-time enrollment code for this desk's credential at `hubUrl`. */
  join(hubUrl: string, code: string): Promise<JoinOutcome>;
  /** Syncs now when online, then on the timer while online and on every reconnect. */
  start(): void;
  stop(): void;
  getState(): SyncEngineState;
  /** Called on every change of state (progress included); returns the unsubscribe function. */
  subscribe(listener: (state: SyncEngineState) => void): () => void;
}

/** The message key of the clock-skew warning. */
export const CLOCK_SKEW_WARNING = 'sync:clock.skewed';
export const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000;

const NO_COUNTS: SyncCounts = { accepted: 0, duplicates: 0, rejected: 0, received: 0 };

/** A failure of the engine's own run: a named reason, never an exception. */
class SyncStop extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What a broken exchange answers: no answer at all, or a failure of the hub's own (5xx). */
const BROKEN_EXCHANGE: ReadonlySet<string> = new Set([
  'sync:errors.offline',
  'sync:errors.hubUnavailable',
]);

/**
 * A push or a pull whose exchange broke off (nothing is known of what the hub did) is asked once more
 * at once. Push is idempotent (the hub keeps each event id once and answers a retry with the same
 * receipts) and pull only reads, so the second ask changes nothing the first did. It lets a sync go
 * on past a dropped connection or a hub process that died with the request in hand (a balancer sends
 * the second ask to another process). A second break stops the sync with its reason.
 */
export async function askAgainIfBroken<T>(ask: () => Promise<HubResult<T>>): Promise<HubResult<T>> {
  const first = await ask();
  if (first.ok || !BROKEN_EXCHANGE.has(first.reason)) return first;
  return ask();
}

export function createSyncEngine(
  db: DeskDatabase,
  platform: SyncPlatform,
  options: SyncEngineOptions = {},
): SyncEngine {
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
  const pageSize = Math.min(options.pageSize ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
  let state: SyncEngineState = { running: false, progress: null, last: null };
  const listeners = new Set<(state: SyncEngineState) => void>();
  /** The sync or join that runs or waits for its turn last. */
  let running: Promise<unknown> | null = null;
  /** The sync that runs or waits: a request for a sync meanwhile gets this one. */
  let pendingSync: Promise<SyncOutcome> | null = null;
  let stopTimer: (() => void) | null = null;
  let stopOnline: (() => void) | null = null;

  function set(next: Partial<SyncEngineState>): void {
    state = { ...state, ...next };
    for (const listener of listeners) listener(state);
  }

  /** Runs `task` after whatever runs or waits now, and alone. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const before = running;
    const run = (async () => {
      // Always a turn of the event loop first, so the caller has recorded `run` before it starts.
      await before;
      set({ running: true });
      try {
        return await task();
      } finally {
        set({ running: false, progress: null });
      }
    })();
    const turn: Promise<void> = run.then(
      () => undefined,
      () => undefined,
    );
    running = turn;
    void turn.then(() => {
      if (running === turn) running = null;
    });
    return run;
  }

  async function sync(): Promise<SyncOutcome> {
    let counts = { ...NO_COUNTS };
    let skewed = false;
    let offsetMs: number | undefined;
    let progress: SyncProgress = { phase: 'hello', pushed: { done: 0, total: 0 }, pulled: 0 };
    const report = (next: Partial<SyncProgress>) => {
      progress = { ...progress, ...next };
      set({ progress });
    };
    report({});
    try {
      const link = await loadHubLink(db);
      if (link === null) throw new SyncStop('sync:errors.notJoined');
      const client = createHubClient({
        baseUrl: link.url,
        fetch: platform.fetch,
        credential: link.credential,
      });
      const helloAtMs = platform.nowMs();
      const hello = await client.hello(helloAtMs);
      if (!hello.ok) throw new SyncStop(hello.reason);
      skewed = hello.value.clockSkewed;
      offsetMs = helloAtMs - hello.value.hello.hubTimeMs;

      // Push: the queue as it stands now; what is written meanwhile goes with the next sync.
      // At most two batches on the wire: the next is sent while the hub judges the one before
      // whenever the plan lets them overlap (shared/sync planPushBatches: whole cases, no case in
      // both), so the desk, the hub and its database work at the same time.
      // Each batch's events are read from the store just before it goes (loadPushBatch), so the
      // desk reads while the hub judges the batch before.
      const queue = (await pushOrder(db, batchSize)).events;
      report({ phase: 'push', pushed: { done: 0, total: queue.length } });
      let done = 0;
      await pushInPlan(
        planPushBatches(queue, batchSize),
        async (events) => pushBatch(client, await loadPushBatch(db, events)),
        (applied, batch) => {
          counts = add(counts, applied);
          done += batch.events.length;
          report({ pushed: { done, total: queue.length } });
        },
      );

      // Pull every page after the cursor, each stored with its cursor in one transaction.
      report({ phase: 'pull' });
      let cursor = await loadPullCursor(db);
      let restarted = false;
      const pullAfter = (after: string) => askAgainIfBroken(() => client.pull(after, pageSize));
      let asked = pullAfter(cursor);
      for (;;) {
        const page = await asked;
        if (!page.ok) {
          // A cursor the hub cannot read (another hub, a damaged row): start again from the
          // beginning, once; what arrives again is a duplicate and changes nothing.
          if (page.reason === 'sync:errors.badCursor' && !restarted) {
            restarted = true;
            await restartPull(db);
            cursor = '';
            asked = pullAfter(cursor);
            continue;
          }
          throw new SyncStop(page.reason);
        }
        const stuck = page.value.cursor === cursor && page.value.events.length === 0;
        const more = page.value.more && !stuck;
        // The next page is asked for while this one is stored, so the hub and the link work
        // meanwhile; it is taken only after this one and its cursor are stored.
        if (more) {
          asked = pullAfter(page.value.cursor);
          asked.catch(() => undefined);
        }
        const applied = await applyPulledPage(db, page.value, platform.nowMs());
        counts = { ...counts, received: counts.received + applied.stored };
        report({ pulled: progress.pulled + page.value.events.length });
        cursor = page.value.cursor;
        if (!more) break;
      }
      // Reference data once the events are through; it never fails the sync.
      report({ phase: 'reference' });
      const reference = await syncReference(client, link.url);
      // Scans last: their events are already through, and a slow or broken upload holds nothing back.
      if (platform.fetchScans) {
        const scans = await scansToUpload(db, SCANS_PER_SYNC);
        report({ phase: 'scans', scans: { done: 0, total: scans.length } });
        for (const [i, scan] of scans.entries()) {
          const sent = await uploadAttachment(
            { hubUrl: link.url, credential: link.credential, fetch: platform.fetchScans },
            { sha256: scan.sha256, blob: scan.blob },
            {
              uploadUrl: scan.uploadUrl,
              onUploadUrl: (url) => void rememberUploadUrl(db, scan.sha256, url),
            },
          );
          if (sent.ok) await markScanSent(db, scan.sha256, platform.nowMs());
          else await recordScanFailure(db, scan.sha256, sent.reason);
          report({ scans: { done: i + 1, total: scans.length } });
        }
      }
      const atMs = platform.nowMs();
      await recordSyncSuccess(db, atMs);
      try {
        platform.afterSync?.({ hubUrl: link.url, credential: link.credential });
      } catch (error) {
        console.error('after-sync hook failed', error);
      }
      return {
        ok: true,
        atMs,
        counts,
        clockSkewed: skewed,
        ...(offsetMs === undefined ? {} : { clockOffsetMs: offsetMs }),
        ...(reference ? { reference } : {}),
      };
    } catch (error) {
      const reason = error instanceof SyncStop ? error.reason : writeFailureReason(error);
      if (!(error instanceof SyncStop)) console.error('sync stopped', error);
      const atMs = platform.nowMs();
      try {
        await recordSyncFailure(db, reason, atMs);
      } catch {
        // The database itself is what failed: the outcome still says why.
      }
      return { ok: false, atMs, reason, clockSkewed: skewed, counts };
    }
  }

  /**
   * The reference step: the calendar if the hub's is newer, the income figures if the hub's are
   * newer, the district's office directory if the hub's differs, then the scope's newer TSA pages.
   */
  async function syncReference(
    client: HubClient,
    hubUrl: string,
  ): Promise<ReferenceOutcome | null> {
    const versions = await client.reference();
    if (!versions.ok) return { refused: versions.reason };
    let outcome: ReferenceOutcome | null = null;
    const note = (more: ReferenceOutcome) => {
      outcome = { ...outcome, ...more };
    };
    const deskVersion = (await deskCalendarData(db)).version;
    if (compareCalendarVersions(versions.value.calendarVersion, deskVersion) > 0) {
      const data = await client.calendar();
      const installed = data.ok
        ? await installCalendarData(db, data.value, platform.nowMs())
        : { ok: false as const, reason: data.reason };
      if (installed.ok) note({ calendarVersion: installed.version });
      else note({ refused: installed.reason });
    }
    // A hub older than the figures names no version: nothing to fetch.
    const hubFigures = versions.value.figuresVersion ?? '';
    const deskFigures = (await deskIncomeFigures(db))?.version ?? '';
    if (compareFiguresVersions(hubFigures, deskFigures) > 0) {
      const data = await client.figures();
      const installed = data.ok
        ? await installIncomeFigures(db, data.value)
        : { ok: false as const, reason: data.reason };
      if (installed.ok) note({ figuresVersion: installed.version });
      else note({ refused: installed.reason });
    }
    // A hub older than the office directory names no version: the desk keeps what it has.
    const hubOffices = versions.value.officesVersion;
    if (hubOffices !== undefined && hubOffices !== (await deskOfficeDirectory(db))?.version) {
      const data = await client.offices();
      const stored = data.ok
        ? await storeOfficeDirectory(db, data.value)
        : { ok: false as const, reason: data.reason };
      if (!stored.ok) note({ refused: stored.reason });
      else if (stored.changed) note({ officesVersion: stored.version });
    }
    let after = await loadTsaVersion(db);
    let rows = 0;
    for (let pages = 0; after < versions.value.tsaVersion && pages < TSA_PAGES_PER_SYNC; pages++) {
      const page = await client.tsaRegister(after);
      if (!page.ok) {
        note({ refused: page.reason });
        break;
      }
      const stored = await storeHubTsaPage(db, page.value, hubUrl, platform.nowMs());
      if (stored.version <= after) break;
      after = stored.version;
      rows += stored.rows;
      note({ tsaVersion: after, tsaRows: rows });
      if (!page.value.more) break;
    }
    return outcome;
  }

  async function pushBatch(
    client: HubClient,
    batch: readonly TravellingEvent[],
  ): Promise<Omit<SyncCounts, 'received'>> {
    const reply = await askAgainIfBroken(() => client.push(batch));
    if (!reply.ok) throw new SyncStop(reply.reason);
    const sent = new Set(batch.map((t) => (t.event as { id?: unknown }).id));
    const receipts = reply.value.receipts.filter((r) => sent.has(r.id));
    // The scans the events taken name now wait for their own channel (sent after the events).
    return takeReceipts(db, batch, receipts, platform.nowMs());
  }

  async function join(hubUrl: string, code: string): Promise<JoinOutcome> {
    const address = checkHubAddress(hubUrl);
    if (!address.ok) return { ok: false, reason: address.reason };
    const normalized = normalizeEnrollmentCode(code);
    if (!ENROLLMENT_CODE.test(normalized)) return { ok: false, reason: 'sync:enroll.codeUnknown' };
    try {
      const keys = await devicePublicKeys(await ensureDeviceKeys(db));
      const client = createHubClient({ baseUrl: address.url, fetch: platform.fetch });
      const hello = await client.hello(platform.nowMs());
      if (!hello.ok) return { ok: false, reason: hello.reason };
      const enrolled = await client.enroll({ code: normalized, ...keys });
      if (!enrolled.ok) return { ok: false, reason: enrolled.reason };
      if (platform.rememberHub) {
        const pinned = await platform.rememberHub({
          hubUrl: address.url,
          hubKeyPin: enrolled.value.hubKeyPin,
        });
        if (!pinned) return { ok: false, reason: 'sync:transport.badAddress' };
      }
      const saved = await saveHubLink(db, address.url, enrolled.value, platform.nowMs());
      if (!saved.ok) return saved;
      const { credential: _secret, ...link } = saved.link;
      return { ok: true, link };
    } catch (error) {
      console.error('join failed', error);
      return { ok: false, reason: writeFailureReason(error) };
    }
  }

  const engine: SyncEngine = {
    syncNow() {
      if (pendingSync) return pendingSync;
      const outcome = exclusive(async () => {
        // From here on a new request waits for a sync that starts after this one.
        pendingSync = null;
        const ended = await sync();
        set({ last: ended, progress: null });
        return ended;
      });
      pendingSync = outcome;
      return outcome;
    },

    join(hubUrl, code) {
      return exclusive(() => join(hubUrl, code));
    },

    start() {
      if (stopTimer) return;
      // A timer tick while a sync or a join runs is skipped; a reconnect, and starting (right after a
      // join, which still holds the turn), queue one sync after whatever runs (syncNow coalesces).
      const attempt = (skipWhileRunning: boolean) => {
        if (!platform.online.current()) return;
        if (skipWhileRunning && running) return;
        void engine.syncNow();
      };
      stopTimer = platform.every(intervalMs, () => attempt(true));
      stopOnline = platform.online.subscribe((online) => {
        if (online) attempt(false);
      });
      attempt(false);
    },

    stop() {
      stopTimer?.();
      stopOnline?.();
      stopTimer = null;
      stopOnline = null;
    },

    getState: () => state,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return engine;
}

function add(counts: SyncCounts, more: Omit<SyncCounts, 'received'>): SyncCounts {
  return {
    accepted: counts.accepted + more.accepted,
    duplicates: counts.duplicates + more.duplicates,
    rejected: counts.rejected + more.rejected,
    received: counts.received,
  };
}
