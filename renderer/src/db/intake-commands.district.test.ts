import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../shared/case';
import { samplePayload, sampleRegistered } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { appendEvent, loadCase, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { submitIntake, type IntakeSubmission } from './intake-commands';
import { journalOfficeIds, queryJournal } from './journal-queries';
import { saveOfficeProfile } from './office-repository';
import { recordResultSignature, resultDocumentOf } from './result-sign-commands';
import { numbersDrawn, seedActors, signAsActor } from './testing';

// Issue 9 §9: an application filed at the district department itself. The rules name the service
// provider first among those who accept applications and issue results (003:13 «1) көрсетілетін
// қызметті беруші»), and it gives the talon as the rural akim does (003:24). On the district desk the
// same intake command registers it on the provider's own route (catalog 'authorizedBody'), the case is
// the district's own (route 'district'), numbered with the department's code and the desk's device
// number; the specialist decides, the head signs, the specialist issues; the journal lists it. The
// talon and the 2-1 receipt it prints: features/documents/talon-district.test.tsx.

const office = sampleOfficeProfile({
  officeId: 'office-akkd',
  kind: 'district',
  code: 'AKKD',
  deviceNo: 2,
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
  deviceId: 'desk-akkd-2',
});
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
const specialist: Actor = { userId: 'u-ds', role: 'districtSpecialist', ...place };
const head: Actor = { userId: 'u-head', role: 'districtHead', ...place };
/** An akimat's specialist: the district's route is not theirs. */
const akimatSpecialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
const numbering = { officeCode: office.code, deviceNo: office.deviceNo };
const calendar = createWorkingCalendar();

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

async function districtDesk(): Promise<DeskDatabase> {
  const opened = new DeskDatabase(`t-${crypto.randomUUID()}`);
  db = opened;
  await saveOfficeProfile(opened, office);
  await seedActors(opened, specialist, head, akimatSpecialist);
  return opened;
}

/** Ids id-1, id-2, … from `first` on, at the office's wall-clock `legalTime`. */
function at(actor: Actor, legalTime: string, first = 0): ActContext {
  let n = first;
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => `id-${++n}`,
  };
}

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

const scan = {
  name: 'өтініш.pdf',
  blob: new Blob(['%PDF-1.4\nөтініш'], { type: 'application/pdf' }),
};

const GRANT: PayloadOf<'DecisionMade'> = {
  outcome: 'grant',
  number: 'Ш-14',
  date: '2025-04-08',
  amountTiyn: 2_500_000,
  periodFrom: '2025-04-01',
  periodTo: '2025-06-30',
};

