import { describe, expect, test } from 'vitest';
import { foldCase } from '../../../../shared/case';
import { samplePath, type SampleStep } from '../../../../shared/case/testing';
import { printableCaseDocuments, printableDocuments } from './print-links';

const DISTRICT: SampleStep[] = [['Registered', 'districtSpecialist', 2]];
const NOTICED: SampleStep[] = [...DISTRICT, ['PreliminaryRefusalNoticed', 'districtSpecialist']];
const HEARD: SampleStep[] = [
  ...NOTICED,
  ['RefusalNoticeReceived', 'districtSpecialist'],
  ['ObjectionFiled', 'districtSpecialist', 0],
  ['HearingProtocolRecorded', 'districtSpecialist'],
];
const of = (steps: readonly SampleStep[]) => printableCaseDocuments(foldCase(samplePath(steps)));

describe('the hearing and decision documents a case offers to print (003:38-47)', () => {
  test('none before the preliminary refusal notice', () => {
    expect(of(DISTRICT)).toEqual([]);
  });

  test('R-HEAR-1 the preliminary refusal notice once sent; R-HEAR-4 the protocol once recorded', () => {
    expect(of(NOTICED)).toEqual(['preliminary-refusal']);
    expect(of(HEARD)).toEqual(['preliminary-refusal', 'hearing-protocol']);
  });

  test('R-DEC-1 the app. 5 decision, and the app. 6/7 notice, once decided', () => {
    const steps: SampleStep[] = [...DISTRICT, ['DecisionMade', 'districtSpecialist', 0]];
    expect(of(steps)).toEqual(['decision']);
    expect(printableDocuments(foldCase(samplePath(steps)))).toContain('notice');
  });

  test('a result copied from the paper notice at the akimat has no app. 5 of ours', () => {
    const state = foldCase(
      samplePath([
        ['Registered', 'specialist', 0],
        ['ResolutionImposed', 'akim'],
        ['ForwardedToDistrict', 'specialist'],
        ['DistrictResultRecorded', 'specialist', 1],
      ]),
    );
    expect(state.decision?.outcome).toBe('refuse');
    expect(printableCaseDocuments(state)).toEqual([]);
  });
});
