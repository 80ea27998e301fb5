// A hand-countable set of cases for the monthly report of November 2026 (monthly.test.ts counts them;
// the desk's query test stores the same logs). Not part of the barrel: import from
// 'shared/reports/testing'. Every case is built from events and folded, as on a desk.
//
// November 2026 has no public holiday; 02.11 and 30.11 are Mondays, 01.12 a Tuesday.
import {
  EVENT_SCHEMA_VERSION,
  foldCase,
  formatRegistrationNumber,
  type CaseEvent,
  type CaseEventType,
  type CaseRole,
  type CaseState,
  type PayloadOf,
} from '../case';
import { sampleApplicant, sampleHlc, sampleRegistered } from '../case/testing';

export const FIXTURE_MONTH = '2026-11';
export const OKRUG_A = 'KZL01';
export const OKRUG_B = 'KZL02';
export const DISTRICT_OFFICE = 'KZL-district';
export const DISTRICT_ID = 'KZL';
export const TSA = 'targeted-social-assistance';
export const TSA_RULE_SET = '001-timiryazev-2012-n302';
export const CERTIFICATE = 'asp-recipient-certificate';
export const CERTIFICATE_RULE_SET = '002-tsa-certificate-passport';
export const PROACTIVE = 'social-aid-maslikhat-categories';
export const PROACTIVE_RULE_SET = '003-mlspp-order84-amendment-2023';

const DIGEST = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';
let counter = 0;

/** One case's log, built event by event. */
class CaseLog {
  readonly events: CaseEvent[] = [];
  private seq = 0;
  constructor(
    readonly caseId: string,
    readonly okrug: string,
  ) {}

  add<T extends CaseEventType>(
    type: T,
    role: CaseRole,
    legalTime: string,
    payload: PayloadOf<T>,
  ): this {
    counter += 1;
    this.seq += 1;
    const district = role === 'districtSpecialist' || role === 'districtHead';
    const event = {
      id: `${this.caseId}-e${this.seq}`,
      v: EVENT_SCHEMA_VERSION,
      caseId: this.caseId,
      type,
      payload,
      actor: {
        userId: `u-${district ? 'district' : this.okrug}-${role}`,
        role,
        officeId: district ? DISTRICT_OFFICE : this.okrug,
        districtId: DISTRICT_ID,
        deviceId: 'd1',
      },
      legalTime,
      hlc: sampleHlc(counter, 'd1'),
      ...(type === 'CertificateIssued' || type === 'ResultSigned'
        ? {
            signature: {
              keyId: 'k',
              algorithm: 'ECDSA-P256-SHA256',
              value: 'MEUCIQDx',
              signedDigest: DIGEST,
            },
          }
        : {}),
    };
    // Sound by construction: type and payload above match T.
    this.events.push(event as unknown as CaseEvent);
    return this;
  }
}

let seq = 0;
function registered(
  id: string,
  okrug: string,
  service: 'tsa' | 'certificate',
  receivedAt: string,
  dueDate: string,
): CaseLog {
  seq += 1;
  const date = receivedAt.slice(0, 10);
  return new CaseLog(id, okrug).add(
    'Registered',
    'specialist',
    receivedAt,
    sampleRegistered({
      serviceId: service === 'tsa' ? TSA : CERTIFICATE,
      ruleSetId: service === 'tsa' ? TSA_RULE_SET : CERTIFICATE_RULE_SET,
      route: service === 'tsa' ? 'akimToDistrict' : 'akimLocal',
      applicant: { ...sampleApplicant, iin: `8503154${String(seq).padStart(5, '0')}` },
      receivedAt,
      registrationDate: date,
      registrationNumber: formatRegistrationNumber({
        officeCode: okrug,
        deviceNo: 1,
        seq,
        year: Number(date.slice(0, 4)),
      }),
      dueDate,
    }),
  );
}

/** Resolution and forwarding at the akimat, receipt at the district: the case waits for a decision. */
function atDistrict(log: CaseLog, day: string): CaseLog {
  return log
    .add('ResolutionImposed', 'akim', `${day}T11:00`, { executorUserId: 'u-exec', text: 'Қарау' })
    .add('ForwardedToDistrict', 'specialist', `${day}T12:00`, {
      registerId: `reg-${log.caseId}`,
      registerNumber: `R-${log.caseId}`,
    })
    .add('ReceivedByDistrict', 'districtSpecialist', `${day}T15:00`, {});
}

