import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  toHex,
  type PublicJwk,
  type SigningKey,
} from '../../../shared/signing';
import {
  buildDeskFile,
  enrollReplySchema,
  generateAgreementKeyPair,
  openReplyFile,
  SYNC_PROTOCOL_VERSION,
  type EnrollReply,
  type KeyWithPublic,
  type TravellingEvent,
} from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { runCli } from '../cli';
import { readHubConfig } from '../config';
import { migrate, openDatabase, readMigrations, type HubDatabase, type Queryable } from '../db';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
  type Device,
} from '../registry/registry';
import { pushEvents } from './event-log';
import { hubSubtle } from './hub-file-keys';
import { importSyncFile, type StoreScan } from './sync-file-import';

const subtle = hubSubtle;
const NOW = Date.UTC(2026, 0, 20, 6);

/** A desk as enrollment leaves it: its keys, and what the hub told it. */
interface Desk {
  enrolled: EnrollReply;
  device: Device;
  signer: SigningKey;
  box: KeyWithPublic;
}

async function enrolledDesk(db: HubDatabase, officeCode: string): Promise<Desk> {
  const signing = await generateSigningKeyPair(subtle);
  const signingPublic = await exportPublicKey(subtle, signing.publicKey);
  const box = await generateAgreementKeyPair(subtle);
  const boxPublic = await exportPublicKey(subtle, box.publicKey);
  const made = await createEnrollmentCode(db, { officeCode }, 'admin', NOW);
  if (!made.ok) throw new Error(made.reason);
  const result = await enrollDevice(
    db,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      code: made.value.code,
      devicePublicKey: signingPublic,
      deviceAgreementKey: boxPublic,
    },
    NOW,
  );
  if (!result.ok) throw new Error(result.reason);
  const known = await authenticateDevice(db, result.reply.credential);
  if (!known.ok) throw new Error(known.reason);
  return {
    enrolled: enrollReplySchema.parse(result.reply),
    device: known.device,
    signer: {
      privateKey: signing.privateKey,
      keyId: await publicKeyFingerprint(subtle, signingPublic),
    },
    box: { privateKey: box.privateKey, publicKey: boxPublic },
  };
}

/** The people of an office, as its desk registers them: the akim first, by themselves. */
function staffOf(officeId: string): TravellingEvent[] {
  const at = (event: DirectoryEvent): TravellingEvent => ({
    stream: 'user',
    event: { ...event, actor: { ...event.actor, officeId, districtId: 'AKK' } },
  });
  const akim = `${officeId}/user-akim`;
  return [
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u1`,
        counter: 1,
        userId: akim,
        actorId: akim,
        payload: { ...sampleRegistration('akim'), officeId, districtId: 'AKK' },
      }),
    ),
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u2`,
        counter: 2,
        userId: `${officeId}/user-specialist`,
        actorId: akim,
        payload: { ...sampleRegistration('specialist'), officeId, districtId: 'AKK' },
      }),
    ),
  ];
}

/** A case's first events, made at `officeId` by its people (staffOf), under the case's own number. */
function caseAt(officeId: string, caseId: string): TravellingEvent[] {
  return samplePath(
    [
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
    ],
    { registrationNumber: sampleRegistrationNumber(caseId) },
  ).map((e): TravellingEvent => ({
    stream: 'case',
    event: {
      ...e,
      id: `${caseId}-${e.id}`,
      caseId,
      actor: {
        ...e.actor,
        userId: `${officeId}/user-${e.actor.role}`,
        officeId,
        districtId: 'AKK',
      },
    } satisfies CaseEvent,
  }));
}

const idOf = (t: { event: unknown }) => (t.event as { id: string }).id;

/** Every row of every table of the hub, to show an import left the database as it was. */
async function dump(db: Queryable): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ row: string }>(
      `select to_jsonb(t)::text as row from "${name}" t order by 1`,
    );
    out[name] = rows.map((r) => r.row);
  }
  return out;
}

const scan = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));

