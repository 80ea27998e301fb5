// One test (or a few) per rule of processes-seeds-000-002-003-004.md §8 that the case model carries.
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import type { CaseEvent, CaseRole, PayloadOf } from './events';
import { foldCase } from './fold';
import { noticeFormFor } from './state';
import type { CaseState } from './state';
import {
  sampleActor as as,
  samplePath,
  samplePayload,
  sampleRegistered,
  sampleEvent,
} from './testing';
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

const calendar = createWorkingCalendar();
/** The store's context: the working-day calendar. */
const full = { context: { calendar } } as const;
const bare = { context: null } as const;

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
  const certificate = (overrides: Partial<PayloadOf<'Registered'>> = {}) =>
    sampleRegistered({
      serviceId: 'asp-recipient-certificate',
      ruleSetId: '002-tsa-certificate-passport',
      route: 'akimLocal',
      receivedAt: '2026-12-03T10:00',
      registrationDate: '2026-12-03',
      registrationNumber: 'AK01-1-0001/2026',
      dueDate: '2026-12-03',
      ...overrides,
    });

  test('R-REG-2: the TSA certificate needs a notarized power of attorney (002:15), from the catalog', () => {
    const representative = {
      name: 'Омаров Данияр',
      powerOfAttorney: { number: '17', date: '2025-02-01', issuer: 'Ақкөл ауылдық округі' },
    };
    const payload = certificate({ representative });
    expect(canAppend(foldCase([]), 'Registered', as('specialist'), { ...full, payload })).toEqual(
      rejected('notarizedPowerOfAttorneyRequired'),
    );
    const notarized = certificate({
      representative: {
        ...representative,
        powerOfAttorney: { ...representative.powerOfAttorney, notarized: true },
      },
    });
    expect(
      canAppend(foldCase([]), 'Registered', as('specialist'), { ...full, payload: notarized }),
    ).toEqual(ok);
    // Targeted social assistance (Civil Code art. 167) takes any valid power of attorney.
    expect(
      canAppend(foldCase([]), 'Registered', as('specialist'), {
        ...full,
        payload: sampleRegistered({ representative }),
      }),
    ).toEqual(ok);
  });

  test.each([
    ['17:29', true],
    ['17:30', false],
    ['17:45', false],
    ['08:55', false],
    ['13:30', false],
    ['14:30', true],
  ])(
    'R-CAL-2 (002:12): a certificate package handed in at %s is accepted that day: %s',
    (time, accepted) => {
      const payload = certificate({ receivedAt: `2026-12-03T${time}` });
      expect(canAppend(foldCase([]), 'Registered', as('specialist'), { ...full, payload })).toEqual(
        accepted ? ok : rejected('outsideIntakeHours'),
      );
    },
  );

  test('R-CAL-2 (002:12): the intake window binds only the service that states it', () => {
    const late = sampleRegistered({ receivedAt: '2025-03-03T17:45' });
    expect(
      canAppend(foldCase([]), 'Registered', as('specialist'), { ...full, payload: late }),
    ).toEqual(ok);
    const saturday = certificate({ receivedAt: '2026-12-05T10:00' });
    expect(
      canAppend(foldCase([]), 'Registered', as('specialist'), { ...full, payload: saturday }),
    ).toEqual(rejected('outsideIntakeHours'));
  });

  test.each(['missing', 'expired'] as const)(
    'R-REG-6: a %s document offers only the 2-1 receipt',
    (state) => {
      const documents = [
        { documentId: 'application', state: 'presented' as const },
        { documentId: 'family-composition', state },
      ];
      expect(
        canAppend(foldCase([]), 'Registered', as('specialist'), {
          ...bare,
          payload: sampleRegistered({ documents }),
        }),
      ).toEqual(rejected('incompletePackage'));
      const refusedPayload = { ...samplePayload('AcceptanceRefused'), documents };
      expect(
        canAppend(foldCase([]), 'AcceptanceRefused', as('specialist'), {
          ...bare,
          payload: refusedPayload,
        }),
      ).toEqual(ok);
    },
  );

  test('R-REG-6: a complete package cannot be refused at acceptance', () => {
    const payload = {
      ...samplePayload('AcceptanceRefused'),
      documents: sampleRegistered().documents,
    };
    expect(
      canAppend(foldCase([]), 'AcceptanceRefused', as('specialist'), { ...bare, payload }),
    ).toEqual(rejected('packageComplete'));
  });

  test('R-REG-6: a refused application never becomes registered', () => {
    const refused = samplePath([['AcceptanceRefused', 'specialist']]);
    const state = foldCase(refused);
    expect(state.stage).toBe('notAccepted');
    expect(canAppend(state, 'Registered', as('specialist'), bare)).toEqual(rejected('notAccepted'));

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
      canAppend(foldCase([]), 'Registered', as('specialist'), {
        ...bare,
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

describe("the actor's place", () => {
  test('an akimat acts only on its own cases; the district on every case of its district', () => {
    const state = stateAfter([['Registered', 'specialist']]);
    expect(state.officeId).toBe('office-1');
    expect(state.districtId).toBe('district-1');
    const elsewhere = { role: 'akim' as const, officeId: 'office-2', districtId: 'district-1' };
    expect(canAppend(state, 'ResolutionImposed', elsewhere, bare)).toEqual(rejected('otherOffice'));
    expect(canAppend(state, 'ResolutionImposed', as('akim'), bare)).toEqual(ok);

    const forwarded = stateAfter(TO_DISTRICT.slice(0, 3));
    const department = {
      role: 'districtSpecialist' as const,
      officeId: 'district-office',
      districtId: 'district-1',
    };
    expect(canAppend(forwarded, 'ReceivedByDistrict', department, bare)).toEqual(ok);
    expect(
      canAppend(forwarded, 'ReceivedByDistrict', { ...department, districtId: 'district-2' }, bare),
    ).toEqual(rejected('otherDistrict'));
  });

  test('an event of another office is kept as a conflict by the fold', () => {
    const events = samplePath([['Registered', 'specialist']]);
    const foreign = sampleEvent('ResolutionImposed', { role: 'akim', counter: 2 });
    const merged = foldCase([
      ...events,
      { ...foreign, actor: { ...foreign.actor, officeId: 'office-2' } },
    ]);
    expect(merged.stage).toBe('registered');
    expect(merged.conflicts.map((c) => c.reason)).toEqual(['case:rejections.otherOffice']);
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
    expect(canAppend(foldCase([]), 'ProactiveCaseOpened', as('specialist'), bare)).toEqual(
      rejected('roleNotAllowed'),
    );
  });
});

describe('hearing before a refusal (APPC art. 73, 003:38-47)', () => {
  // Notice Mon 07.04.2025; hearing set for Thu 10.04.2025. April 2025 has no day off on a weekday.
  const RECEIVED: SampleStep = ['RefusalNoticeReceived', 'districtSpecialist'];
  const refuseOn = (date: string) => ({ ...full, payload: refusal({ date }) });
  const decide = (state: CaseState, date: string, outcome: 'refuse' | 'grant' = 'refuse') =>
    canAppend(state, 'DecisionMade', as('districtSpecialist'), {
      ...full,
      payload: outcome === 'refuse' ? refusal({ date }) : { ...grant(), date },
    });

  test('R-HEAR-1 (003:38): no refusal before the preliminary notice', () => {
    const atDistrict = stateAfter(TO_DISTRICT);
    expect(
      canAppend(atDistrict, 'DecisionMade', as('districtSpecialist'), refuseOn('2025-04-21')),
    ).toEqual(rejected('refusalWithoutNotice'));
    expect(decide(stateAfter([...TO_HEARING, RECEIVED]), '2025-04-21')).toEqual(ok);
  });

  test('R-HEAR-1 (003:38): notice Mon 07.04 → a refusal dated Wed 09.04 is refused, Thu 10.04 is not', () => {
    const noticed = stateAfter([...TO_HEARING, RECEIVED]);
    expect(decide(noticed, '2025-04-09')).toEqual(rejected('refusalTooEarly'));
    expect(decide(noticed, '2025-04-10')).toEqual(ok);
  });

  test('R-HEAR-3 (003:43): no refusal while the day the applicant received the notice is unknown', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(noticed.hearing?.noticeReceivedOn).toBeNull();
    expect(decide(noticed, '2025-04-21')).toEqual(rejected('noticeReceiptUnknown'));
    // A grant needs no hearing at all (R-HEAR-7).
    expect(decide(noticed, '2025-04-21', 'grant')).toEqual(ok);
  });

  test('R-HEAR-3 (003:43): received Tue 08.04 → the objection window runs to Thu 10.04; a refusal that day is refused, Fri 11.04 is not', () => {
    const events = samplePath(TO_HEARING);
    const received = append(events, 'RefusalNoticeReceived', 'districtSpecialist', {
      receivedOn: '2025-04-08',
    });
    expect(received.hearing?.noticeReceivedOn).toBe('2025-04-08');
    expect(decide(received, '2025-04-10')).toEqual(rejected('objectionWindowOpen'));
    expect(decide(received, '2025-04-11')).toEqual(ok);
  });

  test('R-HEAR-3 (003:43): a notice handed over in person records its receipt with the notice', () => {
    const events = samplePath(TO_DISTRICT);
    const handed = append(events, 'PreliminaryRefusalNoticed', 'districtSpecialist', {
      ...samplePayload('PreliminaryRefusalNoticed'),
      receivedOn: '2025-04-07',
    });
    expect(handed.hearing?.noticeReceivedOn).toBe('2025-04-07');
    expect(canAppend(handed, 'RefusalNoticeReceived', as('districtSpecialist'), bare)).toEqual(
      rejected('noticeReceiptAlreadyRecorded'),
    );
    expect(decide(handed, '2025-04-09')).toEqual(rejected('refusalTooEarly'));
    expect(decide(handed, '2025-04-10')).toEqual(ok);
  });

  test('R-HEAR-3 (003:43): the receipt is recorded once and never before the notice', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(
      canAppend(noticed, 'RefusalNoticeReceived', as('districtSpecialist'), {
        ...bare,
        payload: { receivedOn: '2025-04-04' },
      }),
    ).toEqual(rejected('noticeReceiptBeforeNotice'));
    const received = stateAfter([...TO_HEARING, RECEIVED]);
    expect(canAppend(received, 'RefusalNoticeReceived', as('districtSpecialist'), bare)).toEqual(
      rejected('noticeReceiptAlreadyRecorded'),
    );
  });

  test('R-HEAR-2: the hearing time and mode are kept in the state', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(noticed.stage).toBe('hearing');
    expect(noticed.hearing?.notice.hearing).toEqual({ at: '2025-04-10T11:00', mode: 'video' });
    expect(noticed.hearing?.notice.noticeDate).toBe('2025-04-07');
  });

  test('R-HEAR-4 (003:44): an oral objection requires a protocol before any decision', () => {
    const oral = stateAfter([...TO_HEARING, RECEIVED, ['ObjectionFiled', 'districtSpecialist', 0]]);
    expect(oral.hearing?.objection?.form).toBe('oral');
    expect(oral.hearing?.protocolRequired).toBe(true);
    expect(canAppend(oral, 'DecisionMade', as('districtSpecialist'), bare)).toEqual(
      rejected('protocolRequired'),
    );
    expect(decide(oral, '2025-04-21', 'grant')).toEqual(rejected('protocolRequired'));
  });

  test('003:46: after a written objection a refusal waits for the hearing and its protocol', () => {
    const written = stateAfter([
      ...TO_HEARING,
      RECEIVED,
      ['ObjectionFiled', 'districtSpecialist', 1],
    ]);
    expect(written.hearing?.protocolRequired).toBe(false);
    expect(decide(written, '2025-04-21')).toEqual(rejected('hearingNotHeld'));
    // Without the calendar too: the fold keeps a refusal before the hearing as a conflict.
    expect(
      canAppend(written, 'DecisionMade', as('districtSpecialist'), {
        ...bare,
        payload: refusal(),
      }),
    ).toEqual(rejected('hearingNotHeld'));
    expect(canAppend(written, 'ObjectionFiled', as('districtSpecialist'), bare)).toEqual(
      rejected('objectionAlreadyFiled'),
    );
  });

  test('R-HEAR-5 (003:45): the reading date is recorded, only once a protocol exists, and before the decision', () => {
    const noticed = stateAfter(TO_HEARING);
    expect(canAppend(noticed, 'ProtocolFamiliarized', as('districtSpecialist'), bare)).toEqual(
      rejected('protocolNotRecorded'),
    );
    expect(canAppend(noticed, 'RemarksFiled', as('districtSpecialist'), bare)).toEqual(
      rejected('notFamiliarized'),
    );
    const heard = stateAfter([
      ...TO_HEARING,
      RECEIVED,
      ['ObjectionFiled', 'districtSpecialist', 0],
      ['HearingProtocolRecorded', 'districtSpecialist'],
    ]);
    expect(decide(heard, '2025-04-21')).toEqual(rejected('protocolNotFamiliarized'));
    const read = stateAfter([
      ...TO_HEARING,
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
    ]);
    expect(read.hearing?.familiarizedOn).toBe('2025-04-10');
  });

  test('R-HEAR-6 (003:46-47): protocol read Thu 10.04, no remarks → any decision up to Tue 15.04 is refused, Wed 16.04 is not', () => {
    const read = stateAfter([
      ...TO_HEARING,
      RECEIVED,
      ['ObjectionFiled', 'districtSpecialist', 0],
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
    ]);
    for (const outcome of ['refuse', 'grant'] as const) {
      expect(decide(read, '2025-04-15', outcome)).toEqual(rejected('remarksWindowOpen'));
      expect(decide(read, '2025-04-16', outcome)).toEqual(ok);
    }
  });

  test('R-HEAR-6 (003:47): once remarks are filed the decision must say how they were considered', () => {
    const withRemarks = stateAfter([
      ...TO_HEARING,
      RECEIVED,
      ['HearingProtocolRecorded', 'districtSpecialist'],
      ['ProtocolFamiliarized', 'districtSpecialist'],
      ['RemarksFiled', 'districtSpecialist'],
    ]);
    // Remarks filed: the open window no longer blocks.
    expect(
      canAppend(withRemarks, 'DecisionMade', as('districtSpecialist'), {
        ...full,
        payload: refusal({ date: '2025-04-14', remarksConsideration: '  ' }),
      }),
    ).toEqual(rejected('remarksNotConsidered'));
    expect(
      canAppend(withRemarks, 'DecisionMade', as('districtSpecialist'), {
        ...full,
        payload: refusal({ date: '2025-04-14', remarksConsideration: 'Ескертулер қаралды' }),
      }),
    ).toEqual(ok);
  });

  test('R-HEAR-7: a grant is decided without any hearing record', () => {
    const atDistrict = stateAfter(TO_DISTRICT);
    expect(decide(atDistrict, '2025-04-21', 'grant')).toEqual(ok);
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
    const refused = stateAfter([
      ...TO_HEARING,
      ['RefusalNoticeReceived', 'districtSpecialist'],
      ['DecisionMade', 'districtSpecialist', 1],
    ]);
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
    expect(canAppend(decided, 'ResultIssued', as('specialist'), bare)).toEqual(
      rejected('resultNotSigned'),
    );
    expect(canAppend(decided, 'ReturnedToAkimat', as('specialist'), bare)).toEqual(
      rejected('notAllowedInStage'),
    );
    const districtDecided = stateAfter([
      ['Registered', 'districtSpecialist', 2],
      ['DecisionMade', 'districtSpecialist', 0],
    ]);
    expect(canAppend(districtDecided, 'ResultIssued', as('districtSpecialist'), bare)).toEqual(
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
    expect(canAppend(signed, 'ResultIssued', as('districtSpecialist'), bare)).toEqual(ok);
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
    expect(canAppend(extended, 'TermExtended', as('specialist'), bare)).toEqual(
      rejected('alreadyExtended'),
    );
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
      {
        from: '2025-03-03T09:02',
        to: '2025-03-03T09:03',
        reason: 'awaiting-documents',
        groundCode: null,
      },
      { from: '2025-03-03T09:04', to: null, reason: 'awaiting-documents', groundCode: null },
    ]);
  });

  const registeredAs = (serviceId: string, ruleSetId: string) =>
    append([], 'Registered', 'specialist', sampleRegistered({ serviceId, ruleSetId }));
  const suspend = (state: CaseState, groundCode?: string) =>
    canAppend(state, 'TermSuspended', as('specialist'), {
      ...full,
      payload: { reason: 'Тексеру', ...(groundCode ? { groundCode } : {}) },
    });

  test.each([
    ['targeted-social-assistance', '001-timiryazev-2012-n302', '001:11136 / 4901'],
    ['child-benefit-under-18', '001-timiryazev-2012-n232', '001:7165 / 1297'],
    ['asp-recipient-certificate', '001-timiryazev-2012-n302', '001:11629'],
  ])('no suspension where the rule-set says there are no grounds: %s (%s, seed %s)', (s, rs) => {
    const state = registeredAs(s, rs);
    expect(suspend(state)).toEqual(rejected('suspensionNotProvided'));
    expect(suspend(state, 'death')).toEqual(rejected('suspensionNotProvided'));
    // Without the catalog (the fold) the table alone allows it: the rule lives in the context.
    expect(
      canAppend(state, 'TermSuspended', as('specialist'), {
        ...bare,
        payload: { reason: 'Тексеру' },
      }),
    ).toEqual(ok);
  });

  test('fuel aid is suspended only on a ground its rule-set names (001:9283-9285 / 3106-3108)', () => {
    const state = registeredAs('fuel-aid-rural-social-specialists', '001-timiryazev-2012-n232');
    expect(suspend(state, 'moved-away')).toEqual(ok);
    expect(suspend(state)).toEqual(rejected('suspensionGroundUnknown'));
    expect(suspend(state, 'holiday')).toEqual(rejected('suspensionGroundUnknown'));
  });

  test('a calendar correction moves a due date only by a person re-planning it, with an event', () => {
    const registered = stateAfter([['Registered', 'specialist']]);
    expect(registered.dueDate).toBe('2025-04-02');
    const replanned = append(
      samplePath([['Registered', 'specialist']]),
      'TermReplanned',
      'specialist',
      {
        newDueDate: '2025-04-03',
        calendarVersion: '2026.12.1',
        reason: 'Мереке күні ауыстырылды',
      },
    );
    expect(replanned.dueDate).toBe('2025-04-03');
    expect(replanned.replan?.calendarVersion).toBe('2026.12.1');
    expect(replanned.history.at(-1)?.type).toBe('TermReplanned');
    const same = { newDueDate: '2025-04-02', calendarVersion: 'x', reason: 'y' };
    expect(
      canAppend(registered, 'TermReplanned', as('specialist'), { ...bare, payload: same }),
    ).toEqual(rejected('replanSameDate'));
    const early = { ...same, newDueDate: '2025-03-01' };
    expect(
      canAppend(registered, 'TermReplanned', as('specialist'), { ...bare, payload: early }),
    ).toEqual(rejected('replanBeforeRegistration'));
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
