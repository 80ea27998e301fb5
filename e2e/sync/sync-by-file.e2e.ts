// Sync by file with a real hub on PostgreSQL, in Node (issue 8 §4 and its test "Sync by file"): a
// village desk with no link gets its cases to the district on a USB stick and the district's answer
// back the same way. The desk is its own database written by its own commands; the hub is the real
// one (its import function and its admin command `npm run hub -- import`, runCli in process). What it
// shows:
// - The desk is enrolled once at the district office (a link, once), goes back to the village, works
//   with no link, and writes a file; the hub imports it (every event accepted), imports it again (every
//   event a duplicate, the hub's database unchanged, every table), and once more with the admin's
//   command, which writes the reply file next to it on the stick; the desk takes the reply in.
// - Afterwards the desk's outbox is empty and the hub's and the desk's case state hashes are equal
//   (printed, to be quoted); the scan the file carried is kept at the hub as the district's copy (the
//   reply lists it as kept), so it no longer waits on the desk and a desk of the okrug can fetch it.
// - Refusals, each leaving the hub's database or the desk as it was: a tampered file, a file from a
//   revoked desk (refused by the hub), and a reply meant for another desk (refused by the desk).
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readSyncFileHeader, SYNC_FILE_EXTENSION } from '../../shared/sync';
import { attachmentPath } from '../../shared/sync/attachments';
import { exportSyncFile, importReplyFile, type DeskDatabase } from '../../renderer/src/db';
import { scanUploadsOf, scansWaiting } from '../../renderer/src/db/attachment-sync';
import { deskCaseStateHash, loadHubLink, syncStatus } from '../../renderer/src/db/sync-commands';
import { runCli } from '../../server/src/cli';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice, revokeDevice } from '../../server/src/registry/registry';
import { storeAttachment } from '../../server/src/attachments/upload-store';
import { importSyncFile } from '../../server/src/sync/sync-file-import';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import {
  deskCaseIds,
  hubDatabaseDigest,
  hubStateHash,
  joinHub,
  registerCase,
  resolveCase,
  setUpDesk,
  type Desk,
} from '../support/sync-desks';

const DISTRICT = 'AKK';
const VILLAGE = 'KZL01';
const NEIGHBOUR = 'BTR02';

let cluster: ThrowawayCluster;
let hub: RunningHub;
/** The USB stick: a folder the desk writes to and the district admin reads from. */
let stick: string;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: { kind: 'postgresql', url: cluster.url },
  });
  stick = await mkdtemp(join(tmpdir(), 'akimat-usb-'));
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of [VILLAGE, NEIGHBOUR]) {
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
  if (stick) await rm(stick, { recursive: true, force: true });
});

/** The desk writes its sync file to the stick. */
async function exportToStick(desk: Desk): Promise<{ path: string; events: number; scans: number }> {
  const made = await exportSyncFile(desk.db, Date.now());
  if (!made.ok) throw new Error(made.reason);
  const path = join(stick, made.fileName);
  await writeFile(path, made.bytes);
  return { path, events: made.events, scans: made.scans };
}

/** `npm run hub -- import <file> --reply <reply>`, in process, against the hub's PostgreSQL. */
async function adminImports(
  file: string,
  reply: string,
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(
    ['import', file, '--reply', reply],
    {
      ...readHubConfig({ LOG_LEVEL: 'silent' }),
      database: { kind: 'postgresql', url: cluster.url },
    },
    { language: 'kk', actor: 'admin' },
    (line) => lines.push(line),
  );
  return { code, lines };
}

/** Where `needle` first occurs in `bytes`, or -1. */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const scanFile = (text: string) => ({
  name: 'өтініш.pdf',
  blob: new Blob([`%PDF-1.4\n${text}`], { type: 'application/pdf' }),
});

