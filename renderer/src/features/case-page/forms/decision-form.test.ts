import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../../shared/calendar';
import {
  foldCase,
  payloadSchemas,
  rejection,
  type CaseEvent,
  type CaseState,
} from '../../../../../shared/case';
import { sampleEvent, sampleRegistered } from '../../../../../shared/case/testing';
import { governingService } from '../../../../../shared/catalog';
import { INPUT_MESSAGES } from '../../../../../shared/input';
import { DECISION_FIELD_OF, EMPTY_DECISION } from './decision-fields';
import { buildDecision, type DecisionContext, type DecisionFormValues } from './decision-form';
import { payloadResolver } from './form-kit';

const calendar = createWorkingCalendar();
const fieldOf = (path: string): string => DECISION_FIELD_OF[path] ?? path;
const tsa = governingService('targeted-social-assistance', null, '2025-04-03');
const limits = {
  notAfter: '2025-04-30',
  notBefore: { date: '2025-04-03', kind: 'registration' },
} as const;

/** A case filed at the district department (Thu 03.04.2025), then the given acts. */
function caseAfter(...more: [CaseEvent['type'], unknown][]): CaseState {
  const events: CaseEvent[] = [
    sampleEvent('Registered', {
      role: 'districtSpecialist',
      counter: 1,
      payload: sampleRegistered({ route: 'district', registrationDate: '2025-04-03' }),
    }),
  ];
  more.forEach(([type, payload], i) =>
    events.push(
      sampleEvent(type, { role: 'districtSpecialist', counter: i + 2, payload: payload as never }),
    ),
  );
  const state = foldCase(events);
  expect(state.conflicts).toEqual([]);
  return state;
}

const NOTICE: [CaseEvent['type'], unknown] = [
  'PreliminaryRefusalNoticed',
  {
    grounds: [
      { code: 'income-above-poverty-line', text: 'Табыс шектен жоғары' },
      { code: 'unlisted', text: 'Қолмен жазылған негіз' },
    ],
    noticeDate: '2025-04-07',
    receivedOn: '2025-04-07',
    hearing: { at: '2025-04-10T11:00', mode: 'video' },
  },
];
const HEARD: [CaseEvent['type'], unknown][] = [
  NOTICE,
  ['ObjectionFiled', { form: 'written', date: '2025-04-08' }],
  ['HearingProtocolRecorded', { date: '2025-04-10', summary: 'Тыңдалды' }],
  ['ProtocolFamiliarized', { date: '2025-04-10' }],
];

const ctxOf = (state: CaseState): DecisionContext => ({
  limits,
  service: tsa,
  hearing: state.hearing,
  calendar,
});

const values = (overrides: Partial<DecisionFormValues> = {}): DecisionFormValues => ({
  ...EMPTY_DECISION,
  outcome: 'refuse',
  number: '12',
  date: '14.04.2025',
  justification: 'Жан басына шаққандағы табыс кедейлік шегінен жоғары',
  groundCodes: ['income-above-poverty-line', 'unlisted'],
  remarksConsideration: '',
  ...overrides,
});

