import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../../shared/case';
import { sampleRegistered } from '../../../../shared/case/testing';
import {
  DEFAULT_INTAKE_HOURS,
  DEFAULT_WORKING_HOURS,
  type OfficeProfile,
} from '../../../../shared/office';
import {
  encodeBase64,
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  sha256,
  toHex,
  wrapSigningKey,
} from '../../../../shared/signing';
import {
  DeskDatabase,
  appendEvent,
  createRegister,
  createUser,
  forwardRegister,
  resetPin,
  loadRegisterBundle,
  registerApplication,
  registerCaseRows,
  storeRegisterSignature,
  type ActContext,
} from '../../db';
import { registerDocument } from '../documents';
import { signAsUser } from '../session';
import {
  buildRegisterFile,
  parseRegisterFile,
  registerFileName,
  registerFileSchema,
  verifyRegisterFile,
  type RegisterFile,
} from './register-file';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const subtle = crypto.subtle;
const PIN = '2580';

const office: OfficeProfile = {
  officeId: 'office-kzl01',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
  deviceNo: 2,
  deviceId: 'desk-2',
  workingHours: DEFAULT_WORKING_HOURS,
  intakeHours: DEFAULT_INTAKE_HOURS,
  lockAfterMinutes: 15,
};

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: office.officeId,
  deviceId: office.deviceId,
};
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };

function context(actor: Actor, legalTime = '2026-11-23T10:00'): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

async function addAkim(database: DeskDatabase) {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle, publicKey);
  const wrapped = await wrapSigningKey(
    subtle,
    PIN,
    { privateKey: pair.privateKey, keyId },
    crypto.getRandomValues(new Uint8Array(16)),
    crypto.getRandomValues(new Uint8Array(12)),
    1000,
  );
  await database.users.add({
    id: 'u-akim',
    name: 'Жақсылықов Ерлан',
    role: 'akim',
    pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1000, salt: 'AAAA', hash: 'AAAA' },
    signingKey: { publicKey, keyId, wrapped },
    createdAt: '2026-01-05T09:00',
    active: true,
  });
}

const scan = new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55]);

