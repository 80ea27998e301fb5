import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../shared/case';
import { sampleApplicant, sampleRegistrationDraft } from '../../../shared/case/testing';
import { contentDigest, resultNoticeDocument } from '../../../shared/documents';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { signedDocuments } from '../features/documents';
import {
  appendEvent,
  importCaseEvents,
  loadCase,
  registerApplication,
  type ActContext,
} from './case-store';
import { caseEventsOf } from './event-rows';
import { importDirectoryEvents } from './users-queries';
import { DeskDatabase } from './database';
import { saveOfficeProfile } from './office-repository';
import {
  RESULT_DOCUMENT_CHANGED,
  RESULT_SIGNATURE_MISMATCH,
  recordResultSignature,
  resultDocumentOf,
} from './result-sign-commands';
import { signingHeads } from './case-page-queries';
import { isSignedCaseEvent, signAsRegisteredUser, verifySignedCaseEvent } from './signatures';
import { seedActors, signAsActor } from './testing';

// The district department's desk (district mode): a case filed there, decided by the specialist, and
// the result signed by the head (R-DEC-5, 000:26, 000:118; R-DEC-1, 003:47-48).
const office = sampleOfficeProfile({
  officeId: 'office-akkd',
  kind: 'district',
  code: 'AKKD',
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
  deviceId: 'desk-akkd-1',
});
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
const specialist: Actor = { userId: 'u-ds', role: 'districtSpecialist', ...place };
const head: Actor = { userId: 'u-head', role: 'districtHead', ...place };
const at = (actor: Actor, legalTime: string): ActContext => ({
  actor,
  legalTime,
  nowMs: Date.parse(`${legalTime}:00+05:00`),
  newId: () => crypto.randomUUID(),
});

let db: DeskDatabase | undefined;
/** The akimat's desk of the cross-desk tests, when one was opened. */
let akimatDb: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  await akimatDb?.delete();
  db = undefined;
  akimatDb = undefined;
});

const GRANT: PayloadOf<'DecisionMade'> = {
  outcome: 'grant',
  number: 'Ш-14',
  date: '2025-04-08',
  amountTiyn: 2_500_000,
  periodFrom: '2025-04-01',
  periodTo: '2025-06-30',
};

/** A decided case on the district desk; returns the open database. */
async function decided(decision: PayloadOf<'DecisionMade'> = GRANT): Promise<DeskDatabase> {
  const opened = new DeskDatabase(`t-${crypto.randomUUID()}`);
  db = opened;
  await saveOfficeProfile(opened, office);
  await seedActors(opened, specialist, head);
  const registered = await registerApplication(
    opened,
    'c1',
    sampleRegistrationDraft({
      route: 'district',
      receivedAt: '2025-04-03T10:00',
      applicant: { ...sampleApplicant, inMobileCitizensDb: false, phone: undefined },
    }),
    { officeCode: 'AKKD', deviceNo: 1 },
    at(specialist, '2025-04-03T10:00'),
  );
  expect(registered).toMatchObject({ ok: true });
  const made = await appendEvent(
    opened,
    { caseId: 'c1', type: 'DecisionMade', payload: decision },
    at(specialist, '2025-04-08T10:00'),
  );
  expect(made).toMatchObject({ ok: true });
  return opened;
}

async function documentOf(d: DeskDatabase) {
  const document = resultDocumentOf(await loadCase(d, 'c1'), office);
  if (document === null) throw new Error('no document');
  return document;
}

const SIGNED_AT = '2025-04-08T11:00';
const signedAtMs = Date.parse(`${SIGNED_AT}:00+05:00`);

