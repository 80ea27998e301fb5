import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { DeskDatabase } from './database';
import {
  deleteTsaQuarter,
  findTsaRecipient,
  importTsaRecipients,
  searchTsaRecipients,
  tsaQuarterCounts,
  tsaQuarterSize,
  type TsaImportRow,
} from './tsa-register-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function fresh(): DeskDatabase {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  return db;
}

const row = (iin: string, quarter: string, fullName = `Person ${iin}`, family: string[] = []) =>
  ({ iin, quarter, fullName, familyMembers: family }) satisfies TsaImportRow;

describe('TSA register import', () => {
  test('adds rows, then replaces the same IIN in the same quarter and keeps other quarters', async () => {
    const d = fresh();
    const first = await importTsaRecipients(
      d,
      [row('850315400124', '2026-Q3'), row('850315400124', '2026-Q4', 'Old name')],
      { source: 'q3.xlsx', nowMs: 1000 },
    );
    expect(first).toEqual({ added: 2, replaced: 0, removed: 0, quarters: ['2026-Q3', '2026-Q4'] });

    const second = await importTsaRecipients(
      d,
      [row('850315400124', '2026-Q4', 'New name', ['Сейітов Нұрлан'])],
      { source: 'q4.csv', nowMs: 2000 },
    );
    expect(second).toEqual({ added: 0, replaced: 1, removed: 0, quarters: ['2026-Q4'] });
    const q4 = await findTsaRecipient(d, '850315400124', '2026-Q4');
    expect(q4).toMatchObject({
      fullName: 'New name',
      familyMembers: ['Сейітов Нұрлан'],
      source: 'q4.csv',
      importedAtMs: 2000,
    });
    expect((await findTsaRecipient(d, '850315400124', '2026-Q3'))?.fullName).toBe(
      'Person 850315400124',
    );
    expect(await d.tsaRecipients.count()).toBe(2);
  });

  test('rows repeating an IIN and quarter within one import are saved once (the last wins)', async () => {
    const d = fresh();
    const summary = await importTsaRecipients(
      d,
      [row('850315400124', '2026-Q4', 'First'), row('850315400124', '2026-Q4', 'Second')],
      { source: 'dup.csv', nowMs: 1 },
    );
    expect(summary.added).toBe(1);
    expect(await d.tsaRecipients.count()).toBe(1);
    expect((await findTsaRecipient(d, '850315400124', '2026-Q4'))?.fullName).toBe('Second');
  });

  test('replaceQuarters removes recipients of the file’s quarters whom the file no longer lists', async () => {
    const d = fresh();
    await importTsaRecipients(
      d,
      [row('111', '2026-Q4'), row('222', '2026-Q4'), row('333', '2026-Q3')],
      { source: 'a.csv', nowMs: 1 },
    );
    const summary = await importTsaRecipients(d, [row('222', '2026-Q4'), row('444', '2026-Q4')], {
      source: 'b.csv',
      nowMs: 2,
      mode: 'replaceQuarters',
    });
    expect(summary).toEqual({ added: 1, replaced: 1, removed: 1, quarters: ['2026-Q4'] });
    expect(await findTsaRecipient(d, '111', '2026-Q4')).toBeUndefined();
    // Another quarter is untouched.
    expect(await findTsaRecipient(d, '333', '2026-Q3')).toBeDefined();
    expect(await tsaQuarterSize(d, '2026-Q4')).toBe(2);
  });

  test('a failing import saves nothing', async () => {
    const d = fresh();
    await importTsaRecipients(d, [row('111', '2026-Q4')], { source: 'a.csv', nowMs: 1 });
    const bad = [row('222', '2026-Q4'), { ...row('333', '2026-Q4'), iin: undefined }];
    await expect(
      importTsaRecipients(d, bad as unknown as TsaImportRow[], { source: 'b.csv', nowMs: 2 }),
    ).rejects.toThrow();
    expect(await d.tsaRecipients.count()).toBe(1);
  });

  test('counts per quarter, latest quarter first, with the latest import of each', async () => {
    const d = fresh();
    await importTsaRecipients(d, [row('111', '2026-Q3'), row('222', '2026-Q3')], {
      source: 'q3.xlsx',
      nowMs: 10,
    });
    await importTsaRecipients(d, [row('111', '2026-Q4')], { source: 'q4a.xlsx', nowMs: 20 });
    await importTsaRecipients(d, [row('333', '2026-Q4')], { source: 'q4b.xlsx', nowMs: 30 });
    expect(await tsaQuarterCounts(d)).toEqual([
      { quarter: '2026-Q4', count: 2, lastImportedAtMs: 30, lastSource: 'q4b.xlsx' },
      { quarter: '2026-Q3', count: 2, lastImportedAtMs: 10, lastSource: 'q3.xlsx' },
    ]);
    expect(await tsaQuarterSize(d, '2027-Q1')).toBe(0);
  });

  test('looks recipients up by the whole IIN (a blind index has no prefixes) and removes a quarter', async () => {
    const d = fresh();
    await importTsaRecipients(
      d,
      [
        row('850315400124', '2026-Q3'),
        row('850315400124', '2026-Q4'),
        row('900101300125', '2026-Q4'),
      ],
      { source: 'a.csv', nowMs: 1 },
    );
    const found = await searchTsaRecipients(d, '8503 1540 0124');
    expect(found.map((r) => r.quarter)).toEqual(['2026-Q4', '2026-Q3']);
    expect(await searchTsaRecipients(d, '8503 15')).toEqual([]);
    expect(await searchTsaRecipients(d, '')).toEqual([]);
    expect(await deleteTsaQuarter(d, '2026-Q4')).toBe(2);
    expect((await tsaQuarterCounts(d)).map((q) => q.quarter)).toEqual(['2026-Q3']);
  });
});
