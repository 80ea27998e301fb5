import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
// The documents feature's builders (features/documents signedDocuments) with the db layer's check:
// what the timeline's badge and the print views rely on.
import { foldCase, type Actor } from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { certificateDocument, signedDocuments } from '../features/documents';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { saveOfficeProfile } from './office-repository';
import { isSignedCaseEvent, verifySignedCaseEvent } from './signatures';
import { seedActors, signAsActor } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const office = sampleOfficeProfile();
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place };
const at = (legalTime: string): ActContext => ({
  actor: akim,
  legalTime,
  nowMs: Date.parse(`${legalTime}:00+05:00`),
  newId: () => crypto.randomUUID(),
});

describe('signed documents rebuilt from the log', () => {
  test('a certificate signed on the desk verifies; the same with a renamed office does not', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await saveOfficeProfile(db, office);
    await seedActors(db, specialist, akim);
    const { registrationNumber: _n, ...draft } = sampleRegistered({
      serviceId: 'asp-recipient-certificate',
      ruleSetId: '002-tsa-certificate-passport',
      route: 'akimLocal',
      receivedAt: '2026-11-23T10:00',
      registrationDate: '2026-11-23',
      dueDate: '2026-11-23',
    });
    const registered = await registerApplication(
      db,
      'c1',
      draft,
      { officeCode: 'KZL01', deviceNo: 1 },
      {
        ...at('2026-11-23T10:00'),
        actor: specialist,
      },
    );
    expect(registered.ok).toBe(true);
    // What the certificate panel signs: the certificate document of the case as it is.
    const issue = { result: 'belongs' as const, number: 'KZL01-1-C0001/2026', date: '2026-11-23' };
    const recipient = { quarter: '2026-Q4', familyMembers: ['Сейітов Нұрлан'] };
    const content = certificateDocument(await loadCase(db, 'c1'), office, issue, recipient);
    const signed = await signAsActor(db, akim, content, Date.parse('2026-11-23T10:05:00+05:00'));
    if (!signed.ok) throw new Error(signed.reason);
    const s = signed.signature;
    const saved = await appendEvent(
      db,
      {
        caseId: 'c1',
        type: 'CertificateIssued',
        payload: {
          ...issue,
          documentDigest: s.signedDigest,
          quarter: content.quarter,
          familyMembers: [...content.familyMembers],
        },
        signature: {
          keyId: s.keyId,
          algorithm: s.algorithm,
          value: s.value,
          signedDigest: s.signedDigest,
        },
      },
      at('2026-11-23T10:05'),
    );
    expect(saved.ok).toBe(true);
    const state = await loadCase(db, 'c1');
    const event = state.events.find(isSignedCaseEvent);
    if (!event) throw new Error('no certificate');
    const after = foldCase(state.events);
    expect(await verifySignedCaseEvent(db, after, event, signedDocuments([]))).toMatchObject({
      ok: true,
      content,
    });
    await saveOfficeProfile(db, {
      ...office,
      nameRu: 'Аппарат акима Кызылсайского аульного округа',
    });
    expect(await verifySignedCaseEvent(db, after, event, signedDocuments([]))).toEqual({
      ok: false,
      reason: 'session:signature.contentMismatch',
    });
  });
});
