import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { foldCase, type CaseEvent } from '../../../../shared/case';
import { sampleEvent, samplePath } from '../../../../shared/case/testing';
import {
  certificateDocument,
  registerDocument,
  resultNoticeDocument,
  type ResultNoticeContent,
} from '../../../../shared/documents';
import { sampleDirectoryEvent, sampleRegistration } from '../../../../shared/directory/testing';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { foldRegister, type RegisterEvent } from '../../../../shared/registers';
import { sampleRegisterEvent } from '../../../../shared/registers/testing';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCanonical,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import { DeskDatabase, journalRowOf, registerRowOf, type UserRow } from '../../db';
import {
  loadCasePrint,
  loadRegisterPrint,
  loadTsaRecipients,
  noticeCandidatesOf,
  noticeContentOf,
  signedEventOf,
} from './print-data';
import { checkSignedContent, signedDocuments } from './signature-check';

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

const office = sampleOfficeProfile({
  officeId: 'office-1',
  code: 'AK01',
  deviceId: 'desk-1',
  lockAfterMinutes: 15,
});

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
      { ...issued, actor: { ...issued.actor, userId: user.id }, signature } as CaseEvent,
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

/** Stores a register's log and its row, as the desk's register commands do. */
async function storeRegister(db: DeskDatabase, events: readonly RegisterEvent[]) {
  await db.registerEvents.bulkAdd([...events]);
  const row = registerRowOf(foldRegister(events));
  if (row) await db.registers.put(row);
}

