import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import type { EnrollReply } from '../../../shared/sync';
import {
  backupReminder,
  checkRecoveryPassphrase,
  loadRecovery,
  makeBackup,
  NUMBERING_HELD,
  numberingHold,
  recordBackupSaved,
  releaseNumberingHold,
  restoreBackup,
  restoresSchema,
  setRecoveryPassphrase,
} from './backup';
import { backupPrimitives } from './backup-crypto';
import { appendEvent, importCaseEvents, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { formatCertificateNumber, recordCertificate } from './case-page-queries';
import { submitIntake, type IntakeSubmission } from './intake-commands';
import { createRegister } from './registers-queries';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';
import { deskCaseStateHash, saveHubLink, SYNC_SETTINGS } from './sync-commands';
import { seedActors } from './testing';

const PROFILE = sampleOfficeProfile({ deviceNo: 2, deviceId: 'desk-kzl01-2' });
const place = { officeId: PROFILE.officeId, districtId: PROFILE.districtId };
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  ...place,
  deviceId: 'desk-kzl01-2',
};
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place, deviceId: 'desk-kzl01-2' };
const numbering = { officeCode: PROFILE.code, deviceNo: PROFILE.deviceNo };
const T0 = Date.UTC(2025, 2, 3, 5);
const PASSPHRASE = 'Қызылсай мектебі 1978';
/** argon2id made cheap for the tests that are not about its cost (shared/backup tests RECOVERY_KDF). */
const CHEAP = { memoryKiB: 64, iterations: 1, parallelism: 1 };
const p = backupPrimitives();

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

function freshDesk(): DeskDatabase {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  opened.push(d);
  return d;
}

function ctx(actor: Actor, nowMs: number, legalTime = '2025-03-03T10:00'): ActContext {
  return { actor, legalTime, nowMs, newId: () => crypto.randomUUID() };
}

function submission(): IntakeSubmission {
  const r = sampleRegistered();
  return {
    serviceId: r.serviceId,
    mode: 'register',
    applicant: r.applicant,
    documents: r.documents,
    consents: r.consents,
    familyMembers: r.familyMembers,
    applicantIncomes: r.applicantIncomes,
  };
}

const scan = (text: string) => ({
  name: 'өтініш.pdf',
  blob: new Blob([`%PDF-1.4 ${text}`], { type: 'application/pdf' }),
});

/** A desk at work: an office, a specialist and an akim, two cases with a scan each, a passphrase. */
async function workingDesk(): Promise<DeskDatabase> {
  const d = freshDesk();
  await saveOfficeProfile(d, PROFILE);
  await seedActors(d, specialist, akim);
  for (const [i, text] of ['first', 'second'].entries()) {
    const done = await submitIntake(
      d,
      submission(),
      [scan(text)],
      numbering,
      ctx(specialist, T0 + i),
    );
    expect(done.ok).toBe(true);
  }
  expect(
    await setRecoveryPassphrase(d, PASSPHRASE, { userId: akim.userId, role: 'akim' }, T0, p, CHEAP),
  ).toEqual({ ok: true });
  return d;
}

async function backupOf(d: DeskDatabase) {
  const made = await makeBackup(
    d,
    { nowMs: T0 + 60_000, localDateTime: '2025-03-03T10:01', appVersion: '0.1.0' },
    p,
  );
  if (!made.ok) throw new Error(made.reason);
  return made;
}

/** Every table's rows, scans as text, for comparing two desks. */
async function everything(d: DeskDatabase, skipSettings: readonly string[] = []) {
  const out: Record<string, unknown> = {};
  for (const table of d.tables) {
    const rows = await table.toArray();
    out[table.name] = await Promise.all(
      rows
        .filter(
          (r) => !(table.name === 'settings' && skipSettings.includes((r as { key: string }).key)),
        )
        .map(async (r: unknown) =>
          table.name === 'attachments'
            ? { ...(r as object), blob: await (r as { blob: Blob }).blob.text() }
            : r,
        ),
    );
  }
  out['caseNameKeys'] = await d.caseNames.toCollection().primaryKeys();
  out['caseLateKeys'] = await d.caseLate.toCollection().primaryKeys();
  return out;
}

