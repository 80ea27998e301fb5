// Two hub processes on one PostgreSQL, in Node: the scenario of desks-and-hub.e2e.ts with the hub as
// it runs in production, two separate OS processes of `tsx server/src/main.ts` on one database, and
// each desk's requests spread over both by a front (e2e/support/hub-process.ts), as a balancer in
// front of a district's hub processes would. What it shows (issue 8, §2 Scale, ARCHITECTURE §4):
// - The hub keeps no state in its process: a desk joins at one process and pushes and pulls at
//   either, every other request at the other; each desk sees only its own office's cases.
// - A retry after a lost answer, sent to the other process, changes nothing.
// - A desk reinstalled and re-enrolled at the other process gets its cases back and numbers a new
//   case without a collision.
// - A process killed with SIGKILL in the middle of a desk's sync does not stop it: the desk's next
//   request goes to the live process and the same sync ends well; a new process on the same
//   database serves the same state at once.
// - At the end the case state hashes of the hub's database, of what each hub process serves (a
//   district-department device pulling through it), and of every desk are equal; they are printed.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../shared/case';
import { sampleApplicant } from '../../shared/case/testing';
import { officeIdFor } from '../../shared/office';
import { createHubClient, scopeStateHash, type FetchLike } from '../../shared/sync';
import { loadOfficeProfile, type DeskDatabase } from '../../renderer/src/db';
import { deskCaseStateHash, syncStatus } from '../../renderer/src/db/sync-commands';
import { createSyncEngine } from '../../renderer/src/sync/engine';
import { runCli } from '../../server/src/cli';
import { readHubConfig } from '../../server/src/config';
import { openDatabase, type HubDatabase } from '../../server/src/db';
import { createEnrollmentCode } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import {
  createHubFront,
  frontPlatform,
  startHubProcess,
  type HubFront,
  type HubProcess,
} from '../support/hub-process';
import {
  deskCaseIds,
  hubStateHash,
  joinHub,
  registerCase,
  resolveCase,
  setUpDesk,
  type Desk,
} from '../support/sync-desks';

const DISTRICT = 'AKK';
const OFFICES = { A: 'KZL01', B: 'BTR02' } as const;
/** The district department: its device sees every case of the district. */
const DEPARTMENT = 'AKKSOC';

let cluster: ThrowawayCluster | undefined;
/** Every hub process started, so afterAll ends each one, whatever failed. */
const processes: HubProcess[] = [];
let hubDb: HubDatabase | undefined;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  const url = cluster.url;
  // One after the other: the first applies the migrations, the second finds them applied.
  for (const label of ['one', 'two']) {
    processes.push(await startHubProcess({ label, databaseUrl: url }));
  }
  const config = readHubConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  await admin(['district', 'add', '--code', DISTRICT, '--name-kk', 'Ақкөл', '--name-ru', 'Акколь']);
  const offices: [string, 'akimat' | 'district'][] = [
    [OFFICES.A, 'akimat'],
    [OFFICES.B, 'akimat'],
    [DEPARTMENT, 'district'],
  ];
  for (const [code, kind] of offices) {
    await admin([
      'office',
      'add',
      '--district',
      DISTRICT,
      '--code',
      code,
      '--kind',
      kind,
      '--name-kk',
      code,
      '--name-ru',
      code,
    ]);
  }
  // The test's own connection: enrollment codes, and the hub's side read from its tables.
  hubDb = await openDatabase(config.database);
}, 120_000);