describe('loadRegisterPrint', () => {
  test('gives the rows in register order, the package counts, the signed document and the signer', async () => {
    const db = freshDb();
    const { signer, user } = await akimWithKey(db);
    const a = samplePath([['Registered', 'specialist']]);
    const b: CaseEvent[] = [
      sampleEvent('Registered', { role: 'specialist', counter: 5, caseId: 'case-0002', id: 'e-b' }),
    ];
    await db.events.bulkAdd([...a, ...b]);
    for (const events of [a, b]) {
      await db.cases.put(must(journalRowOf(foldCase(events), createWorkingCalendar(), 1)));
    }
    const caseIds = ['case-0002', 'case-0001'];
    const created = sampleRegisterEvent('RegisterCreated', {
      role: 'specialist',
      counter: 20,
      registerId: 'r1',
      payload: { number: 'AK01-1-R0001/2026', date: '2026-11-23', caseIds, officeId: 'office-1' },
    });
    const head = { id: 'r1', number: 'AK01-1-R0001/2026', date: '2026-11-23', caseIds };
    const logs = [
      { caseId: 'case-0002', events: b },
      { caseId: 'case-0001', events: a },
    ];
    const document = await registerDocument(subtle, head, logs, office);
    const signature = await signCanonical(subtle, signer, document);
    const signed = sampleRegisterEvent('RegisterSigned', {
      role: 'akim',
      counter: 21,
      registerId: 'r1',
      payload: {
        documentDigest: signature.signedDigest,
        signedCases: document.cases.map((c) => ({ caseId: c.caseId, eventIds: [...c.eventIds] })),
      },
    });
    await storeRegister(db, [created, { ...signed, signature }]);
    // A case goes on after the signature: the print still shows what the akim signed.
    await db.events.add(
      sampleEvent('SentToCommission', { role: 'specialist', counter: 30, id: 'later' }),
    );

    const data = must(await loadRegisterPrint(db, 'r1', office));
    expect(data.rows.map((r) => r.id)).toEqual(['case-0002', 'case-0001']);
    expect(data.missing).toEqual([]);
    expect(data.counts.get('case-0001')).toEqual({ documents: 2, files: 1 });
    expect(data.signerName).toBe('Серікбаев Марат');
    expect(data.signerKey).toEqual(user.signingKey?.publicKey);
    expect(data.content).toEqual(document);
    const check = await checkSignedContent(
      subtle,
      [must(data.content)],
      signature,
      must(data.register.signature).signedDigest,
      data.signerKey,
    );
    expect(check.status).toBe('verified');
    expect(await loadRegisterPrint(db, 'nope', office)).toBeNull();
  });

  test('a draft prints the document over the current logs; no office, no document', async () => {
    const db = freshDb();
    const a = samplePath([['Registered', 'specialist']]);
    await db.events.bulkAdd(a);
    await db.cases.put(must(journalRowOf(foldCase(a), createWorkingCalendar(), 1)));
    await storeRegister(db, [
      sampleRegisterEvent('RegisterCreated', {
        role: 'specialist',
        counter: 20,
        registerId: 'r3',
        payload: {
          number: 'AK01-1-R0003/2026',
          date: '2026-11-23',
          caseIds: ['case-0001'],
          officeId: 'office-1',
        },
      }),
    ]);
    const data = must(await loadRegisterPrint(db, 'r3', office));
    expect(data.register.status).toBe('draft');
    expect(data.content?.cases.map((c) => c.eventIds)).toEqual([a.map((e) => e.id)]);
    expect((await loadRegisterPrint(db, 'r3', null))?.content).toBeNull();
  });

  test('names the cases this desk does not hold, and prints nothing then', async () => {
    const db = freshDb();
    await storeRegister(db, [
      sampleRegisterEvent('RegisterCreated', {
        role: 'specialist',
        counter: 20,
        registerId: 'r2',
        payload: {
          number: 'AK01-1-R0002/2026',
          date: '2026-11-23',
          caseIds: ['gone'],
          officeId: 'office-1',
        },
      }),
    ]);
    const data = await loadRegisterPrint(db, 'r2', office);
    expect(data?.missing).toEqual(['gone']);
    expect(data?.content).toBeNull();
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

describe('noticeContentOf (issue 9 §8, R-DEC-5)', () => {
  const TO_SIGNED = [
    ['Registered', 'specialist'],
    ['ResolutionImposed', 'akim'],
    ['ForwardedToDistrict', 'specialist'],
    ['ReceivedByDistrict', 'districtSpecialist'],
    ['IncomeComputed', 'districtSpecialist'],
    ['DecisionMade', 'districtSpecialist', 0],
    ['ResultSigned', 'districtHead'],
  ] as const;
  const department = {
    officeId: 'office-akk00',
    code: 'AKK00',
    nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    nameRu: 'Отдел занятости и социальных программ Аккольского района',
    districtKk: 'Ақкөл ауданы',
    districtRu: 'Аккольский район',
  };

  test('a result signed at the district prints, on the akimat’s desk, naming the district department', async () => {
    const db = freshDb();
    const events = samplePath(TO_SIGNED).map((e) =>
      e.type === 'ResultSigned' ? { ...e, payload: { ...e.payload, office: department } } : e,
    );
    await db.events.bulkAdd(events);
    // The head is no user of this desk: the directory names them (their events came by sync).
    await db.userEvents.add(
      sampleDirectoryEvent('UserRegistered', {
        counter: 1,
        userId: 'user-districtHead',
        payload: { ...sampleRegistration('districtHead'), name: 'Әбенов Қайрат' },
      }),
    );
    const data = must(await loadCasePrint(db, 'case-0001'));
    expect(data.state.stage).toBe('signed');
    expect(data.names.get('user-districtHead')).toBe('Әбенов Қайрат');
    expect(must(noticeContentOf(data.state, office)).office).toEqual(department);
  });

  test('a result signed before events carried the office, or a decision not signed, names this desk', () => {
    const signed = samplePath(TO_SIGNED);
    expect(noticeContentOf(foldCase(signed), office)?.office).toMatchObject({
      officeId: office.officeId,
      code: office.code,
    });
    expect(noticeContentOf(foldCase(signed.slice(0, -1)), office)?.office.code).toBe(office.code);
    expect(noticeContentOf(foldCase(signed.slice(0, -1)), null)).toBeNull();
    expect(noticeContentOf(foldCase(signed.slice(0, 2)), office)).toBeNull();
  });
});

describe('the signed notice of a proactive case (R-PRO-1, R-DEC-5)', () => {
  const DECIDED = [
    ['ProactiveCaseOpened', 'districtSpecialist'],
    ['DecisionMade', 'districtSpecialist', 0],
  ] as const;

  /** The case signed by a district head over `signedOver` (given the state the head read). */
  async function signedCase(
    signedOver: (decided: ReturnType<typeof foldCase>) => ResultNoticeContent,
  ) {
    const pair = await generateSigningKeyPair(subtle);
    const publicKey = await exportPublicKey(subtle, pair.publicKey);
    const keyId = await publicKeyFingerprint(subtle, publicKey);
    const decided = samplePath(DECIDED);
    const document = signedOver(foldCase(decided));
    const signature = await signCanonical(subtle, { privateKey: pair.privateKey, keyId }, document);
    const event = sampleEvent('ResultSigned', {
      role: 'districtHead',
      counter: 3,
      payload: { documentDigest: signature.signedDigest, office: document.office },
    });
    const signedEvent = { ...event, signature } as CaseEvent;
    return { state: foldCase([...decided, signedEvent]), signature, publicKey, document };
  }

  test('signed as built now: names the occasion, prints and verifies', async () => {
    const { state, signature, publicKey, document } = await signedCase((s) =>
      resultNoticeDocument(s, office),
    );
    expect(document.occasion?.name).toBe('Жеңіс күні');
    // The print view's candidates and the db layer's check rebuild the same notice.
    const event = must(signedEventOf(state));
    const fromDb = signedDocuments([]).contentsOf(state, event, office);
    const fromView = noticeCandidatesOf(state, office);
    expect(fromDb).toEqual(fromView);
    expect(fromView[0]).toEqual(document);
    const check = await checkSignedContent(
      subtle,
      fromView,
      signature,
      signature.signedDigest,
      publicKey,
    );
    expect(check).toEqual({ status: 'verified', content: document });
  });

  test('signed before notices named the occasion (version 1): still verifies, as it was signed', async () => {
    const { state, signature, publicKey, document } = await signedCase((s) => {
      const { occasion: _o, ...v1 } = resultNoticeDocument(s, office);
      return { ...v1, version: 1 };
    });
    const check = await checkSignedContent(
      subtle,
      noticeCandidatesOf(state, office),
      signature,
      signature.signedDigest,
      publicKey,
    );
    expect(check.status).toBe('verified');
    expect(check.content).toEqual(document);
    expect(check.content).not.toHaveProperty('occasion');
  });
});
