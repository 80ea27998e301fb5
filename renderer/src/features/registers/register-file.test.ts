import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, CaseEvent, PayloadOf } from '../../../../shared/case';
import { sampleRegistered } from '../../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import {
  parseRegisterFile,
  registerFileSchema,
  type RegisterFile,
} from '../../../../shared/registers';
import { encodeBase64, sha256, toHex } from '../../../../shared/signing';
import {
  DeskDatabase,
  appendEvent,
  createRegister,
  createUser,
  forwardRegister,
  loadRegisterDocument,
  registerApplication,
  resetPin,
  saveOfficeProfile,
  signRegister,
  type ActContext,
} from '../../db';
import { signAsUser } from '../session';
import { exportRegisterFile, verifyRegisterFileOnDesk } from './register-file';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const PIN = '258013';
const office = sampleOfficeProfile({ deviceNo: 2 });
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
let specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
let akim: Actor = { userId: 'u-akim', role: 'akim', ...place };

function context(actor: Actor, legalTime = '2026-11-23T10:00'): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

/** The desk: its office, a specialist, and an akim whose key is wrapped by the PIN. */
async function desk(): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(d, office);
  const user = await createUser(
    d,
    { name: 'Жақсылықов Ерлан', role: 'akim', pin: PIN },
    { nowMs: Date.UTC(2026, 0, 5), iterations: 1000 },
  );
  akim = { ...akim, userId: user.id };
  const spec = await createUser(
    d,
    { name: 'Омарова Айгүл', role: 'specialist', pin: '1470' },
    { nowMs: Date.UTC(2026, 0, 5), iterations: 1000 },
  );
  specialist = { ...specialist, userId: spec.id };
  return d;
}

const scan = new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55]);

/** Two cases registered and resolved, a register built, signed with the PIN and forwarded. */
async function forwardedRegister(d: DeskDatabase) {
  const scanHash = toHex(await sha256(crypto.subtle, scan));
  await d.attachments.add({
    sha256: scanHash,
    name: 'өтініш.pdf',
    mime: 'application/pdf',
    size: scan.length,
    blob: new Blob([scan], { type: 'application/pdf' }),
    addedAtMs: 0,
  });
  for (const [caseId, lastName] of [
    ['case-1', 'Сейітова'],
    ['case-2', 'Омарова'],
  ] as const) {
    const { registrationNumber: _n, ...draft } = sampleRegistered({
      ruleSetId: '001-timiryazev-2012-n302',
      receivedAt: '2026-11-16T10:00',
      registrationDate: '2026-11-16',
      dueDate: '2026-12-16',
      applicant: { ...sampleRegistered().applicant, lastName },
      attachments: [
        { sha256: scanHash, name: 'өтініш.pdf', mime: 'application/pdf', size: scan.length },
      ],
    });
    const registered = await registerApplication(
      d,
      caseId,
      draft,
      { officeCode: office.code, deviceNo: office.deviceNo },
      context(specialist, '2026-11-16T10:05'),
    );
    expect(registered.ok).toBe(true);
    const payload: PayloadOf<'ResolutionImposed'> = {
      executorUserId: 'u-spec',
      text: 'Қарауға және тиісті шара қабылдауға',
    };
    const resolved = await appendEvent(
      d,
      { caseId, type: 'ResolutionImposed', payload },
      context(akim, '2026-11-16T10:20'),
    );
    expect(resolved.ok).toBe(true);
  }
  const made = await createRegister(
    d,
    {
      id: 'register-1',
      caseIds: ['case-1', 'case-2'],
      numbering: { officeCode: office.code, deviceNo: office.deviceNo },
    },
    context(specialist, '2026-11-23T09:30'),
  );
  if (!made.ok) throw new Error(made.reason);
  const built = await loadRegisterDocument(d, made.register.id);
  if (!built.ok) throw new Error(built.reason);
  const signed = await signAsUser(d, akim.userId, PIN, built.document);
  if (!signed.ok) throw new Error(signed.reason);
  const stored = await signRegister(
    d,
    made.register.id,
    signed.signature,
    context(akim, '2026-11-23T11:00'),
  );
  expect(stored.ok).toBe(true);
  const forwarded = await forwardRegister(d, made.register.id, context(specialist));
  expect(forwarded.ok).toBe(true);
  return { register: made.register, scanHash };
}

async function exported(includeContent: boolean, officeNow = office) {
  return exportRegisterFile(database(), 'register-1', officeNow, {
    exportedAt: '2026-11-23T16:00',
    includeContent,
  });
}

function mutate(file: RegisterFile, change: (copy: RegisterFile) => void): RegisterFile {
  const copy = structuredClone(file);
  change(copy);
  return copy;
}

function changeEvent(file: RegisterFile, change: (e: CaseEvent) => CaseEvent): RegisterFile {
  return mutate(file, (f) => {
    for (const c of f.cases) c.events = c.events.map(change);
  });
}