afterAll(async () => {
  const steps: (() => Promise<unknown>)[] = [
    ...databases.map((d) => () => d.delete()),
    () => hubDb?.close() ?? Promise.resolve(),
    ...processes.map((p) => () => p.stop()),
    () => cluster?.stop() ?? Promise.resolve(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'cleanup failed');
});

/** A district admin's command (`npm run hub -- …`), run beside the hub processes on their database. */
async function admin(args: string[]): Promise<void> {
  const config = readHubConfig({ DATABASE_URL: cluster?.url, LOG_LEVEL: 'silent' });
  const printed: string[] = [];
  const code = await runCli(args, config, { language: 'ru' }, (line) => printed.push(line));
  if (code !== 0) throw new Error(`hub ${args.join(' ')}: ${printed.join('\n')}`);
}

function db(): HubDatabase {
  if (!hubDb) throw new Error('no hub database');
  return hubDb;
}

/**
 * A desk as the setup wizard leaves it, whose engine reaches the hub through `front`, in small
 * batches and pages so one sync is many requests and every process gets some.
 */
async function deskBehind(
  front: { fetch: FetchLike },
  officeCode: string,
  label: string,
): Promise<Desk> {
  const desk = await setUpDesk(DISTRICT, officeCode, label, databases);
  return {
    ...desk,
    engine: createSyncEngine(desk.db, frontPlatform(front, desk.link), {
      batchSize: 2,
      pageSize: 3,
    }),
  };
}

/** Joins at one process (all of the join's requests go there), then leaves the front alternating. */
async function joinAt(desk: Desk, front: HubFront, hub: HubProcess): Promise<void> {
  front.only = hub.url;
  try {
    await joinHub(desk, db(), hub.url);
  } finally {
    front.only = null;
  }
  desk.link.online = true;
}

async function sync(desk: Desk) {
  const outcome = await desk.engine.syncNow();
  if (!outcome.ok) throw new Error(`sync failed: ${JSON.stringify(outcome)}`);
  expect(outcome.counts).toMatchObject({ rejected: 0 });
  return outcome.counts;
}

/** The origins that served a path since `from` in the front's log. */
function originsOf(front: HubFront, path: string, from = 0): Set<string> {
  return new Set(
    front.sent
      .slice(from)
      .filter((s) => s.path === path && s.status !== null)
      .map((s) => s.origin),
  );
}

/**
 * The case state hash of each office's cases as one hub process serves them: a district-department
 * device pulls the whole district through `origin` alone; each case goes to its actors' office.
 */
async function servedStateHashes(credential: string, origin: string) {
  const client = createHubClient({ baseUrl: origin, fetch: (u, i) => fetch(u, i), credential });
  const byOffice = new Map<string, Map<string, CaseEvent[]>>();
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const pulled = await client.pull(cursor, 100);
    if (!pulled.ok) throw new Error(`pull at ${origin}: ${pulled.reason}`);
    for (const { stream, event } of pulled.value.events) {
      if (stream !== 'case') continue;
      const e = event as CaseEvent;
      const cases = byOffice.get(e.actor.officeId) ?? new Map<string, CaseEvent[]>();
      byOffice.set(e.actor.officeId, cases);
      cases.set(e.caseId, [...(cases.get(e.caseId) ?? []), e]);
    }
    cursor = pulled.value.cursor;
    if (!pulled.value.more) {
      const hashOf = async (code: string) =>
        scopeStateHash(crypto.subtle, byOffice.get(officeIdFor(code)) ?? new Map());
      return { A: await hashOf(OFFICES.A), B: await hashOf(OFFICES.B) };
    }
  }
  throw new Error('pull did not end');
}

