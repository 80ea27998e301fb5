import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleApplicant, sampleRegistered } from '../../../shared/case/testing';
import type { ActContext } from './case-store';
import { DeskDatabase } from './database';
import { eventOfRow } from './event-rows';
import { registrationBlock, submitIntake, type IntakeSubmission } from './intake-commands';
import { importTsaRecipients } from './tsa-register-queries';
import { numbersDrawn, seedActors } from './testing';
import { writeFailureReason } from './write-errors';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'AKK',
  deviceId: 'desk-1',
};

async function openDb(...actors: Actor[]): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(db, ...actors);
  return db;
}

/** Monday 03.03.2025, 10:00 at the office; ids id-1, id-2, … in the order they are asked for. */
function context(actor: Actor = specialist): ActContext {
  let n = 0;
  return {
    actor,
    legalTime: '2025-03-03T10:00',
    nowMs: Date.UTC(2025, 2, 3, 5),
    newId: () => `id-${++n}`,
  };
}

const numbering = { officeCode: 'KZL01', deviceNo: 1 };

function submission(overrides: Partial<IntakeSubmission> = {}): IntakeSubmission {
  const r = sampleRegistered();
  return {
    serviceId: r.serviceId,
    mode: 'register',
    applicant: r.applicant,
    documents: r.documents,
    consents: r.consents,
    familyMembers: r.familyMembers,
    applicantIncomes: r.applicantIncomes,
    ...overrides,
  };
}

const scan = (text: string, name = 'өтініш.pdf') => ({
  name,
  blob: new Blob([`%PDF-1.4\n${text}`], { type: 'application/pdf' }),
});

/** A QuotaExceededError as the browser raises it when the disk is full. */
const diskFull = () => new DOMException('The disk is full', 'QuotaExceededError');

