// The sync benchmark (part of `npm run bench`; issue 8, "Benchmark"): the desk's own sync engine and
// database in Debian's Chromium (the desk's IndexedDB, on a profile on disk, sealed as the desk seals
// citizens' data) against the hub in its own process (as in production) on a PostgreSQL cluster of its
// own (fsync on), each figure beside a peer or a floor measured in the same run. Prints one table;
// never fails on a timing. What it measures:
// 1. Initial sync of N cases (about 6 events each) desk→hub (a desk whose outbox holds them all syncs
//    once) and hub→desk (a freshly joined desk of the same office syncs once), beside the floor: the
//    same volume pushed and pulled by the raw protocol client (shared/sync/client) in Node with no
//    database at all.
// 2. Incremental sync of 50 events registered at the desk by its intake command.
// 3. Bytes on the wire per case: the gzip sync bodies, request and answer, counted in the desk's fetch.
// 4. The peer: the same N case documents (one per case, holding its events) replicated by PouchDB in
//    the same page, on the same browser's IndexedDB, → pouchdb-server (on disk, its own process) → a
//    fresh PouchDB; time and bytes (both measured as TCP bytes through the same counting proxy as the
//    hub's traffic).
// 5. The events of 200 cases over a link shaped to 256 kbit/s with 300 ms round trip (scripts/
//    shaped-link.ts) while 50 MB of the cases' scans wait on the desk: the time until the hub has
//    taken every event; the scans follow, and their pace over the same line is printed. This desk
//    runs in Node (fake-indexeddb): what it measures is the line.
// The page (renderer/bench-sync.html, a separate Vite input) comes from the set-up hub in this process;
// Chromium runs with web security off so that page may call the measured hub and pouchdb-server on
// their own origins (the Electron desk calls the hub across origins under CORS; its cached preflights
// are all this leaves out). How the cases reach the first desk: renderer/src/bench/sync-desk.ts.
// Options: --cases N (10000), --link-cases N (200), --scan-mb N (50), --scan-watch-s N (10),
// --profile DIR (each desk sync's JavaScript profile, a .cpuprofile file for Chromium's DevTools),
// --pull-again N (0: N more fresh desks of the office pull everything after the incremental step, and
// the table prints the median and range of all the initial pulls: on this machine one run of the same
// code varies by ±15%, more than most changes to the pull).
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import type { CaseEvent } from '../shared/case';
import { officeIdFor } from '../shared/office';
import {
  createHubClient,
  MAX_BATCH_EVENTS,
  planPushBatches,
  pushInPlan,
  scopeStateHash,
  type TravellingEvent,
} from '../shared/sync';
import { DeskDatabase } from '../renderer/src/db';
import {
  caseEvents,
  countingFetch,
  joinedDesk,
  newMeter,
  registerCase,
  resolveCase,
  timedSync,
  type Maker,
} from '../renderer/src/bench/sync-desk';
import type { SyncBenchApi } from '../renderer/src/bench/sync-bench-entry';
import { readHubConfig } from '../server/src/config';
import type { Queryable } from '../server/src/db';
import { startHub, type RunningHub } from '../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../server/src/registry/registry';
import { enrolledDesk, newSigner, staffOf, travelling, userOf } from '../server/test/desks';
import { startThrowawayCluster } from '../server/test/postgres-cluster';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/browser';
import { startHubProcess } from '../e2e/support/hub-process';
import { buildBenchPage } from './bench-page';
import { median } from './bench-stats';
import { startShapedLink, type ShapedLink } from './shaped-link';

const { values: options } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    'link-cases': { type: 'string', default: '200' },
    'scan-mb': { type: 'string', default: '50' },
    'scan-watch-s': { type: 'string', default: '10' },
    profile: { type: 'string' },
    'pull-again': { type: 'string', default: '0' },
  },
});
const CASES = Number(options.cases);
const LINK_CASES = Number(options['link-cases']);
const SCAN_BYTES_TOTAL = Number(options['scan-mb']) * 1024 * 1024;
const SCAN_WATCH_MS = Number(options['scan-watch-s']) * 1000;
const INCREMENTAL_EVENTS = 50;
const PULL_AGAIN = Number(options['pull-again']);
const ROOT = join(import.meta.dirname, '..');