describe('backups that restore (issue 11 §2)', () => {
  test('the recovery passphrase is set by the akim only, kept only as its verifier', async () => {
    const d = freshDesk();
    await saveOfficeProfile(d, PROFILE);
    expect(
      await setRecoveryPassphrase(
        d,
        PASSPHRASE,
        { userId: 'u-spec', role: 'specialist' },
        T0,
        p,
        CHEAP,
      ),
    ).toEqual({ ok: false, reason: 'backup:passphrase.headOnly' });
    expect(
      await setRecoveryPassphrase(d, 'too short', { userId: 'u-akim', role: 'akim' }, T0, p, CHEAP),
    ).toEqual({ ok: false, reason: 'backup:passphrase.tooShort' });
    expect(await loadRecovery(d)).toBeNull();
    await setRecoveryPassphrase(d, PASSPHRASE, { userId: 'u-akim', role: 'akim' }, T0, p, CHEAP);
    const stored = JSON.stringify(await d.settings.toArray());
    expect(stored).not.toContain('Қызылсай мектебі');
    expect(await checkRecoveryPassphrase(d, PASSPHRASE, p)).toBe(true);
    expect(await checkRecoveryPassphrase(d, 'Қызылсай мектебі 1979', p)).toBe(false);
  });

  test('no backup without a passphrase', async () => {
    const d = freshDesk();
    await saveOfficeProfile(d, PROFILE);
    const made = await makeBackup(
      d,
      { nowMs: T0, localDateTime: '2025-03-03T10:00', appVersion: '0' },
      p,
    );
    expect(made).toEqual({ ok: false, reason: 'backup:errors.noPassphrase' });
  });

  test('a backup restored on a fresh desk gives the same tables, scans and state hash', async () => {
    const a = await workingDesk();
    // A case of another laptop of the office that came by sync: its two events are one row, a run.
    const other = freshDesk();
    await seedActors(other, specialist, akim);
    const there = await submitIntake(
      other,
      submission(),
      [],
      { ...numbering, deviceNo: 3 },
      ctx(specialist, T0),
    );
    if (!there.ok) throw new Error('not registered');
    const resolved = await appendEvent(
      other,
      {
        caseId: there.event.caseId,
        type: 'ResolutionImposed',
        payload: { executorUserId: specialist.userId, text: 'Қарауға' },
      },
      ctx(akim, T0 + 1),
    );
    if (!resolved.ok) throw new Error('not resolved');
    await importCaseEvents(a, [there.event, resolved.event], T0 + 2);
    const made = await backupOf(a);
    expect(made.fileName).toBe(`${PROFILE.code}-2-20250303-1001.akimat-backup`);
    expect(made.header.counts['events']).toBe(3);
    expect(made.header.counts['files']).toBe(2);

    const b = freshDesk();
    await b.open();
    const restored = await restoreBackup(b, made.bytes, PASSPHRASE, T0 + 120_000, p);
    expect(restored.ok).toBe(true);
    expect(await deskCaseStateHash(b)).toBe(await deskCaseStateHash(a));
    expect(await loadOfficeProfile(b)).toEqual(PROFILE);
    // Every table as it was (the restore's own mark aside); the scans' bytes included.
    expect(await everything(b, ['backup.restored'])).toEqual(await everything(a));
  });

  test("a backup of an older schema restores while its rows are this schema's rows", () => {
    // v11 only added the late index, derived from the rows and rebuilt by the restore.
    expect(restoresSchema(10, 11)).toBe(true);
    expect(restoresSchema(11, 11)).toBe(true);
    expect(restoresSchema(9, 11)).toBe(false);
    expect(restoresSchema(12, 11)).toBe(false);
  });

  test('the sync credential and the device keys stay on the old laptop', async () => {
    const a = await workingDesk();
    await a.settings.put({ key: SYNC_SETTINGS.cursor, value: '42' });
    await a.settings.put({
      key: SYNC_SETTINGS.hubLink,
      value: { url: 'http://hub.akk:8470', credential: 'secret'.repeat(8) },
    });
    const made = await backupOf(a);
    const b = freshDesk();
    expect((await restoreBackup(b, made.bytes, PASSPHRASE, T0, p)).ok).toBe(true);
    expect(await b.settings.get(SYNC_SETTINGS.hubLink)).toBeUndefined();
    expect(await b.settings.get(SYNC_SETTINGS.cursor)).toBeUndefined();
    expect(await numberingHold(b)).toMatchObject({ hubUrl: 'http://hub.akk:8470', oldDeviceNo: 2 });
  });

  test('a wrong passphrase or one changed byte is refused and nothing is written', async () => {
    const made = await backupOf(await workingDesk());
    const b = freshDesk();
    await b.open();
    const before = await everything(b);
    expect(await restoreBackup(b, made.bytes, 'Қызылсай мектебі 1979', T0, p)).toEqual({
      ok: false,
      reason: 'backup:errors.wrongPassphrase',
    });
    const tampered = new Uint8Array(made.bytes);
    const at = tampered.length - 100;
    tampered[at] = (tampered[at] ?? 0) ^ 0x40;
    expect(await restoreBackup(b, tampered, PASSPHRASE, T0, p)).toEqual({
      ok: false,
      reason: 'backup:errors.damaged',
    });
    expect(await restoreBackup(b, made.bytes.subarray(0, 200), PASSPHRASE, T0, p)).toEqual({
      ok: false,
      reason: 'backup:errors.damaged',
    });
    expect(await everything(b)).toEqual(before);
    expect(await loadOfficeProfile(b)).toBeNull();
  });

  test('a desk that serves an office is never overwritten by a restore', async () => {
    const a = await workingDesk();
    const made = await backupOf(a);
    const other = await workingDesk();
    const before = await everything(other);
    expect(await restoreBackup(other, made.bytes, PASSPHRASE, T0, p)).toEqual({
      ok: false,
      reason: 'backup:errors.deskNotEmpty',
    });
    expect(await everything(other)).toEqual(before);
  });

  test('a restored desk numbers nothing until it enrolled with the hub again', async () => {
    const a = await workingDesk();
    await a.settings.put({ key: SYNC_SETTINGS.hubLink, value: { url: 'http://hub.akk:8470' } });
    const b = freshDesk();
    expect((await restoreBackup(b, (await backupOf(a)).bytes, PASSPHRASE, T0 + 5, p)).ok).toBe(
      true,
    );
    const held = await submitIntake(b, submission(), [], numbering, ctx(specialist, T0 + 10));
    expect(held).toEqual({ ok: false, reason: NUMBERING_HELD });
    // A refusal's form 2-1 number is a number too.
    const refused = await submitIntake(
      b,
      { ...submission(), mode: 'refuse' },
      [],
      numbering,
      ctx(specialist, T0 + 10),
    );
    expect(refused).toEqual({ ok: false, reason: NUMBERING_HELD });
    // So are a register's and a certificate's.
    const [caseId] = (await b.cases.toArray()).map((row) => row.id);
    expect(
      await createRegister(
        b,
        { id: 'register-held', caseIds: [caseId ?? ''], numbering },
        ctx(specialist, T0 + 10),
      ),
    ).toEqual({ ok: false, reason: NUMBERING_HELD });
    expect(
      await recordCertificate(
        b,
        {
          caseId: caseId ?? '',
          payload: {
            result: 'belongs',
            number: formatCertificateNumber(numbering, 1, 2026),
            date: '2026-11-23',
            documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
          },
          signature: {
            keyId: 'key-akim',
            algorithm: 'ECDSA-P256-SHA256',
            value: 'MEUCIQDx',
            signedDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
          },
        },
        numbering,
        ctx(specialist, T0 + 10),
      ),
    ).toEqual({ ok: false, reason: NUMBERING_HELD });
    expect(await b.events.count()).toBe(2);
    expect(await b.registerEvents.count()).toBe(0);
    // The hub cannot be bypassed by the akim's word when the office had joined one.
    expect(
      await releaseNumberingHold(b, { deviceNo: 5, userId: 'u-akim', role: 'akim' }, T0 + 11),
    ).toEqual({ ok: false, reason: 'backup:hold.mustEnroll' });

    const reply: EnrollReply = {
      deviceId: '5b0d3d8e-2f7e-4c55-9a58-0e3b1b7f3f10',
      deviceNo: 7,
      officeId: PROFILE.officeId,
      officeCode: PROFILE.code,
      districtId: PROFILE.districtId,
      credential: 'x'.repeat(43),
      hubKeyPin: '',
      hubFileKeys: {
        agreement: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
        signing: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
      },
    };
    expect((await saveHubLink(b, 'http://hub.akk:8470', reply, T0 + 20)).ok).toBe(true);
    expect(await numberingHold(b)).toBeNull();
    const office = await loadOfficeProfile(b);
    expect(office?.deviceNo).toBe(7);
    const numbered = await submitIntake(
      b,
      submission(),
      [],
      { officeCode: PROFILE.code, deviceNo: 7 },
      ctx(specialist, T0 + 30),
    );
    expect(numbered.ok).toBe(true);
  });

  test('an office that never joined a hub: the akim gives the laptop a number the old one never had', async () => {
    const b = freshDesk();
    expect(
      (await restoreBackup(b, (await backupOf(await workingDesk())).bytes, PASSPHRASE, T0, p)).ok,
    ).toBe(true);
    expect(await numberingHold(b)).toMatchObject({ hubUrl: null, oldDeviceNo: 2 });
    expect(
      await releaseNumberingHold(b, { deviceNo: 3, userId: 'u-spec', role: 'specialist' }, T0),
    ).toEqual({ ok: false, reason: 'backup:hold.headOnly' });
    expect(
      await releaseNumberingHold(b, { deviceNo: 2, userId: 'u-akim', role: 'akim' }, T0),
    ).toEqual({ ok: false, reason: 'backup:hold.sameNumber' });
    const released = await releaseNumberingHold(
      b,
      { deviceNo: 3, userId: 'u-akim', role: 'akim' },
      T0,
    );
    expect(released.ok && released.office).toMatchObject({ deviceNo: 3, deviceId: 'desk-kzl01-3' });
    expect(await numberingHold(b)).toBeNull();
    expect((await b.settings.get('hlc'))?.value).toMatchObject({ nodeId: 'desk-kzl01-3' });
  });

  test('the frame reminds after 7 days without a backup', async () => {
    const d = await workingDesk();
    // seedActors' users were made on 01.01.2000: long ago.
    expect((await backupReminder(d, T0)).due).toBe(true);
    await recordBackupSaved(d, { atMs: T0, fileName: 'x.akimat-backup' });
    expect((await backupReminder(d, T0 + 7 * 86_400_000)).due).toBe(false);
    expect((await backupReminder(d, T0 + 7 * 86_400_000 + 1)).due).toBe(true);
  });
});
