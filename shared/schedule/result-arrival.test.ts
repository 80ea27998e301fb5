import { describe, expect, test } from 'vitest';
import { foldCase } from '../case';
import { samplePath, type SampleStep } from '../case/testing';
import { createWorkingCalendar } from '../calendar';
import { resultArrivalDue, resultArrivalRole, resultAwaitingAkimat } from './result-arrival';

const calendar = createWorkingCalendar();

const SIGNED: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
  ['IncomeComputed', 'districtSpecialist'],
  ['DecisionMade', 'districtSpecialist', 0],
  ['ResultSigned', 'districtHead'],
];

describe('the result that arrived from the district (issue 9 §8)', () => {
  test('waits for the akimat from the signing until the applicant is told', () => {
    const signed = samplePath(SIGNED);
    expect(resultAwaitingAkimat(foldCase(signed))?.type).toBe('ResultSigned');
    const taken = samplePath([...SIGNED, ['ReturnedToAkimat', 'specialist']]);
    expect(resultAwaitingAkimat(foldCase(taken))?.type).toBe('ResultSigned');
    const told = samplePath([
      ...SIGNED,
      ['ReturnedToAkimat', 'specialist'],
      ['ApplicantNotifiedResultReady', 'specialist'],
    ]);
    expect(resultAwaitingAkimat(foldCase(told))).toBeNull();
    // Decided but not signed: nothing arrived yet.
    expect(resultAwaitingAkimat(foldCase(signed.slice(0, -1)))).toBeNull();
  });

  test('R-REG-1 (003:31, read for a result received [I]): due the working day it arrived, else the next', () => {
    // Friday 07.03.2025: within working hours, that day; after 18:00, the next working day.
    expect(resultArrivalDue('2025-03-07T17:59', calendar)).toEqual({
      kind: 'date',
      date: '2025-03-07',
    });
    expect(resultArrivalDue('2025-03-07T18:00', calendar)).toEqual({
      kind: 'date',
      date: calendar.nextWorkingDay('2025-03-07'),
    });
  });

  test('the akimat’s specialist takes it back (the transition table)', () => {
    expect(resultArrivalRole()).toBe('specialist');
  });
});
