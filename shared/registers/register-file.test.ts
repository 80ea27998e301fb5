import fc from 'fast-check';
import { webcrypto } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { CaseEvent } from '../case';
import { SAMPLE_OFFICE_ID, sampleEvent, samplePath } from '../case/testing';
import { registerDocument, type CaseLog } from '../documents';
import { sampleOfficeProfile } from '../office/testing';
import {
  encodeBase64,
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  sha256,
  signCanonical,
  toHex,
  type PublicJwk,
  type SigningKey,
  type SubtleCryptoLike,
} from '../signing';
import type { RegisterEvent } from './events';
import { foldRegister } from './fold';
import {
  REGISTER_FILE_VERSION,
  buildRegisterFile,
  parseRegisterFile,
  registerFileName,
  registerFileSchema,
  verifyRegisterFile,
  type RegisterFile,
  type SignerKeyResolver,
} from './register-file';
import { sampleRegisterEvent } from './testing';

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;
const office = sampleOfficeProfile({ officeId: SAMPLE_OFFICE_ID });
const scan = new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55]);
const NUMBER = 'KZL01-1-R0001/2026';

interface Akim {
  readonly signer: SigningKey;
  readonly publicKey: PublicJwk;
}

async function newKey(): Promise<Akim> {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle, publicKey);
  return { signer: { privateKey: pair.privateKey, keyId }, publicKey };
}

/** The desk's registry: the akim's key, and nobody else's. */
const registryOf =
  (akim: Akim): SignerKeyResolver =>
  (userId, keyId) =>
    Promise.resolve(userId === 'user-akim' && keyId === akim.signer.keyId ? akim.publicKey : null);

/** Two registered and resolved cases with one scan each; `extra` events come after signing. */
async function caseLogs(): Promise<CaseLog[]> {
  const scanHash = toHex(await sha256(subtle, scan));
  return ['case-a', 'case-b'].map((caseId, i) => {
    const events = samplePath(
      [
        ['Registered', 'specialist'],
        ['ResolutionImposed', 'akim'],
      ],
      { counter: 1 + i * 10 },
    ).map((e): CaseEvent => {
      const moved = { ...e, caseId, id: `${caseId}-${e.id}` };
      return moved.type === 'Registered'
        ? {
            ...moved,
            payload: {
              ...moved.payload,
              attachments: [
                {
                  sha256: scanHash,
                  name: 'өтініш.pdf',
                  mime: 'application/pdf',
                  size: scan.length,
                },
              ],
            },
          }
        : moved;
    });
    return { caseId, events };
  });
}

/** A register built, signed by `akim` over the current case logs, and forwarded. */
async function signedRegister(akim: Akim, logs: readonly CaseLog[]) {
  const caseIds = logs.map((l) => l.caseId);
  const created = sampleRegisterEvent('RegisterCreated', {
    role: 'specialist',
    counter: 30,
    payload: { number: NUMBER, date: '2026-11-23', caseIds, officeId: office.officeId },
  });
  const head = { id: created.registerId, number: NUMBER, date: '2026-11-23', caseIds };
  const document = await registerDocument(subtle, head, logs, office);
  const signature = await signCanonical(subtle, akim.signer, document);
  const signed = sampleRegisterEvent('RegisterSigned', {
    role: 'akim',
    counter: 31,
    payload: {
      documentDigest: signature.signedDigest,
      signedCases: document.cases.map((c) => ({ caseId: c.caseId, eventIds: [...c.eventIds] })),
    },
  });
  const withSignature: RegisterEvent = { ...signed, signature };
  const forwarded = sampleRegisterEvent('RegisterForwarded', { role: 'specialist', counter: 32 });
  // The cases go on after the register: their forwarding is written with it.
  const after = logs.map((l, i) => ({
    caseId: l.caseId,
    events: [
      ...l.events,
      sampleEvent('ForwardedToDistrict', {
        role: 'specialist',
        counter: 32,
        caseId: l.caseId,
        id: `fwd-${i}`,
        payload: { registerId: created.registerId, registerNumber: NUMBER },
      }),
    ],
  }));
  return { registerEvents: [created, withSignature, forwarded], cases: after };
}

