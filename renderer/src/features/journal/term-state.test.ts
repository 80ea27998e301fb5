import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { caseTermState, termTone } from './term-state';

const calendar = createWorkingCalendar();
const now = '2025-03-05T10:00';

describe('case term state', () => {
  test.each([
    ['2025-03-04', 'overdue', 'bad'],
    ['2025-03-05', 'dueToday', 'warn'],
    ['2025-03-11', 'atRisk', 'warn'],
    ['2025-03-12', 'onTime', 'ok'],
  ] as const)('due %s → %s (%s)', (due, status, tone) => {
    const state = caseTermState({ stage: 'atCommission', openDueDate: due }, now, calendar);
    expect(state.kind === 'term' && state.status).toBe(status);
    expect(termTone(state)).toBe(tone);
  });

  test('a closed case is grey whatever its due date', () => {
    const state = caseTermState({ stage: 'issued' }, now, calendar);
    expect(state).toEqual({ kind: 'closed' });
    expect(termTone(state)).toBe('muted');
  });

  test('an open case without a due date, and a date the calendar does not cover', () => {
    expect(caseTermState({ stage: 'registered' }, now, calendar)).toEqual({ kind: 'noTerm' });
    expect(
      caseTermState({ stage: 'registered', openDueDate: '2031-01-10' }, now, calendar),
    ).toEqual({ kind: 'unknown' });
  });
});
