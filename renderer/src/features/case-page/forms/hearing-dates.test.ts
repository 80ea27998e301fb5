import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../../shared/calendar';
import {
  canAppend,
  foldCase,
  rejection,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type DecisionOutcome,
  type PayloadOf,
} from '../../../../../shared/case';
import {
  SAMPLE_DISTRICT_ID,
  SAMPLE_OFFICE_ID,
  sampleEvent,
  sampleRegistered,
} from '../../../../../shared/case/testing';
import { addDays } from '../../../../../shared/time';
import { decisionDateProblem, decisionTiming } from '../../../../../shared/case';
import { hearingDates } from './hearing-dates';

const calendar = createWorkingCalendar();
const actor = {
  role: 'districtSpecialist',
  officeId: SAMPLE_OFFICE_ID,
  districtId: SAMPLE_DISTRICT_ID,
} as const;

type Step = { [K in CaseEventType]: readonly [K, PayloadOf<K>] }[CaseEventType];

/** A case filed at the district department, then `steps`, folded. */
function caseAfter(...steps: readonly Step[]): CaseState {
  const events: CaseEvent[] = [
    sampleEvent('Registered', {
      role: 'districtSpecialist',
      counter: 1,
      payload: sampleRegistered({ route: 'district', registrationDate: '2025-04-03' }),
    }),
  ];
  steps.forEach(([type, payload], i) => {
    events.push(sampleEvent(type, { role: 'districtSpecialist', counter: i + 2, payload }));
  });
  const state = foldCase(events);
  expect(state.conflicts).toEqual([]);
  return state;
}

