// R-ROUTE-7 [I]: a case the district returned for a missing document (R-ROUTE-6 [I]) goes back to the
// district in a NEW covering register once the akimat has completed the application; the register it
// first went in stays forwarded. The desk's own store and register commands, on a fake IndexedDB.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  EVENT_SCHEMA_VERSION,
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type PayloadOf,
} from '../../../../shared/case';
import { sampleRegistered } from '../../../../shared/case/testing';
import { formatStamp } from '../../../../shared/clock/hlc';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { signCanonical } from '../../../../shared/signing';
import {
  appendEvent,
  createRegister,
  createUser,
  DeskDatabase,
  forwardableCases,
  forwardRegister,
  importCaseEvents,
  loadCase,
  loadRegister,
  loadRegisterDocument,
  registerApplication,
  saveOfficeProfile,
  signRegister,
  unlockSigningKey,
  type ActContext,
} from '../../db';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const office = sampleOfficeProfile({ officeId: 'office-1', code: 'KZL01', deviceNo: 2 });
const place = { officeId: office.officeId, districtId: office.districtId, deviceId: 'desk-1' };
let specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
/** The district department's specialist (its own desk; its events reach the akimat by sync). */
const district: Actor = {
  userId: 'u-district',
  role: 'districtSpecialist',
  officeId: 'district-office',
  districtId: office.districtId,
  deviceId: 'desk-9',
};
let akim: Actor = { userId: 'u-akim', role: 'akim', ...place };
const AKIM_PIN = '258013';
const numbering = { officeCode: 'KZL01', deviceNo: 2 };

function context(actor: Actor, legalTime: string): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

async function desk(): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(d, office);
  const user = await createUser(
    d,
    { name: 'Жақсылықов Ерлан', role: 'akim', pin: AKIM_PIN },
    { nowMs: Date.UTC(2026, 0, 5), iterations: 1000 },
  );
  akim = { ...akim, userId: user.id };
  const spec = await createUser(
    d,
    { name: 'Сейітова Әйгерім', role: 'specialist', pin: '146920' },
    { nowMs: Date.UTC(2026, 0, 5), iterations: 1000 },
  );
  specialist = { ...specialist, userId: spec.id };
  return d;
}

let synced = 0;
/** An event of the district's desk as it arrives at the akimat's by sync. */
async function fromDistrict<T extends CaseEventType>(
  type: T,
  payload: PayloadOf<T>,
  legalTime: string,
) {
  synced += 1;
  const event = {
    id: `district-${synced}`,
    v: EVENT_SCHEMA_VERSION,
    caseId: 'a',
    type,
    payload,
    actor: district,
    legalTime,
    // Stamped on the district's desk after everything the akimat's desk has stamped (its clock is
    // the real one): the order sync gives them.
    hlc: formatStamp({
      wallMs: Date.now() + 1000,
      counter: 0,
      nodeId: district.deviceId,
    }),
  } as unknown as CaseEvent;
  const imported = await importCaseEvents(database(), [event], Date.now());
  expect(imported, type).toMatchObject({ stored: 1, invalid: [] });
}

async function append<T extends CaseEventType>(
  type: T,
  payload: PayloadOf<T>,
  actor: Actor,
  legalTime: string,
) {
  const result = await appendEvent(
    database(),
    { caseId: 'a', type, payload },
    context(actor, legalTime),
  );
  expect(result, type).toMatchObject({ ok: true });
}

/** A register of case 'a', signed by the akim with the PIN-wrapped key and forwarded. */
async function forwardInNewRegister(day: string): Promise<{ id: string; number: string }> {
  const made = await createRegister(
    database(),
    { id: crypto.randomUUID(), caseIds: ['a'], numbering },
    context(specialist, `${day}T09:30`),
  );
  if (!made.ok) throw new Error(made.reason);
  const built = await loadRegisterDocument(database(), made.register.id);
  if (!built.ok) throw new Error(built.reason);
  const unlocked = await unlockSigningKey(database(), akim.userId, AKIM_PIN, Date.now());
  if (!unlocked.ok) throw new Error(unlocked.reason);
  const signature = await signCanonical(crypto.subtle, unlocked.signer, built.document);
  const signed = await signRegister(
    database(),
    made.register.id,
    signature,
    context(akim, `${day}T11:00`),
  );
  expect(signed.ok).toBe(true);
  const forwarded = await forwardRegister(
    database(),
    made.register.id,
    context(specialist, `${day}T15:30`),
  );
  expect(forwarded.ok).toBe(true);
  return { id: made.register.id, number: made.register.number };
}