async function exported(includeContent = false) {
  const akim = await newKey();
  const { registerEvents, cases } = await signedRegister(akim, await caseLogs());
  const built = await buildRegisterFile(
    subtle,
    {
      registerEvents,
      cases,
      office,
      signer: { userId: 'user-akim', name: 'Жақсылықов Ерлан', publicKey: akim.publicKey },
      scans: new Map([[toHex(await sha256(subtle, scan)), scan]]),
      exportedAt: '2026-11-23T16:00',
      includeContent,
    },
    registryOf(akim),
  );
  if (!built.ok) throw new Error(built.reason);
  return { akim, built, registerEvents, cases };
}

function mutate(file: RegisterFile, change: (copy: RegisterFile) => void): RegisterFile {
  const copy = structuredClone(file);
  change(copy);
  return copy;
}

/** Changes the first Registered (or another) event of the first case in a copy of the file. */
function changeEvent(file: RegisterFile, change: (e: CaseEvent) => CaseEvent): RegisterFile {
  return mutate(file, (f) => {
    const first = f.cases[0];
    if (first) first.events = first.events.map(change);
  });
}

describe('register file, version 2', () => {
  test('an exported register parses, carries its own log and verifies with the registered key', async () => {
    const { akim, built, registerEvents } = await exported();
    expect(built.fileName).toBe('register-KZL01-1-R0001-2026.akimat.json');
    expect(registerFileName('KZL01-2-R12/2027')).toBe('register-KZL01-2-R12-2027.akimat.json');
    const parsed = parseRegisterFile(built.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    const file = parsed.file;
    expect(file.version).toBe(REGISTER_FILE_VERSION);
    expect(file.registerEvents).toEqual(registerEvents);
    expect(file.register).toMatchObject({
      number: NUMBER,
      caseIds: ['case-a', 'case-b'],
      status: 'forwarded',
      forwardedAt: '2026-11-23T09:32',
      signature: { signerId: 'user-akim', signedAt: '2026-11-23T09:31', keyId: akim.signer.keyId },
    });
    expect(file.cases.map((c) => c.events.map((e) => e.type))).toEqual([
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
      ['Registered', 'ResolutionImposed', 'ForwardedToDistrict'],
    ]);
    expect(file.attachments).toEqual([
      {
        sha256: toHex(await sha256(subtle, scan)),
        name: 'өтініш.pdf',
        mime: 'application/pdf',
        size: scan.length,
      },
    ]);
    expect(await verifyRegisterFile(subtle, file, registryOf(akim))).toEqual({ ok: true });
  });

  test('a changed income, family member or resolution in the file fails the signature', async () => {
    const { akim, built } = await exported();
    const registry = registryOf(akim);
    const income = changeEvent(built.file, (e) =>
      e.type === 'Registered'
        ? {
            ...e,
            payload: {
              ...e.payload,
              applicantIncomes: [
                {
                  source: 'wages',
                  amountTiyn: 100,
                  periodFrom: '2024-10-01',
                  periodTo: '2024-12-31',
                },
              ],
            },
          }
        : e,
    );
    const family = changeEvent(built.file, (e) =>
      e.type === 'Registered'
        ? {
            ...e,
            payload: {
              ...e.payload,
              familyMembers: [
                ...(e.payload.familyMembers ?? []),
                {
                  lastName: 'Сейітова',
                  firstName: 'Дана',
                  birthDate: '2018-02-01',
                  relation: 'child',
                  incomes: [],
                },
              ],
            },
          }
        : e,
    );
    const resolution = changeEvent(built.file, (e) =>
      e.type === 'ResolutionImposed'
        ? { ...e, payload: { ...e.payload, text: 'Бас тартуға ұсынылсын' } }
        : e,
    );
    for (const changed of [income, family, resolution]) {
      expect(registerFileSchema.safeParse(changed).success).toBe(true);
      expect(await verifyRegisterFile(subtle, changed, registry)).toEqual({
        ok: false,
        reason: 'registers:file.badSignature',
      });
    }
    // Events after the signature are not covered by it: the district reads them as the case's own.
    const later = changeEvent(built.file, (e) =>
      e.type === 'ForwardedToDistrict' ? { ...e, legalTime: '2026-11-23T17:00' } : e,
    );
    expect(await verifyRegisterFile(subtle, later, registry)).toEqual({ ok: true });
  });

  test('a covered event missing from the file cannot be verified', async () => {
    const { akim, built } = await exported();
    const dropped = changeEvent(built.file, (e) =>
      e.type === 'ResolutionImposed' ? { ...e, id: 'renamed' } : e,
    );
    expect(await verifyRegisterFile(subtle, dropped, registryOf(akim))).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });
  });

  test('the key in the file is never used: only the registry decides', async () => {
    const { akim, built } = await exported();
    const mallory = await newKey();
    // The file's key replaced: nothing changes, it was never used.
    const otherKey = mutate(built.file, (f) => {
      f.signer.publicKey = mallory.publicKey;
    });
    expect(await verifyRegisterFile(subtle, otherKey, registryOf(akim))).toEqual({ ok: true });
    const noKey = mutate(built.file, (f) => {
      delete f.signer.publicKey;
    });
    expect(await verifyRegisterFile(subtle, noKey, registryOf(akim))).toEqual({ ok: true });

    // A forger changes an income, rebuilds the document and signs it with a key of their own,
    // putting that key in the file: the registry knows no such key of the akim.
    const forged = changeEvent(built.file, (e) =>
      e.type === 'Registered' ? { ...e, payload: { ...e.payload, applicantIncomes: [] } } : e,
    );
    const resign = async (signer: SigningKey) => {
      const state = foldRegister(forged.registerEvents);
      const logs = forged.cases.map((c) => ({
        caseId: c.caseId,
        events: c.events.filter((e) => e.type !== 'ForwardedToDistrict'),
      }));
      const head = {
        id: forged.register.id,
        number: forged.register.number,
        date: forged.register.date,
        caseIds: [...state.caseIds],
      };
      const document = await registerDocument(subtle, head, logs, forged.office);
      const signature = await signCanonical(subtle, signer, document);
      return mutate(forged, (f) => {
        f.document = document as unknown as RegisterFile['document'];
        f.signer.publicKey = mallory.publicKey;
        f.registerEvents = f.registerEvents.map((e) =>
          e.type === 'RegisterSigned'
            ? {
                ...e,
                payload: { ...e.payload, documentDigest: signature.signedDigest },
                signature: { ...signature, keyId: signer.keyId },
              }
            : e,
        );
        f.register.signature = {
          ...f.register.signature,
          value: signature.value,
          signedDigest: signature.signedDigest,
          keyId: signer.keyId,
        };
      });
    };
    const withOwnKeyId = await resign(mallory.signer);
    expect(await verifyRegisterFile(subtle, withOwnKeyId, registryOf(akim))).toEqual({
      ok: false,
      reason: 'registers:file.signerUnknown',
    });
    // ...or claims the akim's key id for a signature made with another key.
    const withAkimKeyId = await resign({ ...mallory.signer, keyId: akim.signer.keyId });
    expect(await verifyRegisterFile(subtle, withAkimKeyId, registryOf(akim))).toEqual({
      ok: false,
      reason: 'registers:file.badSignature',
    });
  });

  test('an unknown signer, a registry with another key: refused', async () => {
    const { built } = await exported();
    expect(await verifyRegisterFile(subtle, built.file, () => Promise.resolve(null))).toEqual({
      ok: false,
      reason: 'registers:file.signerUnknown',
    });
    const other = await newKey();
    expect(
      await verifyRegisterFile(subtle, built.file, () => Promise.resolve(other.publicKey)),
    ).toEqual({ ok: false, reason: 'registers:file.badSignature' });
  });

  test('the resolver is asked for the signer, the key and the time of signing', async () => {
    const { akim, built } = await exported();
    const asked: string[] = [];
    await verifyRegisterFile(subtle, built.file, (userId, keyId, at) => {
      asked.push(`${userId} ${keyId === akim.signer.keyId} ${at}`);
      return Promise.resolve(akim.publicKey);
    });
    expect(asked).toEqual(['user-akim true 2026-11-23T09:31']);
  });

  test('the document and the summary must be what the logs give', async () => {
    const { akim, built } = await exported();
    const registry = registryOf(akim);
    const otherDocument = mutate(built.file, (f) => {
      f.document = { ...(f.document as Record<string, never>), number: 'KZL01-1-R0099/2026' };
    });
    expect(await verifyRegisterFile(subtle, otherDocument, registry)).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });
    const otherSummary = mutate(built.file, (f) => {
      f.register.forwardedAt = null;
    });
    expect(await verifyRegisterFile(subtle, otherSummary, registry)).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });
    const otherOffice = mutate(built.file, (f) => {
      f.office = { ...f.office, nameRu: 'Аппарат акима Кызылсайского аульного округа' };
    });
    expect(await verifyRegisterFile(subtle, otherOffice, registry)).toEqual({
      ok: false,
      reason: 'registers:file.badSignature',
    });
  });

  test('a cancelled, unsigned or conflicting register log is refused', async () => {
    const { akim, built } = await exported();
    const registry = registryOf(akim);
    const [created, signed] = built.file.registerEvents;
    if (!created || !signed) throw new Error('log changed');
    const cancel = sampleRegisterEvent('RegisterCancelled', {
      role: 'specialist',
      counter: 32,
      payload: { reason: 'Іс қайтарылды' },
    });
    const cancelled = mutate(built.file, (f) => {
      f.registerEvents = [created, signed, cancel];
    });
    expect(await verifyRegisterFile(subtle, cancelled, registry)).toEqual({
      ok: false,
      reason: 'registers:file.cancelled',
    });
    const unsigned = mutate(built.file, (f) => {
      f.registerEvents = [created];
    });
    expect(await verifyRegisterFile(subtle, unsigned, registry)).toEqual({
      ok: false,
      reason: 'registers:file.notSigned',
    });
    const conflicting = mutate(built.file, (f) => {
      f.registerEvents = [...f.registerEvents, { ...cancel, id: 'late-cancel', hlc: cancel.hlc }];
    });
    expect(await verifyRegisterFile(subtle, conflicting, registry)).toEqual({
      ok: false,
      reason: 'registers:file.logConflict',
    });
  });

  test('with the scans included, each scan matches its hash and is named by the document', async () => {
    const { akim, built } = await exported(true);
    const registry = registryOf(akim);
    expect(built.file.attachments[0]?.content).toBe(encodeBase64(scan));
    expect(await verifyRegisterFile(subtle, built.file, registry)).toEqual({ ok: true });
    const corrupt = mutate(built.file, (f) => {
      const first = f.attachments[0];
      if (first) first.content = encodeBase64(new Uint8Array([1, 2, 3]));
    });
    expect(await verifyRegisterFile(subtle, corrupt, registry)).toEqual({
      ok: false,
      reason: 'registers:file.attachmentCorrupt',
    });
    const extra = mutate(built.file, (f) => {
      f.attachments.push({
        sha256: 'f'.repeat(64),
        name: 'x.pdf',
        mime: 'application/pdf',
        size: 1,
      });
    });
    expect(await verifyRegisterFile(subtle, extra, registry)).toEqual({
      ok: false,
      reason: 'registers:file.contentMismatch',
    });
  });

  test('the sender refuses a file the district would refuse', async () => {
    const akim = await newKey();
    const { registerEvents, cases } = await signedRegister(akim, await caseLogs());
    const input = {
      registerEvents,
      cases,
      office,
      signer: { userId: 'user-akim', name: 'Жақсылықов Ерлан' },
      scans: new Map<string, Uint8Array>(),
      exportedAt: '2026-11-23T16:00',
      includeContent: false,
    };
    const renamed = { ...office, nameRu: 'Аппарат акима Кызылсайского аульного округа' };
    expect(
      await buildRegisterFile(subtle, { ...input, office: renamed }, registryOf(akim)),
    ).toEqual({ ok: false, reason: 'registers:file.badSignature' });
    expect(
      await buildRegisterFile(
        subtle,
        { ...input, registerEvents: registerEvents.slice(0, 1) },
        registryOf(akim),
      ),
    ).toEqual({ ok: false, reason: 'registers:errors.notSigned' });
    expect(await buildRegisterFile(subtle, input, () => Promise.resolve(null))).toEqual({
      ok: false,
      reason: 'registers:file.signerUnknown',
    });
  });

  test('reading is tolerant: what is not a version-2 register file gives a reason, never throws', async () => {
    const { built } = await exported();
    expect(parseRegisterFile('not json')).toEqual({
      ok: false,
      reason: 'registers:file.unreadable',
    });
    expect(parseRegisterFile('{"format":"something-else"}')).toEqual({
      ok: false,
      reason: 'registers:file.unreadable',
    });
    expect(parseRegisterFile(JSON.stringify({ ...built.file, version: 1 }))).toEqual({
      ok: false,
      reason: 'registers:file.oldVersion',
    });
    expect(parseRegisterFile(JSON.stringify({ ...built.file, version: 3 }))).toEqual({
      ok: false,
      reason: 'registers:file.tooNew',
    });
    const dropped = { ...built.file, cases: built.file.cases.slice(0, 1) };
    expect(parseRegisterFile(JSON.stringify(dropped))).toEqual({
      ok: false,
      reason: 'registers:file.unreadable',
    });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseRegisterFile(JSON.stringify(value));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
