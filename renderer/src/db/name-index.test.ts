import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { CaseStage } from '../../../shared/case';
import { journalRowOf } from '../../../shared/journal';
import { sampleCaseState, sampleJournalRow } from '../../../shared/journal/testing';
import { lateKeyOf } from './late-index';
import {
  journalKeyOf,
  nameKeyRange,
  nameWordsOf,
  parseJournalKey,
  putNameWords,
  type NameKeyTable,
  type NameWordsRow,
} from './name-index';

const calendar = createWorkingCalendar();

/** A name-index table in memory that records what it was asked to write. */
function recordingTable() {
  const rows = new Map<string, NameWordsRow>();
  const writes: { put: string[]; deleted: string[] }[] = [];
  const table: NameKeyTable = {
    bulkPut: (items, keys) => {
      keys.forEach((key, i) => rows.set(key, items[i] ?? { w: [] }));
      writes.push({ put: [...keys], deleted: [] });
      return Promise.resolve();
    },
    bulkDelete: (keys) => {
      for (const key of keys) rows.delete(key);
      writes.push({ put: [], deleted: [...keys] });
      return Promise.resolve();
    },
    clear: () => {
      rows.clear();
      return Promise.resolve();
    },
  };
  return { table, rows, writes };
}

describe('the name index', () => {
  test("a case's key names the case, its date and its number; its words are the name's, once each", () => {
    const row = sampleJournalRow({
      id: 'c-1',
      name: 'Нұрланов Нұрлан Нұрланов',
      date: '2025-03-03',
      number: 'KZL01-1-0037/2025',
    });
    expect(parseJournalKey(journalKeyOf(row))).toEqual({
      id: 'c-1',
      date: '2025-03-03',
      numberKey: '2025|KZL01|01|000000000037',
    });
    const words = nameWordsOf(row);
    expect(words).toEqual([...new Set(row.nameTokens)]);
    expect(words).toHaveLength(2);
    const [lower, upper] = nameKeyRange('нурл');
    expect(words.every((w) => w >= lower && w <= upper)).toBe(true);
    const [otherLower, otherUpper] = nameKeyRange('нурланов');
    // "нурланов" starts one word only: the surname, not the first name.
    expect(words.filter((w) => w >= otherLower && w <= otherUpper)).toHaveLength(1);
  });

  test('a late key is read back to the same case, date and number as the name key', () => {
    const row = sampleJournalRow({ id: 'c-2', date: '2025-03-04', number: 'KZL01-1-0038/2025' });
    const late = lateKeyOf({ ...row, lateFrom: '2025-03-20T18:00' });
    expect(late).not.toBeNull();
    expect(parseJournalKey(late ?? '')).toEqual(parseJournalKey(journalKeyOf(row)));
    expect(parseJournalKey('no separators')).toBeNull();
  });

  test('what a key holds never changes after the opening event: every write has the same key', () => {
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
      return [journalKeyOf(row), nameWordsOf(row)];
    });
    for (const keys of keysAt) expect(keys).toEqual(keysAt[0]);
  });

  test('a receipt number (refused at acceptance) keys after every registration number', () => {
    const refused = sampleJournalRow({ number: '2-1/15', stage: 'notAccepted' });
    expect(parseJournalKey(journalKeyOf(refused))?.numberKey).toBe('~2-1/15');
  });

  test('a row is written only when its words changed, and one written under another key leaves it', async () => {
    const { table, rows, writes } = recordingTable();
    const first = sampleJournalRow({ id: 'c-3', name: 'Сейітова Әйгерім', date: '2025-03-05' });
    await putNameWords(table, [first]);
    expect([...rows.keys()]).toEqual([journalKeyOf(first)]);
    writes.length = 0;
    // Another act on the case: same words, nothing written (but the two calls still go out).
    await putNameWords(table, [{ ...first }], [first]);
    expect(writes).toEqual([
      { put: [], deleted: [] },
      { put: [], deleted: [] },
    ]);
    // A corrected name adds a word: the row is written again, under the same key.
    const renamed = { ...first, nameTokens: [...first.nameTokens, 'сейтова'] };
    await putNameWords(table, [renamed], [first]);
    expect(rows.get(journalKeyOf(first))?.w).toEqual(nameWordsOf(renamed));
    // A row whose key moved (never, while a case's date and number stay) leaves no stale row.
    const moved = { ...renamed, date: '2025-03-06' };
    await putNameWords(table, [moved], [renamed]);
    expect([...rows.keys()]).toEqual([journalKeyOf(moved)]);
  });
});
