// One test (or a few) per rule of processes-seeds-000-002-003-004.md §8 that the case model carries.
import { describe, expect, test } from 'vitest';
import type { CaseEvent, CaseRole, PayloadOf } from './events';
import { foldCase } from './fold';
import { noticeFormFor } from './state';
import type { CaseState } from './state';
import { samplePath, samplePayload, sampleRegistered, sampleEvent } from './testing';
import type { SampleStep } from './testing';
import { canAppend } from './transitions';

const TO_DISTRICT: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
];
const TO_HEARING: readonly SampleStep[] = [
  ...TO_DISTRICT,
  ['PreliminaryRefusalNoticed', 'districtSpecialist'],
];

function stateAfter(steps: readonly SampleStep[]): CaseState {
  return foldCase(samplePath(steps));
}

const refusal = (overrides: Partial<PayloadOf<'DecisionMade'>> = {}): PayloadOf<'DecisionMade'> =>
  ({ ...samplePayload('DecisionMade', 1), ...overrides }) as PayloadOf<'DecisionMade'>;
const grant = (): PayloadOf<'DecisionMade'> => samplePayload('DecisionMade', 0);

const ok = { ok: true };
const rejected = (code: string) => ({ ok: false, reason: `case:rejections.${code}` });

function append(
  events: readonly CaseEvent[],
  type: CaseEvent['type'],
  role: CaseRole,
  payload?: unknown,
) {
  const state = foldCase(events);
  const event = sampleEvent(type, {
    role,
    counter: events.length + 1,
    state,
    ...(payload !== undefined ? { payload: payload as never } : {}),
  });
  return foldCase([...events, event]);
}

describe('intake', () => {
  test('R-REG-2: the TSA certificate needs a notarized power of attorney (002:15)', () => {
    const payload = sampleRegistered({
      route: 'akimLocal',
      representative: {
        name: 'Омаров Данияр',
        powerOfAttorney: { number: '17', date: '2025-02-01', issuer: 'Ақкөл ауылдық округі' },
      },
    });
    const options = { payload, requireNotarizedPowerOfAttorney: true };
    expect(canAppend(foldCase([]), 'Registered', 'specialist', options)).toEqual(
      rejected('notarizedPowerOfAttorneyRequired'),
    );
    const notarized = {
      ...payload,
      representative: {
        name: 'Омаров Данияр',
        powerOfAttorney: {
          number: '17',
          date: '2025-02-01',
          issuer: 'Нотариус Ким А.',
          notarized: true,
        },
      },
    };
    expect(
      canAppend(foldCase([]), 'Registered', 'specialist', { ...options, payload: notarized }),
    ).toEqual(ok);
    // Social assistance (Civil Code art. 167) takes any valid power of attorney.
    expect(canAppend(foldCase([]), 'Registered', 'specialist', { payload })).toEqual(ok);
  });

  test.each(['missing', 'expired'] as const)(
    'R-REG-6: a %s document offers only the 2-1 receipt',
    (state) => {
      const documents = [
        { documentId: 'application', state: 'presented' as const },
        { documentId: 'family-composition', state },
      ];
      expect(
        canAppend(foldCase([]), 'Registered', 'specialist', {
          payload: sampleRegistered({ documents }),
        }),
      ).toEqual(rejected('incompletePackage'));
      const refusedPayload = { ...samplePayload('AcceptanceRefused'), documents };
      expect(
        canAppend(foldCase([]), 'AcceptanceRefused', 'specialist', { payload: refusedPayload }),
      ).toEqual(ok);
    },
  );

  test('R-REG-6: a complete package cannot be refused at acceptance', () => {
    const payload = {
      ...samplePayload('AcceptanceRefused'),
      documents: sampleRegistered().documents,
    };
    expect(canAppend(foldCase([]), 'AcceptanceRefused', 'specialist', { payload })).toEqual(
      rejected('packageComplete'),
    );
  });

  test('R-REG-6: a refused application never becomes registered', () => {
    const refused = samplePath([['AcceptanceRefused', 'specialist']]);
    const state = foldCase(refused);
    expect(state.stage).toBe('notAccepted');
    expect(canAppend(state, 'Registered', 'specialist')).toEqual(rejected('notAccepted'));

    // A second desk, offline, registered the same case after the refusal: kept, flagged, not applied.
    const registeredElsewhere = sampleEvent('Registered', {
      role: 'specialist',
      counter: 5,
      deviceId: 'desk-2',
    });
    const merged = foldCase([registeredElsewhere, ...refused]);
    expect(merged.stage).toBe('notAccepted');
    expect(merged.registrationNumber).toBeNull();
    expect(merged.flagged).toBe(true);
    expect(merged.conflicts).toEqual([
      { event: registeredElsewhere, reason: 'case:rejections.notAccepted', acknowledgedBy: null },
    ]);
  });

  test.each([
    { personalData: false, protectedInformation: true },
    { personalData: true, protectedInformation: false },
  ])('R-REG-7: no consent, no registration (%o)', (consents) => {
    expect(
      canAppend(foldCase([]), 'Registered', 'specialist', {
        payload: sampleRegistered({ consents }),
      }),
    ).toEqual(rejected('consentMissing'));
  });

  test('R-REG-1: the registration date and receipt moment are kept as given', () => {
    const state = stateAfter([['Registered', 'specialist']]);
    expect(state.receivedAt).toBe('2025-03-03T10:00');
    expect(state.registrationDate).toBe('2025-03-03');
    expect(state.dueDate).toBe('2025-04-02');
  });
});

