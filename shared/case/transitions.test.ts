import { describe, expect, test } from 'vitest';
import { CASE_ROLES } from './events';
import type { CaseEventType, CaseRole } from './events';
import { foldCase } from './fold';
import { EMPTY_CASE } from './state';
import type { CaseStage, CaseState } from './state';
import { samplePath } from './testing';
import { sampleActor } from './testing';
import type { SampleStep } from './testing';
import { allowedEvents, canAppend } from './transitions';

type Expected = Readonly<Partial<Record<CaseRole, readonly CaseEventType[]>>>;

/** Folds each prefix of a path: the state after 0, 1, 2 … steps. */
function statesAlong(steps: readonly SampleStep[]): CaseState[] {
  const events = samplePath(steps);
  return [EMPTY_CASE, ...events.map((_, i) => foldCase(events.slice(0, i + 1)))];
}

function expectAllowed(state: CaseState, expected: Expected): void {
  for (const role of CASE_ROLES) {
    const want = [...(expected[role] ?? [])].sort();
    expect(
      [...allowedEvents(state, sampleActor(role))].sort(),
      `${role} at ${state.stage}`,
    ).toEqual(want);
  }
}

const TERM: readonly CaseEventType[] = [
  'Withdrawn',
  'TermSuspended',
  'TermExtended',
  'TermReplanned',
];

/** The office holding the case may correct the application until it forwards or decides it. */
const FIX: readonly CaseEventType[] = ['ApplicationCorrected'];

/** The district's acts on a case it received (003:35-38). */
const AT_DISTRICT: readonly CaseEventType[] = [
  'IncomeComputed',
  'PreliminaryRefusalNoticed',
  'DecisionMade',
  ...TERM,
  ...FIX,
];

/** R-ROUTE-6 [I]: a case forwarded by an akimat may go back to it for a missing document. */
const RETURN: readonly CaseEventType[] = ['ReturnedForCompletion'];

// Written out by hand from the regulations, not derived from TRANSITIONS: this is the check on it.
const AKIM_TO_DISTRICT: readonly [SampleStep | null, CaseStage, Expected][] = [
  [
    null,
    'new',
    {
      specialist: ['Registered', 'AcceptanceRefused'],
      districtSpecialist: ['Registered', 'AcceptanceRefused', 'ProactiveCaseOpened'],
    },
  ],
  [
    ['Registered', 'specialist', 0],
    'registered',
    { specialist: [...TERM, ...FIX], akim: ['ResolutionImposed'] },
  ],
  [
    ['ResolutionImposed', 'akim'],
    'resolutionImposed',
    {
      specialist: ['SentToCommission', 'ForwardedToDistrict', ...TERM, ...FIX],
      akim: ['ResolutionImposed'],
    },
  ],
  [
    ['SentToCommission', 'specialist'],
    'atCommission',
    { specialist: ['CommissionActRecorded', ...TERM, ...FIX] },
  ],
  [
    ['CommissionActRecorded', 'specialist'],
    'commissionDone',
    { specialist: ['ForwardedToDistrict', ...TERM, ...FIX] },
  ],
  [
    ['ForwardedToDistrict', 'specialist'],
    'forwarded',
    { specialist: ['DistrictResultRecorded', ...TERM], districtSpecialist: ['ReceivedByDistrict'] },
  ],
  [
    ['ReceivedByDistrict', 'districtSpecialist'],
    'atDistrict',
    { districtSpecialist: [...AT_DISTRICT, ...RETURN] },
  ],
  [
    ['IncomeComputed', 'districtSpecialist'],
    'atDistrict',
    { districtSpecialist: [...AT_DISTRICT, ...RETURN] },
  ],
  [
    ['PreliminaryRefusalNoticed', 'districtSpecialist'],
    'hearing',
    {
      districtSpecialist: [
        'IncomeComputed',
        'RefusalNoticeReceived',
        'ObjectionFiled',
        'HearingProtocolRecorded',
        'DecisionMade',
        ...TERM,
        ...FIX,
      ],
    },
  ],
  [
    ['RefusalNoticeReceived', 'districtSpecialist'],
    'hearing',
    {
      districtSpecialist: [
        'IncomeComputed',
        'ObjectionFiled',
        'HearingProtocolRecorded',
        'DecisionMade',
        ...TERM,
        ...FIX,
      ],
    },
  ],
  [
    ['ObjectionFiled', 'districtSpecialist', 1],
    'hearing',
    {
      districtSpecialist: [
        'IncomeComputed',
        'HearingProtocolRecorded',
        'DecisionMade',
        ...TERM,
        ...FIX,
      ],
    },
  ],
  [
    ['HearingProtocolRecorded', 'districtSpecialist'],
    'hearing',
    // R-HEAR-5 (003:45): the applicant reads the protocol before anything is decided.
    { districtSpecialist: ['IncomeComputed', 'ProtocolFamiliarized', ...TERM, ...FIX] },
  ],
  [
    ['ProtocolFamiliarized', 'districtSpecialist'],
    'hearing',
    { districtSpecialist: ['IncomeComputed', 'RemarksFiled', 'DecisionMade', ...TERM, ...FIX] },
  ],
  [
    ['RemarksFiled', 'districtSpecialist'],
    'hearing',
    { districtSpecialist: ['IncomeComputed', 'DecisionMade', ...TERM, ...FIX] },
  ],
  [['DecisionMade', 'districtSpecialist', 1], 'decided', { districtHead: ['ResultSigned'] }],
  [['ResultSigned', 'districtHead'], 'signed', { specialist: ['ReturnedToAkimat'] }],
  // The applicant is told the result is ready (the issue step's start, 001:11148), then it is issued.
  [
    ['ReturnedToAkimat', 'specialist'],
    'returned',
    { specialist: ['ApplicantNotifiedResultReady', 'ResultIssued'] },
  ],
  [['ResultIssued', 'specialist'], 'issued', {}],
];