function forwarded(log: CaseLog, day: string): CaseLog {
  return log
    .add('ResolutionImposed', 'akim', `${day}T11:00`, { executorUserId: 'u-exec', text: 'Қарау' })
    .add('ForwardedToDistrict', 'specialist', `${day}T12:00`, {
      registerId: `reg-${log.caseId}`,
      registerNumber: `R-${log.caseId}`,
    });
}

const grant = (date: string) =>
  ({ outcome: 'grant', number: `D-${date}`, date, amountTiyn: 2_500_000 }) as const;
const refuse = (date: string) =>
  ({
    outcome: 'refuse',
    number: `D-${date}`,
    date,
    justification: 'Жан басына шаққандағы табыс шектен жоғары',
  }) as const;

const paper = (log: CaseLog, decision: ReturnType<typeof grant> | ReturnType<typeof refuse>) =>
  log.add('DistrictResultRecorded', 'specialist', `${decision.date}T16:00`, {
    decision,
    receivedOn: decision.date,
  });

const certificate = (log: CaseLog, at: string, result: 'belongs' | 'doesNotBelong') =>
  log.add('CertificateIssued', 'akim', at, {
    result,
    number: `C-${log.caseId}`,
    date: at.slice(0, 10),
    documentDigest: DIGEST,
  });

/**
 * The fixture's logs, each with what it stands for. Days: registration → result (calendar days).
 */
