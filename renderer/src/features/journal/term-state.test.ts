import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { rowTermState, termTone } from './term-state';

const calendar = createWorkingCalendar();
const now = '2025-03-05T10:00';
const running = (date: string) => ({
  termPhase: 'running' as const,
  due: date,
});

describe('a journal row against its term', () => {
  test.each([
    ['2025-03-04', 'overdue', 'bad'],
    ['2025-03-05', 'dueToday', 'warn'],
    ['2025-03-11', 'atRisk', 'warn'],
    ['2025-03-12', 'onTime', 'ok'],
  ] as const)('due %s → %s (%s)', (due, status, tone) => {
    const state = rowTermState(running(due), now, calendar);
    expect(state.kind === 'term' && state.status).toBe(status);
    expect(termTone(state)).toBe(tone);
  });

  test('a minute term due at 09:45 is overdue at 10:00 the same day', () => {
    const row = {
      termPhase: 'running' as const,
      due: '2025-03-05T09:45',
    };
    expect(rowTermState(row, now, calendar)).toMatchObject({ kind: 'term', status: 'overdue' });
  });

  test('a suspended case is never overdue, and shows its own tone', () => {
    const state = rowTermState({ termPhase: 'suspended', due: '2025-01-10' }, now, calendar);
    expect(state).toEqual({ kind: 'suspended' });
    expect(termTone(state)).toBe('paused');
  });

  test('a closed case is grey whatever its due date', () => {
    const state = rowTermState({ termPhase: 'closed', due: '2025-01-10' }, now, calendar);
    expect(state).toEqual({ kind: 'closed' });
    expect(termTone(state)).toBe('muted');
  });

  test('an open case without a due date, and a date the calendar does not cover', () => {
    expect(rowTermState({ termPhase: 'noTerm', due: null }, now, calendar)).toEqual({
      kind: 'noTerm',
    });
    expect(rowTermState(running('2031-01-10'), now, calendar)).toEqual({ kind: 'unknown' });
  });
});