/** The akimat desk before sync: the district's result is entered from its paper notice. */
const PAPER_RESULT: readonly [SampleStep | null, CaseStage, Expected][] = [
  ...AKIM_TO_DISTRICT.slice(
    0,
    AKIM_TO_DISTRICT.findIndex(([, stage]) => stage === 'forwarded') + 1,
  ),
  [
    ['DistrictResultRecorded', 'specialist'],
    'returned',
    { specialist: ['ApplicantNotifiedResultReady', 'ResultIssued'] },
  ],
  [['ResultIssued', 'specialist'], 'issued', {}],
];

/**
 * R-ROUTE-6 [I] and R-ROUTE-7 [I]: the district returns the case for a missing document; the akimat
 * holds it again, completes the application, forwards it in a new register; the district receives it
 * again and decides (003:35-36: the district works on the full package).
 */
const RETURNED_FOR_COMPLETION: readonly [SampleStep | null, CaseStage, Expected][] = [
  ...AKIM_TO_DISTRICT.slice(
    0,
    AKIM_TO_DISTRICT.findIndex(([, stage]) => stage === 'atDistrict') + 1,
  ),
  [
    ['ReturnedForCompletion', 'districtSpecialist'],
    'returnedForCompletion',
    // Not forwarded again before the application is completed (R-ROUTE-7 [I]).
    { specialist: [...TERM, ...FIX] },
  ],
  [
    ['ApplicationCorrected', 'specialist'],
    'returnedForCompletion',
    { specialist: ['ForwardedToDistrict', ...TERM, ...FIX] },
  ],
  [
    ['ForwardedToDistrict', 'specialist'],
    'forwarded',
    { specialist: ['DistrictResultRecorded', ...TERM], districtSpecialist: ['ReceivedByDistrict'] },
  ],
  [
    ['ReceivedByDistrict', 'districtSpecialist'],
    'atDistrict',
    // A second return is possible too: the law does not limit how often a package can be incomplete.
    { districtSpecialist: [...AT_DISTRICT, ...RETURN] },
  ],
  [['DecisionMade', 'districtSpecialist', 0], 'decided', { districtHead: ['ResultSigned'] }],
  [['ResultSigned', 'districtHead'], 'signed', { specialist: ['ReturnedToAkimat'] }],
  [
    ['ReturnedToAkimat', 'specialist'],
    'returned',
    { specialist: ['ApplicantNotifiedResultReady', 'ResultIssued'] },
  ],
  [['ResultIssued', 'specialist'], 'issued', {}],
];

const AKIM_LOCAL: readonly [SampleStep | null, CaseStage, Expected][] = [
  [
    ['Registered', 'specialist', 1],
    'registered',
    { specialist: [...TERM, ...FIX], akim: ['ResolutionImposed', 'CertificateIssued'] },
  ],
  [
    ['ResolutionImposed', 'akim'],
    'resolutionImposed',
    { specialist: [...TERM, ...FIX], akim: ['ResolutionImposed', 'CertificateIssued'] },
  ],
  [['CertificateIssued', 'akim'], 'signed', { specialist: ['ResultIssued'] }],
  [['ResultIssued', 'specialist'], 'issued', {}],
];