describe('proactive assistance', () => {
  test('R-PRO-1: a proactive case is opened, decided, signed and issued with no application', () => {
    const events = samplePath([
      ['ProactiveCaseOpened', 'districtSpecialist'],
      ['DecisionMade', 'districtSpecialist', 0],
      ['ResultSigned', 'districtHead'],
      ['ResultIssued', 'districtSpecialist'],
    ]);
    const state = foldCase(events);
    expect(state.conflicts).toEqual([]);
    expect(state.stage).toBe('issued');
    expect(state.proactive).toBe(true);
    expect(state.intake).toBeNull();
    expect(state.registrationNumber).toBeNull();
    expect(state.applicant?.iin).toBe('850315400124');
    expect(state.proactiveOpening?.occasion.code).toBe('victory-day');
  });

  test('R-PRO-1: only the provider opens proactive assistance', () => {
    expect(canAppend(foldCase([]), 'ProactiveCaseOpened', 'specialist')).toEqual(
      rejected('roleNotAllowed'),
    );
  });
});

describe('hearing before a refusal (APPC art. 73, 003:38-47)', () => {
  test('R-HEAR-1: no refusal before the preliminary notice', () => {
    const atDistrict = stateAfter(TO_DISTRICT);
    expect(
      canAppend(atDistrict, 'DecisionMade', 'districtSpecialist', { payload: refusal() }),
    ).toEqual(rejected('refusalWithoutNotice'));
    const noticed = stateAfter(TO_HEARING);
    expect(
      canAppend(noticed, 'DecisionMade', 'districtSpecialist', { payload: refusal() }),
    ).toEqual(ok);
  });

  test('R-HEAR-1: notice Mon 24.03 → a refusal dated Wed is rejected, one dated Thu is allowed', () => {
    const noticed = stateAfter(TO_HEARING);
    const earliestRefusalDate = '2025-03-27'; // from the deadline engine: Mon + 3 working days
    expect(
      canAppend(noticed, 'DecisionMade', 'districtSpecialist', {
        payload: refusal({ date: '2025-03-26' }),
        earliestRefusalDate,
      }),
    ).toEqual(rejected('refusalTooEarly'));
    expect(
      canAppend(noticed, 'DecisionMade', 'districtSpecialist', {
        payload: refusal({ date: '2025-03-27' }),
        earliestRefusalDate,
      }),
    ).toEqual(ok);
  });

  test('R-HEAR-2: the hearing time and mode are kept in the state', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(noticed.stage).toBe('hearing');
    expect(noticed.hearing?.notice.hearing).toEqual({ at: '2025-03-27T11:00', mode: 'video' });
    expect(noticed.hearing?.notice.noticeDate).toBe('2025-03-24');
  });

  test('R-HEAR-4: an oral objection requires a protocol before the decision', () => {
    const oral = stateAfter([...TO_HEARING, ['ObjectionFiled', 'districtSpecialist', 0]]);
    expect(oral.hearing?.objection?.form).toBe('oral');
    expect(oral.hearing?.protocolRequired).toBe(true);
    expect(canAppend(oral, 'DecisionMade', 'districtSpecialist')).toEqual(
      rejected('protocolRequired'),
    );
    expect(canAppend(oral, 'DecisionMade', 'districtSpecialist', { payload: grant() })).toEqual(
      rejected('protocolRequired'),
    );

    const withProtocol = stateAfter([
      ...TO_HEARING,
      ['ObjectionFiled', 'districtSpecialist', 0],
      ['HearingProtocolRecorded', 'districtSpecialist'],
    ]);
    expect(
      canAppend(withProtocol, 'DecisionMade', 'districtSpecialist', { payload: refusal() }),
    ).toEqual(ok);
  });

  test('R-HEAR-4: a written objection needs no protocol', () => {
    const written = stateAfter([...TO_HEARING, ['ObjectionFiled', 'districtSpecialist', 1]]);
    expect(written.hearing?.protocolRequired).toBe(false);
    expect(
      canAppend(written, 'DecisionMade', 'districtSpecialist', { payload: refusal() }),
    ).toEqual(ok);
    expect(canAppend(written, 'ObjectionFiled', 'districtSpecialist')).toEqual(
      rejected('objectionAlreadyFiled'),
    );
  });

  test('R-HEAR-5: the reading date is recorded, and only once a protocol exists', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(canAppend(noticed, 'ProtocolFamiliarized', 'districtSpecialist')).toEqual(
      rejected('protocolNotRecorded'),
    );
    expect(canAppend(noticed, 'RemarksFiled', 'districtSpecialist')).toEqual(
      rejected('notFamiliarized'),
    );
    const read = stateAfter([
      ...TO_HEARING,
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
    ]);
    expect(read.hearing?.familiarizedOn).toBe('2025-03-27');
  });

  test('R-HEAR-6: protocol read, no remarks, window open → decision blocked; closed → allowed', () => {
    const read = stateAfter([
      ...TO_HEARING,
      ['ObjectionFiled', 'districtSpecialist', 0],
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
    ]);
    for (const payload of [refusal(), grant()]) {
      expect(
        canAppend(read, 'DecisionMade', 'districtSpecialist', { payload, hearingWindowOpen: true }),
      ).toEqual(rejected('remarksWindowOpen'));
      expect(
        canAppend(read, 'DecisionMade', 'districtSpecialist', {
          payload,
          hearingWindowOpen: false,
        }),
      ).toEqual(ok);
    }
    expect(
      canAppend(read, 'DecisionMade', 'districtSpecialist', { hearingWindowOpen: true }).ok,
    ).toBe(false);
  });

  test('R-HEAR-6: once remarks are filed the decision must say how they were considered', () => {
    const withRemarks = stateAfter([
      ...TO_HEARING,
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
      ['RemarksFiled', 'districtSpecialist'],
    ]);
    // Remarks filed: the open window no longer blocks.
    expect(
      canAppend(withRemarks, 'DecisionMade', 'districtSpecialist', {
        payload: refusal({ remarksConsideration: '  ' }),
        hearingWindowOpen: true,
      }),
    ).toEqual(rejected('remarksNotConsidered'));
    expect(
      canAppend(withRemarks, 'DecisionMade', 'districtSpecialist', {
        payload: refusal({ remarksConsideration: 'Ескертулер қаралып, қабылданбады' }),
        hearingWindowOpen: true,
      }),
    ).toEqual(ok);
  });

  test('R-HEAR-7: a grant is decided without any hearing record', () => {
    const atDistrict = stateAfter(TO_DISTRICT);
    expect(
      canAppend(atDistrict, 'DecisionMade', 'districtSpecialist', { payload: grant() }),
    ).toEqual(ok);
    const decided = stateAfter([...TO_DISTRICT, ['DecisionMade', 'districtSpecialist', 0]]);
    expect(decided.conflicts).toEqual([]);
    expect(decided.stage).toBe('decided');
    expect(decided.hearing).toBeNull();
  });
});