describe('the district’s decision (app. 5, R-DEC-1)', () => {
  test('R-DEC-6 (004:313): a refusal cannot be saved with an empty justification', async () => {
    const ctx = ctxOf(caseAfter(NOTICE));
    const resolver = payloadResolver('DecisionMade', (v: DecisionFormValues) =>
      buildDecision(v, ctx),
    );
    const result = await resolver(values({ justification: '  ' }), undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    } as never);
    expect(result.errors).toEqual({
      justification: {
        type: 'validate',
        message: 'case:validation.decision.justificationRequired',
      },
    });
  });

  test('no outcome chosen: said on the outcome, never a default', async () => {
    const ctx = ctxOf(caseAfter(NOTICE));
    const resolver = payloadResolver(
      'DecisionMade',
      (v: DecisionFormValues) => buildDecision(v, ctx),
      fieldOf,
    );
    const result = await resolver(values({ outcome: '' }), undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    } as never);
    expect(result.errors).toEqual({
      outcome: { type: 'validate', message: 'case:validation.choice' },
    });
  });

  test('a refusal after the hearing names the notice’s catalog grounds and passes the event schema', () => {
    const built = buildDecision(values(), ctxOf(caseAfter(NOTICE)));
    expect(built.errors).toEqual({});
    expect(built.payload).toEqual({
      outcome: 'refuse',
      number: '12',
      date: '2025-04-14',
      justification: 'Жан басына шаққандағы табыс кедейлік шегінен жоғары',
      groundCodes: ['income-above-poverty-line'],
    });
    expect(payloadSchemas.DecisionMade.safeParse(built.payload).success).toBe(true);
  });

  test('R-HEAR-1 (003:38): no refusal without the notice; none dated before three working days after it', () => {
    expect(buildDecision(values(), ctxOf(caseAfter())).errors).toEqual({
      outcome: rejection('refusalWithoutNotice'),
    });
    const noticed = ctxOf(caseAfter(NOTICE));
    expect(buildDecision(values({ date: '09.04.2025' }), noticed).errors).toEqual({
      date: rejection('refusalTooEarly'),
    });
    expect(buildDecision(values({ date: '10.04.2025' }), noticed).errors).toEqual({});
  });

  test('R-HEAR-7 (003:38): a grant needs no hearing; its amount keeps the catalog’s bounds', () => {
    const grant = values({ outcome: 'grant', amount: '45 000', date: '07.04.2025' });
    const atDistrict = ctxOf(caseAfter());
    expect(buildDecision(grant, atDistrict)).toEqual({
      payload: { outcome: 'grant', number: '12', date: '2025-04-07', amountTiyn: 45_000_00 },
      errors: {},
    });
    expect(buildDecision({ ...grant, amount: '45 000 000' }, atDistrict).errors).toEqual({
      amount: INPUT_MESSAGES.awardTooLarge,
    });
  });

  test('R-HEAR-6 (003:47): read Thu 10.04, no remarks → no decision until after Tue 15.04, a grant neither', () => {
    const heard = ctxOf(caseAfter(...HEARD));
    expect(buildDecision(values({ date: '15.04.2025' }), heard).errors).toEqual({
      date: rejection('remarksWindowOpen'),
    });
    expect(buildDecision(values({ outcome: 'grant', date: '15.04.2025' }), heard).errors).toEqual({
      date: rejection('remarksWindowOpen'),
    });
    expect(buildDecision(values({ date: '16.04.2025' }), heard).errors).toEqual({});
    // The form asks nothing about remarks while none are filed.
    expect(buildDecision(values({ date: '16.04.2025' }), heard).payload).not.toHaveProperty(
      'remarksConsideration',
    );
  });

  test('R-HEAR-6 (003:47): once remarks are filed the decision says how they were considered', () => {
    const remarked = ctxOf(
      caseAfter(...HEARD, ['RemarksFiled', { date: '2025-04-11', text: 'Ескерту' }]),
    );
    expect(buildDecision(values(), remarked).errors).toEqual({
      remarksConsideration: rejection('remarksNotConsidered'),
    });
    const considered = buildDecision(
      values({ remarksConsideration: 'Ескертулер қаралды, негіз расталды' }),
      remarked,
    );
    expect(considered.errors).toEqual({});
    expect(considered.payload).toMatchObject({
      remarksConsideration: 'Ескертулер қаралды, негіз расталды',
    });
  });

  test('R-HEAR-4 (003:44): after an oral objection nothing is decided before the protocol', () => {
    const oral = ctxOf(caseAfter(NOTICE, ['ObjectionFiled', { form: 'oral', date: '2025-04-08' }]));
    expect(buildDecision(values({ date: '21.04.2025' }), oral).errors).toEqual({
      outcome: rejection('protocolRequired'),
    });
  });
});
