// `npm run bench`: how the desk holds up with 100,000 cases. Builds the renderer's benchmark page (a
// separate Vite input, never part of the desk's build), serves it with the hub on a free port, and in
// Debian's Chromium seeds 100,000 realistic cases into the desk database, then times the desk's own
// code for the journal's first page, an IIN lookup, a name-prefix search, the overdue filter and
// registering one case, and the district's view of the same cases spread over ten okrugs (issue 9
// §10–11: the journal filtered by one okrug, the dashboard's per-okrug tallies, the monthly report for
// the district and for one akimat), each next to a raw IndexedDB call doing the same or the least work
// in the same run (the floor), and reads the renderer's JS heap with the district's results held and
// with the journal on screen. Prints medians; never fails on a timing. Options: --cases N (100000), --runs N (15), --screenshot FILE (the journal after seeding),
// --profile DIR (keep the seeded browser profile there; a later run with the same DIR measures it again
// without seeding), --only a,b (measure only these operations).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { readHubConfig } from '../server/src/config';
import { startHub } from '../server/src/hub';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/browser';
import { buildBenchPage } from './bench-page';
import { median } from './bench-stats';

/** The e2e tests' browser and flags: Debian's Chromium, nothing downloaded. */
const BENCH_FLAGS = [
  ...CHROMIUM_FLAGS,
  // performance.memory with exact figures instead of bucketed ones.
  '--enable-precise-memory-info',
];

const { values: options } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '15' },
    screenshot: { type: 'string' },
    profile: { type: 'string' },
    only: { type: 'string' },
  },
});
const CASES = Number(options.cases);
const RUNS = Math.max(15, Number(options.runs));

/** What the seeding reports (bench-entry.tsx). */
interface SeedFigures {
  cases: number;
  events: number;
  openCases: number;
  overdue: number;
  ms: number;
  namePrefixes: number;
  today: string;
}
/** What bench-entry.tsx puts on the page's window. */
interface BenchApi {
  seed(total: number): Promise<SeedFigures>;
  resume(saved: unknown): Promise<SeedFigures>;
  seeded(): unknown;
  measure(name: string, runs: number): Promise<{ app: number[]; raw: number[]; info: string }>;
  renderJournal(): Promise<number>;
  releaseDistrict(): number;
  heapUsed(): number | null;
}
/** Functions given to page.evaluate run in the page: they reach the API through its global. */
type BenchWindow = { akimatBench: BenchApi };

/**
 * Targets are issue 4's for the journal screens. The district's journal filtered by an okrug is held to
 * the journal's first-page target; issue 9 names none for the dashboard's tallies or the monthly
 * report: they are printed beside their floor only.
 */
const OPERATIONS: readonly { name: string; label: string; targetMs: number | null }[] = [
  { name: 'firstPage', label: 'Journal: first page (50 rows + count)', targetMs: 100 },
  { name: 'iinLookup', label: 'IIN lookup (12 digits)', targetMs: 10 },
  { name: 'namePrefix', label: 'Name-prefix search (4 letters)', targetMs: 50 },
  { name: 'overdue', label: 'Overdue filter (first page + count)', targetMs: 100 },
  { name: 'register', label: 'Register one case (submit → persisted)', targetMs: 30 },
  { name: 'deepWindow', label: 'Journal: rows 50,000–50,049 (extra)', targetMs: null },
  {
    name: 'okrugFirstPage',
    label: 'District journal: one okrug, first page + count',
    targetMs: 100,
  },
  { name: 'okrugTallies', label: 'District dashboard: open + late per okrug', targetMs: null },
  { name: 'reportDistrict', label: 'Monthly report: the district, last month', targetMs: null },
  { name: 'reportOkrug', label: 'Monthly report: one akimat, last month', targetMs: null },
];
const DISTRICT_OPERATIONS = ['okrugFirstPage', 'okrugTallies', 'reportDistrict', 'reportOkrug'];
const HEAP_TARGET_MB = 200;

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const int = (value: number) => value.toLocaleString('en-US').replace(/,/g, ' ');

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join(
    '\n',
  );
}

const outDir = await mkdtemp(join(tmpdir(), 'akimat-bench-desk-'));
const hubDir = await mkdtemp(join(tmpdir(), 'akimat-bench-hub-'));
const started = performance.now();
console.log('Building the benchmark page…');
await buildBenchPage('bench.html', outDir);

// A profile on disk, as the desk keeps one: an incognito context holds IndexedDB in memory, under a
// quota that 100,000 sealed cases outgrow.
const profileDir = options.profile ?? (await mkdtemp(join(tmpdir(), 'akimat-bench-profile-')));
await mkdir(profileDir, { recursive: true });
const savedSeed = join(profileDir, 'akimat-bench-seeded.json');
/** What a kept profile's earlier run left beside it: its origin's port and what seed() found. */
interface KeptSeed {
  port: number;
  seeded: unknown;
}
const kept =
  options.profile && existsSync(savedSeed)
    ? (JSON.parse(await readFile(savedSeed, 'utf8')) as KeptSeed)
    : null;