async function deskFile(
  desk: Desk,
  events: readonly TravellingEvent[],
  options: { cursor?: string; districtId?: string; hubAgreementKey?: PublicJwk } = {},
): Promise<Uint8Array> {
  return buildDeskFile(
    subtle,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      districtId: options.districtId ?? desk.device.districtId,
      deviceId: desk.device.id,
      cursor: options.cursor ?? '',
      createdAtMs: NOW,
      events,
      scans: [
        {
          sha256: toHex(new Uint8Array(await subtle.digest('SHA-256', scan))),
          mime: 'image/jpeg',
          bytes: scan,
        },
      ],
    },
    {
      device: desk.signer,
      hubAgreementKey: options.hubAgreementKey ?? desk.enrolled.hubFileKeys.agreement,
    },
  );
}

const openReply = (desk: Desk, bytes: Uint8Array) =>
  openReplyFile(subtle, bytes, {
    districtId: desk.enrolled.districtId,
    deviceId: desk.enrolled.deviceId,
    desk: desk.box,
    hubSigningKey: desk.enrolled.hubFileKeys.signing,
  });

describe.each(DATABASE_KINDS)('sync by file at the hub on %s', (kind) => {
  let testDb: TestDatabase;
  let db: HubDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** District AKK with okrug akimats A (KZL01) and B (BTR02); B's desk syncs online. */
  async function district() {
    testDb = await freshDatabase(kind);
    const opened = await openDatabase(testDb.config);
    db = opened;
    await migrate(opened, await readMigrations());
    await addDistrict(opened, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    for (const code of ['KZL01', 'BTR02']) {
      await addOffice(
        opened,
        { districtCode: 'AKK', code, kind: 'akimat', nameKk: code, nameRu: code },
        'admin',
      );
    }
    const a = await enrolledDesk(opened, 'KZL01');
    const b = await enrolledDesk(opened, 'BTR02');
    const online = [...staffOf(b.device.officeId), ...caseAt(b.device.officeId, 'case-b')];
    const receipts = await pushEvents(opened, b.device, online, NOW);
    expect(receipts.map((r) => r.status)).toEqual(online.map(() => 'accepted'));
    return { db: opened, a, b };
  }

  test('a desk file imported twice: the second time the same receipts as duplicates and nothing else changes; the reply opens with the desk key and carries its scope', async () => {
    const { db, a } = await district();
    const events = [...staffOf(a.device.officeId), ...caseAt(a.device.officeId, 'case-a')];
    const file = await deskFile(a, events);
    const stored: string[] = [];
    const storeScan: StoreScan = async (_tx, districtId, sha256, bytes, deviceId) => {
      expect(districtId).toBe('AKK');
      expect(deviceId).toBe(a.device.id);
      expect(bytes.length).toBe(scan.length);
      stored.push(sha256);
    };

    const first = await importSyncFile(db, file, NOW + 1000, { storeScan });
    if (!first.ok) throw new Error(first.reason);
    expect(first.receipts).toEqual(
      events.map((e) => ({ id: idOf(e), status: 'accepted', receivedAtMs: NOW + 1000 })),
    );
    expect(first.counts).toEqual({ accepted: 4, duplicate: 0, rejected: 0 });
    expect(first).toMatchObject({ scansKept: 1, scansLeft: 0, more: false });
    // The desk synced, by file: the district admin's screen shows when (0011_device_last_seen.sql).
    const seen = await db.query<{ last_seen_at: Date | null }>(
      'select last_seen_at from devices where id = $1',
      [a.device.id],
    );
    expect(seen.rows[0]?.last_seen_at?.getTime()).toBe(NOW + 1000);

    const reply = await openReply(a, first.reply);
    if (!reply.ok) throw new Error(reply.reason);
    expect(reply.file.receipts).toEqual(first.receipts);
    // Nothing to take in yet: A's own events the desk holds (they are not sent back), and B's case
    // and people, pushed online, are out of A's scope.
    expect(reply.file.events).toEqual([]);
    expect(reply.file.scansKept).toEqual(stored);
    expect(reply.file.cursor).not.toBe('');

    const before = await dump(db);
    const second = await importSyncFile(db, file, NOW + 2000, { storeScan });
    if (!second.ok) throw new Error(second.reason);
    expect(second.receipts).toEqual(events.map((e) => ({ id: idOf(e), status: 'duplicate' })));
    expect(second.counts).toEqual({ accepted: 0, duplicate: 4, rejected: 0 });
    expect(await dump(db)).toEqual(before);
    const again = await openReply(a, second.reply);
    if (!again.ok) throw new Error(again.reason);
    expect(again.file.events).toEqual(reply.file.events);
    expect(again.file.cursor).toBe(reply.file.cursor);

    // Another laptop of okrug A syncs online; the desk's next file starts from the reply's cursor and
    // its reply brings exactly that laptop's events, with the hub's receipt time.
    const laptop2 = await enrolledDesk(db, 'KZL01');
    const other = caseAt(a.device.officeId, 'case-a2');
    const online = await pushEvents(db, laptop2.device, other, NOW + 3000);
    expect(online.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const next = await importSyncFile(
      db,
      await deskFile(a, [], { cursor: reply.file.cursor }),
      NOW + 4000,
    );
    if (!next.ok) throw new Error(next.reason);
    const nextReply = await openReply(a, next.reply);
    if (!nextReply.ok) throw new Error(nextReply.reason);
    expect(nextReply.file.events.map((e) => [idOf(e), e.receivedAtMs])).toEqual(
      other.map((e) => [idOf(e), NOW + 3000]),
    );
    // A scan larger than the hub takes online is not kept from a file either; the desk keeps it.
    const storedBefore = stored.length;
    const last = await importSyncFile(
      db,
      await deskFile(a, [], { cursor: nextReply.file.cursor }),
      NOW + 5000,
      { storeScan, maxScanBytes: scan.length - 1 },
    );
    if (!last.ok) throw new Error(last.reason);
    expect(last).toMatchObject({ scansKept: 0, scansLeft: 1 });
    const lastReply = await openReply(a, last.reply);
    expect(lastReply.ok && lastReply.file.events).toEqual([]);
    expect(lastReply.ok && lastReply.file.scansKept).toEqual([]);
    expect(stored).toHaveLength(storedBefore);
    // Five imports and a second enrollment: PGlite on a busy machine needs more than the default.
  }, 120_000);

  test('events the hub refuses online are refused from a file with the same reasons', async () => {
    const { db, a, b } = await district();
    const file = await deskFile(a, [
      ...staffOf(a.device.officeId),
      // A case of okrug B's, as if made at A's office.
      ...caseAt(b.device.officeId, 'case-b2').slice(0, 1),
    ]);
    const imported = await importSyncFile(db, file, NOW);
    if (!imported.ok) throw new Error(imported.reason);
    expect(imported.receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(imported.receipts[2]).toMatchObject({ reason: 'sync:reject.otherOffice' });
  });

  test('a file from a revoked desk is refused and changes nothing', async () => {
    const { db, a } = await district();
    const file = await deskFile(a, staffOf(a.device.officeId));
    await revokeDevice(db, a.device.id, 'admin', NOW);
    const before = await dump(db);
    expect(await importSyncFile(db, file, NOW)).toEqual({
      ok: false,
      reason: 'sync:errors.deviceRevoked',
    });
    expect(await dump(db)).toEqual(before);
  });

  test('a tampered file (one byte flipped) is refused and changes nothing', async () => {
    const { db, a } = await district();
    const file = await deskFile(a, staffOf(a.device.officeId));
    const before = await dump(db);
    for (const at of [file.length - 10, Math.floor(file.length / 2)]) {
      const flipped = new Uint8Array(file);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      expect(await importSyncFile(db, flipped, NOW)).toEqual({
        ok: false,
        reason: 'sync:file.tampered',
      });
    }
    expect(await dump(db)).toEqual(before);
  });

  test("a file for another district, or sealed to another hub's key, is refused and changes nothing", async () => {
    const { db, a } = await district();
    const before = await dump(db);
    expect(
      await importSyncFile(
        db,
        await deskFile(a, staffOf(a.device.officeId), { districtId: 'ZHM' }),
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'sync:file.otherDistrict' });
    const elsewhere = await generateAgreementKeyPair(subtle);
    expect(
      await importSyncFile(
        db,
        await deskFile(a, staffOf(a.device.officeId), {
          hubAgreementKey: await exportPublicKey(subtle, elsewhere.publicKey),
        }),
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'sync:file.otherDistrict' });
    expect(await dump(db)).toEqual(before);
  });

  test('a reply, or something that is not a sync file, is refused by name', async () => {
    const { db, a } = await district();
    const imported = await importSyncFile(db, await deskFile(a, staffOf(a.device.officeId)), NOW);
    if (!imported.ok) throw new Error(imported.reason);
    expect(await importSyncFile(db, imported.reply, NOW)).toEqual({
      ok: false,
      reason: 'sync:file.wrongKind',
    });
    expect(await importSyncFile(db, new TextEncoder().encode('{"events":[]}'), NOW)).toEqual({
      ok: false,
      reason: 'sync:file.damaged',
    });
  });

  test("the district's file keys are made once: every desk of the district gets the same", async () => {
    const { db, a, b } = await district();
    const c = await enrolledDesk(db, 'KZL01');
    expect(b.enrolled.hubFileKeys).toEqual(a.enrolled.hubFileKeys);
    expect(c.enrolled.hubFileKeys).toEqual(a.enrolled.hubFileKeys);
    const { rows } = await db.query(
      "select subject from registry_log where action = 'fileKeys.create'",
    );
    expect(rows).toEqual([{ subject: 'AKK' }]);

    // Two first desks of a new district enrolling at once still get one set of keys.
    await addDistrict(db, { code: 'ZHM', nameKk: 'Жаңа', nameRu: 'Новый' }, 'admin');
    for (const code of ['ZHM01', 'ZHM02']) {
      await addOffice(
        db,
        { districtCode: 'ZHM', code, kind: 'akimat', nameKk: code, nameRu: code },
        'admin',
      );
    }
    const [d1, d2] = await Promise.all([enrolledDesk(db, 'ZHM01'), enrolledDesk(db, 'ZHM02')]);
    expect(d1.enrolled.hubFileKeys).toEqual(d2.enrolled.hubFileKeys);
    expect(d1.enrolled.hubFileKeys).not.toEqual(a.enrolled.hubFileKeys);
  });

  test('npm run hub -- import <file>: prints the counts and writes the reply next to the file', async () => {
    const { a } = await district();
    await db?.close();
    db = undefined;
    dir = await mkdtemp(join(tmpdir(), 'akimat-sync-file-'));
    const input = join(dir, 'AKK-KZL01.akimat-sync');
    await writeFile(input, await deskFile(a, staffOf(a.device.officeId)));
    const config = { ...readHubConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
    const run = async (language: 'kk' | 'ru', ...args: string[]) => {
      const lines: string[] = [];
      const code = await runCli(args, config, { language, nowMs: NOW }, (l) => lines.push(l));
      return { code, lines };
    };

    const replyPath = join(dir, 'AKK-KZL01.reply.akimat-sync');
    expect(await run('ru', 'import', input)).toEqual({
      code: 0,
      lines: [
        'Файл рабочего места обработан: новых событий — 2, полученных ранее — 0, отклонённых — 0.',
        `Файл ответа для рабочего места записан: ${replyPath}`,
      ],
    });
    const reply = await openReply(a, await readFile(replyPath));
    // The reply answers each event; the events themselves the desk holds and is not sent back.
    expect(reply.ok && reply.file.receipts.map((r) => r.id)).toEqual(
      staffOf(a.device.officeId).map(idOf),
    );
    expect(reply.ok && reply.file.events).toEqual([]);
    // The command keeps the file's scan as the district's copy, and the reply says so.
    const scanSha = toHex(new Uint8Array(await subtle.digest('SHA-256', scan)));
    expect(reply.ok && reply.file.scansKept).toEqual([scanSha]);
    const kept = await openDatabase(testDb.config);
    const { rows } = await kept.query<{ n: number }>(
      'select count(*)::int as n from attachments where district_id = $1 and sha256 = $2',
      ['AKK', scanSha],
    );
    await kept.close();
    expect(rows[0]?.n).toBe(1);

    const chosen = join(dir, 'answer.bin');
    const twice = await run('kk', 'import', input, '--reply', chosen);
    expect(twice.code).toBe(0);
    expect(twice.lines[0]).toBe(
      'Жұмыс орнының файлы өңделді: жаңа оқиғалар — 0, бұрын алынғандар — 2, қабылданбағандар — 0.',
    );
    expect((await openReply(a, await readFile(chosen))).ok).toBe(true);

    await writeFile(input, new TextEncoder().encode('not a sync file'));
    expect(await run('kk', 'import', input)).toEqual({
      code: 1,
      lines: [
        'Бұл синхрондау файлы емес немесе ол бүлінген (толық көшірілмеген). Файлды қайта жазып, қайта әкеліңіз.',
      ],
    });
    expect((await run('ru', 'import')).code).toBe(2);
  });
});
