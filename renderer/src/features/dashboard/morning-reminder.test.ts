import { describe, expect, test } from 'vitest';
import { decideMorningReminder, type ReminderInput } from './morning-reminder';

const base: ReminderInput = {
  now: '2026-11-23T09:00',
  lastShownOn: '2026-11-20',
  remindAt: '09:00',
  counts: { overdue: 2, dueToday: 1 },
};

describe('morning reminder', () => {
  test('at the start of the office day, with cases overdue or due today', () => {
    expect(decideMorningReminder(base)).toEqual({ kind: 'notify', overdue: 2, dueToday: 1 });
  });

  test('on the first start after the start of the day, never shown before', () => {
    expect(decideMorningReminder({ ...base, now: '2026-11-23T14:35', lastShownOn: null })).toEqual({
      kind: 'notify',
      overdue: 2,
      dueToday: 1,
    });
  });

  test('not before the office opens', () => {
    expect(decideMorningReminder({ ...base, now: '2026-11-23T08:59' })).toEqual({
      kind: 'wait',
      reason: 'beforeTime',
    });
    expect(decideMorningReminder({ ...base, now: '2026-11-23T09:15', remindAt: '09:30' })).toEqual({
      kind: 'wait',
      reason: 'beforeTime',
    });
  });

  test('once a day: not again after it was shown today, nor after the clock went back', () => {
    expect(decideMorningReminder({ ...base, lastShownOn: '2026-11-23' })).toEqual({
      kind: 'wait',
      reason: 'shownToday',
    });
    expect(decideMorningReminder({ ...base, lastShownOn: '2026-11-24' })).toEqual({
      kind: 'wait',
      reason: 'shownToday',
    });
  });

  test('nothing to say when no open case is overdue or due today', () => {
    expect(decideMorningReminder({ ...base, counts: { overdue: 0, dueToday: 0 } })).toEqual({
      kind: 'wait',
      reason: 'nothingDue',
    });
    expect(decideMorningReminder({ ...base, counts: { overdue: 0, dueToday: 3 } }).kind).toBe(
      'notify',
    );
  });
});
