// The district hub under load (part of `npm run bench`): 300 simulated desks push and pull at once
// against the hub on a PostgreSQL cluster of its own (fsync on), each over HTTP with gzip bodies as a
// desk sends them. Prints the p50 and p99 latency of push and pull and the events accepted per
// second, beside the floor measured in the same run: the same event bodies inserted into a plain
// table of the same PostgreSQL by the same number of connections, with no checks. Never fails on a
// timing. Options: --desks N (300), --rounds N (4), --cases N (25 cases of 2 events per push).
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { TravellingEvent } from '../shared/sync';
import { readHubConfig } from '../server/src/config';
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
import { enrollReplySchema, pushReplySchema } from '../shared/sync';
import { startThrowawayCluster } from '../server/test/postgres-cluster';

const { values: options } = parseArgs({
  options: {
    desks: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '4' },
    cases: { type: 'string', default: '25' },
  },
});
const DESKS = Number(options.desks);
const ROUNDS = Number(options.rounds);
const CASES_PER_PUSH = Number(options.cases);
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

interface Load {
  push: number[];
  pull: number[];
  accepted: number;
  wallMs: number;
  pushBytes: number;
}

async function load(hub: RunningHub, desks: readonly Desk[]): Promise<Load> {
  const result: Load = { push: [], pull: [], accepted: 0, wallMs: 0, pushBytes: 0 };
  const start = performance.now();
  await Promise.all(
    desks.map(async (desk, d) => {
      let cursor = '';
      for (let round = 0; round < ROUNDS; round++) {
        const events: TravellingEvent[] = [];
        for (let c = 0; c < CASES_PER_PUSH; c++) {
          events.push(...travelling('case', caseAt(desk, `d${d}-r${round}-c${c}`)));
        }
        let t = performance.now();
        const pushed = await post(hub, '/v1/push', desk.credential, pushRequest(events));
        result.push.push(performance.now() - t);
        result.accepted += pushReplySchema
          .parse(pushed.body)
          .receipts.filter((r) => r.status === 'accepted').length;
        t = performance.now();
        const pulled = await post(hub, '/v1/pull', desk.credential, pullRequest(cursor, 500));
        result.pull.push(performance.now() - t);
        cursor = (pulled.body as { cursor: string }).cursor;
      }
    }),
  );
  result.wallMs = performance.now() - start;
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
try {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database hub_bench');
  await admin.end();
  url.pathname = '/hub_bench';
  const hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_RATE_LIMIT: '0' }),
    database: { kind: 'postgresql', url: url.toString() },
  });
  try {
    console.log(`Hub under load: enrolling ${DESKS} desks…`);
    const desks = await setUp(hub);
    console.log(
      `${DESKS} desks × ${ROUNDS} rounds of push (${CASES_PER_PUSH * 2} events) + pull, all at once…`,
    );
    const figures = await load(hub, desks);
    const perSecond = figures.accepted / (figures.wallMs / 1000);
    const floorPerSecond = await floor(url.toString(), desks);
    const rows = [
      ['Hub under load (300 desks)', 'value', 'target / floor'],
      ['push p50', `${percentile(figures.push, 50).toFixed(0)} ms`, ''],
      [
        'push p99',
        `${percentile(figures.push, 99).toFixed(0)} ms`,
        `≤ 300 ms ${percentile(figures.push, 99) <= 300 ? '✓' : '✗'}`,
      ],
      ['pull p50', `${percentile(figures.pull, 50).toFixed(0)} ms`, ''],
      [
        'pull p99',
        `${percentile(figures.pull, 99).toFixed(0)} ms`,
        `≤ 300 ms ${percentile(figures.pull, 99) <= 300 ? '✓' : '✗'}`,
      ],
      [
        'events accepted per second',
        perSecond.toFixed(0),
        `≥ 5000 ${perSecond >= 5000 ? '✓' : '✗'}; floor (plain inserts) ${floorPerSecond.toFixed(0)}`,
      ],
      ['events accepted', String(figures.accepted), `${DESKS * ROUNDS * CASES_PER_PUSH * 2} sent`],
    ];
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
    console.log(
      'The simulated desks run in the same Node process on the same 2 cores as the hub and PostgreSQL.',
    );
  } finally {
    await hub.stop();
  }
} finally {
  await cluster.stop();
}
