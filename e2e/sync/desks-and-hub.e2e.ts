// Two akimat desks and a real hub on PostgreSQL, in Node: each desk is the desk's own database
// (Dexie on fake-indexeddb) written by the desk's own commands (setup, intake, the akim's act) and
// synced by the desk's own engine over HTTP. What it shows (issue 8, §3 and the e2e of its tests):
// - Each desk registers cases offline, joins with a one-time code, syncs, and sees only its own
//   office's cases.
// - A reinstalled desk (a fresh, empty database) joins with a new code, gets its office's cases back
//   by pull, and numbers a new case without a collision: the hub gives it a device number no desk of
//   the office ever had, and its counters move past every number of its own in scope.
// - At the end the hub's and each desk's case state hashes (shared/sync scopeStateHash) are equal;
//   they are printed so they can be quoted.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadOfficeProfile, type DeskDatabase } from '../../renderer/src/db';
import { deskCaseStateHash, syncStatus } from '../../renderer/src/db/sync-commands';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import {
  deskCaseIds,
  hubStateHash as hubScopeHash,
  joinHub,
  registerCase,
  resolveCase,
  setUpDesk as setUpSyncDesk,
  type Desk,
} from '../support/sync-desks';

const DISTRICT = 'AKK';
const OFFICES = { A: 'KZL01', B: 'BTR02' } as const;
type Okrug = keyof typeof OFFICES;

let cluster: ThrowawayCluster;
let hub: RunningHub;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: { kind: 'postgresql', url: cluster.url },
  });
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of Object.values(OFFICES)) {
    await addOffice(
      hub.db,
      { districtCode: DISTRICT, code, kind: 'akimat', nameKk: code, nameRu: code },
      'admin',
    );
  }
});

afterAll(async () => {
  for (const d of databases) await d.delete();
  await hub?.stop();
  await cluster?.stop();
});

/** A desk as the setup wizard leaves it (e2e/support/sync-desks), its link off until it joins. */
const setUpDesk = (okrug: Okrug, label: string): Promise<Desk> =>
  setUpSyncDesk(DISTRICT, OFFICES[okrug], label, databases);

/** Joins with a one-time code for its office; from then on its link stays on. */
async function join(desk: Desk): Promise<void> {
  await joinHub(desk, hub.db, hub.url);
  desk.link.online = true;
}

async function sync(desk: Desk): Promise<void> {
  const outcome = await desk.engine.syncNow();
  expect(outcome).toMatchObject({ ok: true });
}

/** The hub's case state hash over one okrug's scope, from its own log. */
const hubStateHash = (okrug: Okrug) => hubScopeHash(hub.db, DISTRICT, OFFICES[okrug]);

describe('two akimat desks and a hub on PostgreSQL', () => {
  test('offline work arrives, each desk sees only its own office, a reinstalled desk gets its cases back and numbers on, and every state hash agrees', async () => {
    const a = await setUpDesk('A', 'a');
    const b = await setUpDesk('B', 'b');

    // Offline: three cases each, and the akim of A resolves one.
    const casesA = [await registerCase(a, 1), await registerCase(a, 2), await registerCase(a, 3)];
    const casesB = [await registerCase(b, 1), await registerCase(b, 2), await registerCase(b, 3)];
    await resolveCase(a, casesA[0]?.caseId ?? '');
    expect(casesA.map((c) => c.number)).toEqual([
      'KZL01-1-0001/2025',
      'KZL01-1-0002/2025',
      'KZL01-1-0003/2025',
    ]);
    expect((await syncStatus(a.db, Date.now())).waiting).toBe(2 + 3 + 1);

    // Online: each joins with its own one-time code and syncs.
    await join(a);
    await join(b);
    const first = await a.engine.syncNow();
    expect(first).toMatchObject({
      ok: true,
      counts: { accepted: 6, duplicates: 0, rejected: 0 },
      clockSkewed: false,
    });
    await sync(b);
    for (const desk of [a, b]) {
      expect(await syncStatus(desk.db, Date.now())).toMatchObject({
        waiting: 0,
        rejected: [],
        lastFailure: null,
      });
    }
    // The hub gave each desk the first device number of its office.
    expect((await loadOfficeProfile(a.db))?.deviceNo).toBe(1);

    // Each sees only its own office's cases, at the hub's word and on its own desk.
    expect((await hubStateHash('A')).caseIds).toEqual(casesA.map((c) => c.caseId).sort());
    expect((await hubStateHash('B')).caseIds).toEqual(casesB.map((c) => c.caseId).sort());
    await sync(a);
    await sync(b);
    expect(await deskCaseIds(a.db)).toEqual(casesA.map((c) => c.caseId).sort());
    expect(await deskCaseIds(b.db)).toEqual(casesB.map((c) => c.caseId).sort());

    // Desk A is reinstalled: an empty database, the setup wizard again (device 1 typed again), a
    // new code. It gets its office's cases back and numbers the next case without a collision.
    const again = await setUpDesk('A', 'a-again');
    await join(again);
    const assigned = (await loadOfficeProfile(again.db))?.deviceNo;
    expect(assigned).toBe(2);
    const back = await again.engine.syncNow();
    expect(back).toMatchObject({ ok: true, counts: { rejected: 0 } });
    expect(await deskCaseIds(again.db)).toEqual(casesA.map((c) => c.caseId).sort());
    const journal = await again.db.cases.toArray();
    expect(journal.map((row) => row.number).sort()).toEqual(casesA.map((c) => c.number).sort());
    const fresh = await registerCase(again, 4);
    expect(fresh.number).toBe('KZL01-2-0001/2025');
    await sync(again);
    // The first desk of A hears of the new case too.
    await sync(a);
    const numbersA = (await again.db.cases.toArray()).map((row) => row.number);
    expect(new Set(numbersA).size).toBe(numbersA.length);
    expect(numbersA).toHaveLength(4);

    // Every party agrees on every case of its scope.
    const hubA = await hubStateHash('A');
    const hubB = await hubStateHash('B');
    const hashes = {
      hubA: hubA.hash,
      deskA: await deskCaseStateHash(a.db),
      deskAReinstalled: await deskCaseStateHash(again.db),
      hubB: hubB.hash,
      deskB: await deskCaseStateHash(b.db),
    };
    console.log('case state hashes (okrug A: 4 cases, okrug B: 3 cases)', hashes);
    expect(hubA.caseIds).toHaveLength(4);
    expect(hashes.deskA).toBe(hashes.hubA);
    expect(hashes.deskAReinstalled).toBe(hashes.hubA);
    expect(hashes.deskB).toBe(hashes.hubB);
    expect(hashes.hubA).not.toBe(hashes.hubB);
  });
});