const DISTRICT = 'AKK';
/** The engine's desks (A, then a fresh B), the raw client's floor, the shaped link's desk. */
const OFFICE_ENGINE = 'KZL01';
const OFFICE_FLOOR = 'BTR02';
const OFFICE_LINK = 'SRY03';

/** Functions given to page.evaluate run in the page: they reach the API through its global. */
type BenchWindow = { akimatSyncBench: SyncBenchApi };

/** A one-time code of `officeCode` from the set-up hub. */
async function codeFor(hub: RunningHub, officeCode: string): Promise<string> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

/** A desk of `officeCode` in the page, joined to the hub at `hubUrl`. */
function joinInPage(
  page: Page,
  label: string,
  officeCode: string,
  hub: { url: string; code: string },
): Promise<Maker> {
  return page.evaluate(
    ({ label, place, hub }) =>
      (window as unknown as BenchWindow).akimatSyncBench.join(label, place, hub),
    { label, place: { officeCode, districtId: DISTRICT }, hub },
  );
}

async function syncInPage(page: Page, label: string) {
  // With --profile <dir>: the page's JavaScript profile of this sync, for Chromium's DevTools.
  const cdp = options.profile === undefined ? null : await page.context().newCDPSession(page);
  await cdp?.send('Profiler.enable');
  await cdp?.send('Profiler.start');
  const timed = await page.evaluate(
    (label) => (window as unknown as BenchWindow).akimatSyncBench.sync(label),
    label,
  );
  if (cdp && options.profile !== undefined) {
    const { profile } = await cdp.send('Profiler.stop');
    const file = join(options.profile, `desk-${label}-${Date.now()}.cpuprofile`);
    await mkdir(options.profile, { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    console.log(`  desk ${label}'s profile: ${file}`);
    await cdp.detach();
  }
  if (!timed.counts) throw new Error(`desk ${label} did not sync`);
  return { ...timed, counts: timed.counts };
}

/** The Node desks' databases, deleted at the end. */
const opened: DeskDatabase[] = [];

/** The hub's case state hash over one office, from its own log (as the e2e computes it). */
async function hubStateHash(hubDb: Queryable, officeCode: string): Promise<string> {
  const { rows } = await hubDb.query<{ body: CaseEvent }>(
    `select body from hub_events where district_id = $1 and stream = 'case' and office_id = $2`,
    [DISTRICT, officeIdFor(officeCode)],
  );
  const byCase = new Map<string, CaseEvent[]>();
  for (const { body } of rows) {
    const list = byCase.get(body.caseId);
    if (list) list.push(body);
    else byCase.set(body.caseId, [body]);
  }
  return scopeStateHash(crypto.subtle, byCase);
}

// ---- the raw client: the floor -------------------------------------------------------------------

interface FloorFigures {
  pushMs: number;
  pullMs: number;
  pushBytes: number;
  pullBytes: number;
  accepted: number;
  pulled: number;
}

/** The same volume pushed and pulled by shared/sync/client alone: no desk database at all. */
async function rawFloor(hubUrl: string, hub: RunningHub): Promise<FloorFigures> {
  const desk = await enrolledDesk(hub, OFFICE_FLOOR);
  const meter = newMeter();
  const client = createHubClient({
    baseUrl: hubUrl,
    fetch: countingFetch(meter),
    credential: desk.credential,
  });
  const staff = await client.push(travelling('user', staffOf(desk, await newSigner())));
  if (!staff.ok) throw new Error(`floor staff refused: ${staff.reason}`);
  const maker: Maker = {
    officeId: desk.officeId,
    officeCode: OFFICE_FLOOR,
    districtId: desk.districtId,
    deviceId: desk.deviceId,
    deviceNo: desk.deviceNo,
    userIds: {
      akim: userOf(desk.officeId, 'akim'),
      specialist: userOf(desk.officeId, 'specialist'),
    },
  };
  const wall = Date.now() - CASES * 10_000;
  const events: TravellingEvent[] = [];
  for (let i = 0; i < CASES; i++) events.push(...travelling('case', caseEvents(maker, i, wall)));
  meter.push = 0;
  const figures: FloorFigures = {
    pushMs: 0,
    pullMs: 0,
    pushBytes: 0,
    pullBytes: 0,
    accepted: 0,
    pulled: 0,
  };
  let start = performance.now();
  // Batches as the desk's engine cuts them, two on the wire where the plan lets them overlap.
  const pushOne = async (batch: readonly TravellingEvent[]) => {
    const reply = await client.push(batch);
    if (!reply.ok) throw new Error(`floor push failed: ${reply.reason}`);
    figures.accepted += reply.value.receipts.filter((r) => r.status === 'accepted').length;
  };
  await pushInPlan(planPushBatches(events, MAX_BATCH_EVENTS), pushOne, () => undefined);
  figures.pushMs = performance.now() - start;
  // A second laptop of the office pulls them (the hub does not send a device what it pushed).
  const reader = createHubClient({
    baseUrl: hubUrl,
    fetch: countingFetch(meter),
    credential: (await enrolledDesk(hub, OFFICE_FLOOR)).credential,
  });
  start = performance.now();
  let cursor = '';
  for (;;) {
    const page = await reader.pull(cursor, MAX_BATCH_EVENTS);
    if (!page.ok) throw new Error(`floor pull failed: ${page.reason}`);
    figures.pulled += page.value.events.length;
    cursor = page.value.cursor;
    if (!page.value.more) break;
  }
  figures.pullMs = performance.now() - start;
  figures.pushBytes = meter.push;
  figures.pullBytes = meter.pull;
  return figures;
}

// ---- the peer: PouchDB ---------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * pouchdb-server on disk (LevelDOWN, its default) in a throwaway folder, its own process, behind a
 * counting proxy: `run` gets the proxy's URL and the proxy.
 */
async function withPouchServer<T>(run: (url: string, proxy: ShapedLink) => Promise<T>): Promise<T> {
  const port = await freePort();
  const cwd = await mkdtemp(join(tmpdir(), 'akimat-pouch-'));
  let server: ChildProcess | null = null;
  let proxy: ShapedLink | null = null;
  try {
    // pouchdb-server writes its databases, config and log into its working folder.
    server = spawn(
      join(ROOT, 'node_modules', '.bin', 'pouchdb-server'),
      ['--port', String(port), '--host', '127.0.0.1'],
      { cwd, stdio: 'ignore' },
    );
    await waitFor(`http://127.0.0.1:${port}/`, 30_000);
    proxy = await startShapedLink({ host: '127.0.0.1', port });
    return await run(proxy.url, proxy);
  } finally {
    await proxy?.stop();
    server?.kill();
    await rm(cwd, { recursive: true, force: true });
  }
}

// ---- the shaped link -----------------------------------------------------------------------------

interface LinkFigures {
  events: number;
  accepted: number;
  eventsMs: number;
  syncMs: number;
  scanBytes: number;
  scansWaiting: number;
  scanBytesSent: number;
  scanWatchMs: number;
}

/**
 * A desk with LINK_CASES cases (intake with one scan each, SCAN_BYTES_TOTAL in all, and the akim's
 * resolution) syncs over the shaped link; the scans start after the events and are watched for
 * SCAN_WATCH_MS, then the line is cut (the rest would take many minutes at 32 KB/s).
 */
async function shapedLink(hub: RunningHub, hubUrl: string): Promise<LinkFigures> {
  const hubAddress = new URL(hubUrl);
  const link = await startShapedLink(
    { host: hubAddress.hostname, port: Number(hubAddress.port) },
    { rttMs: 300, bytesPerSecond: 32_000 },
  );
  let scansCut = false;
  const inFlight = new Set<AbortController>();
  const fetchScans: typeof fetch = async (input, init) => {
    if (scansCut) {
      return new Response(JSON.stringify({ code: 'sync:errors.offline' }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    const abort = new AbortController();
    inFlight.add(abort);
    try {
      return await fetch(input, { ...init, signal: abort.signal });
    } finally {
      inFlight.delete(abort);
    }
  };
  try {
    const db = new DeskDatabase(`bench-sync-link-${randomUUID()}`);
    opened.push(db);
    const desk = await joinedDesk(
      db,
      { officeCode: OFFICE_LINK, districtId: DISTRICT, label: 'link' },
      { url: link.url, code: await codeFor(hub, OFFICE_LINK) },
      fetchScans,
    );
    const scanBytes = Math.floor(SCAN_BYTES_TOTAL / LINK_CASES);
    for (let n = 0; n < LINK_CASES; n++) {
      const bytes = randomBytes(scanBytes);
      const caseId = await registerCase(desk, n, [
        { name: `scan-${n}.pdf`, blob: new Blob([bytes], { type: 'application/pdf' }) },
      ]);
      await resolveCase(desk, caseId);
    }
    const waiting = await desk.db.outbox.count();
    const scansStored = await desk.db.attachments.count();
    let upAtScans = 0;
    let watchStart = 0;
    let watched: Promise<void> | null = null;
    const timed = await timedSync(desk.engine, {
      onScans: () => {
        upAtScans = link.bytes.up;
        watchStart = performance.now();
        watched = new Promise<void>((resolve) =>
          setTimeout(() => {
            scansCut = true;
            for (const abort of inFlight) abort.abort();
            link.cut();
            resolve();
          }, SCAN_WATCH_MS),
        );
      },
    });
    const watchedFor = watchStart === 0 ? 0 : performance.now() - watchStart;
    await (watched ?? Promise.resolve());
    return {
      events: waiting,
      accepted: timed.outcome.counts.accepted,
      eventsMs: timed.pushMs,
      syncMs: timed.scansFromMs ?? timed.totalMs,
      scanBytes: scansStored * scanBytes,
      scansWaiting: scansStored,
      scanBytesSent: link.bytes.up - upAtScans,
      scanWatchMs: Math.min(watchedFor, SCAN_WATCH_MS),
    };
  } finally {
    await link.stop();
  }
}

// ---- the table -----------------------------------------------------------------------------------

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => `${ms.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const int = (n: number) => n.toLocaleString('en-US');

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

// ---- the run -------------------------------------------------------------------------------------

const work = await mkdtemp(join(tmpdir(), 'akimat-bench-sync-'));
const pageDir = join(work, 'page');
console.log('Building the benchmark page…');
await buildBenchPage('bench-sync.html', pageDir);
const cluster = await startThrowawayCluster({ durable: true });
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database hub_sync_bench');
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = '/hub_sync_bench';
  // The set-up hub, in this process: the registry, one-time codes, the state hash, and the page.
  const hub = await startHub(
    {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_RATE_LIMIT: '0' }),
      database: { kind: 'postgresql', url: url.toString() },
    },
    { deskDir: pageDir },
  );
  // The desks sync with the hub as it runs in production, its own OS process on the same database.
  const hubProcess = await startHubProcess({
    label: 'sync-bench',
    databaseUrl: url.toString(),
    env: { HUB_RATE_LIMIT: '0' },
  });
  const hubAddress = new URL(hubProcess.url);
  // Every byte to and from the hub is counted on TCP too, as the peer's are.
  const hubLink = await startShapedLink({
    host: hubAddress.hostname,
    port: Number(hubAddress.port),
  });
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, '--disable-web-security'],
    // The set-up hub serves the page under the desk's policy (connect-src 'self').
    bypassCSP: true,
    headless: true,
  });
  try {
    await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    for (const code of [OFFICE_ENGINE, OFFICE_FLOOR, OFFICE_LINK]) {
      await addOffice(
        hub.db,
        { districtCode: DISTRICT, code, kind: 'akimat', nameKk: code, nameRu: code },
        'admin',
      );
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`  page: ${m.text()}`);
    });
    /** What the page's marks read: the TCP bytes through a proxy at each moment. */
    let counted: ShapedLink = hubLink;
    const marks = new Map<string, number>();
    await page.exposeFunction('akimatBenchMark', (moment: string) => {
      marks.set(moment, counted.bytes.up + counted.bytes.down);
    });
    await page.goto(`${hub.url}/bench-sync.html`);
    await page.waitForFunction(() => 'akimatSyncBench' in window);

    // 1. Desk → hub: desk A holds every case in its outbox.
    console.log(`Sync bench: ${int(CASES)} cases; seeding desk A in Chromium…`);
    await joinInPage(page, 'a', OFFICE_ENGINE, {
      url: hubLink.url,
      code: await codeFor(hub, OFFICE_ENGINE),
    });
    const seeded = await page.evaluate(
      (cases) => (window as unknown as BenchWindow).akimatSyncBench.seed('a', cases),
      CASES,
    );
    const events = seeded.events;
    console.log(`  ${int(events)} events written in ${s(seeded.ms)}; floor: the raw client…`);

    const floor = await rawFloor(hubLink.url, hub);

    // A desk's requests since the last call, in all; with `what`, also printed per case by table and
    // kind, the largest first: where the desk's time goes.
    const requestsOf = async (label: string, what?: string): Promise<number> => {
      const byKind = await page.evaluate(
        (label) => (window as unknown as BenchWindow).akimatSyncBench.requests(label),
        label,
      );
      if (what !== undefined) {
        const parts = Object.entries(byKind)
          .sort((x, y) => y[1] - x[1])
          .filter(([, n]) => n / CASES >= 0.05)
          .map(([kind, n]) => `${kind} ${(n / CASES).toFixed(1)}`);
        console.log(`  ${what}, IndexedDB requests per case: ${parts.join(', ')}`);
      }
      return Object.values(byKind).reduce((n, k) => n + k, 0);
    };
    await requestsOf('a');
    console.log('  desk A syncs (push every event, then pull)…');
    const tcpNow = () => hubLink.bytes.up + hubLink.bytes.down;
    let tcp = tcpNow();
    const up = await syncInPage(page, 'a');
    const upTcp = (marks.get('pushed') ?? tcpNow()) - tcp;
    const upRequests = await requestsOf('a', 'desk A pushed');
    if (up.counts.rejected > 0) {
      const reason = await page.evaluate(() =>
        (window as unknown as BenchWindow).akimatSyncBench.rejected('a'),
      );
      throw new Error(`the hub refused ${up.counts.rejected} events, e.g. ${reason ?? '?'}`);
    }

    // Hub → desk: a freshly joined desk of the same office takes everything in.
    console.log('  desk B (fresh, same office) joins and syncs…');
    await joinInPage(page, 'b', OFFICE_ENGINE, {
      url: hubLink.url,
      code: await codeFor(hub, OFFICE_ENGINE),
    });
    tcp = tcpNow();
    await requestsOf('b');
    const down = await syncInPage(page, 'b');
    const downTcp = tcpNow() - tcp;
    const downRequests = await requestsOf('b', 'desk B pulled');
    const rawPutUs = await page.evaluate(
      (rows) => (window as unknown as BenchWindow).akimatSyncBench.rawPut(rows),
      6000,
    );

    // 2. Incremental: 50 events registered at desk A by its intake, to the hub and to desk B.
    console.log(`  incremental: ${INCREMENTAL_EVENTS} events at desk A…`);
    await page.evaluate(
      (count) => (window as unknown as BenchWindow).akimatSyncBench.register('a', count),
      INCREMENTAL_EVENTS,
    );
    const incUp = await syncInPage(page, 'a');
    const incDown = await syncInPage(page, 'b');

    const deskHash = (label: string) =>
      page.evaluate(
        (label) => (window as unknown as BenchWindow).akimatSyncBench.stateHash(label),
        label,
      );
    const hashes = {
      hub: await hubStateHash(hub.db, OFFICE_ENGINE),
      a: await deskHash('a'),
      b: await deskHash('b'),
    };
    const meterOf = (label: string) =>
      page.evaluate(
        (label) => (window as unknown as BenchWindow).akimatSyncBench.meter(label),
        label,
      );
    const meterA = await meterOf('a');
    const meterB = await meterOf('b');

    // 3. The initial pull again, by fresh desks of the same office (--pull-again).
    const pulls = [down.totalMs];
    for (let n = 0; n < PULL_AGAIN; n++) {
      const label = `b${n + 2}`;
      console.log(`  fresh desk ${label} pulls everything again…`);
      await joinInPage(page, label, OFFICE_ENGINE, {
        url: hubLink.url,
        code: await codeFor(hub, OFFICE_ENGINE),
      });
      pulls.push((await syncInPage(page, label)).totalMs);
    }

    // 4. The peer.
    console.log('  PouchDB (IndexedDB) → pouchdb-server (on disk) → PouchDB…');
    const peer = await withPouchServer(async (serverUrl, proxy) => {
      counted = proxy;
      const figures = await page.evaluate(
        ({ serverUrl, batch }) =>
          (window as unknown as BenchWindow).akimatSyncBench.peer(serverUrl, batch),
        // The same batch size as the desk's push and pull (PouchDB's default is 100).
        { serverUrl: `${serverUrl}/bench`, batch: MAX_BATCH_EVENTS },
      );
      const between = (a: string, b: string) => (marks.get(b) ?? 0) - (marks.get(a) ?? 0);
      return {
        ...figures,
        toBytes: between('toStart', 'toEnd'),
        fromBytes: between('fromStart', 'fromEnd'),
      };
    });

    // 5. The shaped link.
    console.log(`  ${LINK_CASES} cases over 256 kbit/s, 300 ms round trip…`);
    const slow = await shapedLink(hub, hubProcess.url);
    const ourUpMs = up.pushMs;
    const ourDownMs = down.totalMs;
    const pushBytesPerCase = meterA.push / CASES;
    const pullBytesPerCase = meterB.pull / CASES;
    const rows: string[][] = [
      ['Sync bench', 'value', 'target', 'peer / floor (same run)'],
      [
        `Initial desk→hub: ${int(events)} events of ${int(CASES)} cases (push)`,
        s(ourUpMs),
        `≤ 15 s ${mark(ourUpMs <= 15_000)}`,
        `raw client ${s(floor.pushMs)}; PouchDB → server ${s(peer.toMs)}`,
      ],
      [
        '  the same sync to its end (its pull)',
        s(up.totalMs),
        '',
        `pull part ${s(up.afterPushMs)}`,
      ],
      [
        `Initial hub→desk: fresh desk pulls ${int(up.counts.accepted)} events`,
        s(ourDownMs),
        `≤ 15 s ${mark(ourDownMs <= 15_000)}`,
        `raw client ${s(floor.pullMs)}; server → PouchDB ${s(peer.fromMs)}`,
      ],
      ...(PULL_AGAIN > 0
        ? [
            [
              `  the same pull by ${PULL_AGAIN + 1} fresh desks: median (range)`,
              s(median(pulls)),
              '',
              `${s(Math.min(...pulls))}–${s(Math.max(...pulls))}; the later desks also get the incremental events`,
            ],
          ]
        : []),
      [
        "IndexedDB requests per case: desk A's sync / desk B's",
        `${(upRequests / CASES).toFixed(1)} / ${(downRequests / CASES).toFixed(1)}`,
        '',
        `raw put here ${rawPutUs.toFixed(0)} µs: floor ${s((upRequests * rawPutUs) / 1000)} / ${s((downRequests * rawPutUs) / 1000)}`,
      ],
      [
        `Incremental: ${INCREMENTAL_EVENTS} events desk→hub (whole sync)`,
        msText(incUp.totalMs),
        `≤ 300 ms ${mark(incUp.totalMs <= 300)}`,
        `push part ${msText(incUp.pushMs)}`,
      ],
      [
        `Incremental: the same ${INCREMENTAL_EVENTS} events hub→desk B`,
        msText(incDown.totalMs),
        `≤ 300 ms ${mark(incDown.totalMs <= 300)}`,
        `received ${incDown.counts.received}`,
      ],
      [
        'Bytes per case desk→hub (gzip bodies, push)',
        kb(pushBytesPerCase),
        `≤ 1.5 KB ${mark(pushBytesPerCase <= 1536)}`,
        `raw client ${kb(floor.pushBytes / CASES)}`,
      ],
      [
        'Bytes per case hub→desk (gzip bodies, pull)',
        kb(pullBytesPerCase),
        `≤ 1.5 KB ${mark(pullBytesPerCase <= 1536)}`,
        `raw client ${kb(floor.pullBytes / CASES)}`,
      ],
      [
        'TCP bytes per case desk→hub (push) / hub→desk',
        `${kb(upTcp / CASES)} / ${kb(downTcp / CASES)}`,
        '',
        `PouchDB ${kb(peer.toBytes / CASES)} / ${kb(peer.fromBytes / CASES)}`,
      ],
      [
        'vs PouchDB: time, desk→hub push / hub→desk',
        `${(peer.toMs / ourUpMs).toFixed(1)}× / ${(peer.fromMs / ourDownMs).toFixed(1)}× faster`,
        `≥ 3× ${mark(peer.toMs / ourUpMs >= 3 && peer.fromMs / ourDownMs >= 3)}`,
        `${int(peer.docs)} documents each way`,
      ],
      [
        'vs PouchDB: TCP bytes, desk→hub / hub→desk',
        `${(upTcp / peer.toBytes).toFixed(2)} / ${(downTcp / peer.fromBytes).toFixed(2)} of PouchDB's`,
        `≤ 0.5 ${mark(upTcp / peer.toBytes <= 0.5 && downTcp / peer.fromBytes <= 0.5)}`,
        'TCP through the same counting proxy',
      ],
      [
        `${int(slow.events)} events of ${LINK_CASES} cases at 256 kbit/s, 300 ms RTT`,
        s(slow.eventsMs),
        `≤ 20 s ${mark(slow.eventsMs <= 20_000)}`,
        `${slow.accepted} accepted; ${slow.scansWaiting} scans (${mb(slow.scanBytes)}) waiting`,
      ],
      [
        '  then the scans follow on the same line',
        `${kb((slow.scanBytesSent / Math.max(1, slow.scanWatchMs)) * 1000)}/s`,
        '',
        `scans began at ${s(slow.syncMs)}; watched ${s(slow.scanWatchMs)}, then cut`,
      ],
    ];
    console.log('');
    printTable(rows);
    console.log('');
    console.log(
      `Case state hashes (office ${OFFICE_ENGINE}): hub ${hashes.hub}, desk A ${hashes.a}, desk B ${hashes.b} — ${hashes.hub === hashes.a && hashes.a === hashes.b ? 'equal' : 'DIFFERENT'}`,
    );
    console.log(
      `Seeding desk A (import path + outbox rows, not timed above): ${s(seeded.ms)}. Hub: its own process (tsx server/src/main.ts) on PostgreSQL (fsync on); desks A and B in Chromium (IndexedDB on disk), the shaped link's desk on fake-indexeddb; 2 cores shared.`,
    );
  } finally {
    await context.close();
    await hubLink.stop();
    await hubProcess.stop();
    await hub.stop();
  }
} finally {
  for (const db of opened) await db.delete();
  await cluster.stop();
  await rm(work, { recursive: true, force: true });
}
