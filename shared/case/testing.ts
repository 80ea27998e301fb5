// Valid sample events for tests (the case model's, the hub's, the desk's). Not part of the barrel:
// import from 'shared/case/testing'. Fixed dates only.
import { formatStamp } from '../clock/hlc';
import { EVENT_SCHEMA_VERSION } from '../events/envelope';
import { addMinutes } from '../time';
import type {
  Applicant,
  CaseEvent,
  CaseEventOf,
  CaseEventType,
  CaseRole,
  PayloadOf,
} from './events';
import { SIGNED_EVENT_TYPES } from './events';
import { foldCase } from './fold';
import { formatRegistrationNumber } from './registration-number';
import { EMPTY_CASE } from './state';
import type { CaseState } from './state';

export const SAMPLE_CASE_ID = 'case-0001';
const BASE_TIME = '2025-03-03T09:00';

export const sampleApplicant: Applicant = {
  iin: '850315400124',
  lastName: 'Сейітова',
  firstName: 'Әйгерім',
  patronymic: 'Қайратқызы',
  birthDate: '1985-03-15',
  sex: 'F',
  address: 'Ақмола облысы, Ақкөл ауданы, Қызылсай ауылы, Бейбітшілік көшесі, 12',
  phone: '+77011234567',
  inMobileCitizensDb: true,
};

export function sampleRegistered(
  overrides: Partial<PayloadOf<'Registered'>> = {},
): PayloadOf<'Registered'> {
  return {
    serviceId: 'targeted-social-assistance',
    ruleSetId: 'seed001-tsa-2012',
    route: 'akimToDistrict',
    channel: 'office',
    applicant: sampleApplicant,
    documents: [
      { documentId: 'application', state: 'presented' },
      { documentId: 'family-composition', state: 'presented' },
      { documentId: 'identity-document', state: 'confirmedByInformationSystem' },
      { documentId: 'social-contract', state: 'notApplicable' },
    ],
    consents: { personalData: true, protectedInformation: true },
    familyMembers: [
      {
        lastName: 'Сейітов',
        firstName: 'Нұрлан',
        birthDate: '2015-06-01',
        relation: 'child',
        incomes: [],
      },
    ],
    applicantIncomes: [
      { source: 'wages', amountTiyn: 9_000_000, periodFrom: '2024-10-01', periodTo: '2024-12-31' },
    ],
    attachments: [
      { sha256: 'a'.repeat(64), name: 'application.pdf', mime: 'application/pdf', size: 120_000 },
    ],
    receivedAt: '2025-03-03T10:00',
    registrationDate: '2025-03-03',
    registrationNumber: formatRegistrationNumber({
      officeCode: 'AK01',
      deviceNo: 1,
      seq: 1,
      year: 2025,
    }),
    dueDate: '2025-04-02',
    ...overrides,
  };
}

const ROUTE_BY_VARIANT = ['akimToDistrict', 'akimLocal', 'district'] as const;

type Samples = {
  [K in CaseEventType]: (variant: number, state: CaseState) => PayloadOf<K>;
};