describe('submitIntake', () => {
  test('stores the Registered event and its scans together, numbered by the store', async () => {
    const d = await openDb(specialist);
    const result = await submitIntake(
      d,
      submission(),
      [scan('one'), scan('two', 'отбасы.pdf'), scan('one', 'copy.pdf')],
      numbering,
      context(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The case id is the act's first id; the event's id the next.
    expect(result.caseId).toBe('id-1');
    expect(result.event.id).toBe('id-2');
    expect(result.event.type).toBe('Registered');
    expect(result.state.registrationNumber).toBe('KZL01-1-0001/2025');
    const payload = result.event.type === 'Registered' ? result.event.payload : null;
    expect(payload?.receivedAt).toBe('2025-03-03T10:00');
    expect(payload?.route).toBe('akimToDistrict');
    // One scan per content, in the order given.
    expect(payload?.attachments.map((a) => a.name)).toEqual(['өтініш.pdf', 'отбасы.pdf']);
    expect(await d.attachments.count()).toBe(2);
    expect(await d.events.count()).toBe(1);
    expect(await d.outbox.count()).toBe(1);
    expect((await d.cases.get('id-1'))?.number).toBe('KZL01-1-0001/2025');
  });

  test('R-REG-6: an incomplete package is recorded as refused (2-1) with its scans and a receipt number, using no journal number', async () => {
    const d = await openDb(specialist);
    const result = await submitIntake(
      d,
      submission({
        mode: 'refuse',
        documents: [{ documentId: 'family-composition', state: 'missing' }],
      }),
      [scan('refused')],
      numbering,
      context(),
    );
    expect(result.ok && result.event.type).toBe('AcceptanceRefused');
    if (!result.ok || result.event.type !== 'AcceptanceRefused') return;
    expect(result.event.payload.refusalDate).toBe('2025-03-03');
    // The rule-set in force on the day of receipt, from the catalog, not from the caller.
    expect(result.event.payload.ruleSetId).toBe('001-timiryazev-2012-n302');
    expect(result.event.payload.attachments?.length).toBe(1);
    expect(await d.attachments.count()).toBe(1);
    // The 2-1 receipt has its own number (seed 003:27); the journal numbers no registration.
    expect(result.event.payload.receiptNumber).toBe('KZL01-1-Q0001/2025');
    expect(await numbersDrawn(d)).toEqual([{ key: 'receipt:2025', value: 1 }]);
    const row = await d.cases.get('id-1');
    expect(row?.stage).toBe('notAccepted');
    // The journal shows the refused application under its receipt number.
    expect(row?.number).toBe('KZL01-1-Q0001/2025');

    const second = await submitIntake(
      d,
      submission({
        mode: 'refuse',
        documents: [{ documentId: 'family-composition', state: 'missing' }],
      }),
      [],
      numbering,
      {
        ...context(),
        newId: (() => {
          let n = 10;
          return () => `id-${++n}`;
        })(),
      },
    );
    expect(
      second.ok && second.event.type === 'AcceptanceRefused' && second.event.payload.receiptNumber,
    ).toBe('KZL01-1-Q0002/2025');
  });

  test("R-CERT-3: the certificate is not registered without the current quarter's TSA list (002:16); a 2-1 refusal still is, and with the list it registers", async () => {
    const d = await openDb(specialist);
    const certificate = submission({
      serviceId: 'asp-recipient-certificate',
      documents: [{ documentId: 'application', state: 'presented' }],
      consents: { personalData: true, protectedInformation: true },
      familyMembers: undefined,
      applicantIncomes: undefined,
    });
    // Only the previous quarter's list is on the desk: 03.03.2025 is in 2025-Q1.
    await importTsaRecipients(
      d,
      [{ iin: '900101300001', fullName: 'Ахметов Ерлан', quarter: '2024-Q4', familyMembers: [] }],
      { source: 'q4.csv', nowMs: 1 },
    );
    const block = {
      ok: false,
      reason: 'inputChecks:tsa.registerMissing',
      quarter: '2025-Q1',
    };
    // The screen's question and the command's answer are the same function's.
    expect(
      await registrationBlock(d, 'asp-recipient-certificate', 'register', '2025-03-03'),
    ).toEqual(block);
    expect(await submitIntake(d, certificate, [scan('cert')], numbering, context())).toEqual(block);
    expect(await d.events.count()).toBe(0);
    expect(await d.attachments.count()).toBe(0);
    expect(await numbersDrawn(d)).toEqual([]);
    // Other services and a refusal are not held back by the list.
    expect(await registrationBlock(d, 'targeted-social-assistance', 'register', '2025-03-03')).toBe(
      null,
    );
    expect(await registrationBlock(d, 'asp-recipient-certificate', 'refuse', '2025-03-03')).toBe(
      null,
    );

    await importTsaRecipients(
      d,
      [{ iin: '900101300001', fullName: 'Ахметов Ерлан', quarter: '2025-Q1', familyMembers: [] }],
      { source: 'q1.csv', nowMs: 2 },
    );
    expect(await registrationBlock(d, 'asp-recipient-certificate', 'register', '2025-03-03')).toBe(
      null,
    );
    const registered = await submitIntake(d, certificate, [], numbering, context());
    expect(registered.ok && registered.event.type).toBe('Registered');
  });

  test('a file that is not a scan refuses the whole submission before anything is written', async () => {
    const d = await openDb(specialist);
    const word = { name: 'a.doc', blob: new Blob(['x'], { type: 'application/msword' }) };
    expect(await submitIntake(d, submission(), [scan('ok'), word], numbering, context())).toEqual({
      ok: false,
      reason: 'intake:attachments.errors.wrongType',
      name: 'a.doc',
    });
    expect(await d.events.count()).toBe(0);
    expect(await d.attachments.count()).toBe(0);
  });

  test('an event the store refuses leaves no scan behind and uses no number', async () => {
    // Nobody of this desk: the store refuses the actor.
    const d = await openDb();
    const result = await submitIntake(d, submission(), [scan('kept?')], numbering, context());
    expect(result).toMatchObject({ ok: false, reason: 'case:rejections.unknownActor' });
    expect(await d.attachments.count()).toBe(0);
    expect(await d.events.count()).toBe(0);
    expect(await numbersDrawn(d)).toEqual([]);
  });

  test('a failing event write leaves no scan behind', async () => {
    const d = await openDb(specialist);
    d.events.hook('creating', () => {
      throw diskFull();
    });
    const error = await submitIntake(d, submission(), [scan('lost')], numbering, context()).catch(
      (e: unknown) => e,
    );
    expect(writeFailureReason(error)).toBe('common:writeErrors.diskFull');
    expect(await d.attachments.count()).toBe(0);
    expect(await d.events.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
    expect(await numbersDrawn(d)).toEqual([]);
  });

  test('a failing scan write leaves no event, journal row or number behind', async () => {
    const d = await openDb(specialist);
    d.attachments.hook('creating', () => {
      throw diskFull();
    });
    const error = await submitIntake(d, submission(), [scan('big')], numbering, context()).catch(
      (e: unknown) => e,
    );
    expect(writeFailureReason(error)).toBe('common:writeErrors.diskFull');
    expect(await d.events.count()).toBe(0);
    expect(await d.cases.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
    expect(await numbersDrawn(d)).toEqual([]);
    expect(await d.attachments.count()).toBe(0);
  });

  test('a file name spelled decomposed by the file system is stored as NFC', async () => {
    const d = await openDb(specialist);
    const decomposed = 'Сейітова-и\u0306.pdf';
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const result = await submitIntake(
      d,
      submission({ applicant: sampleApplicant }),
      [scan('nfc', decomposed)],
      numbering,
      context(),
    );
    expect(result.ok).toBe(true);
    const stored = await d.attachments.toArray();
    expect(stored.map((a) => a.name)).toEqual(['Сейітова-й.pdf']);
    const event = eventOfRow(await d.events.get('id-2'), 'id-2');
    expect(event?.type === 'Registered' && event.payload.attachments[0]?.name).toBe(
      'Сейітова-й.pdf',
    );
  });
});
