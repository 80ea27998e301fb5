import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import { foldCase, proactiveOccasion } from '../case';
import { sampleEvent } from '../case/testing';
import { termStateOf } from '../schedule';
import { sampleCaseState, sampleJournalRow } from './testing';
import { journalRowOf, rowDue, rowDueDate } from './journal-row';

const calendar = createWorkingCalendar();

describe('journalRowOf: what the journal keeps of a case', () => {
  test('a running case keeps its due point, its overdue moment and its current step', () => {
    const row = sampleJournalRow({ date: '2025-03-03', dueDate: '2025-04-02' });
    expect(row.termPhase).toBe('running');
    expect(row.due).toBe('2025-04-02');
    expect(rowDue(row)).toEqual({ kind: 'date', date: '2025-04-02' });
    expect(rowDueDate(row)).toBe('2025-04-02');
    expect(row.openDueDate).toBe('2025-04-02');
    expect(row.overdueFrom).toBe('2025-04-03T00:00');
    // Registered (09:01), no resolution yet: the akim's 30 minutes (001:11260 / 4989).
    expect(row.stepId).toBe('resolution');
    expect(row.stepOwner).toBe('akimat');
    expect(row.stepDue).toBe('2025-03-03T09:31');
    expect(row.stepOverdueFrom).toBe('2025-03-03T09:32');
  });

  test('the row and the case page give one answer for "overdue" (termStateOf on both)', () => {
    const row = sampleJournalRow({ date: '2025-03-03', dueDate: '2025-04-02' });
    for (const now of ['2025-04-02T17:59', '2025-04-03T00:00', '2025-03-28T09:00']) {
      const fromRow = termStateOf({ phase: row.termPhase, due: rowDue(row) }, now, calendar);
      expect(fromRow.kind).toBe('term');
      expect(fromRow.kind === 'term' && fromRow.status === 'overdue').toBe(
        row.overdueFrom !== undefined && row.overdueFrom <= now,
      );
    }
  });

  test('a suspended case keeps its due date for display and is in no deadline index', () => {
    const row = sampleJournalRow({ serviceId: 'fuel-aid-rural-specialists', suspended: true });
    expect(row.termPhase).toBe('suspended');
    expect(row.due).not.toBeNull();
    for (const key of ['openDueDate', 'overdueFrom', 'stepId', 'stepDue', 'stepOverdueFrom']) {
      expect(row).not.toHaveProperty(key);
    }
  });

  test('a closed case is a lean row: no term fields, no false flags', () => {
    const row = sampleJournalRow({ stage: 'issued' });
    expect(row.termPhase).toBe('closed');
    expect(Object.keys(row).sort()).toEqual(
      [
        'applicantName',
        'date',
        'due',
        'flagged',
        'id',
        'iin',
        'nameTokens',
        'number',
        'officeId',
        'receivedAt',
        'serviceId',
        'stage',
        'termPhase',
        'updatedAtMs',
      ].sort(),
    );
  });

  test('R-PRO-1: a proactive case (no application, no registration) is dated by the day it was opened', () => {
    const opened = {
      ...sampleEvent('ProactiveCaseOpened', { role: 'districtSpecialist', counter: 1 }),
      legalTime: '2026-12-08T10:15',
    };
    const row = journalRowOf(foldCase([opened]), calendar, 1);
    expect(row?.date).toBe('2026-12-08');
    expect(row?.number).toBe('');
  });

  test('R-PRO-1: a proactive row carries its occasion (proactiveOccasion); any other row none', () => {
    const opened = sampleEvent('ProactiveCaseOpened', { role: 'districtSpecialist', counter: 1 });
    const state = foldCase([opened]);
    const row = journalRowOf(state, calendar, 1);
    expect(row?.occasion).toEqual({ name: 'Жеңіс күні', date: '2025-05-09' });
    expect(row?.occasion?.name).toBe(proactiveOccasion(state)?.name);
    expect(journalRowOf(sampleCaseState(), calendar, 1)).not.toHaveProperty('occasion');
  });

  test('held events from a newer desk mark the row "update needed", and only then', () => {
    const state = sampleCaseState();
    expect(journalRowOf(state, calendar, 1)).not.toHaveProperty('needsUpdate');
    expect(journalRowOf(state, calendar, 1, { heldEvents: 2 })?.needsUpdate).toBe(true);
    expect(journalRowOf(state, calendar, 1, { heldEvents: 0 })).not.toHaveProperty('needsUpdate');
  });

  test('a due date counted over an estimated day off (Kurban Ait 16.05.2027) is marked', () => {
    const row = sampleJournalRow({ date: '2027-05-10', dueDate: '2027-06-21' });
    const plain = sampleJournalRow({ date: '2027-06-01', dueDate: '2027-07-12' });
    expect(row.dueProvisional).toBe(true);
    expect(plain).not.toHaveProperty('dueProvisional');
  });
});
