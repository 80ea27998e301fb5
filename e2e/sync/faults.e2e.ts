// Sync through a bad link, in Node, against a real hub on PostgreSQL (issue 8, "Faults"). What it
// shows:
// - Three akimat desks (two of okrug A, one of okrug B) join over a clean link, then register cases
//   with the desk's own intake (and the akim's resolution on some) while their engines sync again and
//   again through a TCP proxy that drops 20% of connections, cuts requests and responses midway and
//   delays others. Once the link heals and every desk has synced until nothing waits, the hub holds
//   every event each desk queued exactly once and nothing else, every desk holds exactly its office's
//   events, numbers never collide, and every desk's case state hash equals the hub's over its scope.
// - A desk stopped in the middle of taking in a pulled page (its transaction dies after some of the
//   page's events are written, as when the process is killed: IndexedDB never commits it) has none of
//   the page and its cursor did not move; the next sync takes it all in.
// FAULT_CASES sets the cases per desk (default 20, the size for npm test); FAULT_SEED the proxy's seed.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHubClient } from '../../shared/sync';
import { loadHubLink, loadOfficeProfile } from '../../renderer/src/db';
import {
  applyPulledPage,
  deskCaseStateHash,
  loadPullCursor,
  syncStatus,
} from '../../renderer/src/db/sync-commands';
import type { SyncOutcome } from '../../renderer/src/sync/engine';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import {
  deskEventIds,
  hubScope,
  linkFetch,
  pullTablesSnapshot,
  registerCase,
  resolveCase,
  setUpFaultDesk,
  sleep,
  type FaultDesk,
  type FaultDeskOptions,
} from '../support/fault-desks';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

const CASES = Number(process.env['FAULT_CASES'] ?? 20);
const SEED = Number(process.env['FAULT_SEED'] ?? 20250303);
/** Syncs each desk makes through the bad link at the least, however fast its cases are written. */
const MIN_FAULTY_SYNCS = 8;
/** A request that has not finished by then is given up (a stalled connection fails fast). */
const FETCH_TIMEOUT_MS = 4_000;

const DISTRICT = 'AKK';
const OFFICE = { A: 'KZL01', B: 'BTR02', C: 'ESL03' } as const;

let cluster: ThrowawayCluster;
let hub: RunningHub;
let proxy: FaultProxy;
const desks: FaultDesk[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: { kind: 'postgresql', url: cluster.url },
  });
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of Object.values(OFFICE)) {
    await addOffice(
      hub.db,
      { districtCode: DISTRICT, code, kind: 'akimat', nameKk: code, nameRu: code },
      'admin',
    );
  }
  const { hostname, port } = new URL(hub.url);
  proxy = await startFaultProxy({ host: hostname, port: Number(port) }, { seed: SEED });
});

afterAll(async () => {
  for (const desk of desks) await desk.db.delete();
  await proxy?.close();
  await hub?.stop();
  await cluster?.stop();
});

async function newDesk(
  officeCode: string,
  label: string,
  engine?: FaultDeskOptions['engine'],
): Promise<FaultDesk> {
  const desk = await setUpFaultDesk(officeCode, label, {
    districtId: DISTRICT,
    hubUrl: hub.url,
    timeoutMs: FETCH_TIMEOUT_MS,
    ...(engine ? { engine } : {}),
  });
  desks.push(desk);
  return desk;
}

/** Joins over the clean link with a one-time code of the desk's office. */
async function join(desk: FaultDesk): Promise<void> {
  const made = await createEnrollmentCode(
    hub.db,
    { officeCode: desk.officeCode },
    'admin',
    Date.now(),
  );
  if (!made.ok) throw new Error(made.reason);
  expect(await desk.engine.join(hub.url, made.value.code)).toMatchObject({ ok: true });
}

/**
 * Syncs every desk, one after another, until a whole round finds nothing to push or pull; every
 * outcome is added to the desk's list in `outcomes`. Returns the number of rounds.
 */