const hub = await startHub(
  {
    // A kept profile's database is found again only at the same origin: the port it was seeded on.
    ...readHubConfig({ HUB_PORT: String(kept?.port ?? 0), LOG_LEVEL: 'warn' }),
    database: { kind: 'pglite', dataDir: hubDir },
  },
  { deskDir: outDir },
);

const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: CHROMIUM_PATH,
  args: BENCH_FLAGS,
  headless: true,
  viewport: { width: 1400, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`  page: ${message.text()}`);
    else console.log(`  ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.goto(`${hub.url}/bench.html`);
  await page.waitForFunction(() => 'akimatBench' in globalThis);
  // A persistent context has no Browser object to ask: the page's user agent names the version.
  const userAgent = await page.evaluate(() => navigator.userAgent);
  const browserVersion = /Chrome\/([\d.]+)/.exec(userAgent)?.[1] ?? userAgent;

  let seeded: SeedFigures;
  if (kept !== null) {
    console.log(`Measuring the database seeded earlier in ${profileDir}…`);
    seeded = await page.evaluate(
      (s) => (globalThis as unknown as BenchWindow).akimatBench.resume(s),
      kept.seeded,
    );
  } else {
    console.log(`Seeding ${int(CASES)} cases…`);
    seeded = await page.evaluate(
      (n) => (globalThis as unknown as BenchWindow).akimatBench.seed(n),
      CASES,
    );
    if (options.profile) {
      const result = await page.evaluate(() =>
        (globalThis as unknown as BenchWindow).akimatBench.seeded(),
      );
      const keep: KeptSeed = { port: Number(new URL(hub.url).port), seeded: result };
      await writeFile(savedSeed, JSON.stringify(keep));
    }
  }
  console.log(
    `Seeded ${int(seeded.cases)} cases, ${int(seeded.events)} events in ${(seeded.ms / 1000).toFixed(1)} s ` +
      `(${int(seeded.openCases)} open, ${int(seeded.overdue)} late (term or step) on ${seeded.today}).`,
  );

  const rows: string[][] = [
    ['Operation', 'Desk (median)', 'Target', 'Raw IndexedDB (floor)', 'Notes'],
  ];
  const only = options.only?.split(',');
  for (const op of OPERATIONS.filter((o) => !only || only.includes(o.name))) {
    console.log(`Measuring ${op.name} (${RUNS} runs)…`);
    const result = await page.evaluate(
      ([name, runs]) => (globalThis as unknown as BenchWindow).akimatBench.measure(name, runs),
      [op.name, RUNS] as const,
    );
    const app = median(result.app);
    const verdict = op.targetMs === null ? '' : app <= op.targetMs ? ' ✓' : ' ✗';
    rows.push([
      op.label,
      ms(app) + verdict,
      op.targetMs !== null
        ? `≤ ${op.targetMs} ms`
        : DISTRICT_OPERATIONS.includes(op.name)
          ? 'none; floor shown'
          : '—',
      ms(median(result.raw)),
      result.info,
    ]);
  }

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  /** The renderer's JS heap after a full collection, in MB. */
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1_048_576;
  };
  const heapRow = (label: string, mb: number, note: string) => [
    label,
    `${mb.toFixed(1)} MB${mb <= HEAP_TARGET_MB ? ' ✓' : ' ✗'}`,
    `≤ ${HEAP_TARGET_MB} MB`,
    '—',
    note,
  ];

  // The district's results as its screens hold them (the okrug's page, the tallies, both reports),
  // before the journal screen is mounted: the heap with what those screens keep.
  const districtHeap = await heapAfterGc();
  const heldResults = await page.evaluate(() =>
    (globalThis as unknown as BenchWindow).akimatBench.releaseDistrict(),
  );

  console.log('Rendering the journal…');
  const renderMs = await page.evaluate(() =>
    (globalThis as unknown as BenchWindow).akimatBench.renderJournal(),
  );
  await page.waitForTimeout(500);
  if (options.screenshot) await page.screenshot({ path: options.screenshot });
  const heapMb = await heapAfterGc();
  if (heldResults > 0) {
    rows.push(
      heapRow(
        'Renderer JS heap (seeded, district results held, after GC)',
        districtHeap,
        `CDP JSHeapUsedSize; ${heldResults} district results held`,
      ),
    );
  }
  rows.push(['Journal screen: first lines on screen (extra, once)', ms(renderMs), '—', '—', '']);
  rows.push(
    heapRow('Renderer JS heap (seeded, journal shown, after GC)', heapMb, 'CDP JSHeapUsedSize'),
  );

  console.log('');
  console.log(
    `Akimat Desk benchmark: ${int(seeded.cases)} cases, ${int(seeded.events)} events; ` +
      `Chromium ${browserVersion}, headless; median of ${RUNS} runs; ` +
      `total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  console.log(table(rows));
  console.log('✓ within target, ✗ over target. Timings are printed, never asserted.');
} finally {
  await context.close();
  await hub.stop();
  if (!options.profile) await rm(profileDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
  await rm(hubDir, { recursive: true, force: true });
}