export function monthlyFixtureLogs(): { readonly note: string; readonly events: CaseEvent[] }[] {
  counter = 0;
  seq = 0;
  const c1 = atDistrict(
    registered('c01', OKRUG_A, 'tsa', '2026-11-02T10:00', '2026-11-20'),
    '2026-11-03',
  ).add('DecisionMade', 'districtSpecialist', '2026-11-16T10:00', grant('2026-11-16'));
  const c2 = atDistrict(
    registered('c02', OKRUG_A, 'tsa', '2026-10-30T10:00', '2026-11-13'),
    '2026-10-30',
  )
    .add('PreliminaryRefusalNoticed', 'districtSpecialist', '2026-11-09T10:00', {
      grounds: [{ code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' }],
      noticeDate: '2026-11-09',
      receivedOn: '2026-11-09',
      hearing: { at: '2026-11-12T11:00', mode: 'video' },
    })
    .add('DecisionMade', 'districtSpecialist', '2026-11-18T10:00', refuse('2026-11-18'));
  const c3 = registered('c03', OKRUG_A, 'tsa', '2026-11-30T17:00', '2026-12-14');
  const c4 = registered('c04', OKRUG_A, 'tsa', '2026-11-10T10:00', '2026-11-24').add(
    'Withdrawn',
    'specialist',
    '2026-11-12T10:00',
    { reason: 'Өтініш берушінің жазбаша өтініші', requestDate: '2026-11-12' },
  );
  const c5 = paper(
    forwarded(registered('c05', OKRUG_A, 'tsa', '2026-11-05T10:00', '2026-11-27'), '2026-11-06'),
    grant('2026-11-27'),
  );
  const c6 = atDistrict(
    registered('c06', OKRUG_A, 'tsa', '2026-11-12T10:00', '2026-12-01'),
    '2026-11-13',
  ).add('DecisionMade', 'districtSpecialist', '2026-12-01T10:00', grant('2026-12-01'));
  const c7 = paper(
    forwarded(registered('c07', OKRUG_B, 'tsa', '2026-11-02T09:30', '2026-11-16'), '2026-11-02'),
    grant('2026-11-17'),
  );
  const c8 = paper(
    forwarded(registered('c08', OKRUG_B, 'tsa', '2026-09-30T10:00', '2026-10-14'), '2026-10-01'),
    refuse('2026-11-03'),
  );
  const c9 = atDistrict(
    registered('c09', OKRUG_B, 'tsa', '2026-10-20T10:00', '2026-11-03'),
    '2026-10-21',
  ).add('DecisionMade', 'districtSpecialist', '2026-10-30T10:00', grant('2026-10-30'));
  const c10 = certificate(
    registered('c10', OKRUG_A, 'certificate', '2026-11-23T10:00', '2026-11-23'),
    '2026-11-23T10:09',
    'belongs',
  );
  const c11 = certificate(
    registered('c11', OKRUG_A, 'certificate', '2026-11-24T10:00', '2026-11-24'),
    '2026-11-24T10:40',
    'belongs',
  );
  const c12 = certificate(
    registered('c12', OKRUG_B, 'certificate', '2026-11-30T11:00', '2026-11-30'),
    '2026-11-30T11:05',
    'doesNotBelong',
  );
  const refusedAtIntake = sampleRegistered({ serviceId: TSA, ruleSetId: TSA_RULE_SET });
  const c13 = new CaseLog('c13', OKRUG_B).add(
    'AcceptanceRefused',
    'specialist',
    '2026-11-10T10:00',
    {
      serviceId: refusedAtIntake.serviceId,
      ruleSetId: refusedAtIntake.ruleSetId,
      route: 'akimToDistrict',
      channel: 'office',
      applicant: refusedAtIntake.applicant,
      documents: [{ documentId: 'family-composition', state: 'missing' }],
      receivedAt: '2026-11-10T10:00',
      refusalDate: '2026-11-10',
    },
  );
  const c14 = atDistrict(
    registered('c14', OKRUG_B, 'tsa', '2026-11-03T10:00', '2026-11-13'),
    '2026-11-04',
  )
    .add('TermExtended', 'districtSpecialist', '2026-11-10T10:00', {
      reason: 'documentsMissing',
      term: { amount: 20, unit: 'workingDays' },
      newDueDate: '2026-11-27',
    })
    .add('DecisionMade', 'districtSpecialist', '2026-11-25T10:00', grant('2026-11-25'));
  // R-PRO-1 (003:30): opened by the district without an application and without a due date.
  const c15 = new CaseLog('c15', DISTRICT_OFFICE)
    .add('ProactiveCaseOpened', 'districtSpecialist', '2026-11-05T10:00', {
      serviceId: PROACTIVE,
      ruleSetId: PROACTIVE_RULE_SET,
      occasion: { code: 'elders-day', name: 'Қарттар күні', date: '2026-11-10' },
      recipient: { ...sampleApplicant, iin: '850315400999', inMobileCitizensDb: false },
    })
    .add('DecisionMade', 'districtSpecialist', '2026-11-10T10:00', grant('2026-11-10'));
  return [
    {
      note: 'A, TSA: registered 02.11, granted 16.11, due 20.11 (on time, 14 days)',
      events: c1.events,
    },
    {
      note: 'A, TSA: registered 30.10, refused 18.11, due 13.11 (late, 19 days)',
      events: c2.events,
    },
    { note: 'A, TSA: registered 30.11, the last day: received, undecided', events: c3.events },
    { note: 'A, TSA: registered 10.11, withdrawn 12.11', events: c4.events },
    {
      note: 'A, TSA: registered 05.11, paper grant 27.11 on its due day (on time, 22 days)',
      events: c5.events,
    },
    { note: 'A, TSA: registered 12.11, granted 01.12: decided next month', events: c6.events },
    {
      note: 'B, TSA: registered 02.11, paper grant 17.11, due 16.11 (late, 15 days)',
      events: c7.events,
    },
    {
      note: 'B, TSA: registered 30.09, paper refusal 03.11, due 14.10 (late, 34 days)',
      events: c8.events,
    },
    { note: 'B, TSA: registered 20.10, granted 30.10: nothing in November', events: c9.events },
    {
      note: 'A, certificate: handed in 23.11 10:00, issued 10:09, due 10:15 (on time, 0 days)',
      events: c10.events,
    },
    {
      note: 'A, certificate: handed in 24.11 10:00, issued 10:40, due 10:15 (late, 0 days)',
      events: c11.events,
    },
    {
      note: 'B, certificate "does not belong": 30.11 11:00, issued 11:05 (on time, 0 days)',
      events: c12.events,
    },
    { note: 'B, TSA: refused at intake 10.11 (2-1 receipt): never received', events: c13.events },
    {
      note: 'B, TSA: registered 03.11, due 13.11 extended to 27.11, granted 25.11 (on time, 22 days)',
      events: c14.events,
    },
    {
      note: 'District, proactive: opened 05.11, no due date, granted 10.11 (neither on time nor late, 5 days)',
      events: c15.events,
    },
  ];
}

/** The fixture's cases, folded. */
export function monthlyFixtureStates(): CaseState[] {
  return monthlyFixtureLogs().map((c) => foldCase(c.events));
}