const DISTRICT: readonly [SampleStep | null, CaseStage, Expected][] = [
  [
    ['Registered', 'districtSpecialist', 2],
    'atDistrict',
    {
      districtSpecialist: [
        'IncomeComputed',
        'PreliminaryRefusalNoticed',
        'DecisionMade',
        ...TERM,
        ...FIX,
      ],
      districtHead: ['CertificateIssued'],
    },
  ],
  [['DecisionMade', 'districtSpecialist', 0], 'decided', { districtHead: ['ResultSigned'] }],
  [['ResultSigned', 'districtHead'], 'signed', { districtSpecialist: ['ResultIssued'] }],
  [['ResultIssued', 'districtSpecialist'], 'issued', {}],
];

describe.each([
  ['akimToDistrict (seed 001 №14, rules 003)', AKIM_TO_DISTRICT],
  ['akimLocal (TSA certificate, seed 002)', AKIM_LOCAL],
  ['akimToDistrict with the result entered from paper', PAPER_RESULT],
  ['akimToDistrict with a return for a missing document', RETURNED_FOR_COMPLETION],
  ['district', DISTRICT],
])('transition table on the %s route', (_name, rows) => {
  const steps = rows.flatMap(([step]) => (step === null ? [] : [step]));
  const states = statesAlong(steps);
  const offset = rows[0]?.[0] === null ? 0 : 1;

  test.each(rows.map((row, i) => [row[1], i, row[2]] as const))(
    'at %s (step %i) each role may do exactly what the table says',
    (stage, i, expected) => {
      const state = states[i + offset] ?? EMPTY_CASE;
      expect(state.stage).toBe(stage);
      expect(state.conflicts).toEqual([]);
      expectAllowed(state, expected);
    },
  );
});

describe('states off the main path', () => {
  test('a suspended term only resumes, extends or ends by withdrawal', () => {
    const states = statesAlong([
      ['Registered', 'specialist'],
      ['TermSuspended', 'specialist'],
    ]);
    const suspended = states[2] ?? EMPTY_CASE;
    expect(suspended.suspended).toBe(true);
    expectAllowed(suspended, {
      specialist: ['Withdrawn', 'TermResumed', 'TermExtended', 'TermReplanned', ...FIX],
    });
    expect(
      canAppend(suspended, 'ResolutionImposed', sampleActor('akim'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.suspended',
    });
    expect(
      canAppend(suspended, 'TermSuspended', sampleActor('specialist'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.alreadySuspended',
    });
  });

  test('a not-accepted application is closed for every role', () => {
    const [, refused = EMPTY_CASE] = statesAlong([['AcceptanceRefused', 'specialist']]);
    expect(refused.stage).toBe('notAccepted');
    expectAllowed(refused, {});
  });

  test('a withdrawn case is closed for every role', () => {
    const states = statesAlong([
      ['Registered', 'specialist'],
      ['Withdrawn', 'specialist'],
    ]);
    const withdrawn = states[2] ?? EMPTY_CASE;
    expect(withdrawn.stage).toBe('withdrawn');
    expectAllowed(withdrawn, {});
    expect(
      canAppend(withdrawn, 'ResolutionImposed', sampleActor('akim'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.caseClosed',
    });
  });

  test('admin may append nothing, at any stage', () => {
    const states = statesAlong(AKIM_TO_DISTRICT.flatMap(([s]) => (s === null ? [] : [s])));
    for (const state of states) {
      expect(allowedEvents(state, sampleActor('admin'))).toEqual([]);
      expect(canAppend(state, 'Withdrawn', sampleActor('admin'), { context: null })).toEqual({
        ok: false,
        reason: 'case:rejections.roleNotAllowed',
      });
    }
  });

  test('the wrong stage, the wrong route and the wrong role have their own reasons', () => {
    const [, registered = EMPTY_CASE] = statesAlong([['Registered', 'specialist']]);
    expect(
      canAppend(registered, 'DecisionMade', sampleActor('districtSpecialist'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.notAllowedInStage',
    });
    expect(
      canAppend(registered, 'CertificateIssued', sampleActor('akim'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.notOnThisRoute',
    });
    expect(
      canAppend(registered, 'ResolutionImposed', sampleActor('specialist'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.roleNotAllowed',
    });
    expect(
      canAppend(registered, 'Registered', sampleActor('specialist'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.alreadyOpened',
    });
  });

  test('the office must match the route when registering', () => {
    expect(
      canAppend(EMPTY_CASE, 'Registered', sampleActor('districtSpecialist'), {
        context: null,
        payload: samplePath([['Registered', 'specialist', 0]])[0]?.payload as never,
      }),
    ).toEqual({ ok: false, reason: 'case:rejections.routeNotForRole' });
  });
});