describe('sync by file with a hub on PostgreSQL', () => {
  test('a desk with no link exports, the hub imports twice (and a third time by the admin command) with nothing changed, the reply is imported, and the state hashes agree', async () => {
    const desk = await setUpDesk(DISTRICT, VILLAGE, 'village', databases);
    // Enrolled at the district office, the one time it has a link; then back to the village.
    await joinHub(desk, hub.db, hub.url);
    expect(desk.link.online).toBe(false);
    expect(await desk.engine.syncNow()).toMatchObject({
      ok: false,
      reason: 'sync:errors.offline',
    });

    // Weeks with no link: three cases, one with a scan, and the akim's resolution on one.
    const cases = [
      await registerCase(desk, 1, [scanFile('өтініш')]),
      await registerCase(desk, 2),
      await registerCase(desk, 3),
    ];
    await resolveCase(desk, cases[0]?.caseId ?? '');
    expect(cases.map((c) => c.number)).toEqual([
      'KZL01-1-0001/2025',
      'KZL01-1-0002/2025',
      'KZL01-1-0003/2025',
    ]);
    const waiting = (await syncStatus(desk.db, Date.now())).waiting;
    // The two people of the setup (directory events) and four case events.
    expect(waiting).toBe(2 + 3 + 1);

    // The desk writes the file to the stick; nothing leaves its outbox by that.
    const file = await exportToStick(desk);
    expect(file).toMatchObject({ events: waiting, scans: 1 });
    expect(file.path.endsWith(SYNC_FILE_EXTENSION)).toBe(true);
    expect((await syncStatus(desk.db, Date.now())).waiting).toBe(waiting);
    const bytes = new Uint8Array(await readFile(file.path));

    // At the district: the first import takes every event in.
    const beforeFirst = await hubDatabaseDigest(hub.db);
    // The scan store is the admin command's: the district keeps the scan as a finished upload would.
    const keepScans = { storeScan: storeAttachment };
    const first = await importSyncFile(hub.db, bytes, Date.now(), keepScans);
    if (!first.ok) throw new Error(first.reason);
    expect(first.counts).toEqual({ accepted: waiting, duplicate: 0, rejected: 0 });
    expect(first).toMatchObject({ scansKept: 1, scansLeft: 0, more: false });
    const afterFirst = await hubDatabaseDigest(hub.db);
    // The digest sees every row: the import changed it.
    expect(afterFirst['public.hub_events']).not.toBe(beforeFirst['public.hub_events']);

    // The same file again: every event a duplicate, and not one row of the hub changed.
    const second = await importSyncFile(hub.db, bytes, Date.now(), keepScans);
    if (!second.ok) throw new Error(second.reason);
    expect(second.counts).toEqual({ accepted: 0, duplicate: waiting, rejected: 0 });
    expect(second).toMatchObject({ scansKept: 1, scansLeft: 0 });
    expect(second.receipts.map((r) => r.id)).toEqual(first.receipts.map((r) => r.id));
    expect(await hubDatabaseDigest(hub.db)).toEqual(afterFirst);

    // And the admin's own command, writing the reply next to the file on the stick.
    const replyPath = join(stick, 'reply' + SYNC_FILE_EXTENSION);
    const byAdmin = await adminImports(file.path, replyPath);
    expect(byAdmin.code).toBe(0);
    // The counts and where the reply went; no line about scans left behind.
    expect(byAdmin.lines).toHaveLength(2);
    expect(await hubDatabaseDigest(hub.db)).toEqual(afterFirst);

    // Back in the village: the desk takes the reply in as a pull.
    const reply = new Uint8Array(await readFile(replyPath));
    const taken = await importReplyFile(desk.db, reply, Date.now());
    expect(taken).toEqual({
      ok: true,
      accepted: 0,
      duplicates: waiting,
      rejected: 0,
      received: 0,
      more: false,
    });
    const status = await syncStatus(desk.db, Date.now());
    expect(status).toMatchObject({ waiting: 0, rejected: [], lastFailure: null });
    expect(status.lastSuccessMs).not.toBeNull();
    expect(await desk.db.outbox.count()).toBe(0);
    // The reply listed the scan as kept: it no longer waits for a file or a link.
    expect(await scansWaiting(desk.db)).toBe(0);
    const owed = await scanUploadsOf(desk.db).toArray();
    expect(owed).toEqual([expect.objectContaining({ state: 'sent' })]);
    const next = await exportToStick(desk);
    expect(next).toMatchObject({ events: 0, scans: 0 });
    // The district's copy is the scan: the desk, once it has a link, fetches it by its hash.
    const sha256 = owed[0]?.sha256 ?? '';
    const link = await loadHubLink(desk.db);
    const fetched = await fetch(`${hub.url}${attachmentPath(sha256)}`, {
      headers: { authorization: `Bearer ${link?.credential ?? ''}` },
    });
    expect(fetched.status).toBe(200);
    const got = new Uint8Array(await fetched.arrayBuffer());
    expect(createHash('sha256').update(got).digest('hex')).toBe(sha256);

    const atHub = await hubStateHash(hub.db, DISTRICT, VILLAGE);
    const hashes = { hub: atHub.hash, desk: await deskCaseStateHash(desk.db) };
    console.log(`sync by file: case state hashes (okrug ${VILLAGE}, 3 cases)`, hashes);
    expect(atHub.caseIds).toEqual(cases.map((c) => c.caseId).sort());
    expect(atHub.events).toBe(4);
    expect(await deskCaseIds(desk.db)).toEqual(atHub.caseIds);
    expect(hashes.desk).toBe(hashes.hub);
  });

  test('the hub refuses a tampered file and a file from a revoked desk; a desk refuses a reply meant for another desk; nothing changes', async () => {
    const village = await setUpDesk(DISTRICT, VILLAGE, 'village-2', databases);
    const neighbour = await setUpDesk(DISTRICT, NEIGHBOUR, 'neighbour', databases);
    await joinHub(village, hub.db, hub.url);
    await joinHub(neighbour, hub.db, hub.url);
    await registerCase(village, 1);
    await registerCase(neighbour, 1);
    const villageFile = await exportToStick(village);
    const neighbourFile = await exportToStick(neighbour);
    const villageBytes = new Uint8Array(await readFile(villageFile.path));
    const neighbourBytes = new Uint8Array(await readFile(neighbourFile.path));
    const before = await hubDatabaseDigest(hub.db);

    // A byte changed inside the sealed part (say, a case's data edited on the stick).
    const tampered = villageBytes.slice();
    const at = tampered.length - 40;
    tampered[at] = (tampered[at] ?? 0) ^ 0x20;
    expect(await importSyncFile(hub.db, tampered, Date.now())).toEqual({
      ok: false,
      reason: 'sync:file.tampered',
    });
    // A byte changed in the clear header (say, the district's name) is caught as well.
    const header = readSyncFileHeader(villageBytes);
    if (!header.ok) throw new Error(header.reason);
    const where = indexOfBytes(
      villageBytes,
      new TextEncoder().encode(`"createdAtMs":${header.header.createdAtMs}`),
    );
    expect(where).toBeGreaterThan(0);
    const retimed = villageBytes.slice();
    const digit = where + '"createdAtMs":'.length;
    retimed[digit] = retimed[digit] === 0x31 ? 0x32 : 0x31;
    expect(await importSyncFile(hub.db, retimed, Date.now())).toEqual({
      ok: false,
      reason: 'sync:file.tampered',
    });
    expect(await hubDatabaseDigest(hub.db)).toEqual(before);

    // The neighbour's file goes through; its reply is carried to the wrong village by mistake.
    const neighbourImport = await importSyncFile(hub.db, neighbourBytes, Date.now());
    if (!neighbourImport.ok) throw new Error(neighbourImport.reason);
    expect(neighbourImport.counts.accepted).toBe(neighbourFile.events);
    const deskBefore = {
      outbox: await village.db.outbox.toArray(),
      events: await village.db.events.count(),
      status: await syncStatus(village.db, 0),
    };
    expect(await importReplyFile(village.db, neighbourImport.reply, Date.now())).toEqual({
      ok: false,
      reason: 'sync:file.otherDesk',
    });
    expect({
      outbox: await village.db.outbox.toArray(),
      events: await village.db.events.count(),
      status: await syncStatus(village.db, 0),
    }).toEqual(deskBefore);
    // The right desk takes it in.
    expect(await importReplyFile(neighbour.db, neighbourImport.reply, Date.now())).toMatchObject({
      ok: true,
      accepted: neighbourFile.events,
    });

    // The village desk's credential is revoked (a stolen laptop): its file is refused at once.
    const link = await loadHubLink(village.db);
    const revoked = await revokeDevice(hub.db, link?.deviceId ?? '', 'admin', Date.now());
    expect(revoked.ok).toBe(true);
    const beforeRevoked = await hubDatabaseDigest(hub.db);
    expect(await importSyncFile(hub.db, villageBytes, Date.now())).toEqual({
      ok: false,
      reason: 'sync:errors.deviceRevoked',
    });
    const byAdmin = await adminImports(villageFile.path, join(stick, 'revoked.reply.akimat-sync'));
    expect(byAdmin.code).toBe(1);
    expect(await hubDatabaseDigest(hub.db)).toEqual(beforeRevoked);
    expect((await hubStateHash(hub.db, DISTRICT, VILLAGE)).caseIds).not.toContain(
      (await deskCaseIds(village.db))[0],
    );
  });
});
