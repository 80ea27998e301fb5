import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import { sampleJournalRow, type SampleRowInit } from '../../../shared/journal/testing';
import { addJournalRows } from './case-projection';
import { DeskDatabase, type CaseRow } from './database';
import { loadToday, rowsDueToday } from './today-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const calendar = createWorkingCalendar();
// Wednesday 05.03.2025.
const NOW = '2025-03-05T10:00';
const FUEL = 'fuel-aid-rural-social-specialists';
const row = (init: SampleRowInit): CaseRow => sampleJournalRow(init, calendar);

async function seeded(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await addJournalRows(db, [
    // The akim's resolution (30 minutes, 001:11141 / 4906) ran out on Monday; the term is far off.
    row({ name: 'Resolution late', date: '2025-03-03', dueDate: '2025-04-02' }),
    row({ name: 'Due today', dueDate: '2025-03-05', serviceId: FUEL }),
    row({ name: 'Late here', dueDate: '2025-03-04', serviceId: FUEL }),
    // Forwarded: the district holds it, so its lateness is the district's.
    row({ name: 'Late there', dueDate: '2025-03-04', serviceId: FUEL, stage: 'forwarded' }),
    row({ name: 'Issued', dueDate: '2025-03-01', serviceId: FUEL, stage: 'issued' }),
    row({ name: 'Far off', dueDate: '2025-03-20', serviceId: FUEL }),
  ]);
  return db;
}

const names = (entries: { row: CaseRow }[]) => entries.map((e) => e.row.applicantName);

describe('the today list', () => {
  test('the specialist: the terms the akimat holds, late first; never the district’s or a closed case', async () => {
    const database = await seeded();
    const list = await loadToday(database, NOW, 'specialist', calendar);
    expect(names(list)).toEqual(['Late here', 'Due today']);
    expect(list.map((e) => [e.item.kind, e.item.status])).toEqual([
      ['term', 'overdue'],
      ['term', 'dueToday'],
    ]);
  });

  test('the akim: his resolution, late, with its step', async () => {
    const database = await seeded();
    const list = await loadToday(database, NOW, 'akim', calendar);
    expect(names(list)).toEqual(['Resolution late']);
    expect(list[0]?.item).toMatchObject({ kind: 'step', stepId: 'resolution', status: 'overdue' });
  });

  test('the rows read are those due today or late by term or step, each once', async () => {
    const database = await seeded();
    expect(names((await rowsDueToday(database, NOW)).map((r) => ({ row: r }))).sort()).toEqual(
      ['Due today', 'Late here', 'Late there', 'Resolution late'].sort(),
    );
  });
});
