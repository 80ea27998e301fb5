import { describe, expect, test } from 'vitest';
import { decideMorningReminder, REMINDER_NAMED, type ReminderInput } from './morning-reminder';

const base: ReminderInput = {
  now: '2026-11-23T09:00',
  lastShownOn: '2026-11-20',
  remindAt: '09:00',
  cases: [
    { number: 'KZL01-1-0001/2026', stepId: 'form-case', status: 'overdue' },
    { number: 'KZL01-1-0007/2026', stepId: null, status: 'overdue' },
    { number: 'KZL01-1-0002/2026', stepId: 'resolution', status: 'dueToday' },
  ],
};

describe('morning reminder', () => {
  test('at the start of the office day it names the cases due today and overdue, with their step', () => {
    expect(decideMorningReminder(base)).toEqual({
      kind: 'notify',
      overdue: 2,
      dueToday: 1,
      named: base.cases,
      more: 0,
    });
  });

  test(`names the first ${REMINDER_NAMED} and counts the rest`, () => {
    const cases = Array.from({ length: 8 }, (_, i) => ({
      number: `KZL01-1-${String(i + 1).padStart(4, '0')}/2026`,
      stepId: null,
      status: 'dueToday' as const,
    }));
    const decision = decideMorningReminder({ ...base, cases });
    expect(decision).toMatchObject({ kind: 'notify', dueToday: 8, more: 3 });
    expect(decision.kind === 'notify' && decision.named.map((c) => c.number)).toEqual(
      cases.slice(0, REMINDER_NAMED).map((c) => c.number),
    );
  });

  test('on the first start after the start of the day, never shown before', () => {
    expect(
      decideMorningReminder({ ...base, now: '2026-11-23T14:35', lastShownOn: null }),
    ).toMatchObject({ kind: 'notify', overdue: 2, dueToday: 1 });
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

  test('nothing to say when nothing of the person is overdue or due today', () => {
    expect(decideMorningReminder({ ...base, cases: [] })).toEqual({
      kind: 'wait',
      reason: 'nothingDue',
    });
  });
});
