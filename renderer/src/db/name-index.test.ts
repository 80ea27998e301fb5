import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { CaseStage } from '../../../shared/case';
import { journalRowOf } from '../../../shared/journal';
import { sampleCaseState, sampleJournalRow } from '../../../shared/journal/testing';
import { nameKeyRange, nameKeysOf, parseJournalKey } from './name-index';

const calendar = createWorkingCalendar();

describe('the name index keys', () => {
  test('one key per distinct word, each naming the case, its date and its number', () => {
    const row = sampleJournalRow({
      id: 'c-1',
      name: 'Нұрланов Нұрлан Нұрланұлы',
      date: '2025-03-03',
      number: 'KZL01-1-0037/2025',
    });
    const keys = nameKeysOf(row);
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(parseJournalKey(key)).toEqual({
        id: 'c-1',
        date: '2025-03-03',
        numberKey: '2025|KZL01|01|000000000037',
      });
    }
    const [lower, upper] = nameKeyRange('нурл');
    expect(keys.every((k) => k >= lower && k <= upper)).toBe(true);
    const [otherLower, otherUpper] = nameKeyRange('нурланов');
    // "нурланов" starts one word only: the surname, not the first name or the patronymic.
    expect(keys.filter((k) => k >= otherLower && k <= otherUpper)).toHaveLength(1);
  });

  test('what a key holds never changes after the opening event: every write puts the same keys', () => {
    const stages: CaseStage[] = ['registered', 'resolutionImposed', 'atCommission', 'issued'];
    const keysAt = stages.map((stage) => {
      const row = journalRowOf(
        sampleCaseState({
          id: 'same',
          name: 'Сейітова Әйгерім',
          number: 'KZL01-1-0001/2025',
          stage,
        }),
        calendar,
        1,
      );
      if (!row) throw new Error('no row');
      return nameKeysOf(row);
    });
    for (const keys of keysAt) expect(keys).toEqual(keysAt[0]);
  });

  test('a receipt number (refused at acceptance) keys after every registration number', () => {
    const refused = sampleJournalRow({ number: '2-1/15', stage: 'notAccepted' });
    expect(parseJournalKey(nameKeysOf(refused)[0] ?? '')?.numberKey).toBe('~2-1/15');
  });
});