/** A district-department device, enrolled over HTTP at `hub` with real P-256 public keys. */
async function departmentDevice(
  hub: HubProcess,
): Promise<{ deviceId: string; credential: string }> {
  const made = await createEnrollmentCode(db(), { officeCode: DEPARTMENT }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  const publicJwk = async (algorithm: EcKeyGenParams, usages: KeyUsage[]) => {
    const pair = (await crypto.subtle.generateKey(algorithm, true, usages)) as CryptoKeyPair;
    const { x = '', y = '' } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    return { kty: 'EC' as const, crv: 'P-256' as const, x, y };
  };
  const client = createHubClient({ baseUrl: hub.url, fetch: (u, i) => fetch(u, i) });
  const enrolled = await client.enroll({
    code: made.value.code,
    devicePublicKey: await publicJwk({ name: 'ECDSA', namedCurve: 'P-256' }, ['sign', 'verify']),
    deviceAgreementKey: await publicJwk({ name: 'ECDH', namedCurve: 'P-256' }, ['deriveBits']),
  });
  if (!enrolled.ok) throw new Error(enrolled.reason);
  return { deviceId: enrolled.value.deviceId, credential: enrolled.value.credential };
}

const sorted = (cases: readonly { caseId: string }[]) => cases.map((c) => c.caseId).sort();

describe('two hub processes on one PostgreSQL', () => {
  test('desks sync through both processes alternately, across a retry at the other process, a reinstall there and a SIGKILL of one, and every state hash agrees', async () => {
    const [one, two] = processes;
    if (!one || !two) throw new Error('hub processes did not start');
    expect(one.pid).not.toBe(two.pid);
    expect(one.url).not.toBe(two.url);
    const frontA = createHubFront([one.url, two.url]);
    const frontB = createHubFront([two.url, one.url]);
    const a = await deskBehind(frontA, OFFICES.A, 'a');
    const b = await deskBehind(frontB, OFFICES.B, 'b');

    // Offline: three cases each, and the akim of A resolves one.
    const casesA = [await registerCase(a, 1), await registerCase(a, 2), await registerCase(a, 3)];
    const casesB = [await registerCase(b, 1), await registerCase(b, 2), await registerCase(b, 3)];
    await resolveCase(a, casesA[0]?.caseId ?? '');
    expect((await syncStatus(a.db, Date.now())).waiting).toBe(2 + 3 + 1);

    // Online: A joins at process one, B at process two; then every request alternates.
    await joinAt(a, frontA, one);
    await joinAt(b, frontB, two);
    expect(await sync(a)).toMatchObject({ accepted: 6, duplicates: 0 });
    expect(await sync(b)).toMatchObject({ accepted: 5, duplicates: 0 });
    for (const front of [frontA, frontB]) {
      expect(originsOf(front, '/v1/push')).toEqual(new Set([one.url, two.url]));
      expect(originsOf(front, '/v1/pull')).toEqual(new Set([one.url, two.url]));
    }
    expect((await loadOfficeProfile(a.db))?.deviceNo).toBe(1);
    expect((await loadOfficeProfile(b.db))?.deviceNo).toBe(1);

    // Each sees only its own office's cases, at the hub's word and on its own desk.
    expect((await hubStateHash(db(), DISTRICT, OFFICES.A)).caseIds).toEqual(sorted(casesA));
    expect((await hubStateHash(db(), DISTRICT, OFFICES.B)).caseIds).toEqual(sorted(casesB));
    await sync(a);
    await sync(b);
    expect(await deskCaseIds(a.db)).toEqual(sorted(casesA));
    expect(await deskCaseIds(b.db)).toEqual(sorted(casesB));

    // B's push reaches a process, which stores it, but the answer is lost; the desk asks once more
    // at once (engine askAgainIfBroken) and the front sends that to the other process: a duplicate,
    // and the hub's log is as the first push left it.
    casesB.push(await registerCase(b, 4));
    frontB.loseNextPushAnswer = true;
    const retryFrom = frontB.sent.length;
    expect(await sync(b)).toMatchObject({ accepted: 0, duplicates: 1 });
    const lostAt = frontB.lostAt;
    expect(lostAt).not.toBeNull();
    const pushedTo = frontB.sent
      .slice(retryFrom)
      .filter((r) => r.path === '/v1/push')
      .map((r) => r.origin);
    expect(pushedTo).toEqual([lostAt, lostAt === one.url ? two.url : one.url]);
    const stored = await hubStateHash(db(), DISTRICT, OFFICES.B);
    expect(stored.caseIds).toEqual(sorted(casesB));
    await sync(b);
    expect(await hubStateHash(db(), DISTRICT, OFFICES.B)).toEqual(stored);
    expect((await syncStatus(b.db, Date.now())).waiting).toBe(0);

    // Desk A is reinstalled (an empty database, the setup wizard again, device 1 typed again) and
    // joins with a new code at process two, where it never was. It gets its office's cases back and
    // numbers the next case without a collision.
    const frontAgain = createHubFront([two.url, one.url]);
    const again = await deskBehind(frontAgain, OFFICES.A, 'a-again');
    await joinAt(again, frontAgain, two);
    expect((await loadOfficeProfile(again.db))?.deviceNo).toBe(2);
    await sync(again);
    expect(await deskCaseIds(again.db)).toEqual(sorted(casesA));
    expect((await again.db.cases.toArray()).map((row) => row.number).sort()).toEqual(
      casesA.map((c) => c.number).sort(),
    );
    const fresh = await registerCase(again, 4);
    expect(fresh.number).toBe('KZL01-2-0001/2025');
    casesA.push(fresh);
    await sync(again);
    await sync(a);
    expect(await deskCaseIds(a.db)).toEqual(sorted(casesA));

    // Process two is killed (SIGKILL) in the middle of A's sync, right after it answered a push. The
    // desk's next request to it is refused, goes to process one, and the same sync ends well.
    for (let n = 5; n <= 8; n++) casesA.push(await registerCase(a, n));
    await resolveCase(a, casesA[4]?.caseId ?? '');
    let killedAt = -1;
    frontA.afterAnswer = async (origin, path) => {
      if (killedAt === -1 && origin === two.url && path === '/v1/push') {
        killedAt = frontA.sent.length;
        await two.kill();
      }
    };
    const midRun = await sync(a);
    frontA.afterAnswer = null;
    expect(killedAt).toBeGreaterThan(0);
    expect(await two.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(midRun).toMatchObject({ accepted: 5, duplicates: 0 });
    expect(frontA.down).toEqual(new Set([two.url]));
    expect(originsOf(frontA, '/v1/push', killedAt)).toEqual(new Set([one.url]));
    expect(originsOf(frontA, '/v1/pull', killedAt)).toEqual(new Set([one.url]));
    // The other desks keep syncing too, through the live process.
    await sync(b);
    await sync(again);
    expect(frontB.down).toEqual(new Set([two.url]));
    expect(await deskCaseIds(again.db)).toEqual(sorted(casesA));

    // A new process takes the dead one's place on the same database and serves at once.
    const three = await startHubProcess({ label: 'three', databaseUrl: cluster?.url ?? '' });
    processes.push(three);
    for (const front of [frontA, frontB, frontAgain]) front.replace(two.url, three.url);
    // A case more on each desk, pushed to the new process alone; then each desk alternates again.
    const final = [
      { desk: a, front: frontA, cases: casesA, n: 9 },
      { desk: again, front: frontAgain, cases: casesA, n: 5 },
      { desk: b, front: frontB, cases: casesB, n: 5 },
    ];
    for (const { desk, front, cases, n } of final) {
      cases.push(await registerCase(desk, n));
      front.only = three.url;
      expect(await sync(desk)).toMatchObject({ accepted: 1, duplicates: 0 });
      front.only = null;
    }
    for (const { desk, front } of final) {
      const from = front.sent.length;
      await sync(desk);
      const origins = new Set(front.sent.slice(from).map((s) => s.origin));
      expect(origins).toEqual(new Set([one.url, three.url]));
    }

    // Numbers: every case of A once, no number twice, across both desks of A.
    const numbersA = (await again.db.cases.toArray()).map((row) => row.number);
    expect(numbersA).toHaveLength(casesA.length);
    expect(new Set(numbersA).size).toBe(numbersA.length);
    expect(await deskCaseIds(a.db)).toEqual(sorted(casesA));
    expect(await deskCaseIds(b.db)).toEqual(sorted(casesB));

    // Every party agrees on every case of its scope: the hub's database, what each live process
    // serves, and each desk.
    const department = await departmentDevice(one);
    const servedByOne = await servedStateHashes(department.credential, one.url);
    const servedByThree = await servedStateHashes(department.credential, three.url);
    const hubA = await hubStateHash(db(), DISTRICT, OFFICES.A);
    const hubB = await hubStateHash(db(), DISTRICT, OFFICES.B);
    const hashes = {
      A: {
        hubDatabase: hubA.hash,
        servedByProcessOne: servedByOne.A,
        servedByProcessThree: servedByThree.A,
        deskA: await deskCaseStateHash(a.db),
        deskAReinstalled: await deskCaseStateHash(again.db),
      },
      B: {
        hubDatabase: hubB.hash,
        servedByProcessOne: servedByOne.B,
        servedByProcessThree: servedByThree.B,
        deskB: await deskCaseStateHash(b.db),
      },
    };
    console.log(
      `case state hashes, two hub processes on one PostgreSQL (okrug A: ${hubA.caseIds.length} cases, ` +
        `${hubA.events} events; okrug B: ${hubB.caseIds.length} cases, ${hubB.events} events)`,
      hashes,
    );
    expect(hubA.caseIds).toEqual(sorted(casesA));
    expect(hubB.caseIds).toEqual(sorted(casesB));
    for (const scope of [hashes.A, hashes.B]) {
      expect(new Set(Object.values(scope))).toEqual(new Set([scope.hubDatabase]));
    }
    expect(hashes.A.hubDatabase).not.toBe(hashes.B.hubDatabase);

    // The admin revokes the department's device (by the command, beside the hubs): both processes,
    // each of which has just served it, refuse it at once; nothing of it lingers in a process.
    await admin(['revoke', '--device', department.deviceId]);
    for (const hub of [one, three]) {
      const client = createHubClient({
        baseUrl: hub.url,
        fetch: (u, i) => fetch(u, i),
        credential: department.credential,
      });
      expect(await client.pull('', 10)).toMatchObject({
        ok: false,
        reason: 'sync:errors.deviceRevoked',
      });
    }

    // Each process served pushes and pulls by its own log, and no log line names an applicant.
    const served = Object.fromEntries(
      [one, two, three].map((p) => [
        p.label,
        {
          push: p.requestsServed().get('POST /v1/push') ?? 0,
          pull: p.requestsServed().get('POST /v1/pull') ?? 0,
        },
      ]),
    );
    console.log('requests per hub process', served);
    for (const p of [one, two, three]) {
      expect(served[p.label]?.push).toBeGreaterThan(0);
      expect(served[p.label]?.pull).toBeGreaterThan(0);
      const log = p.lines().join('\n');
      expect(log).not.toContain(sampleApplicant.iin);
      expect(log).not.toContain(sampleApplicant.lastName);
    }
  });
});
