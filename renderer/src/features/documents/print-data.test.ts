import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { foldCase } from '../../../../shared/case';
import { sampleEvent, samplePath } from '../../../../shared/case/testing';
import type { OfficeProfile } from '../../../../shared/office';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCanonical,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import { DeskDatabase, caseRowOf, type UserRow } from '../../db';
import { certificateDocument, registerDocument } from './document-content';
import { loadCasePrint, loadRegisterPrint, loadTsaRecipients, signedEventOf } from './print-data';
import { checkSignedContent } from './signature-check';

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;
const dbs: DeskDatabase[] = [];

function freshDb(): DeskDatabase {
  const db = new DeskDatabase('t-' + crypto.randomUUID());
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const office: OfficeProfile = {
  officeId: 'office-1',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'AK01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы',
  deviceNo: 1,
  deviceId: 'desk-1',
  workingHours: { opensAt: '09:00', closesAt: '18:00', lunchFrom: '13:00', lunchTo: '14:00' },
  intakeHours: { opensAt: '09:00', closesAt: '17:30', lunchFrom: '13:00', lunchTo: '14:30' },
  lockAfterMinutes: 15,
};

async function akimWithKey(db: DeskDatabase) {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle, publicKey);
  const user: UserRow = {
    id: 'user-akim',
    name: 'Серікбаев Марат',
    role: 'akim',
    pinHash: {} as UserRow['pinHash'],
    signingKey: { publicKey, keyId, wrapped: {} as never },
    createdAt: '2026-01-01T09:00',
    active: true,
  };
  await db.users.put(user);
  return { signer: { privateKey: pair.privateKey, keyId }, user };
}

describe('loadCasePrint', () => {
  test('folds the case and names the accepting specialist', async () => {
    const db = freshDb();
    await db.events.bulkAdd(samplePath([['Registered', 'specialist']]));
    await db.users.put({
      id: 'user-specialist',
      name: 'Жұмабаева Гүлнар',
      role: 'specialist',
      pinHash: {} as UserRow['pinHash'],
      signingKey: null,
      createdAt: '2026-01-01T09:00',
      active: true,
    });
    const data = await loadCasePrint(db, 'case-0001');
    expect(data?.state.registrationNumber).toBe('AK01-1-0001/2025');
    expect(data?.names.get('user-specialist')).toBe('Жұмабаева Гүлнар');
    expect(data?.signerKey).toBeNull();
    expect(await loadCasePrint(db, 'no-such-case')).toBeNull();
  });

  test('R-CERT-3 a signed certificate is reproduced from the TSA register and verifies', async () => {
    const db = freshDb();
    const { signer, user } = await akimWithKey(db);
    const registered = samplePath([['Registered', 'specialist', 1]]);
    const before = foldCase(registered);
    const recipient = {
      iin: must(before.applicant).iin,
      quarter: '2025-Q1',
      fullName: 'Сейітова Әйгерім Қайратқызы',
      familyMembers: ['Сейітов Нұрлан Серікұлы'],
      importedAtMs: 1,
      source: 'district.xlsx',
    };
    await db.tsaRecipients.put(recipient);
    const issue = { result: 'belongs', number: 'С-1', date: '2025-03-03' } as const;
    const content = certificateDocument(before, office, issue, recipient);
    const signature = await signCanonical(subtle, signer, content);
    const issued = sampleEvent('CertificateIssued', {
      role: 'akim',
      counter: 2,
      payload: { ...issue, documentDigest: signature.signedDigest },
    });
    await db.events.bulkAdd([
      ...registered,
      { ...issued, actor: { ...issued.actor, userId: user.id }, signature },
    ]);

    const data = await loadCasePrint(db, 'case-0001');
    expect(data?.names.get('user-akim')).toBe('Серікбаев Марат');
    expect(data?.signerKey).toEqual(user.signingKey?.publicKey);
    const state = must(data).state;
    const event = must(signedEventOf(state));
    const rows = await loadTsaRecipients(db, recipient.iin);
    const candidates = [null, ...rows].map((row) =>
      certificateDocument(state, office, must(state.certificate), row),
    );
    const check = await checkSignedContent(
      subtle,
      candidates,
      event.signature,
      must(state.signature).documentDigest,
      must(data).signerKey,
    );
    expect(check.status).toBe('verified');

    // The register row re-imported with another family: the print no longer matches the signature.
    await db.tsaRecipients.put({ ...recipient, familyMembers: ['Басқа адам'] });
    const changed = (await loadTsaRecipients(db, recipient.iin)).map((row) =>
      certificateDocument(state, office, must(state.certificate), row),
    );
    expect(
      (await checkSignedContent(subtle, changed, event.signature, signature.signedDigest, null))
        .status,
    ).toBe('mismatch');
  });
});

describe('loadRegisterPrint', () => {
  test('gives the rows in register order, the package counts and the signer', async () => {
    const db = freshDb();
    const { signer, user } = await akimWithKey(db);
    const a = samplePath([['Registered', 'specialist']]);
    const b = [
      sampleEvent('Registered', { role: 'specialist', counter: 5, caseId: 'case-0002', id: 'e-b' }),
    ];
    await db.events.bulkAdd([...a, ...b]);
    for (const events of [a, b]) await db.cases.put(must(caseRowOf(foldCase(events), 1)));
    const head = {
      id: 'r1',
      number: 'AK01-1-R1/2025',
      date: '2025-03-04',
      caseIds: ['case-0002', 'case-0001'],
    };
    const rows = await db.cases.bulkGet(head.caseIds);
    const signature = await signCanonical(
      subtle,
      signer,
      registerDocument(
        head,
        rows.map((r) => must(r)),
        office,
      ),
    );
    await db.registers.put({
      ...head,
      createdBy: 'user-specialist',
      signature: { ...signature, signerId: user.id, signedAt: '2025-03-04T10:00' },
      forwardedAt: null,
    });

    const data = await loadRegisterPrint(db, 'r1');
    expect(data?.rows.map((r) => r.id)).toEqual(['case-0002', 'case-0001']);
    expect(data?.missing).toEqual([]);
    expect(data?.counts.get('case-0001')).toEqual({ documents: 2, files: 1 });
    expect(data?.signerName).toBe('Серікбаев Марат');
    const check = await checkSignedContent(
      subtle,
      [registerDocument(must(data).register, must(data).rows, office)],
      must(must(data).register.signature),
      must(must(data).register.signature).signedDigest,
      must(data).signerKey,
    );
    expect(check.status).toBe('verified');
    expect(await loadRegisterPrint(db, 'nope')).toBeNull();
  });

  test('names the cases this desk does not hold', async () => {
    const db = freshDb();
    await db.registers.put({
      id: 'r2',
      number: 'AK01-1-R2/2025',
      date: '2025-03-04',
      caseIds: ['gone'],
      createdBy: 'u',
      signature: null,
      forwardedAt: null,
    });
    expect((await loadRegisterPrint(db, 'r2'))?.missing).toEqual(['gone']);
  });
});

describe('checkSignedContent', () => {
  test('a signature that does not verify with the key is invalid', async () => {
    const db = freshDb();
    const { signer } = await akimWithKey(db);
    const other = await akimWithKey(freshDb());
    const content = { type: 'x', n: 1 };
    const signature = await signCanonical(subtle, signer, content);
    expect(
      (
        await checkSignedContent(
          subtle,
          [content],
          signature,
          signature.signedDigest,
          must(other.user.signingKey).publicKey,
        )
      ).status,
    ).toBe('invalid');
    expect(
      (await checkSignedContent(subtle, [content], signature, 'other-digest', null)).status,
    ).toBe('mismatch');
  });
});
