import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { CaseStage } from '../../../shared/case';
import { journalRowOf } from '../../../shared/journal';
import { sampleCaseState, sampleJournalRow } from '../../../shared/journal/testing';
import { nameIndexRowOf, nameKeyRange, parseJournalKey } from './name-index';

const calendar = createWorkingCalendar();

describe('the name index rows', () => {
  test("one row a case: its key names the case, its date and its number; its words are the name's", () => {
    const row = sampleJournalRow({
      id: 'c-1',
      name: 'Нұрланов Нұрлан Нұрланұлы',
      date: '2025-03-03',
      number: 'KZL01-1-0037/2025',
    });
    const nameRow = nameIndexRowOf(row);
    expect(parseJournalKey(nameRow.k)).toEqual({
      id: 'c-1',
      date: '2025-03-03',
      numberKey: '2025|KZL01|01|000000000037',
    });
    expect(nameRow.w).toHaveLength(3);
    const [lower, upper] = nameKeyRange('нурл');
    expect(nameRow.w.every((w) => w >= lower && w <= upper)).toBe(true);
    const [otherLower, otherUpper] = nameKeyRange('нурланов');
    // "нурланов" starts one word only: the surname, not the first name or the patronymic.
    expect(nameRow.w.filter((w) => w >= otherLower && w <= otherUpper)).toHaveLength(1);
  });

  test('what a row holds never changes after the opening event: every write puts the same row', () => {
    const stages: CaseStage[] = ['registered', 'resolutionImposed', 'atCommission', 'issued'];
    const rowsAt = stages.map((stage) => {
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
      return nameIndexRowOf(row);
    });
    for (const nameRow of rowsAt) expect(nameRow).toEqual(rowsAt[0]);
  });

  test('a receipt number (refused at acceptance) keys after every registration number', () => {
    const refused = sampleJournalRow({ number: '2-1/15', stage: 'notAccepted' });
    expect(parseJournalKey(nameIndexRowOf(refused).k)?.numberKey).toBe('~2-1/15');
  });
});
