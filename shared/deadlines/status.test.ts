import { describe, expect, test } from 'vitest';
import { minutes, workingDays } from '../time';
import type { LocalDateTime } from '../time';
import { createWorkingCalendar } from '../calendar';
import { registrationStart, stepStatuses, termStatus } from './index';
import type { Due, StepTemplate, TermStatus } from './index';

const calendar = createWorkingCalendar();

describe('termStatus: date due (Fri 21.02.2025)', () => {
  const due: Due = { kind: 'date', date: '2025-02-21' };
  test.each<[LocalDateTime, TermStatus, number]>([
    ['2025-02-14T10:00', 'onTime', 5],
    ['2025-02-17T10:00', 'onTime', 4],
    ['2025-02-18T10:00', 'atRisk', 3],
    ['2025-02-20T17:00', 'atRisk', 1],
    ['2025-02-21T09:00', 'dueToday', 0],
    ['2025-02-21T23:59', 'dueToday', 0],
    ['2025-02-22T00:00', 'overdue', -1], // Saturday counts as the next working day
    ['2025-02-24T10:00', 'overdue', -1],
    ['2025-02-25T10:00', 'overdue', -2],
  ])('at %s → %s, %i working days left', (now, status, left) => {
    expect(termStatus(due, now, calendar)).toEqual({
      due,
      status,
      workingDaysLeft: left,
      minutesLeft: null,
    });
  });

  test('atRisk counts working days, not calendar days (Nauryz 2026)', () => {
    // Due Mon 30.03.2026; on Fri 20.03 there are 3 working days left (26, 27, 30).
    const nauryz: Due = { kind: 'date', date: '2026-03-30' };
    expect(termStatus(nauryz, '2026-03-20T10:00', calendar)).toMatchObject({
      status: 'atRisk',
      workingDaysLeft: 3,
    });
  });

  test('the at-risk threshold is an option', () => {
    expect(termStatus(due, '2025-02-20T10:00', calendar, { atRiskWorkingDays: 0 }).status).toBe(
      'onTime',
    );
  });
});

describe('termStatus: minute due (11.02.2025 10:20)', () => {
  const due: Due = { kind: 'dateTime', at: '2025-02-11T10:20' };
  test.each<[LocalDateTime, TermStatus, number, number]>([
    ['2025-02-10T16:00', 'atRisk', 1, 1100],
    ['2025-02-11T10:10', 'dueToday', 0, 10],
    ['2025-02-11T10:20', 'dueToday', 0, 0],
    ['2025-02-11T10:25', 'overdue', 0, -5],
    ['2025-02-12T09:00', 'overdue', -1, -1360],
  ])('at %s → %s, %i working days, %i minutes left', (now, status, days, mins) => {
    expect(termStatus(due, now, calendar)).toEqual({
      due,
      status,
      workingDaysLeft: days,
      minutesLeft: mins,
    });
  });
});

// Seed 000 para 5 (000:42-58), desk route: the R-REG-8 minute timers around the 8 WD review.
const SEED000_STEPS: readonly StepTemplate[] = [
  { id: 'intake', duration: minutes(20) },
  { id: 'resolution', duration: minutes(10) },
  { id: 'review', duration: workingDays(8) },
  { id: 'signature', duration: minutes(10) },
  { id: 'noticeRegistration', duration: minutes(20) },
];

describe('R-REG-8: minute timers of seed 000 and step chains', () => {
  const start = registrationStart('2025-02-11T10:00', calendar);

  test('R-REG-8: a step that takes 25 min against a 20 min limit is overdue', () => {
    const [intake, resolution] = stepStatuses(SEED000_STEPS, start, '2025-02-11T10:40', calendar, {
      intake: '2025-02-11T10:25',
      resolution: '2025-02-11T10:30',
    });
    expect(intake).toMatchObject({
      id: 'intake',
      due: { kind: 'dateTime', at: '2025-02-11T10:20' },
      completedAt: '2025-02-11T10:25',
      status: 'overdue',
      minutesLeft: -5,
    });
    // The next step starts when the previous one was completed: 10:25 + 10 min.
    expect(resolution).toMatchObject({
      start: { date: '2025-02-11', at: '2025-02-11T10:25' },
      due: { kind: 'dateTime', at: '2025-02-11T10:35' },
      status: 'onTime',
    });
  });

  test('R-REG-8: an open minute step is overdue once its moment has passed', () => {
    const [intake] = stepStatuses(SEED000_STEPS, start, '2025-02-11T10:21', calendar);
    expect(intake).toMatchObject({ status: 'overdue', completedAt: null, minutesLeft: -1 });
  });

  test('open steps start when the previous one was due; a minute step after a date due is due that day', () => {
    const states = stepStatuses(SEED000_STEPS, start, '2025-02-18T12:00', calendar, {
      intake: '2025-02-11T10:15',
      resolution: '2025-02-11T10:30',
    });
    expect(states.map((s) => [s.id, s.due, s.status, s.workingDaysLeft])).toEqual([
      ['intake', { kind: 'dateTime', at: '2025-02-11T10:20' }, 'onTime', 0],
      ['resolution', { kind: 'dateTime', at: '2025-02-11T10:25' }, 'overdue', 0],
      // 8 WD after Tue 11.02 → Fri 21.02; on Tue 18.02 three working days are left.
      ['review', { kind: 'date', date: '2025-02-21' }, 'atRisk', 3],
      ['signature', { kind: 'date', date: '2025-02-21' }, 'atRisk', 3],
      ['noticeRegistration', { kind: 'date', date: '2025-02-21' }, 'atRisk', 3],
    ]);
    expect(states[3]?.start).toEqual({ date: '2025-02-21', at: null });
  });

  test('a completed day step gives the next minute steps real moments', () => {
    const states = stepStatuses(SEED000_STEPS, start, '2025-02-20T15:25', calendar, {
      intake: '2025-02-11T10:15',
      resolution: '2025-02-11T10:20',
      review: '2025-02-20T15:00',
    });
    expect(states.slice(2).map((s) => [s.id, s.due, s.status])).toEqual([
      ['review', { kind: 'date', date: '2025-02-21' }, 'onTime'],
      ['signature', { kind: 'dateTime', at: '2025-02-20T15:10' }, 'overdue'],
      ['noticeRegistration', { kind: 'dateTime', at: '2025-02-20T15:30' }, 'dueToday'],
    ]);
  });

  test('duplicate step ids are a bug', () => {
    const steps = [SEED000_STEPS[0], SEED000_STEPS[0]].filter((s) => s !== undefined);
    expect(() => stepStatuses(steps, start, '2025-02-11T10:00', calendar)).toThrow(RangeError);
  });
});