async function forwardedRegister(database: DeskDatabase) {
  const scanHash = toHex(await sha256(subtle, scan));
  await database.attachments.add({
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
      database,
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
    await appendEvent(
      database,
      { caseId, type: 'ResolutionImposed', payload },
      context(akim, '2026-11-16T10:20'),
    );
  }
  const made = await createRegister(database, {
    id: 'register-1',
    caseIds: ['case-1', 'case-2'],
    date: '2026-11-23',
    createdBy: 'u-spec',
    numbering: { officeCode: office.code, deviceNo: office.deviceNo },
  });
  if (!made.ok) throw new Error(made.reason);
  const rows = await registerCaseRows(database, made.register);
  const document = registerDocument(made.register, rows, office);
  const signed = await signAsUser(database, 'u-akim', PIN, document);
  if (!signed.ok) throw new Error(signed.reason);
  const stored = await storeRegisterSignature(
    database,
    made.register.id,
    made.register.caseIds,
    signed.signature,
    { signerId: 'u-akim', signedAt: '2026-11-23T11:00' },
  );
  expect(stored.ok).toBe(true);
  const forwarded = await forwardRegister(database, made.register.id, context(specialist));
  expect(forwarded.ok).toBe(true);
  return { register: made.register, scanHash };
}

async function exported(includeContent: boolean, officeNow: OfficeProfile = office) {
  const bundle = await loadRegisterBundle(database(), 'register-1');
  if (!bundle) throw new Error('no bundle');
  return buildRegisterFile(subtle, bundle, officeNow, {
    exportedAt: '2026-11-23T16:00',
    includeContent,
  });
}

function mutate(file: RegisterFile, change: (copy: RegisterFile) => void): RegisterFile {
  const copy = structuredClone(file);
  change(copy);
  return copy;
}

describe('register file', () => {
  test('a wrong PIN signs nothing', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    expect(await signAsUser(db, 'u-akim', '1357', { a: 1 })).toMatchObject({
      ok: false,
      reason: 'identity:pin.wrong',
    });
  });

  test('an exported register parses with the schema and its signature verifies', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    const { register, scanHash } = await forwardedRegister(db);
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    expect(result.fileName).toBe('register-KZL01-2-R1-2026.akimat.json');
    expect(registerFileName('KZL01-2-R12/2027')).toBe('register-KZL01-2-R12-2027.akimat.json');

    const parsed = parseRegisterFile(result.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    const file = parsed.file;
    expect(registerFileSchema.safeParse(JSON.parse(result.json)).success).toBe(true);
    expect(file.register).toMatchObject({
      id: register.id,
      number: 'KZL01-2-R1/2026',
      caseIds: ['case-1', 'case-2'],
      forwardedAt: '2026-11-23T10:00',
      signature: { signerId: 'u-akim', signedAt: '2026-11-23T11:00' },
    });
    expect(file.cases.map((c) => c.events.map((e) => e.type))).toEqual([
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
    ]);
    expect(file.contentIncluded).toBe(false);
    expect(file.attachments).toEqual([
      { sha256: scanHash, name: 'өтініш.pdf', mime: 'application/pdf', size: scan.length },
    ]);
    expect(await verifyRegisterFile(subtle, file)).toEqual({ ok: true });
  });

  test('with the scans included, each scan matches its hash', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    await forwardedRegister(db);
    const result = await exported(true);
    if (!result.ok) throw new Error(result.reason);
    const parsed = parseRegisterFile(result.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.file.attachments[0]?.content).toBe(encodeBase64(scan));
    expect(await verifyRegisterFile(subtle, parsed.file)).toEqual({ ok: true });

    const corrupt = mutate(parsed.file, (f) => {
      const first = f.attachments[0];
      if (first) first.content = encodeBase64(new Uint8Array([1, 2, 3]));
    });
    expect(await verifyRegisterFile(subtle, corrupt)).toEqual({
      ok: false,
      reason: 'registers:file.attachmentCorrupt',
    });
  });

  test('a changed document, event log or signer key is caught', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    await forwardedRegister(db);
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    const file = result.file;

    const otherDocument = mutate(file, (f) => {
      f.document = { ...(f.document as Record<string, never>), number: 'KZL01-2-R99/2026' };
    });
    expect(await verifyRegisterFile(subtle, otherDocument)).toEqual({
      ok: false,
      reason: 'registers:file.badSignature',
    });

    // The events claim another applicant than the signed register lists.
    const otherEvents = mutate(file, (f) => {
      const first = f.cases[0]?.events[0];
      if (first?.type === 'Registered') {
        first.payload = {
          ...first.payload,
          applicant: { ...first.payload.applicant, lastName: 'Басқаев' },
        };
      }
    });
    expect(await verifyRegisterFile(subtle, otherEvents)).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });

    const otherKey = await exportPublicKey(
      subtle,
      (await generateSigningKeyPair(subtle)).publicKey,
    );
    expect(
      await verifyRegisterFile(
        subtle,
        mutate(file, (f) => {
          f.signer.publicKey = otherKey;
        }),
      ),
    ).toEqual({ ok: false, reason: 'registers:file.badSignature' });

    expect(parseRegisterFile('{"format":"something-else"}')).toEqual({
      ok: false,
      reason: 'registers:file.unreadable',
    });
    expect(parseRegisterFile('not json')).toMatchObject({ ok: false });
    const dropped = mutate(file, (f) => {
      f.cases = f.cases.slice(0, 1);
    });
    expect(registerFileSchema.safeParse(dropped).success).toBe(false);
  });

  test('still verifies after the akim PIN was reset and the key replaced', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    await forwardedRegister(db);
    const admin = await createUser(
      db,
      { name: 'Әкімші Бауыржан', role: 'admin', pin: '4826' },
      { nowMs: Date.now(), iterations: 1000 },
    );
    const reset = await resetPin(
      db,
      { userId: 'u-akim', newPin: '7391', managerId: admin.id, managerPin: '4826' },
      { nowMs: Date.now(), iterations: 1000 },
    );
    expect(reset).toEqual({ ok: true, newSigningKey: true });
    const result = await exported(false);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.signer.publicKey).not.toEqual(
      (await database().users.get('u-akim'))?.signingKey?.publicKey,
    );
    expect(await verifyRegisterFile(subtle, result.file)).toEqual({ ok: true });
  });

  test('is refused when the office profile changed since the akim signed', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await addAkim(db);
    await forwardedRegister(db);
    const renamed = { ...office, nameRu: 'Аппарат акима Кызылсайского аульного округа' };
    expect(await exported(false, renamed)).toEqual({
      ok: false,
      reason: 'registers:file.badSignature',
    });
  });
});