describe('register file from the desk', () => {
  test('a wrong PIN signs nothing', async () => {
    db = await desk();
    expect(await signAsUser(db, akim.userId, '1357', { a: 1 })).toMatchObject({
      ok: false,
      reason: 'identity:pin.wrong',
    });
  });

  test('an exported register parses with the schema and verifies with the desk’s registry', async () => {
    db = await desk();
    const { register, scanHash } = await forwardedRegister(db);
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    expect(result.fileName).toBe('register-KZL01-2-R0001-2026.akimat.json');
    expect(result.missingScans).toBe(0);

    const parsed = parseRegisterFile(result.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    const file = parsed.file;
    expect(registerFileSchema.safeParse(JSON.parse(result.json)).success).toBe(true);
    expect(file.version).toBe(2);
    expect(file.register).toMatchObject({
      id: register.id,
      number: 'KZL01-2-R0001/2026',
      caseIds: ['case-1', 'case-2'],
      status: 'forwarded',
      forwardedAt: '2026-11-23T10:00',
      signature: { signerId: akim.userId, signedAt: '2026-11-23T11:00' },
    });
    expect(file.registerEvents.map((e) => e.type).sort()).toEqual([
      'RegisterCreated',
      'RegisterForwarded',
      'RegisterSigned',
    ]);
    expect(file.cases.map((c) => c.events.map((e) => e.type))).toEqual([
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
    ]);
    expect(file.contentIncluded).toBe(false);
    expect(file.attachments).toEqual([
      { sha256: scanHash, name: 'өтініш.pdf', mime: 'application/pdf', size: scan.length },
    ]);
    expect(await verifyRegisterFileOnDesk(db, file)).toEqual({ ok: true });
  });

  test('with the scans included, each scan matches its hash', async () => {
    db = await desk();
    await forwardedRegister(db);
    const result = await exported(true);
    if (!result.ok) throw new Error(result.reason);
    const parsed = parseRegisterFile(result.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.file.attachments[0]?.content).toBe(encodeBase64(scan));
    expect(await verifyRegisterFileOnDesk(db, parsed.file)).toEqual({ ok: true });

    const corrupt = mutate(parsed.file, (f) => {
      const first = f.attachments[0];
      if (first) first.content = encodeBase64(new Uint8Array([1, 2, 3]));
    });
    expect(await verifyRegisterFileOnDesk(db, corrupt)).toEqual({
      ok: false,
      reason: 'registers:file.attachmentCorrupt',
    });
  });

  test('an income, a family member or the resolution changed in the exported file fails verification', async () => {
    db = await desk();
    await forwardedRegister(db);
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    const file = result.file;

    const income = changeEvent(file, (e) =>
      e.type === 'Registered'
        ? {
            ...e,
            payload: {
              ...e.payload,
              applicantIncomes: [
                {
                  source: 'wages',
                  amountTiyn: 1_000_000,
                  periodFrom: '2024-10-01',
                  periodTo: '2024-12-31',
                },
              ],
            },
          }
        : e,
    );
    const family = changeEvent(file, (e) =>
      e.type === 'Registered' ? { ...e, payload: { ...e.payload, familyMembers: [] } } : e,
    );
    const resolution = changeEvent(file, (e) =>
      e.type === 'ResolutionImposed'
        ? { ...e, payload: { ...e.payload, text: 'Бас тартуға ұсынылсын' } }
        : e,
    );
    const applicant = changeEvent(file, (e) =>
      e.type === 'Registered'
        ? {
            ...e,
            payload: {
              ...e.payload,
              applicant: { ...e.payload.applicant, lastName: 'Басқаев' },
            },
          }
        : e,
    );
    for (const changed of [income, family, resolution, applicant]) {
      // Still a well-formed file: only the signature can tell.
      expect(parseRegisterFile(JSON.stringify(changed)).ok).toBe(true);
      expect(await verifyRegisterFileOnDesk(db, changed)).toEqual({
        ok: false,
        reason: 'registers:file.badSignature',
      });
    }

    const otherDocument = mutate(file, (f) => {
      f.document = { ...(f.document as Record<string, never>), number: 'KZL01-2-R0099/2026' };
    });
    expect(await verifyRegisterFileOnDesk(db, otherDocument)).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });
  });

  test('still verifies after the akim’s PIN was reset and the key replaced', async () => {
    db = await desk();
    await forwardedRegister(db);
    const admin = await createUser(
      db,
      { name: 'Әкімші Бауыржан', role: 'admin', pin: '4826' },
      { nowMs: Date.now(), iterations: 1000 },
    );
    const reset = await resetPin(
      db,
      { userId: akim.userId, newPin: '739146', managerId: admin.id, managerPin: '4826' },
      { nowMs: Date.now(), iterations: 1000 },
    );
    expect(reset).toEqual({ ok: true, newSigningKey: true });
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.signer.publicKey).not.toEqual(
      (await database().users.get(akim.userId))?.signingKey?.publicKey,
    );
    expect(await verifyRegisterFileOnDesk(db, result.file)).toEqual({ ok: true });
  });

  test('a desk that does not know the signer’s key refuses the file', async () => {
    db = await desk();
    await forwardedRegister(db);
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    // The district's desk: the same logs, no such akim in its registry; the file's key does not help.
    const other = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await saveOfficeProfile(other, office);
    try {
      expect(await verifyRegisterFileOnDesk(other, result.file)).toEqual({
        ok: false,
        reason: 'registers:file.signerUnknown',
      });
    } finally {
      await other.delete();
    }
  });

  test('is refused when the office profile changed since the akim signed', async () => {
    db = await desk();
    await forwardedRegister(db);
    const renamed = { ...office, nameRu: 'Аппарат акима Кызылсайского аульного округа' };
    expect(await exported(false, renamed)).toEqual({
      ok: false,
      reason: 'registers:file.badSignature',
    });
  });
});