describe('decision and notice', () => {
  test('R-DEC-1: a refusal produces an app. 7 notice, never app. 6; a grant app. 6', () => {
    expect(noticeFormFor({ outcome: 'refuse' })).toBe('app7');
    expect(noticeFormFor({ outcome: 'grant' })).toBe('app6');
    const refused = stateAfter([...TO_HEARING, ['DecisionMade', 'districtSpecialist', 1]]);
    expect(refused.decision?.outcome).toBe('refuse');
    expect(refused.decision?.noticeForm).toBe('app7');
    const granted = stateAfter([...TO_DISTRICT, ['DecisionMade', 'districtSpecialist', 0]]);
    expect(granted.decision?.noticeForm).toBe('app6');
  });

  test('R-DEC-2: in the mobile citizens database → the notice goes by SMS', () => {
    const state = stateAfter([['Registered', 'specialist']]);
    expect(state.applicant?.inMobileCitizensDb).toBe(true);
    expect(state.notificationChannel).toBe('sms');
  });

  test('R-DEC-3: not in the database → a printed notice waits for pickup; portal → personal cabinet', () => {
    const applicant = { ...sampleRegistered().applicant, inMobileCitizensDb: false };
    const office = append([], 'Registered', 'specialist', sampleRegistered({ applicant }));
    expect(office.notificationChannel).toBe('printForPickup');
    const portal = append(
      [],
      'Registered',
      'specialist',
      sampleRegistered({ applicant, channel: 'portal' }),
    );
    expect(portal.notificationChannel).toBe('personalCabinet');
  });

  test('R-DEC-5: an unsigned result cannot be issued', () => {
    const decided = stateAfter([...TO_DISTRICT, ['DecisionMade', 'districtSpecialist', 0]]);
    expect(canAppend(decided, 'ResultIssued', 'specialist')).toEqual(rejected('resultNotSigned'));
    expect(canAppend(decided, 'ReturnedToAkimat', 'specialist')).toEqual(
      rejected('notAllowedInStage'),
    );
    const districtDecided = stateAfter([
      ['Registered', 'districtSpecialist', 2],
      ['DecisionMade', 'districtSpecialist', 0],
    ]);
    expect(canAppend(districtDecided, 'ResultIssued', 'districtSpecialist')).toEqual(
      rejected('resultNotSigned'),
    );
    const signed = stateAfter([
      ['Registered', 'districtSpecialist', 2],
      ['DecisionMade', 'districtSpecialist', 0],
      ['ResultSigned', 'districtHead'],
    ]);
    expect(signed.signature).toEqual({
      at: '2025-03-03T09:03',
      byUserId: 'user-districtHead',
      keyId: 'key-districtHead',
      documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
    });
    expect(canAppend(signed, 'ResultIssued', 'districtSpecialist')).toEqual(ok);
  });

  test('R-CERT-3: the certificate says belongs or does not belong, signed by the akim', () => {
    const state = stateAfter([
      ['Registered', 'specialist', 1],
      ['CertificateIssued', 'akim', 1],
    ]);
    expect(state.stage).toBe('signed');
    expect(state.certificate?.result).toBe('doesNotBelong');
    expect(state.signature?.byUserId).toBe('user-akim');
  });
});

