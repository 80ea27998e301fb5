// R-PRO-1 (003:30): whether a case is proactive, and for which holiday or memorable date, is one answer
// (proactiveOccasion) that the journal's row and the documents both read.
import { describe, expect, test } from 'vitest';
import { foldCase } from './fold';
import { proactiveOccasion } from './state';
import { samplePath, samplePayload } from './testing';

describe('proactiveOccasion (R-PRO-1, 003:30)', () => {
  test('a proactive case gives the occasion it was opened for, through to its decision', () => {
    const occasion = samplePayload('ProactiveCaseOpened').occasion;
    const opened = foldCase(samplePath([['ProactiveCaseOpened', 'districtSpecialist']]));
    expect(proactiveOccasion(opened)).toEqual(occasion);
    expect(occasion).toEqual({ code: 'victory-day', name: 'Жеңіс күні', date: '2025-05-09' });
    const decided = foldCase(
      samplePath([
        ['ProactiveCaseOpened', 'districtSpecialist'],
        ['DecisionMade', 'districtSpecialist', 0],
      ]),
    );
    expect(decided.stage).toBe('decided');
    expect(proactiveOccasion(decided)).toEqual(occasion);
  });

  test('a case opened on an application, or refused at intake, or not opened, has none', () => {
    expect(proactiveOccasion(foldCase(samplePath([['Registered', 'specialist']])))).toBeNull();
    expect(
      proactiveOccasion(foldCase(samplePath([['AcceptanceRefused', 'specialist']]))),
    ).toBeNull();
    expect(proactiveOccasion(foldCase([]))).toBeNull();
  });
});
