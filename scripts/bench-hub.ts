// The district hub under load (part of `npm run bench`): 300 simulated desks push and pull against the
// hub on a PostgreSQL cluster of its own (fsync on, reached over loopback TCP), each over HTTP with
// gzip bodies as a desk sends them. The hub runs as it does in production, its own OS process
// (`tsx server/src/main.ts`), so the simulated desks do not share its event loop; their push bodies
// are made and compressed before the clock starts (a real desk compresses on its own laptop), and sent
// with node:http (agent). They run on the same 2 cores as the hub and PostgreSQL: what CPU they use,
// the hub cannot (printed below). Two loads, each printed with p50/p99 of push and pull and the events
// accepted per second:
// 1. Steady: every desk syncs (push, then pull) on its own timer, all 300 running together, at the
//    rate that offers 5,000 events/s in all (a desk every DESKS×50/5000 s, phases spread): the
//    latency a desk sees when the district runs at the target rate (an open load: a slow answer does
//    not slow the offered rate, so queueing shows in the latency, not hidden by it).
// 2. Saturation: all 300 desks push and pull back to back as fast as answers come: the most the hub
//    takes per second here.
// Beside them the floor measured in the same run: the same event bodies inserted into a plain table of
// the same PostgreSQL by as many connections, with no checks; and the CPU time each side used during
// each load, in all and per 1,000 events accepted: the hub's process and PostgreSQL's (its postmaster
// and every process under it), read from Linux's /proc ("n/a" elsewhere), and the simulated desks'
// own (process.cpuUsage). Never fails on a timing.
// Options: --desks N (300), --rounds N (4), --cases N (25 cases of 2 events per push), --rate N (5000).
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import {
  encodeBody,
  enrollReplySchema,
  pushReplySchema,
  type TravellingEvent,
} from '../shared/sync';
import { readHubConfig } from '../server/src/config';
import { SYNC_MEDIA_TYPE } from '../server/src/http/sync-routes';
import { startHub, type RunningHub } from '../server/src/hub';
import { addDistrict, addOffice } from '../server/src/registry/registry';
import {
  caseAt,
  enroll,
  enrollmentCode,
  newSigner,
  post,
  pullRequest,
  pushRequest,
  staffOf,
  travelling,
  type Desk,
} from '../server/test/desks';
import { startThrowawayCluster } from '../server/test/postgres-cluster';
import { startHubProcess, type HubProcess } from '../e2e/support/hub-process';

