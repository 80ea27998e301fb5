// Scans travel online on their own channel, after the events that name them (issue 8 §2 attachments,
// §3). A real hub on PostgreSQL, desks as their own databases in Node, each sync driven by the desk's
// engine with the platform's fetch for scans. What it shows:
// - A case registered with a scan syncs: its events are accepted, and the same sync then uploads the
//   scan (tus, resumable) once the events are through; the hub keeps it by its SHA-256 and the desk
//   that sent it can fetch it back whole.
// - A scan that cannot be uploaded never holds its events back: the sync succeeds, the events are
//   accepted, the scan keeps waiting with its reason, and the next sync sends it.
// - Another okrug's desk cannot fetch it (404), whether or not the hub holds it.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attachmentPath } from '../../shared/sync/attachments';
import type { DeskDatabase } from '../../renderer/src/db';
import { scansWaiting } from '../../renderer/src/db/attachment-sync';
import { loadHubLink } from '../../renderer/src/db/sync-commands';
import { createSyncEngine, type SyncPlatform } from '../../renderer/src/sync/engine';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import { joinHub, registerCase, setUpDesk, type Desk } from '../support/sync-desks';

const DISTRICT = 'AKK';
let cluster: ThrowawayCluster;
let hub: RunningHub;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_RATE_LIMIT: '0' }),
    database: { kind: 'postgresql', url: cluster.url },
  });
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of ['KZL01', 'BTR02']) {
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

/** The desk's engine with a link and a fetch for scans that can be made to fail. */
function onlineEngine(desk: Desk, scans: { broken: boolean }) {
  const platform: SyncPlatform = {
    fetch: (url, init) => fetch(url, init),
    nowMs: () => Date.now(),
    every: () => () => undefined,
    online: { current: () => true, subscribe: () => () => undefined },
    fetchScans: (input, init) =>
      scans.broken ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init),
  };
  return createSyncEngine(desk.db, platform);
}

async function fetchScan(desk: Desk, sha256: string): Promise<{ status: number; bytes: Buffer }> {
  const link = await loadHubLink(desk.db);
  if (!link) throw new Error('not joined');
  const response = await fetch(`${hub.url}${attachmentPath(sha256)}`, {
    headers: { authorization: `Bearer ${link.credential}` },
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

const hubHolds = async (sha256: string): Promise<number> => {
  const { rows } = await hub.db.query<{ n: string }>(
    'select count(*)::text as n from attachments where sha256 = $1',
    [sha256],
  );
  return Number(rows[0]?.n ?? 0);
};

describe('scans online, after their events', () => {
  test('sent by the same sync once the events are through; a broken upload holds nothing back', async () => {
    const a = await setUpDesk(DISTRICT, 'KZL01', 'A', databases);
    const b = await setUpDesk(DISTRICT, 'BTR02', 'B', databases);
    await joinHub(a, hub.db, hub.url);
    await joinHub(b, hub.db, hub.url);
    const bytes = Buffer.from(`%PDF-1.4\n${'scan of a family composition '.repeat(40_000)}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await registerCase(a, 1, [
      { name: 'family.pdf', blob: new Blob([bytes], { type: 'application/pdf' }) },
    ]);

    // The scan's channel is broken: the events still go through and the sync succeeds.
    const scans = { broken: true };
    const first = await onlineEngine(a, scans).syncNow();
    expect(first).toMatchObject({ ok: true });
    expect(first.counts.accepted).toBeGreaterThan(0);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await scansWaiting(a.db)).toBe(1);
    expect(await hubHolds(sha256)).toBe(0);

    // The next sync sends it; the hub keeps it by its hash, and the desk gets it back whole.
    scans.broken = false;
    expect(await onlineEngine(a, scans).syncNow()).toMatchObject({ ok: true });
    expect(await scansWaiting(a.db)).toBe(0);
    expect(await hubHolds(sha256)).toBe(1);
    const back = await fetchScan(a, sha256);
    expect(back.status).toBe(200);
    expect(createHash('sha256').update(back.bytes).digest('hex')).toBe(sha256);

    // Okrug B's desk cannot fetch okrug A's scan.
    expect((await fetchScan(b, sha256)).status).toBe(404);
  });
});
