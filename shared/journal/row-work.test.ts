import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import { journalRowOf } from './journal-row';
import { sampleCaseState, sampleJournalRow } from './testing';
import {
  endOfToday,
  figureOf,
  isLateAt,
  lateFor,
  rowWork,
  todayItemOf,
  type WorkRow,
} from './row-work';

const calendar = createWorkingCalendar();

// Rows as journalRowOf writes them; the dates are an ordinary week (Mon 23.11.2026).
const base: WorkRow = { termPhase: 'running', due: '2026-12-24', overdueFrom: '2026-12-25T00:00' };

describe('rowWork: one answer for what is late, and whose', () => {
  test('R-REG-8 / 001:11141: the akim’s resolution 30 minutes after registration, late at 10:31', () => {
    const row: WorkRow = {
      ...base,
      stepId: 'resolution',
      stepOwner: 'akimat',
      stepRole: 'akim',
      stepDue: '2026-11-23T10:30',
      stepOverdueFrom: '2026-11-23T10:31',
      holder: 'akimat',
    };
    const before = rowWork(row, '2026-11-23T10:20', calendar);
    expect(before.late).toBeNull();
    expect(figureOf(before, 'akimat')).toBe('dueToday');
    expect(todayItemOf(before, 'akim')).toMatchObject({ kind: 'step', status: 'dueToday' });

    const after = rowWork(row, '2026-11-23T10:31', calendar);
    expect(after.late).toEqual({
      what: 'step',
      owner: 'akimat',
      due: { kind: 'dateTime', at: '2026-11-23T10:30' },
    });
    expect(figureOf(after, 'akimat')).toBe('overdue');
    expect(todayItemOf(after, 'akim')).toMatchObject({
      kind: 'step',
      stepId: 'resolution',
      status: 'overdue',
    });
    // The specialist's today list does not carry the akim's step, nor the term (on time).
    expect(todayItemOf(after, 'specialist')).toBeNull();
  });

  test('a step of the district (after ForwardedToDistrict) is the district’s breach, never the akimat’s', () => {
    const row: WorkRow = {
      ...base,
      stepId: 'prepare-notice',
      stepOwner: 'district',
      stepRole: 'districtSpecialist',
      stepDue: '2026-11-25',
      stepOverdueFrom: '2026-11-26T00:00',
      holder: 'district',
    };
    const work = rowWork(row, '2026-11-27T10:00', calendar);
    expect(work.late?.owner).toBe('district');
    expect(lateFor(work, 'akimat')).toBe('theirs');
    expect(figureOf(work, 'akimat')).toBe('overdueElsewhere');
    expect(figureOf(work, 'district')).toBe('overdue');
    expect(todayItemOf(work, 'specialist')).toBeNull();
    expect(todayItemOf(work, 'akim')).toBeNull();
    expect(todayItemOf(work, 'districtSpecialist')).toMatchObject({ kind: 'step' });
  });

  test('the whole term late while the district holds the case is the district’s too', () => {
    const row: WorkRow = { ...base, holder: 'district' };
    const work = rowWork(row, '2026-12-28T10:00', calendar);
    expect(work.late).toMatchObject({ what: 'term', owner: 'district' });
    expect(figureOf(work, 'akimat')).toBe('overdueElsewhere');
    expect(todayItemOf(work, 'specialist')).toBeNull();
    expect(todayItemOf(work, 'districtSpecialist')).toMatchObject({ kind: 'term' });
  });

  test('the whole term late at the akimat (no timed step) is the specialist’s, on the today list', () => {
    const row: WorkRow = { ...base, holder: 'akimat' };
    expect(todayItemOf(rowWork(row, '2026-12-24T09:00', calendar), 'specialist')).toMatchObject({
      kind: 'term',
      status: 'dueToday',
      due: { kind: 'date', date: '2026-12-24' },
    });
    const late = rowWork(row, '2026-12-25T09:00', calendar);
    expect(figureOf(late, 'akimat')).toBe('overdue');
    expect(todayItemOf(late, 'specialist')).toMatchObject({ kind: 'term', status: 'overdue' });
    expect(todayItemOf(late, 'akim')).toBeNull();
  });

  test('an issued or withdrawn case is never late, whatever its due date was', () => {
    const issued = sampleJournalRow({ stage: 'issued', date: '2025-03-03', dueDate: '2025-04-02' });
    const work = rowWork(issued, '2026-01-10T10:00', calendar);
    expect(work.term).toEqual({ kind: 'closed' });
    expect(work.late).toBeNull();
    expect(figureOf(work, 'akimat')).toBeNull();
    expect(isLateAt(issued, '2026-01-10T10:00')).toBe(false);
  });

  test('a suspended case stands still: no step, not late, the "suspended" figure', () => {
    const row = sampleJournalRow({ serviceId: 'fuel-aid-rural-specialists', suspended: true });
    const work = rowWork(row, '2027-01-10T10:00', calendar);
    expect(work.step).toBeNull();
    expect(work.late).toBeNull();
    expect(figureOf(work, 'akimat')).toBe('suspended');
  });

  test('isLateAt on the row’s indexed moments gives the same answer as rowWork', () => {
    const rows = [
      sampleJournalRow({ date: '2025-03-03', dueDate: '2025-04-02' }),
      sampleJournalRow({ stage: 'resolutionImposed', date: '2025-03-03', dueDate: '2025-04-02' }),
      sampleJournalRow({ stage: 'forwarded', date: '2025-03-03', dueDate: '2025-04-02' }),
      sampleJournalRow({ stage: 'atDistrict', date: '2025-03-03', dueDate: '2025-04-02' }),
      sampleJournalRow({
        stage: 'returnedForCompletion',
        date: '2025-03-03',
        dueDate: '2025-04-02',
      }),
      sampleJournalRow({ stage: 'issued', date: '2025-03-03', dueDate: '2025-04-02' }),
    ];
    const moments = [
      '2025-03-03T09:00',
      '2025-03-03T09:31',
      '2025-03-03T09:32',
      '2025-03-04T10:00',
      '2025-03-06T10:00',
      '2025-04-02T17:00',
      '2025-04-03T00:00',
    ];
    for (const row of rows) {
      for (const now of moments) {
        expect(rowWork(row, now, calendar).late !== null, `${row.stage} at ${now}`).toBe(
          isLateAt(row, now),
        );
        // The one index range the journal's overdue filter reads says the same.
        expect(row.lateFrom !== undefined && row.lateFrom <= now, `lateFrom at ${now}`).toBe(
          isLateAt(row, now),
        );
      }
    }
  });

  test('the projection writes the holder and the step’s role: forwarded is the district’s', () => {
    const forwarded = journalRowOf(sampleCaseState({ stage: 'forwarded' }), calendar, 1);
    expect(forwarded?.holder).toBe('district');
    const registered = journalRowOf(sampleCaseState({ stage: 'registered' }), calendar, 1);
    expect(registered?.holder).toBe('akimat');
    expect(registered?.stepRole).toBe('akim');
    const issued = journalRowOf(sampleCaseState({ stage: 'issued' }), calendar, 1);
    expect(issued).not.toHaveProperty('holder');
    expect(issued).not.toHaveProperty('stepRole');
  });

  test('R-ROUTE-6 [I]: returned for a missing document, the case is the akimat’s again', () => {
    const row = sampleJournalRow({
      stage: 'returnedForCompletion',
      date: '2025-03-03',
      dueDate: '2025-04-02',
    });
    expect(row.holder).toBe('akimat');
    expect(row.termPhase).toBe('running');
    // No step of the district is current while the papers are at the akimat.
    expect(row).not.toHaveProperty('stepId');
    expect(row).not.toHaveProperty('stepRole');
    // On the day the term is due it is the akimat specialist's, not the district's.
    const work = rowWork(row, '2025-04-02T10:00', calendar);
    expect(todayItemOf(work, 'specialist')).toMatchObject({ kind: 'term', status: 'dueToday' });
    expect(todayItemOf(work, 'districtSpecialist')).toBeNull();
    // Late, it is the akimat's own breach on its desk, the other side's on the district's.
    const late = rowWork(row, '2025-04-03T10:00', calendar);
    expect(lateFor(late, 'akimat')).toBe('ours');
    expect(figureOf(late, 'district')).toBe('overdueElsewhere');
  });

  test('endOfToday is the first moment of tomorrow: due today or late is before it', () => {
    expect(endOfToday('2026-11-23T10:00')).toBe('2026-11-24T00:00');
    expect(endOfToday('2026-12-31T23:59')).toBe('2027-01-01T00:00');
  });
});