describe('a direct application at the district department (issue 9 §9, 003:13)', () => {
  test('R-REG-1 registered on the district route with the department’s code; decided, signed by the head, issued by the specialist; in the journal', async () => {
    const d = await districtDesk();
    // Thursday 03.04.2025, 10:00, inside the office's hours: registered the same day (R-REG-1).
    const registered = await submitIntake(
      d,
      submission(),
      [scan],
      numbering,
      at(specialist, '2025-04-03T10:00'),
    );
    if (!registered.ok) throw new Error(registered.reason);
    const caseId = registered.caseId;
    expect(registered.event.type).toBe('Registered');
    const payload = registered.event.type === 'Registered' ? registered.event.payload : null;
    // The district's own case: no akimat step, its term the provider's route's (catalog
    // 'authorizedBody' of the rule-set in force, the 2012 TSA rules here).
    expect(payload?.route).toBe('district');
    expect(payload?.channel).toBe('office');
    expect(registered.state.stage).toBe('atDistrict');
    expect(registered.state.registrationNumber).toBe('AKKD-2-0001/2025');
    expect(registered.state.registrationDate).toBe('2025-04-03');
    // «в уполномоченный орган - в течение семи рабочих дней» (001:11110): 7 working days from
    // Thursday 03.04.2025 is Monday 14.04.2025 (the akim's route would give 22).
    expect(registered.state.dueDate).toBe('2025-04-14');
    expect(await numbersDrawn(d)).toEqual([{ key: 'registration:2025', value: 1 }]);

    // The income computed on the case page's district form (R-ROUTE-2, 003:35-36), then decided by the
    // district specialist, signed by the district head (R-DEC-5), issued by the
    // specialist from 'signed' on the district's route.
    const income = await appendEvent(
      d,
      { caseId, type: 'IncomeComputed', payload: samplePayload('IncomeComputed') },
      at(specialist, '2025-04-07T10:00', 5),
    );
    expect(income).toMatchObject({ ok: true, state: { stage: 'atDistrict' } });
    const decided = await appendEvent(
      d,
      { caseId, type: 'DecisionMade', payload: GRANT },
      at(specialist, '2025-04-08T10:00', 10),
    );
    expect(decided).toMatchObject({ ok: true, state: { stage: 'decided' } });
    const document = resultDocumentOf(await loadCase(d, caseId), office);
    if (document === null) throw new Error('no result document');
    const signed = await signAsActor(d, head, document, Date.parse('2025-04-08T11:00:00+05:00'));
    if (!signed.ok) throw new Error(signed.reason);
    const recorded = await recordResultSignature(
      d,
      { caseId, document, signature: signed.signature },
      at(head, '2025-04-08T11:00', 20),
    );
    expect(recorded).toMatchObject({ ok: true, state: { stage: 'signed' } });
    const issued = await appendEvent(
      d,
      {
        caseId,
        type: 'ResultIssued',
        payload: {
          date: '2025-04-09',
          way: 'inPerson',
          to: { kind: 'applicant', name: 'Сейітова Айгүл' },
        },
      },
      at(specialist, '2025-04-09T09:30', 30),
    );
    expect(issued).toMatchObject({ ok: true, state: { stage: 'issued' } });

    // The journal: the case under the department's office, as the okrug filter lists offices.
    expect(await journalOfficeIds(d)).toEqual([office.officeId]);
    const journal = await queryJournal(
      d,
      { officeId: office.officeId },
      { now: '2025-04-09T10:00', calendar },
    );
    expect(journal.total).toBe(1);
    const [row] = await journal.window(0, 10);
    expect(row).toMatchObject({
      id: caseId,
      officeId: office.officeId,
      number: 'AKKD-2-0001/2025',
      stage: 'issued',
    });
  });

  test('the term is the provider’s route’s, not the akim’s: child benefits are due in 10 working days, not 30 calendar days (001:7130-7131)', async () => {
    const d = await districtDesk();
    const result = await submitIntake(
      d,
      submission({ serviceId: 'child-benefit-under-18' }),
      [],
      numbering,
      at(specialist, '2026-11-23T10:00'),
    );
    if (!result.ok) throw new Error(result.reason);
    // «в уполномоченный орган – в течение десяти рабочих дней» (001:7130): from Monday 23.11.2026 the
    // tenth working day after is Monday 07.12.2026; at the akim it would be 23.12.2026 (001:7131).
    expect(result.state.dueDate).toBe('2026-12-07');
  });

  test('R-REG-6 a refused package gets the 2-1 receipt numbered by the department’s desk', async () => {
    const d = await districtDesk();
    const result = await submitIntake(
      d,
      submission({
        mode: 'refuse',
        documents: [{ documentId: 'family-composition', state: 'missing' }],
      }),
      [],
      numbering,
      at(specialist, '2025-04-03T10:00'),
    );
    if (!result.ok || result.event.type !== 'AcceptanceRefused') throw new Error('not refused');
    expect(result.event.payload.route).toBe('district');
    expect(result.event.payload.receiptNumber).toBe('AKKD-2-Q0001/2025');
    expect(result.state.stage).toBe('notAccepted');
  });

  test('an akimat role cannot register on the district department’s route', async () => {
    const d = await districtDesk();
    const result = await submitIntake(
      d,
      submission(),
      [scan],
      numbering,
      at(akimatSpecialist, '2025-04-03T10:00'),
    );
    expect(result).toMatchObject({ ok: false });
    expect(await d.events.count()).toBe(0);
    expect(await d.attachments.count()).toBe(0);
    expect(await numbersDrawn(d)).toEqual([]);
  });
});