describe('recordResultSignature (R-DEC-5)', () => {
  test('R-DEC-5 R-DEC-1 the head signs the app. 6 notice; it verifies against the registered key', async () => {
    const d = await decided();
    const document = await documentOf(d);
    expect(document).toMatchObject({ form: 'app6', decision: { outcome: 'grant' } });
    const signed = await signAsActor(d, head, document, signedAtMs);
    if (!signed.ok) throw new Error(signed.reason);
    const saved = await recordResultSignature(
      d,
      { caseId: 'c1', document, signature: signed.signature },
      at(head, SIGNED_AT),
    );
    expect(saved).toMatchObject({ ok: true, state: { stage: 'signed' } });

    const state = await loadCase(d, 'c1');
    expect(state.signature).toEqual({
      at: SIGNED_AT,
      byUserId: head.userId,
      keyId: signed.signature.keyId,
      documentDigest: await contentDigest(crypto.subtle, document),
    });
    // The whole check the timeline and the print view make: rebuilt from the log, key at that time.
    const event = state.events.find(isSignedCaseEvent);
    if (!event) throw new Error('no ResultSigned');
    expect(event.type).toBe('ResultSigned');
    const verdict = await verifySignedCaseEvent(d, state, event, signedDocuments([]));
    expect(verdict).toMatchObject({ ok: true, content: resultNoticeDocument(state, office) });
    expect(await d.outbox.where('caseId').equals('c1').count()).toBe(3);
  });

  test('R-DEC-5 a wrong PIN signs nothing and saves nothing', async () => {
    const d = await decided();
    const before = await d.events.count();
    const document = await documentOf(d);
    const wrong = '0000'; // SEED_PIN is '7391'
    const refused = await signAsRegisteredUser(d, head.userId, wrong, document, signedAtMs);
    expect(refused).toMatchObject({ ok: false, reason: 'identity:pin.wrong' });
    expect(await d.events.count()).toBe(before);
    expect((await loadCase(d, 'c1')).stage).toBe('decided');
  });

  test('R-DEC-5 a specialist cannot sign the result (transition table; see rules.test.ts "R-DEC-5: an unsigned result cannot be issued")', async () => {
    const d = await decided();
    const document = await documentOf(d);
    // Even with the head's valid signature, the act is the specialist's: refused, nothing saved.
    const signed = await signAsActor(d, head, document, signedAtMs);
    if (!signed.ok) throw new Error(signed.reason);
    const before = await d.events.count();
    const saved = await recordResultSignature(
      d,
      { caseId: 'c1', document, signature: signed.signature },
      at(specialist, SIGNED_AT),
    );
    expect(saved.ok).toBe(false);
    expect(await d.events.count()).toBe(before);
    expect(await d.outbox.count()).toBe(before);
    expect(await signingHeads(d, 'district')).toEqual([{ id: head.userId, name: head.userId }]);
  });

  test('a signature over another document is refused, nothing saved', async () => {
    const d = await decided();
    const document = await documentOf(d);
    const other = { ...document, decision: { ...document.decision, number: 'Ш-15' } };
    const signed = await signAsActor(d, head, other, signedAtMs);
    if (!signed.ok) throw new Error(signed.reason);
    const before = await d.events.count();
    // Handed in with the document the case gives: the signature is not over it.
    expect(
      await recordResultSignature(
        d,
        { caseId: 'c1', document, signature: signed.signature },
        at(head, SIGNED_AT),
      ),
    ).toEqual({ ok: false, reason: RESULT_SIGNATURE_MISMATCH });
    // Handed in with what was signed: the case does not give that document.
    expect(
      await recordResultSignature(
        d,
        { caseId: 'c1', document: other, signature: signed.signature },
        at(head, SIGNED_AT),
      ),
    ).toEqual({ ok: false, reason: RESULT_DOCUMENT_CHANGED });
    expect(await d.events.count()).toBe(before);
  });

  test('an office renamed after the head read the notice: sign again, nothing saved', async () => {
    const d = await decided();
    const document = await documentOf(d);
    const signed = await signAsActor(d, head, document, signedAtMs);
    if (!signed.ok) throw new Error(signed.reason);
    await saveOfficeProfile(d, { ...office, nameRu: `${office.nameRu} (переименован)` });
    const before = await d.events.count();
    expect(
      await recordResultSignature(
        d,
        { caseId: 'c1', document, signature: signed.signature },
        at(head, SIGNED_AT),
      ),
    ).toEqual({ ok: false, reason: RESULT_DOCUMENT_CHANGED });
    expect(await d.events.count()).toBe(before);
    expect((await loadCase(d, 'c1')).stage).toBe('decided');
  });
});

// The result signed on the district department's desk travels to the akimat's desk (issue 9 §8): the
// notice it signed names the department, and the akimat's desk has its own office profile.
const akimatOffice = sampleOfficeProfile();