describe('term and status', () => {
  test('R-ROUTE-4: the 8 → 20 working-day extension names its reason and moves the due date once', () => {
    const extended = stateAfter([
      ['Registered', 'specialist'],
      ['TermExtended', 'specialist'],
    ]);
    expect(extended.dueDate).toBe('2025-04-30');
    expect(extended.extension?.reason).toBe('documentsMissing');
    expect(extended.extension?.term).toEqual({ amount: 20, unit: 'workingDays' });
    expect(canAppend(extended, 'TermExtended', 'specialist')).toEqual(rejected('alreadyExtended'));
  });

  test('suspensions are kept as intervals of legal time', () => {
    const state = stateAfter([
      ['Registered', 'specialist'],
      ['TermSuspended', 'specialist'],
      ['TermResumed', 'specialist'],
      ['TermSuspended', 'specialist'],
    ]);
    expect(state.suspended).toBe(true);
    expect(state.suspensions).toEqual([
      { from: '2025-03-03T09:02', to: '2025-03-03T09:03', reason: 'awaiting-documents' },
      { from: '2025-03-03T09:04', to: null, reason: 'awaiting-documents' },
    ]);
  });

  test('R-STAT-2: every change of status is in the history with its legal time', () => {
    const state = stateAfter([
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['TermExtended', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['ForwardedToDistrict', 'specialist'],
    ]);
    expect(state.history).toEqual([
      {
        at: '2025-03-03T09:01',
        eventId: 'desk-1-1',
        type: 'Registered',
        stage: 'registered',
        suspended: false,
        dueDate: '2025-04-02',
      },
      {
        at: '2025-03-03T09:02',
        eventId: 'desk-1-2',
        type: 'ResolutionImposed',
        stage: 'resolutionImposed',
        suspended: false,
        dueDate: '2025-04-02',
      },
      // The extension is a notification-worthy change too (004:592).
      {
        at: '2025-03-03T09:03',
        eventId: 'desk-1-3',
        type: 'TermExtended',
        stage: 'resolutionImposed',
        suspended: false,
        dueDate: '2025-04-30',
      },
      // A second resolution changes nothing the applicant sees: no entry for desk-1-4.
      {
        at: '2025-03-03T09:05',
        eventId: 'desk-1-5',
        type: 'ForwardedToDistrict',
        stage: 'forwarded',
        suspended: false,
        dueDate: '2025-04-30',
      },
    ]);
  });

  test('R-CAL-6: each legal step keeps the time it happened at the office', () => {
    const state = stateAfter([
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['ResolutionImposed', 'akim'],
    ]);
    expect(state.stepTimes).toEqual({
      Registered: '2025-03-03T09:01',
      ResolutionImposed: '2025-03-03T09:02',
    });
  });
});