/** One valid payload per type; `variant` picks among the choices that change the path of a case. */
const SAMPLES: Samples = {
  Registered: (variant) =>
    sampleRegistered({ route: ROUTE_BY_VARIANT[variant % 3] ?? 'akimToDistrict' }),
  AcceptanceRefused: (variant) => {
    const { consents: _c, familyMembers: _f, applicantIncomes: _i, ...intake } = sampleRegistered();
    return {
      serviceId: intake.serviceId,
      ruleSetId: intake.ruleSetId,
      route: ROUTE_BY_VARIANT[variant % 3] ?? 'akimToDistrict',
      channel: intake.channel,
      applicant: intake.applicant,
      documents: [
        { documentId: 'application', state: 'presented' },
        { documentId: 'family-composition', state: variant % 2 === 0 ? 'missing' : 'expired' },
      ],
      receivedAt: intake.receivedAt,
      refusalDate: '2025-03-03',
    };
  },
  ProactiveCaseOpened: () => ({
    serviceId: 'social-aid-maslikhat-categories',
    ruleSetId: 'seed003-2023',
    occasion: { code: 'victory-day', name: 'Жеңіс күні', date: '2025-05-09' },
    recipient: { ...sampleApplicant, inMobileCitizensDb: false },
  }),
  ResolutionImposed: () => ({ executorUserId: 'user-executor', text: 'Қарап, шара қолдансын' }),
  SentToCommission: () => ({}),
  CommissionActRecorded: (variant) => ({
    actDate: '2025-03-07',
    members: [{ name: 'Ахметов Б.' }, { name: 'Иванова Л.', position: 'хатшы' }],
    findings: 'Отбасының материалдық жағдайы тексерілді',
    conclusion: variant % 2 === 0 ? 'needed' : 'notNeeded',
  }),
  ForwardedToDistrict: () => ({ registerId: 'register-7', registerNumber: 'R-7/2025' }),
  ReceivedByDistrict: () => ({ incomingNumber: '1-15/342' }),
  ReturnedForCompletion: (variant) => ({
    missingDocuments:
      variant % 2 === 0
        ? [
            {
              documentId: 'family-income',
              text: 'Отбасы мүшелерінің табысы туралы мәліметтер',
            },
          ]
        : [{ text: 'Жұбайының табысы туралы анықтама жоқ' }],
    outgoingNumber: '2-04/97',
  }),
  IncomeComputed: () => ({
    familySize: 2,
    totalIncomeTiyn: 9_000_000,
    perCapitaIncomeTiyn: 1_500_000,
    periodFrom: '2024-10-01',
    periodTo: '2024-12-31',
  }),
  PreliminaryRefusalNoticed: () => ({
    grounds: [
      { code: 'income-above-poverty-line', text: 'Жан басына шаққандағы табыс шектен жоғары' },
    ],
    noticeDate: '2025-04-07',
    hearing: { at: '2025-04-10T11:00', mode: 'video' },
  }),
  RefusalNoticeReceived: () => ({ receivedOn: '2025-04-07' }),
  ObjectionFiled: (variant) => ({
    form: variant % 2 === 0 ? 'oral' : 'written',
    date: '2025-04-08',
  }),
  HearingProtocolRecorded: () => ({ date: '2025-04-10', summary: 'Қарсылық тыңдалды' }),
  ProtocolFamiliarized: () => ({ date: '2025-04-10' }),
  RemarksFiled: () => ({ date: '2025-04-11', text: 'Хаттамаға ескерту' }),
  DecisionMade: (variant, state) => {
    const remarksConsideration =
      state.hearing?.remarks !== null && state.hearing?.remarks !== undefined
        ? 'Ескертулер қаралды'
        : undefined;
    return variant % 2 === 0
      ? {
          outcome: 'grant',
          number: 'D-12',
          date: '2025-04-21',
          amountTiyn: 2_500_000,
          remarksConsideration,
        }
      : {
          outcome: 'refuse',
          number: 'D-12',
          date: '2025-04-21',
          justification: 'Табыс кедейлік шегінен асады',
          remarksConsideration,
        };
  },
  ResultSigned: () => ({ documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=' }),
  CertificateIssued: (variant) => ({
    result: variant % 2 === 0 ? 'belongs' : 'doesNotBelong',
    number: 'C-3',
    date: '2025-03-03',
    documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
  }),
  ReturnedToAkimat: () => ({ outgoingNumber: '2-04/118' }),
  DistrictResultRecorded: (variant) => ({
    decision:
      variant % 2 === 0
        ? { outcome: 'grant' as const, number: '118', date: '2025-03-28', amountTiyn: 2_500_000 }
        : {
            outcome: 'refuse' as const,
            number: '119',
            date: '2025-03-28',
            justification: 'Жан басына шаққандағы табыс шектен жоғары',
          },
    receivedOn: '2025-03-31',
  }),
  ApplicantNotifiedResultReady: (variant) => ({
    way: (['phone', 'sms', 'inPerson', 'post'] as const)[variant % 4] ?? 'phone',
  }),
  ResultIssued: (variant) => ({
    date: '2025-04-03',
    way: (['inPerson', 'sms', 'post'] as const)[variant % 3] ?? 'inPerson',
    to: { kind: 'applicant', name: 'Сейітова Ә. Қ.' },
  }),
  Withdrawn: () => ({ reason: 'Өтініш берушінің жазбаша өтініші', requestDate: '2025-03-10' }),
  TermSuspended: () => ({ reason: 'awaiting-documents' }),
  TermResumed: () => ({}),
  TermExtended: () => ({
    reason: 'documentsMissing',
    term: { amount: 20, unit: 'workingDays' },
    newDueDate: '2025-04-30',
  }),
  TermReplanned: (_variant, state) => ({
    newDueDate: state.dueDate === '2025-04-03' ? '2025-04-04' : '2025-04-03',
    calendarVersion: '2026.12.1',
    reason: 'Мереке күні ауыстырылды',
  }),
  ApplicationCorrected: (variant, state) => {
    const current = state.application;
    // Back at the akimat for a missing document: the checklist gets what the district named.
    const named =
      state.stage === 'returnedForCompletion'
        ? (state.completionReturns.at(-1)?.missingDocuments ?? []).flatMap((m) =>
            m.documentId === undefined ? [] : [m.documentId],
          )
        : [];
    const checklist = current?.documents ?? [];
    const unmarked = named.filter(
      (id) => !checklist.some((d) => d.documentId === id && d.state === 'presented'),
    );
    if (variant % 2 === 0 && unmarked.length > 0) {
      return {
        reason: 'Жетіспеген құжат әкелінді',
        documents: [
          ...checklist.filter((d) => !unmarked.includes(d.documentId)),
          ...unmarked.map((documentId) => ({ documentId, state: 'presented' as const })),
        ],
      };
    }
    const applicant = current?.applicant ?? sampleApplicant;
    switch (variant % 3) {
      case 0:
        return {
          reason: 'Мекенжай қате жазылған',
          applicant: {
            ...applicant,
            address:
              applicant.address === sampleApplicant.address
                ? 'Ақмола облысы, Ақкөл қаласы, Абай көшесі, 5'
                : sampleApplicant.address,
          },
        };
      case 1:
        return {
          reason: 'Отбасы мүшесі жазылмай қалған',
          familyMembers: [
            ...(current?.familyMembers ?? []),
            {
              lastName: 'Сейітова',
              firstName: 'Дана',
              birthDate: '2018-09-12',
              relation: 'child',
              incomes: [],
            },
          ],
        };
      default:
        return {
          reason: 'Өтінішті өкіл берді',
          representation: current?.representative
            ? {}
            : {
                representative: {
                  name: 'Ахметов Бауыржан Серікұлы',
                  powerOfAttorney: {
                    number: '1-234',
                    date: '2025-03-01',
                    issuer: 'Нотариус Иванова Л. М.',
                    notarized: true,
                  },
                },
              },
        };
    }
  },
  ConflictAcknowledged: (_variant, state) => ({
    eventId: state.conflicts.find((c) => c.acknowledgedBy === null)?.event.id ?? 'no-such-event',
    note: 'Тексерілді',
  }),
};

export function samplePayload<T extends CaseEventType>(
  type: T,
  variant = 0,
  state: CaseState = EMPTY_CASE,
): PayloadOf<T> {
  const make: Samples[T] = SAMPLES[type];
  return make(variant, state);
}

/** The actor a sample event of `role` has: the sample office and district. */
export function sampleActor(role: CaseRole): {
  readonly role: CaseRole;
  readonly officeId: string;
  readonly districtId: string;
} {
  return { role, officeId: SAMPLE_OFFICE_ID, districtId: SAMPLE_DISTRICT_ID };
}

/** Real shared/clock stamps whose wall is `counter` ms: counter first, then the device. */
export function sampleHlc(counter: number, deviceId: string): string {
  return formatStamp({ wallMs: counter, counter: 0, nodeId: deviceId });
}

export const SAMPLE_OFFICE_ID = 'office-1';
export const SAMPLE_DISTRICT_ID = 'district-1';

export interface SampleEventInit<T extends CaseEventType> {
  readonly role: CaseRole;
  readonly counter: number;
  readonly deviceId?: string;
  readonly caseId?: string;
  readonly id?: string;
  readonly payload?: PayloadOf<T>;
  readonly variant?: number;
  readonly state?: CaseState;
}

/** A full event. Ids and stamps come from `counter` and the device, legal time from `counter` minutes. */
export function sampleEvent<T extends CaseEventType>(
  type: T,
  init: SampleEventInit<T>,
): CaseEventOf<T> {
  const deviceId = init.deviceId ?? 'desk-1';
  const event = {
    id: init.id ?? `${deviceId}-${init.counter}`,
    caseId: init.caseId ?? SAMPLE_CASE_ID,
    type,
    payload: init.payload ?? samplePayload(type, init.variant ?? 0, init.state ?? EMPTY_CASE),
    v: EVENT_SCHEMA_VERSION,
    actor: {
      userId: `user-${init.role}`,
      role: init.role,
      officeId: SAMPLE_OFFICE_ID,
      districtId: SAMPLE_DISTRICT_ID,
      deviceId,
    },
    legalTime: addMinutes(BASE_TIME, init.counter),
    hlc: sampleHlc(init.counter, deviceId),
    ...(SIGNED_EVENT_TYPES.includes(type)
      ? {
          signature: {
            keyId: `key-${init.role}`,
            algorithm: 'ECDSA-P256-SHA256',
            value: 'MEUCIQDx',
            signedDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
          },
        }
      : {}),
  };
  // Sound by construction: type, payload and signature above match T.
  return event as unknown as CaseEventOf<T>;
}

export type SampleStep = readonly [CaseEventType, CaseRole, number?];

/** The sequence each case id got from sampleRegistrationNumber, in the order they were first asked. */
const fixtureSeqs = new Map<string, number>();

/**
 * The registration number of the sample office's desk 1 in 2025 that stands for `caseId`: the same for
 * the same id, another for every other id asked in this process (sequence 2 on: 0001 stays
 * sampleRegistered's). For fixtures that store several cases at one hub, which refuses a number another
 * case of the district holds (sync:reject.numberTaken).
 */
export function sampleRegistrationNumber(caseId: string): string {
  let seq = fixtureSeqs.get(caseId);
  if (seq === undefined) {
    seq = fixtureSeqs.size + 2;
    fixtureSeqs.set(caseId, seq);
  }
  return formatRegistrationNumber({ officeCode: 'AK01', deviceNo: 1, seq, year: 2025 });
}

/**
 * Events of a path through a case, each built against the state the previous ones reached. A
 * `registrationNumber` replaces the sample one in a Registered event (sampleRegistrationNumber).
 */
export function samplePath(
  steps: readonly SampleStep[],
  start: {
    readonly counter?: number;
    readonly deviceId?: string;
    readonly registrationNumber?: string;
  } = {},
): CaseEvent[] {
  const events: CaseEvent[] = [];
  let state: CaseState = EMPTY_CASE;
  let counter = start.counter ?? 1;
  for (const [type, role, variant] of steps) {
    const sample: CaseEvent = sampleEvent(type, {
      role,
      counter,
      variant: variant ?? 0,
      state,
      ...(start.deviceId !== undefined ? { deviceId: start.deviceId } : {}),
    });
    const event: CaseEvent =
      sample.type === 'Registered' && start.registrationNumber !== undefined
        ? {
            ...sample,
            payload: { ...sample.payload, registrationNumber: start.registrationNumber },
          }
        : sample;
    events.push(event);
    state = foldCase(events);
    counter += 1;
  }
  return events;
}

/**
 * What the intake hands to registration (the desk's RegistrationDraft): a sample application without
 * what the store works out itself (rule-set, registration date, due date, number).
 */
export function sampleRegistrationDraft(
  overrides: Partial<PayloadOf<'Registered'>> = {},
): Omit<
  PayloadOf<'Registered'>,
  'registrationNumber' | 'registrationDate' | 'dueDate' | 'ruleSetId'
> {
  const {
    registrationNumber: _n,
    registrationDate: _r,
    dueDate: _d,
    ruleSetId: _s,
    ...draft
  } = sampleRegistered(overrides);
  return draft;
}