const notice = (noticeDate: string, receivedOn?: string): Step => [
  'PreliminaryRefusalNoticed',
  {
    grounds: [{ code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' }],
    noticeDate,
    ...(receivedOn ? { receivedOn } : {}),
    hearing: { at: `${noticeDate}T11:00`, mode: 'video' },
  },
];

function decisionOn(state: CaseState, outcome: DecisionOutcome, date: string) {
  const remarksConsideration = state.hearing?.remarks ? 'Қаралды' : undefined;
  const payload: PayloadOf<'DecisionMade'> =
    outcome === 'refuse'
      ? { outcome, number: 'D-1', date, justification: 'Негіздеме', remarksConsideration }
      : { outcome, number: 'D-1', date, remarksConsideration };
  const check = canAppend(state, 'DecisionMade', actor, { payload, context: { calendar } });
  return check.ok ? null : check.reason;
}

function datesOf(state: CaseState) {
  if (state.hearing === null) throw new Error('no hearing');
  return hearingDates(state.hearing, calendar);
}

/** Every day of a stretch: the form's "not before" must be the store's, day by day. */
function expectSameAsStore(state: CaseState, outcome: DecisionOutcome, from: string, days = 21) {
  const timing = decisionTiming(state.hearing, outcome, calendar);
  expect(timing.missing).toBeNull();
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    expect(decisionDateProblem(timing, date), date).toBe(decisionOn(state, outcome, date));
  }
  // The earliest date shown is allowed, the day before it is not.
  if (timing.earliest) {
    expect(decisionOn(state, outcome, timing.earliest.from)).toBeNull();
    expect(decisionOn(state, outcome, addDays(timing.earliest.from, -1))).not.toBeNull();
  }
  return timing;
}

describe('the earliest decision date the district desk shows is the one the store enforces', () => {
  test('R-HEAR-1 (003:38): notice and receipt Mon 07.04 → a refusal from Thu 10.04, because of the notice', () => {
    const state = caseAfter(notice('2025-04-07', '2025-04-07'));
    const timing = expectSameAsStore(state, 'refuse', '2025-04-04');
    expect(timing.earliest).toEqual({
      rule: 'refusalTooEarly',
      from: '2025-04-10',
      anchor: '2025-04-07',
    });
    // The objection window (to Wed 09.04) ends before; both are named.
    expect(timing.waits.map((w) => w.rule)).toEqual(['refusalTooEarly', 'objectionWindowOpen']);
  });

  test('R-HEAR-3 (003:43): received by post Fri 11.04 → objections until Tue 15.04, a refusal from Wed 16.04', () => {
    const state = caseAfter(notice('2025-04-07'), [
      'RefusalNoticeReceived',
      { receivedOn: '2025-04-11' },
    ]);
    const timing = expectSameAsStore(state, 'refuse', '2025-04-07');
    expect(timing.earliest).toEqual({
      rule: 'objectionWindowOpen',
      from: '2025-04-16',
      anchor: '2025-04-15',
    });
    expect(datesOf(state).objectionDeadline).toBe('2025-04-15');
  });

  test('R-HEAR-6 (003:46-47): protocol read Thu 10.04, no remarks → no decision, a grant either, until after Tue 15.04', () => {
    const heard = caseAfter(
      notice('2025-04-07', '2025-04-07'),
      ['ObjectionFiled', { form: 'written', date: '2025-04-08' }],
      ['HearingProtocolRecorded', { date: '2025-04-10', summary: 'Тыңдалды' }],
      ['ProtocolFamiliarized', { date: '2025-04-10' }],
    );
    for (const outcome of ['refuse', 'grant'] as const) {
      const timing = expectSameAsStore(heard, outcome, '2025-04-08');
      expect(timing.earliest).toEqual({
        rule: 'remarksWindowOpen',
        from: '2025-04-16',
        anchor: '2025-04-15',
      });
    }
    // Remarks filed close the window: the refusal waits only for the notice's three days.
    const remarked = caseAfter(
      notice('2025-04-07', '2025-04-07'),
      ['ObjectionFiled', { form: 'written', date: '2025-04-08' }],
      ['HearingProtocolRecorded', { date: '2025-04-10', summary: 'Тыңдалды' }],
      ['ProtocolFamiliarized', { date: '2025-04-10' }],
      ['RemarksFiled', { date: '2025-04-11', text: 'Ескерту' }],
    );
    expect(expectSameAsStore(remarked, 'refuse', '2025-04-08').earliest?.rule).toBe(
      'refusalTooEarly',
    );
    expect(datesOf(remarked)).toMatchObject({
      remarksDeadline: '2025-04-15',
      remarksCheck: { ok: true, late: false },
    });
  });

  test('across the Nauryz holidays the same calendar decides both', () => {
    const state = caseAfter(notice('2025-03-19', '2025-03-19'));
    const timing = expectSameAsStore(state, 'refuse', '2025-03-19', 30);
    expect(timing.earliest?.from).toBe(calendar.addWorkingDays('2025-03-19', 3));
  });

  test('what is missing before any date counts is the store’s reason too (R-HEAR-1, R-HEAR-3, R-HEAR-4, R-HEAR-7)', () => {
    const atDistrict = caseAfter();
    expect(decisionTiming(null, 'refuse', calendar).missing).toBe('refusalWithoutNotice');
    expect(decisionOn(atDistrict, 'refuse', '2025-04-21')).toBe(rejection('refusalWithoutNotice'));
    // R-HEAR-7: a grant needs no hearing at all.
    expect(decisionTiming(null, 'grant', calendar)).toEqual({
      missing: null,
      waits: [],
      earliest: null,
    });
    expect(decisionOn(atDistrict, 'grant', '2025-04-21')).toBeNull();

    const unknownReceipt = caseAfter(notice('2025-04-07'));
    expect(decisionTiming(unknownReceipt.hearing, 'refuse', calendar).missing).toBe(
      'noticeReceiptUnknown',
    );
    expect(decisionOn(unknownReceipt, 'refuse', '2025-04-21')).toBe(
      rejection('noticeReceiptUnknown'),
    );

    // R-HEAR-4: an oral objection calls for the protocol before any decision.
    const oral = caseAfter(notice('2025-04-07', '2025-04-07'), [
      'ObjectionFiled',
      { form: 'oral', date: '2025-04-08' },
    ]);
    for (const outcome of ['refuse', 'grant'] as const) {
      expect(decisionTiming(oral.hearing, outcome, calendar).missing).toBe('protocolRequired');
      expect(decisionOn(oral, outcome, '2025-04-21')).toBe(rejection('protocolRequired'));
    }
  });

  test('R-HEAR-3 (003:43): receipt Mon 07.04 → objection due Wed 09.04; one made Thu 10.04 is flagged late, not dropped', () => {
    const late = caseAfter(notice('2025-04-07', '2025-04-07'), [
      'ObjectionFiled',
      { form: 'written', date: '2025-04-10' },
    ]);
    expect(datesOf(late)).toMatchObject({
      objectionDeadline: '2025-04-09',
      objectionCheck: {
        ok: true,
        late: true,
        deadline: '2025-04-09',
        messageKey: 'calendar:deadlines.hearing.objectionLate',
      },
    });
  });
});