const forwardableIds = async () => (await forwardableCases(database())).map((c) => c.row.id);

describe('R-ROUTE-7 [I]: forwarded again in a new register after a return for completion', () => {
  test('only once completed; the first register stays forwarded, the case names the new one', async () => {
    db = await desk();
    const { registrationNumber: _n, ...registered } = sampleRegistered({
      ruleSetId: '001-timiryazev-2012-n302',
      receivedAt: '2026-11-16T10:00',
      registrationDate: '2026-11-16',
      dueDate: '2026-12-16',
    });
    const made = await registerApplication(
      db,
      'a',
      registered,
      numbering,
      context(specialist, '2026-11-16T10:05'),
    );
    expect(made.ok).toBe(true);
    await append(
      'ResolutionImposed',
      { executorUserId: 'u-spec', text: 'Қарап, шара қолдансын' },
      akim,
      '2026-11-16T10:30',
    );
    const first = await forwardInNewRegister('2026-11-17');
    await fromDistrict('ReceivedByDistrict', { incomingNumber: '1-15/342' }, '2026-11-18T09:00');
    await fromDistrict(
      'ReturnedForCompletion',
      {
        missingDocuments: [
          { documentId: 'family-income', text: 'Отбасы мүшелерінің табысы туралы мәліметтер' },
        ],
      },
      '2026-11-18T10:00',
    );
    expect((await loadCase(db, 'a')).stage).toBe('returnedForCompletion');
    expect((await db.cases.get('a'))?.stage).toBe('returnedForCompletion');
    // Not completed yet: no register may take it (R-ROUTE-7 [I]).
    expect(await forwardableIds()).toEqual([]);
    const early = await createRegister(
      db,
      { id: 'too-early', caseIds: ['a'], numbering },
      context(specialist, '2026-11-18T11:00'),
    );
    expect(early).toMatchObject({
      ok: false,
      blocked: [{ caseId: 'a', reason: 'case:rejections.notCompletedSinceReturn' }],
    });

    await append(
      'ApplicationCorrected',
      {
        reason: 'Табыс туралы мәліметтер әкелінді',
        documents: [
          { documentId: 'application', state: 'presented' },
          { documentId: 'family-composition', state: 'presented' },
          { documentId: 'identity-document', state: 'presented' },
          { documentId: 'social-contract', state: 'notApplicable' },
          { documentId: 'family-income', state: 'presented' },
        ],
      },
      specialist,
      '2026-11-19T10:00',
    );
    const [again] = await forwardableCases(db);
    expect(again?.row.id).toBe('a');
    // The builder says why the case goes again: the district's return and what it named.
    expect(again?.completionReturn).toMatchObject({
      at: '2026-11-18T10:00',
      missingDocuments: [{ documentId: 'family-income' }],
    });

    const second = await forwardInNewRegister('2026-11-19');
    expect(second.number).not.toBe(first.number);
    const state = await loadCase(db, 'a');
    expect(state.stage).toBe('forwarded');
    expect(state.forwarding).toEqual({ registerId: second.id, registerNumber: second.number });
    expect(state.conflicts).toEqual([]);
    expect((await loadRegister(db, first.id)).status).toBe('forwarded');
    expect((await loadRegister(db, second.id)).status).toBe('forwarded');
    await fromDistrict('ReceivedByDistrict', { incomingNumber: '1-15/400' }, '2026-11-20T09:00');
    expect((await loadCase(db, 'a')).stage).toBe('atDistrict');
  });
});
