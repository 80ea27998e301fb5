import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import { foldCase, type CaseState } from '../case';
import { samplePath, type SampleStep } from '../case/testing';
import { sampleOfficeProfile } from '../office/testing';
import {
  assistanceDecisionDocument,
  hearingProtocolDocument,
  preliminaryRefusalNoticeDocument,
} from './hearing-documents';

const calendar = createWorkingCalendar();
const office = sampleOfficeProfile({ officeId: 'office-1', deviceId: 'desk-1' });

// A case filed at the district (Registered variant 2 = route 'district'), refused through the hearing.
const NOTICED: SampleStep[] = [
  ['Registered', 'districtSpecialist', 2],
  ['IncomeComputed', 'districtSpecialist'],
  ['PreliminaryRefusalNoticed', 'districtSpecialist'],
];
const HEARD: SampleStep[] = [
  ...NOTICED,
  ['RefusalNoticeReceived', 'districtSpecialist'],
  ['ObjectionFiled', 'districtSpecialist', 0],
  ['HearingProtocolRecorded', 'districtSpecialist'],
  ['ProtocolFamiliarized', 'districtSpecialist'],
  ['RemarksFiled', 'districtSpecialist'],
];
const fold = (steps: readonly SampleStep[]): CaseState => {
  const state = foldCase(samplePath(steps));
  // Every step must have applied: a conflict would make these tests speak of another case.
  expect(state.conflicts).toEqual([]);
  return state;
};

describe('preliminaryRefusalNoticeDocument (003:38-43)', () => {
  test('R-HEAR-2 names the grounds, the date, time and mode of the hearing', () => {
    const doc = preliminaryRefusalNoticeDocument(fold(NOTICED), office, calendar);
    expect(doc).toMatchObject({
      type: 'preliminaryRefusalNotice',
      noticeDate: '2025-04-07',
      grounds: [
        { code: 'income-above-poverty-line', text: 'Жан басына шаққандағы табыс шектен жоғары' },
      ],
      hearing: { at: '2025-04-10T11:00', mode: 'video' },
      applicant: { iin: '850315400124', name: 'Сейітова Әйгерім Қайратқызы' },
      office: { nameKk: office.nameKk, nameRu: office.nameRu },
    });
  });

  test('R-HEAR-3 the objection term is 2 working days; no date while the receipt is unknown (003:43)', () => {
    const doc = preliminaryRefusalNoticeDocument(fold(NOTICED), office, calendar);
    expect(doc.objectionWorkingDays).toBe(2);
    expect(doc.receivedOn).toBeUndefined();
    expect(doc.objectionDeadline).toBeUndefined();
  });

  test('R-HEAR-3 received Mon 2025-04-07 → objection due Wed 2025-04-09 (003:43)', () => {
    const doc = preliminaryRefusalNoticeDocument(
      fold([...NOTICED, ['RefusalNoticeReceived', 'districtSpecialist']]),
      office,
      calendar,
    );
    expect(doc.receivedOn).toBe('2025-04-07');
    expect(doc.objectionDeadline).toBe('2025-04-09');
  });

  test('R-HEAR-3 the deadline skips a holiday: received Fri 2025-03-21 → due Thu 2025-03-27', () => {
    // Nauryz: 21-25 March 2025 are days off, so the two working days are 26 and 27 March.
    const base = fold(NOTICED);
    const hearing = base.hearing;
    if (!hearing) throw new Error('no hearing');
    const state: CaseState = { ...base, hearing: { ...hearing, noticeReceivedOn: '2025-03-21' } };
    expect(preliminaryRefusalNoticeDocument(state, office, calendar).objectionDeadline).toBe(
      calendar.addWorkingDays('2025-03-21', 2),
    );
    expect(calendar.addWorkingDays('2025-03-21', 2)).toBe('2025-03-27');
  });

  test('a case without a preliminary notice has no such document', () => {
    expect(() =>
      preliminaryRefusalNoticeDocument(fold(NOTICED.slice(0, 2)), office, calendar),
    ).toThrow(RangeError);
  });
});

describe('hearingProtocolDocument (003:44-46)', () => {
  test('R-HEAR-4 the protocol of an oral objection: date, summary, who was heard', () => {
    const doc = hearingProtocolDocument(fold(HEARD), office);
    expect(doc).toMatchObject({
      type: 'hearingProtocol',
      protocol: { date: '2025-04-10', summary: 'Қарсылық тыңдалды' },
      objection: { form: 'oral', date: '2025-04-08' },
      heard: ['Сейітова Әйгерім Қайратқызы'],
      noticeDate: '2025-04-07',
      hearing: { at: '2025-04-10T11:00', mode: 'video' },
    });
  });

  test('R-HEAR-5 it records the day of reading and the remarks (003:45-46)', () => {
    const doc = hearingProtocolDocument(fold(HEARD), office);
    expect(doc.familiarizedOn).toBe('2025-04-10');
    expect(doc.remarks).toEqual({ date: '2025-04-11', text: 'Хаттамаға ескерту' });
  });

  test('no protocol recorded, no protocol document', () => {
    expect(() => hearingProtocolDocument(fold(HEARD.slice(0, 5)), office)).toThrow(RangeError);
  });
});

describe('assistanceDecisionDocument (app. 5, 003:47)', () => {
  test('R-DEC-1 R-DEC-6 a refusal after the hearing: app. 5, notice app. 7, justification', () => {
    const doc = assistanceDecisionDocument(
      fold([...HEARD, ['DecisionMade', 'districtSpecialist', 1]]),
      office,
    );
    expect(doc).toMatchObject({
      type: 'assistanceDecision',
      form: 'app5',
      noticeForm: 'app7',
      decision: {
        outcome: 'refuse',
        number: 'D-12',
        date: '2025-04-21',
        justification: 'Табыс кедейлік шегінен асады',
        remarksConsideration: 'Ескертулер қаралды',
      },
      income: { familySize: 2, perCapitaIncomeTiyn: 1_500_000 },
      hearing: {
        noticeDate: '2025-04-07',
        protocol: { date: '2025-04-10' },
        remarksDate: '2025-04-11',
      },
    });
  });

  test('R-DEC-1 R-HEAR-7 a grant without a hearing: app. 5, notice app. 6, amount', () => {
    const doc = assistanceDecisionDocument(
      fold([
        ['Registered', 'districtSpecialist', 2],
        ['DecisionMade', 'districtSpecialist', 0],
      ]),
      office,
    );
    expect(doc).toMatchObject({
      form: 'app5',
      noticeForm: 'app6',
      decision: { outcome: 'grant', amountTiyn: 2_500_000 },
      income: undefined,
      hearing: undefined,
    });
  });

  test('no decision, no decision document', () => {
    expect(() => assistanceDecisionDocument(fold(NOTICED), office)).toThrow(RangeError);
  });
});