/** The district desk's case signed by the head; returns the district desk and the signed document. */
async function signedOnDistrictDesk() {
  const d = await decided();
  const document = await documentOf(d);
  const signed = await signAsActor(d, head, document, signedAtMs);
  if (!signed.ok) throw new Error(signed.reason);
  const saved = await recordResultSignature(
    d,
    { caseId: 'c1', document, signature: signed.signature },
    at(head, SIGNED_AT),
  );
  expect(saved).toMatchObject({ ok: true });
  return { d, document };
}

/** An akimat's desk holding the case's events as sync brings them, and `directory` user events. */
async function akimatDeskWith(district: DeskDatabase, directory: readonly unknown[]) {
  const opened = new DeskDatabase(`t-akimat-${crypto.randomUUID()}`);
  akimatDb = opened;
  await saveOfficeProfile(opened, akimatOffice);
  const nowMs = Date.parse('2025-04-08T12:00:00+05:00');
  expect(await importCaseEvents(opened, await caseEventsOf(district, 'c1'), nowMs)).toMatchObject({
    stored: 3,
  });
  expect(await importDirectoryEvents(opened, directory, nowMs)).toMatchObject({
    stored: directory.length,
  });
  return opened;
}

describe("the signed result on the akimat's desk (issue 9 §8)", () => {
  test('R-DEC-5 the ResultSigned carries the office the head signed for: the district department', async () => {
    const { d, document } = await signedOnDistrictDesk();
    const event = (await loadCase(d, 'c1')).events.find(isSignedCaseEvent);
    expect(event?.type === 'ResultSigned' && event.payload.office).toEqual(document.office);
    expect(document.office).toMatchObject({ officeId: 'office-akkd', code: 'AKKD' });
  });

  test("R-DEC-5 imported with the head's directory events, it verifies at the akimat", async () => {
    const { d, document } = await signedOnDistrictDesk();
    const headEvents = await d.userEvents.where('userId').equals(head.userId).toArray();
    const akimat = await akimatDeskWith(d, headEvents);

    const state = await loadCase(akimat, 'c1');
    expect(state.stage).toBe('signed');
    const event = state.events.find(isSignedCaseEvent);
    if (!event) throw new Error('no ResultSigned');
    // The akimat's own office is another: rebuilt with it, the notice would not be the signed one.
    expect(resultNoticeDocument(state, akimatOffice)).not.toEqual(document);
    expect(await verifySignedCaseEvent(akimat, state, event, signedDocuments([]))).toEqual({
      ok: true,
      key: expect.objectContaining({ userId: head.userId }) as unknown,
      content: document,
    });
    // What the notice's print view checks (signedDocuments, the same rebuild) gives the signed notice;
    // features/documents print-data.test.ts shows the print data of such a case.
    expect(signedDocuments([]).contentsOf(state, event, akimatOffice)).toEqual([document]);
  });

  test("R-DEC-5 without the head's key in its directory the akimat cannot verify it", async () => {
    const { d } = await signedOnDistrictDesk();
    const akimat = await akimatDeskWith(d, []);
    const state = await loadCase(akimat, 'c1');
    const event = state.events.find(isSignedCaseEvent);
    if (!event) throw new Error('no ResultSigned');
    expect(await verifySignedCaseEvent(akimat, state, event, signedDocuments([]))).toEqual({
      ok: false,
      reason: 'session:signature.keyNotRegistered',
    });
  });

  test("R-DEC-5 a ResultSigned stored before events carried the office is rebuilt with the desk's own", async () => {
    const d = await decided();
    const document = await documentOf(d);
    const signed = await signAsActor(d, head, document, signedAtMs);
    if (!signed.ok) throw new Error(signed.reason);
    const { keyId, algorithm, value, signedDigest } = signed.signature;
    // As recordResultSignature wrote it before: the digest only.
    const saved = await appendEvent(
      d,
      {
        caseId: 'c1',
        type: 'ResultSigned',
        payload: { documentDigest: signedDigest },
        signature: { keyId, algorithm, value, signedDigest },
      },
      at(head, SIGNED_AT),
    );
    expect(saved).toMatchObject({ ok: true });
    const state = await loadCase(d, 'c1');
    const event = state.events.find(isSignedCaseEvent);
    if (!event) throw new Error('no ResultSigned');
    expect(await verifySignedCaseEvent(d, state, event, signedDocuments([]))).toMatchObject({
      ok: true,
      content: document,
    });
    expect(signedDocuments([]).contentsOf(state, event, office)).toEqual([document]);
  });
});