async function converge(
  list: readonly FaultDesk[],
  outcomes: Map<string, SyncOutcome[]>,
  maxRounds = 6,
): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    let quiet = true;
    for (const desk of list) {
      const outcome = await desk.engine.syncNow();
      outcomes.get(desk.label)?.push(outcome);
      expect(outcome, `${desk.label} round ${round}`).toMatchObject({ ok: true });
      const c = outcome.counts;
      if (c.accepted + c.duplicates + c.rejected + c.received > 0) quiet = false;
    }
    if (quiet) return round;
  }
  throw new Error(`no quiet round in ${maxRounds}`);
}

/** What a list of sync outcomes did, added up. */
function tally(list: readonly SyncOutcome[]) {
  return {
    syncs: list.length,
    failed: list.filter((o) => !o.ok).length,
    accepted: list.reduce((n, o) => n + o.counts.accepted, 0),
    // A duplicate receipt is a push the hub had stored but whose answer the desk never heard.
    duplicates: list.reduce((n, o) => n + o.counts.duplicates, 0),
    received: list.reduce((n, o) => n + o.counts.received, 0),
  };
}

describe('sync through a bad link, hub on PostgreSQL', () => {
  test(
    `three desks register ${CASES} cases each while syncing through a faulty link; afterwards nothing is lost or doubled and every state hash agrees`,
    { timeout: 90_000 + CASES * 1_500 },
    async () => {
      const started = Date.now();
      const a1 = await newDesk(OFFICE.A, 'a1');
      const a2 = await newDesk(OFFICE.A, 'a2');
      const b = await newDesk(OFFICE.B, 'b');
      const three = [a1, a2, b];
      for (const desk of three) await join(desk);
      // Two laptops of one office: the hub numbered them apart, so their numbers cannot collide.
      expect((await loadOfficeProfile(a1.db))?.deviceNo).toBe(1);
      expect((await loadOfficeProfile(a2.db))?.deviceNo).toBe(2);

      // A push the hub stores but whose answer is lost, for sure, and so is the answer to the same
      // batch asked once more at once: the desk keeps every event waiting, and sends them again
      // later (duplicates: nothing changes at the hub).
      await registerCase(a1, 0);
      a1.route.losePushAnswers = 2;
      expect(await a1.engine.syncNow()).toMatchObject({ ok: false, reason: 'sync:errors.offline' });
      // The first batch is the office's people alone (the hub judges every later event against
      // them): the hub stored it, the sync stopped at the lost answer, and the desk waits for all.
      const lost = (await hubScope(hub.db, DISTRICT, OFFICE.A)).ids;
      expect(lost.length).toBeGreaterThan(0);
      expect(lost.length).toBeLessThan(a1.made.size);
      for (const id of lost) expect(a1.made.has(id)).toBe(true);
      expect((await syncStatus(a1.db, Date.now())).waiting).toBe(a1.made.size);

      // The link goes bad: every request of every desk now goes through the fault proxy.
      for (const desk of three) desk.route.via = proxy.url;
      const outcomes = new Map<string, SyncOutcome[]>(three.map((d) => [d.label, []]));
      let writing = three.length;
      const work = async (desk: FaultDesk, index: number) => {
        const cases: string[] = [];
        for (let n = 1; n <= CASES; n++) {
          const { caseId } = await registerCase(desk, n);
          cases[n] = caseId;
          // Every third case gets the akim's resolution at once, and every third the next case on.
          if (n % 3 === 0) await resolveCase(desk, caseId);
          if (n % 3 === 1 && n > 1) await resolveCase(desk, cases[n - 2] ?? '');
          await sleep(((n * 7 + index * 13) % 40) + 5);
        }
        writing -= 1;
      };
      const syncer = async (desk: FaultDesk) => {
        const mine = outcomes.get(desk.label) ?? [];
        while (writing > 0 || mine.length < MIN_FAULTY_SYNCS) {
          mine.push(await desk.engine.syncNow());
          // A desk's timer, much shortened: not a busy loop against the hub's rate limit.
          await sleep(100);
        }
      };
      await Promise.all(three.flatMap((desk, i) => [work(desk, i), syncer(desk)]));
      const faultyMs = Date.now() - started;

      // The faults really happened, and a sync that met one failed with a named reason.
      const counts = { ...proxy.counts };
      expect(counts.dropped).toBeGreaterThan(0);
      expect(counts.requestsCut).toBeGreaterThan(0);
      expect(counts.responsesCut).toBeGreaterThan(0);
      expect(counts.delayed).toBeGreaterThan(0);
      const all = [...outcomes.values()].flat();
      const failed = all.filter((o) => !o.ok);
      expect(failed.length).toBeGreaterThan(0);
      const reasons = new Set(failed.map((o) => (o.ok ? '' : o.reason)));
      expect([...reasons]).toEqual(['sync:errors.offline']);

      // The link heals; every desk syncs until a whole round finds nothing to do.
      proxy.heal();
      const healed = new Map<string, SyncOutcome[]>(three.map((d) => [d.label, []]));
      const rounds = await converge(three, healed);
      // Every event of the lost answer came back as a duplicate, on the bad link or after it.
      const duplicates = [...outcomes.values(), ...healed.values()]
        .flat()
        .reduce((n, o) => n + o.counts.duplicates, 0);
      expect(duplicates).toBeGreaterThanOrEqual(lost.length);

      // The hub holds every event each desk queued, once, and nothing else.
      const district = await hubScope(hub.db, DISTRICT, null);
      expect(district.repeated).toEqual([]);
      const queued = three.flatMap((d) => [...d.made]).sort();
      expect(new Set(queued).size).toBe(queued.length);
      expect(district.ids).toEqual(queued);
      // Each desk: its directory (2 users), its cases, the resolutions; a1 had one case more.
      const perDesk = 2 + CASES + Math.floor(CASES / 3) + Math.max(0, Math.ceil((CASES - 3) / 3));
      for (const desk of three) {
        const extra = desk === a1 ? 1 : 0;
        expect(desk.made.size, desk.label).toBe(perDesk + extra);
        expect(desk.registered).toHaveLength(CASES + extra);
      }

      // Every desk holds exactly its office's events: nothing lost, nothing doubled, nothing of B.
      const scopeA = await hubScope(hub.db, DISTRICT, OFFICE.A);
      const scopeB = await hubScope(hub.db, DISTRICT, OFFICE.B);
      expect(scopeA.caseIds).toHaveLength(2 * CASES + 1);
      expect(scopeB.caseIds).toHaveLength(CASES);
      for (const [desk, scope] of [
        [a1, scopeA],
        [a2, scopeA],
        [b, scopeB],
      ] as const) {
        expect(await deskEventIds(desk.db), desk.label).toEqual(scope.ids);
        const journal = await desk.db.cases.toArray();
        expect(journal.map((row) => row.id).sort(), desk.label).toEqual(scope.caseIds);
        expect(journal.map((row) => row.number).sort(), `${desk.label}: journal numbers`).toEqual(
          scope.registrationNumbers,
        );
        expect(await syncStatus(desk.db, Date.now()), desk.label).toMatchObject({
          waiting: 0,
          rejected: [],
          lastFailure: null,
        });
      }
      // One office, two laptops: every number given once.
      expect(new Set(scopeA.registrationNumbers).size).toBe(2 * CASES + 1);

      const hashes = {
        hubA: scopeA.hash,
        deskA1: await deskCaseStateHash(a1.db),
        deskA2: await deskCaseStateHash(a2.db),
        hubB: scopeB.hash,
        deskB: await deskCaseStateHash(b.db),
      };
      const badLink = Object.fromEntries(
        [...outcomes].map(([label, list]) => [label, tally(list)]),
      );
      console.log(
        `faults: 3 desks × ${CASES} cases (seed ${SEED}); ${district.ids.length} events at the hub; ` +
          `${faultyMs} ms through the bad link, converged in ${rounds} round(s), ` +
          `${Date.now() - started} ms in all`,
      );
      console.log('fault proxy counts (through the bad link)', counts);
      console.log('syncs through the bad link', badLink);
      console.log(
        'syncs after it healed',
        Object.fromEntries([...healed].map(([l, list]) => [l, tally(list)])),
      );
      console.log('case state hashes', hashes);
      expect(hashes.deskA1).toBe(hashes.hubA);
      expect(hashes.deskA2).toBe(hashes.hubA);
      expect(hashes.deskB).toBe(hashes.hubB);
      expect(hashes.hubA).not.toBe(hashes.hubB);
    },
  );

  test('a desk stopped in the middle of taking in a pulled page has none of it; the next sync takes it all in', async () => {
    // Okrug C's first desk registers cases and sends them over a clean link.
    const c1 = await newDesk(OFFICE.C, 'c1');
    await join(c1);
    for (let n = 1; n <= 12; n++) {
      const { caseId } = await registerCase(c1, n);
      if (n % 2 === 0) await resolveCase(c1, caseId);
    }
    expect(await c1.engine.syncNow()).toMatchObject({ ok: true, counts: { rejected: 0 } });
    const scope = await hubScope(hub.db, DISTRICT, OFFICE.C);
    expect(scope.caseEvents).toBe(12 + 6);

    // A second desk of C joins and pulls by hand, in pages of 7, with the desk's own command.
    const c2 = await newDesk(OFFICE.C, 'c2');
    await join(c2);
    const link = await loadHubLink(c2.db);
    if (!link) throw new Error('not joined');
    const client = createHubClient({
      baseUrl: link.url,
      fetch: linkFetch(c2.route, FETCH_TIMEOUT_MS),
      credential: link.credential,
    });
    const first = await client.pull(await loadPullCursor(c2.db), 7);
    if (!first.ok) throw new Error(first.reason);
    expect(first.value.more).toBe(true);
    expect((await applyPulledPage(c2.db, first.value, Date.now())).stored).toBe(7);
    const second = await client.pull(first.value.cursor, 7);
    if (!second.ok) throw new Error(second.reason);
    // A case's events of one page are one stored row (event-rows.ts EventRunRow): a row a case.
    const caseRowsOfPage = new Set(
      second.value.events.flatMap((e) =>
        e.stream === 'case' ? [(e.event as { caseId: string }).caseId] : [],
      ),
    ).size;
    expect(caseRowsOfPage).toBeGreaterThanOrEqual(2);

    // The desk dies after half of the page's case rows are written: the transaction never ends.
    const before = await pullTablesSnapshot(c2.db);
    let written = 0;
    const killAfter = Math.floor(caseRowsOfPage / 2);
    const kill = () => {
      if (written === killAfter) throw new Error('killed in the middle of a page');
      written += 1;
    };
    c2.db.events.hook('creating', kill);
    await expect(applyPulledPage(c2.db, second.value, Date.now())).rejects.toThrow('killed');
    c2.db.events.hook('creating').unsubscribe(kill);
    expect(written).toBe(killAfter);
    expect(written).toBeGreaterThan(0);

    // None of the page, and the cursor where the first page left it.
    expect(await pullTablesSnapshot(c2.db)).toEqual(before);
    expect(await loadPullCursor(c2.db)).toBe(first.value.cursor);

    // The next sync (the engine, as the desk runs it) takes in the rest, the killed page included.
    const next = await c2.engine.syncNow();
    expect(next).toMatchObject({ ok: true, counts: { rejected: 0 } });
    if (!next.ok) throw new Error(next.reason);
    expect(next.counts.received).toBe(scope.ids.length - 7);
    const after = await hubScope(hub.db, DISTRICT, OFFICE.C);
    expect(await deskEventIds(c2.db)).toEqual(after.ids);
    expect((await c2.db.cases.toArray()).map((r) => r.id).sort()).toEqual(after.caseIds);
    const hashes = { hubC: after.hash, deskC2: await deskCaseStateHash(c2.db) };
    console.log('after the killed page: case state hashes', hashes);
    expect(hashes.deskC2).toBe(hashes.hubC);
  });
});