const { values: options } = parseArgs({
  options: {
    desks: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '4' },
    cases: { type: 'string', default: '25' },
    rate: { type: 'string', default: '5000' },
  },
});
const DESKS = Number(options.desks);
const ROUNDS = Number(options.rounds);
const CASES_PER_PUSH = Number(options.cases);
const EVENTS_PER_PUSH = CASES_PER_PUSH * 2;
const OFFERED_PER_SECOND = Number(options.rate);
/** An akimat has at most 99 desks; 10 per office spreads 300 desks over 30 okrugs. */
const DESKS_PER_OFFICE = 10;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function setUp(hub: RunningHub): Promise<Desk[]> {
  await addDistrict(hub.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  const desks: Desk[] = [];
  const offices = Math.ceil(DESKS / DESKS_PER_OFFICE);
  for (let o = 0; o < offices; o++) {
    const code = `OK${String(o + 1).padStart(3, '0')}`;
    await addOffice(
      hub.db,
      { districtCode: 'AKK', code, kind: 'akimat', nameKk: code, nameRu: code },
      'admin',
    );
    const officeDesks: Desk[] = [];
    for (let d = 0; d < DESKS_PER_OFFICE && desks.length + officeDesks.length < DESKS; d++) {
      const answer = await enroll(hub, await enrollmentCode(hub, code));
      const reply = enrollReplySchema.parse(answer.body);
      officeDesks.push({
        credential: reply.credential,
        deviceId: reply.deviceId,
        deviceNo: reply.deviceNo,
        officeId: reply.officeId,
        districtId: reply.districtId,
      });
    }
    // The office's people, registered once by its first desk.
    const first = officeDesks[0];
    if (first) {
      const staff = travelling('user', staffOf(first, await newSigner()));
      await post(hub, '/v1/push', first.credential, pushRequest(staff));
    }
    desks.push(...officeDesks);
  }
  return desks;
}

/** Each desk's pushes of a load, compressed as the desk sends them, made before the clock starts. */
function pushBodies(desks: readonly Desk[], label: string): Uint8Array[][] {
  return desks.map((desk, d) =>
    Array.from({ length: ROUNDS }, (_, round) => {
      const events: TravellingEvent[] = [];
      for (let c = 0; c < CASES_PER_PUSH; c++) {
        events.push(...travelling('case', caseAt(desk, `${label}-d${d}-r${round}-c${c}`)));
      }
      return encodeBody(pushRequest(events));
    }),
  );
}

interface Load {
  push: number[];
  pull: number[];
  accepted: number;
  wallMs: number;
  /** CPU seconds of this process (the simulated desks) during the load. */
  desksCpuS: number;
  /** CPU seconds of the hub's process during the load (null where /proc cannot tell). */
  hubCpuS: number | null;
  /** CPU seconds of the PostgreSQL cluster during the load (null where /proc cannot tell). */
  databaseCpuS: number | null;
}

/**
 * The simulated desks' connections: node:http, kept alive between a desk's syncs. With fetch (undici)
 * instead, on the same hub, the steady load's p99 came out 1–3 s longer (two runs each: push 4.2 s
 * and 2.7 s, pull 5.7 s and 4.0 s, against 3.1 s and 1.7 s, 2.9 s and 2.8 s) for the same CPU of the
 * desks: a delay of the client's, not the hub's.
 */
const agent = new Agent({ keepAlive: true });

/**
 * One desk's HTTP exchange with a ready body: the time to the whole answer, and the answer unzipped.
 * A simulated desk reads only what it needs to go on (receipts, the next cursor): a real desk parses
 * its pages on its own laptop, not on the 2 cores the hub and PostgreSQL are measured on.
 */
function exchange(
  url: string,
  credential: string,
  body: Uint8Array,
): Promise<{ ms: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const sent = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': SYNC_MEDIA_TYPE,
          'content-length': body.byteLength,
          authorization: `Bearer ${credential}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const ms = performance.now() - t;
          if (response.statusCode !== 200) {
            reject(new Error(`hub answered ${response.statusCode ?? '?'}`));
            return;
          }
          try {
            resolve({ ms, bytes: gunzipSync(Buffer.concat(chunks)) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** A process's /proc stat fields after its command name (which may hold spaces); null if none. */
function procStat(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Clock ticks (USER_HZ, 100 a second on Linux) as seconds. */
const ticks = (fields: readonly string[], from: number, to: number): number =>
  fields.slice(from, to + 1).reduce((sum, f) => sum + Number(f), 0) / 100;

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; null elsewhere. */
function processCpuSeconds(pid: number): number | null {
  const fields = procStat(pid);
  return fields === null ? null : ticks(fields, 11, 12);
}

/**
 * CPU seconds the PostgreSQL cluster has used so far: the postmaster, its live children (the hub's
 * connections, the WAL writer, …) and those that ended (counted in the postmaster's children's time).
 */
function clusterCpuSeconds(postmasterPid: number | null): number | null {
  const own = postmasterPid === null ? null : procStat(postmasterPid);
  if (own === null || postmasterPid === null) return null;
  let sum = ticks(own, 11, 14);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStat(entry);
    if (fields?.[1] === String(postmasterPid)) sum += ticks(fields, 11, 12);
  }
  return sum;
}

/** The cursor of a pull reply, read from its end (server/src/http/wire.ts writes it after the events). */
function cursorOf(reply: Buffer): string {
  const at = reply.lastIndexOf('],"cursor":');
  if (at < 0) throw new Error('a pull reply without its cursor');
  const tail = JSON.parse(`{${reply.subarray(at + 2).toString('utf8')}`) as { cursor?: unknown };
  if (typeof tail.cursor !== 'string') throw new Error('a pull reply without its cursor');
  return tail.cursor;
}

/**
 * Every desk runs ROUNDS syncs (push its ready body, then pull after its cursor). With `periodMs`,
 * desk d starts its round r at d/DESKS·periodMs + r·periodMs whether or not its last sync is done
 * (an open load; a desk's own syncs never overlap: a late one starts as soon as the last ended);
 * without it, each sync follows the last at once.
 */
async function load(
  hub: HubProcess,
  postmasterPid: number | null,
  desks: readonly Desk[],
  bodies: readonly Uint8Array[][],
  periodMs: number | null,
): Promise<Load> {
  const result: Load = {
    push: [],
    pull: [],
    accepted: 0,
    wallMs: 0,
    desksCpuS: 0,
    hubCpuS: null,
    databaseCpuS: null,
  };
  const hubUrl = hub.url;
  const hubCpuBefore = processCpuSeconds(hub.pid);
  const databaseCpuBefore = clusterCpuSeconds(postmasterPid);
  const desksCpuBefore = process.cpuUsage();
  const start = performance.now();
  const sleepUntil = (ms: number) =>
    new Promise<void>((resolve) =>
      setTimeout(resolve, Math.max(0, start + ms - performance.now())),
    );
  await Promise.all(
    desks.map(async (desk, d) => {
      let cursor = '';
      for (let round = 0; round < ROUNDS; round++) {
        if (periodMs !== null) await sleepUntil((d / desks.length) * periodMs + round * periodMs);
        const pushed = await exchange(
          `${hubUrl}/v1/push`,
          desk.credential,
          bodies[d]?.[round] ?? new Uint8Array(),
        );
        result.push.push(pushed.ms);
        result.accepted += pushReplySchema
          .parse(JSON.parse(pushed.bytes.toString('utf8')))
          .receipts.filter((r) => r.status === 'accepted').length;
        const pulled = await exchange(
          `${hubUrl}/v1/pull`,
          desk.credential,
          encodeBody(pullRequest(cursor, 500)),
        );
        result.pull.push(pulled.ms);
        cursor = cursorOf(pulled.bytes);
      }
    }),
  );
  result.wallMs = performance.now() - start;
  const desksCpu = process.cpuUsage(desksCpuBefore);
  result.desksCpuS = (desksCpu.user + desksCpu.system) / 1e6;
  const hubCpuAfter = processCpuSeconds(hub.pid);
  result.hubCpuS =
    hubCpuBefore === null || hubCpuAfter === null ? null : hubCpuAfter - hubCpuBefore;
  const databaseCpuAfter = clusterCpuSeconds(postmasterPid);
  result.databaseCpuS =
    databaseCpuBefore === null || databaseCpuAfter === null
      ? null
      : databaseCpuAfter - databaseCpuBefore;
  return result;
}

/** The floor: the same bodies into a plain table, as many connections, no checks, no hub. */
async function floor(url: string, desks: readonly Desk[]): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('create table floor_events (id text primary key, body jsonb not null)');
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const start = performance.now();
  let inserted = 0;
  await Promise.all(
    desks.map(async (desk, d) => {
      for (let round = 0; round < ROUNDS; round++) {
        const bodies = [];
        for (let c = 0; c < CASES_PER_PUSH; c++)
          bodies.push(...caseAt(desk, `f${d}-${round}-${c}`));
        const values = bodies.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(',');
        const params = bodies.flatMap((b) => [b.id, JSON.stringify(b)]);
        const r = await pool.query(`insert into floor_events values ${values}`, params);
        inserted += r.rowCount ?? 0;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await pool.end();
  return inserted / seconds;
}

const cluster = await startThrowawayCluster({ durable: true });
const url = new URL(cluster.url);
let hubProcess: HubProcess | null = null;
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database hub_bench');
  // The cluster's processes, for their CPU time: the postmaster's pid heads postmaster.pid.
  const dataDir = (await admin.query<{ data_directory: string }>('show data_directory')).rows[0]
    ?.data_directory;
  await admin.end();
  const postmasterPid =
    dataDir === undefined
      ? null
      : Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  url.pathname = '/hub_bench';
  // The registry and enrollment through a hub in this process (set-up, not measured) …
  const setupHub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_RATE_LIMIT: '0' }),
    database: { kind: 'postgresql', url: url.toString() },
  });
  let desks: Desk[];
  try {
    console.log(`Hub under load: enrolling ${DESKS} desks…`);
    desks = await setUp(setupHub);
  } finally {
    await setupHub.stop();
  }
  // … the load against the hub's own process.
  hubProcess = await startHubProcess({
    label: 'bench',
    databaseUrl: url.toString(),
    env: { HUB_RATE_LIMIT: '0' },
  });
  const periodMs = (DESKS * EVENTS_PER_PUSH * 1000) / OFFERED_PER_SECOND;
  console.log(
    `${DESKS} desks × ${ROUNDS} syncs (push of ${EVENTS_PER_PUSH} events, then pull): steady, a desk every ${(periodMs / 1000).toFixed(1)} s…`,
  );
  const steady = await load(
    hubProcess,
    postmasterPid,
    desks,
    pushBodies(desks, 'steady'),
    periodMs,
  );
  console.log('… and saturation, every desk back to back…');
  const saturated = await load(
    hubProcess,
    postmasterPid,
    desks,
    pushBodies(desks, 'saturation'),
    null,
  );
  const floorPerSecond = await floor(url.toString(), desks);
  const perSecond = (l: Load) => l.accepted / (l.wallMs / 1000);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const seconds = (s: number) => `${s.toFixed(1)} s`;
  const cpu = (s: number | null, l: Load) =>
    s === null ? 'n/a' : `${seconds(s)} (${((s * 1000) / (l.accepted / 1000)).toFixed(0)} ms)`;
  const sent = DESKS * ROUNDS * EVENTS_PER_PUSH;
  const rows = [
    [`Hub under load (${DESKS} desks)`, 'steady', 'saturation', 'target / floor'],
    ['push p50', ms(percentile(steady.push, 50)), ms(percentile(saturated.push, 50)), ''],
    [
      'push p99',
      ms(percentile(steady.push, 99)),
      ms(percentile(saturated.push, 99)),
      `≤ 300 ms (steady) ${mark(percentile(steady.push, 99) <= 300)}`,
    ],
    ['pull p50', ms(percentile(steady.pull, 50)), ms(percentile(saturated.pull, 50)), ''],
    [
      'pull p99',
      ms(percentile(steady.pull, 99)),
      ms(percentile(saturated.pull, 99)),
      `≤ 300 ms (steady) ${mark(percentile(steady.pull, 99) <= 300)}`,
    ],
    [
      'events accepted per second',
      `${perSecond(steady).toFixed(0)} (${OFFERED_PER_SECOND} offered)`,
      perSecond(saturated).toFixed(0),
      `≥ 5000 ${mark(perSecond(saturated) >= 5000)}; floor (plain inserts) ${floorPerSecond.toFixed(0)}`,
    ],
    ['events accepted', `${steady.accepted} of ${sent}`, `${saturated.accepted} of ${sent}`, ''],
    ['wall time', seconds(steady.wallMs / 1000), seconds(saturated.wallMs / 1000), ''],
    [
      'CPU of the hub process',
      cpu(steady.hubCpuS, steady),
      cpu(saturated.hubCpuS, saturated),
      'in all (per 1,000 events accepted)',
    ],
    [
      'CPU of PostgreSQL',
      cpu(steady.databaseCpuS, steady),
      cpu(saturated.databaseCpuS, saturated),
      'all its processes',
    ],
    [
      'CPU of the simulated desks',
      cpu(steady.desksCpuS, steady),
      cpu(saturated.desksCpuS, saturated),
      'this process, on the same 2 cores',
    ],
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
  console.log(
    'The hub is one process (tsx server/src/main.ts); the desks, the hub and PostgreSQL share the 2 cores.',
  );
} finally {
  await hubProcess?.stop();
  await cluster.stop();
}
