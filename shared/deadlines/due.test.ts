import { describe, expect, test } from 'vitest';
import { calendarDays, minutes, workingDays } from '../time';
import type { Duration, LocalDateTime } from '../time';
import { createWorkingCalendar } from '../calendar';
import {
  checkSuspension,
  completionCheck,
  dueFor,
  minutesBetween,
  registrationStart,
  suspendedDays,
  termStatus,
} from './index';
import type { Suspension } from './index';

const calendar = createWorkingCalendar();

// Every expected date below was checked by hand against the day-off lists of
// kazakhstan-facts.md §2.5 (the reasoning is in the comment of each row).
describe('akim-route service terms around holidays (catalog seed 001 №5, №9, №14, №15)', () => {
  const CHILD_BENEFITS = calendarDays(30);
  const FUEL_AID = workingDays(15);
  const TARGETED_ASSISTANCE = workingDays(22);
  const CERTIFICATE = minutes(15);

  test.each<[string, LocalDateTime, Duration, string, string]>([
    // 30 calendar days: end = registration + 30, moved to the next working day.
    ['child benefits, Nauryz 2026', '2026-02-20T10:00', CHILD_BENEFITS, '2026-02-20', '2026-03-26'],
    // 20.02 + 30 = Sun 22.03 (Nauryz); Mon 23 Nauryz, Tue 24 and Wed 25 shifts → Thu 26.03.
    ['child benefits, May 2026', '2026-04-10T10:00', CHILD_BENEFITS, '2026-04-10', '2026-05-12'],
    // 10.04 + 30 = Sun 10.05; Mon 11.05 is the shift of Victory Day (Sat 09.05) → Tue 12.05.
    [
      'child benefits, Kurban Ait 2026',
      '2026-04-27T10:00',
      CHILD_BENEFITS,
      '2026-04-27',
      '2026-05-28',
    ],
    // 27.04 + 30 = Wed 27.05, Kurban Ait → Thu 28.05.
    [
      'child benefits, Kurban Ait 2027 on Sunday',
      '2027-04-16T10:00',
      CHILD_BENEFITS,
      '2027-04-16',
      '2027-05-17',
    ],
    // 16.04 + 30 = Sun 16.05 (Kurban Ait, never shifts) → Mon 17.05 is a working day.
    [
      'child benefits, New Year 2026',
      '2025-12-31T18:30',
      CHILD_BENEFITS,
      '2026-01-05',
      '2026-02-04',
    ],
    // After 18:00 on Wed 31.12 → Thu 1, Fri 2 (New Year), Sat, Sun → registered Mon 05.01; + 30 = Wed 04.02.

    // 15 working days: the 15th working day after registration.
    ['fuel aid, Nauryz 2026', '2026-03-20T17:59', FUEL_AID, '2026-03-20', '2026-04-15'],
    // 23–25.03 off; 26, 27, 30, 31.03, 1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15.04 → Wed 15.04.
    [
      'fuel aid, May 2024 (worked Saturday 04.05)',
      '2024-04-30T16:00',
      FUEL_AID,
      '2024-04-30',
      '2024-05-24',
    ],
    // 1.05 off; 2, 3, Sat 4, 6; 7, 8, 9 off; 10, 13–17, 20–24 → Fri 24.05.
    [
      'fuel aid, Kurban Ait 2026 (after hours)',
      '2026-05-26T19:00',
      FUEL_AID,
      '2026-05-28',
      '2026-06-18',
    ],
    // 19:00 → next working day; Wed 27.05 is Kurban Ait → Thu 28.05; 29.05, 1–5.06, 8–12.06, 15–18.06 → Thu 18.06.
    ['fuel aid, New Year 2025', '2024-12-27T10:00', FUEL_AID, '2024-12-27', '2025-01-22'],
    // 30, 31.12; 1–3.01 off, Sat 4 off, Sun 5 worked; 6; 7 Christmas; 8–10, 13–17, 20–22 → Wed 22.01.

    // 22 working days.
    [
      'targeted assistance, Nauryz 2024',
      '2024-03-20T09:30',
      TARGETED_ASSISTANCE,
      '2024-03-20',
      '2024-04-24',
    ],
    // 21, 22.03 Nauryz, Mon 25 shift (Sat 23); 26–29.03, 1–5, 8–12, 15–19, 22–24.04 → Wed 24.04.
    [
      'targeted assistance, May and Kurban Ait 2026',
      '2026-04-30T10:00',
      TARGETED_ASSISTANCE,
      '2026-04-30',
      '2026-06-05',
    ],
    // 1, 7, 11, 27.05 off: 4–6, 8, 12–15, 18–22, 25, 26, 28, 29.05, 1–5.06 → Fri 05.06.
    [
      'targeted assistance, Kurban Ait 2025 (after hours)',
      '2025-06-05T18:05',
      TARGETED_ASSISTANCE,
      '2025-06-09',
      '2025-07-10',
    ],
    // Fri 06.06 Kurban Ait → Mon 09.06; 10–13, 16–20, 23–27.06, 30.06–4.07, Mon 7.07 shift (Sun 6.07), 8–10.07 → Thu 10.07.
    [
      'targeted assistance, New Year 2027',
      '2026-12-31T11:00',
      TARGETED_ASSISTANCE,
      '2026-12-31',
      '2027-02-04',
    ],
    // 1.01 off, Mon 4.01 shift (Sat 2.01), 7.01 Christmas: 5, 6, 8, 11–15, 18–22, 25–29.01, 1–4.02 → Thu 04.02.
  ])(
    '%s: received %s, term %j → registered %s → due %s',
    (_label, receivedAt, term, registered, due) => {
      const start = registrationStart(receivedAt, calendar);
      expect(start.date).toBe(registered);
      expect(dueFor(term, start, calendar)).toEqual({ kind: 'date', date: due });
    },
  );

  test.each<[string, LocalDateTime, string]>([
    ['certificate, on receipt', '2026-03-20T17:50', '2026-03-20T18:05'],
    // minute terms run on the wall clock, past closing time
    ['certificate, portal on Nauryz', '2026-03-23T10:00', '2026-03-26T09:15'],
    // registered Thu 26.03 at opening
    ['certificate, portal on Kurban Ait', '2026-05-27T11:00', '2026-05-28T09:15'],
    ['certificate, New Year eve', '2025-12-31T17:20', '2025-12-31T17:35'],
    ['certificate, after hours before New Year', '2025-12-31T18:00', '2026-01-05T09:15'],
  ])('%s: received %s → due %s', (_label, receivedAt, due) => {
    expect(dueFor(CERTIFICATE, registrationStart(receivedAt, calendar), calendar)).toEqual({
      kind: 'dateTime',
      at: due,
    });
  });
});

describe('counting examples of kazakhstan-facts.md §3.3', () => {
  test.each([
    ['2026-03-20', workingDays(8), '2026-04-06'],
    ['2026-05-22', workingDays(3), '2026-05-28'],
    ['2025-12-30', workingDays(5), '2026-01-09'],
    ['2025-08-20', calendarDays(10), '2025-09-02'],
  ])('%s + %j → %s', (date, term, due) => {
    expect(dueFor(term, { date, at: `${date}T10:00` }, calendar)).toEqual({
      kind: 'date',
      date: due,
    });
  });
});

describe('R-CAL-4: durations keep their unit', () => {
  test('R-CAL-4: 8 WD from a Thursday before a 3-day holiday ends later than 8 CD', () => {
    const start = { date: '2026-03-19', at: '2026-03-19T10:00' };
    // Thu 19.03.2026; Nauryz off Mon 23 – Wed 25.
    expect(dueFor(workingDays(8), start, calendar)).toEqual({ kind: 'date', date: '2026-04-03' });
    expect(dueFor(calendarDays(8), start, calendar)).toEqual({ kind: 'date', date: '2026-03-27' });
  });

  test('R-CAL-4: a calendar-day term ending on a day off moves to the next working day', () => {
    // Fri 14.06.2024 + 2 CD = Sun 16.06 (Kurban Ait, no shift) → Mon 17.06.
    const start = { date: '2024-06-14', at: '2024-06-14T17:00' };
    expect(dueFor(calendarDays(2), start, calendar)).toEqual({ kind: 'date', date: '2024-06-17' });
  });
});

describe('R-CAL-5: per-rule flag for counting the start day', () => {
  const start = { date: '2025-02-10', at: '2025-02-10T10:00' }; // Monday
  test.each([
    [workingDays(3), false, '2025-02-13'],
    [workingDays(3), true, '2025-02-12'],
    [calendarDays(3), false, '2025-02-13'],
    [calendarDays(3), true, '2025-02-12'],
  ])('R-CAL-5: Mon + %j, countStartDay=%s → %s', (term, countStartDay, due) => {
    expect(dueFor(term, start, calendar, { countStartDay })).toEqual({ kind: 'date', date: due });
  });

  test('R-CAL-5: a day-off start day is never counted', () => {
    const saturday = { date: '2025-02-15', at: '2025-02-15T10:00' };
    expect(dueFor(workingDays(1), saturday, calendar, { countStartDay: true })).toEqual({
      kind: 'date',
      date: '2025-02-17',
    });
  });
});

describe('R-CAL-6: deadlines come from legal timestamps only', () => {
  test('R-CAL-6: entered offline on Friday, synced Monday: Friday stays the receipt date', () => {
    const start = registrationStart('2025-02-14T16:00', calendar);
    const due = dueFor(workingDays(3), start, calendar);
    expect(start.date).toBe('2025-02-14');
    expect(due).toEqual({ kind: 'date', date: '2025-02-19' });
    // Looking at it on Monday (sync time) changes nothing in the due date.
    expect(termStatus(due, '2025-02-17T09:05', calendar).due).toEqual(due);
  });
});

describe('suspensions', () => {
  const start = { date: '2025-02-10', at: '2025-02-10T10:00' }; // Monday
  const suspension = (from: string, to: string): Suspension => ({
    from,
    to,
    reason: 'court request',
  });

  test('a working-day term is pushed by the working days suspended', () => {
    // 8 WD from Mon 10.02 → Thu 20.02; suspended Thu 13 – Mon 17 (3 WD) → Tue 25.02.
    expect(dueFor(workingDays(8), start, calendar)).toEqual({ kind: 'date', date: '2025-02-20' });
    expect(
      dueFor(workingDays(8), start, calendar, {
        suspensions: [suspension('2025-02-13', '2025-02-17')],
      }),
    ).toEqual({ kind: 'date', date: '2025-02-25' });
  });

  test('a calendar-day term is pushed by the calendar days suspended, then moved off a day off', () => {
    // 10 CD → Thu 20.02; suspended Thu 13 – Mon 17 (5 days) → Tue 25.02.
    expect(
      dueFor(calendarDays(10), start, calendar, {
        suspensions: [suspension('2025-02-13', '2025-02-17')],
      }),
    ).toEqual({ kind: 'date', date: '2025-02-25' });
    // 10 CD + 2 days = Sat 22.02 → Mon 24.02.
    expect(
      dueFor(calendarDays(10), start, calendar, {
        suspensions: [suspension('2025-02-11', '2025-02-12')],
      }),
    ).toEqual({ kind: 'date', date: '2025-02-24' });
  });

  test('overlapping periods are not counted twice', () => {
    const periods = [
      suspension('2025-02-11', '2025-02-13'),
      suspension('2025-02-12', '2025-02-14'),
    ];
    expect(suspendedDays(periods, 'workingDays', calendar)).toBe(4);
    expect(suspendedDays(periods, 'calendarDays', calendar)).toBe(4);
    expect(suspendedDays([suspension('2025-02-14', '2025-02-17')], 'workingDays', calendar)).toBe(
      2,
    );
  });

  test('a suspension needs a reason and a valid period (rejections are values)', () => {
    expect(checkSuspension({ from: '2025-02-11', to: '2025-02-12', reason: '  ' })).toEqual({
      ok: false,
      reason: 'suspension.reasonRequired',
      messageKey: 'calendar:deadlines.suspension.reasonRequired',
    });
    expect(checkSuspension({ from: '2025-02-11', to: '2025-02-12' }).ok).toBe(false);
    expect(checkSuspension({ from: '2025-02-12', to: '2025-02-11', reason: 'x' })).toMatchObject({
      ok: false,
      reason: 'suspension.invalidPeriod',
    });
    expect(checkSuspension({ from: '2025-02-11', to: '2025-02-11', reason: ' court ' })).toEqual({
      ok: true,
      suspension: { from: '2025-02-11', to: '2025-02-11', reason: 'court' },
    });
  });

  test('dueFor throws on an unchecked invalid suspension and on a suspended minute term', () => {
    expect(() =>
      dueFor(workingDays(8), start, calendar, {
        suspensions: [{ from: '2025-02-11', to: '2025-02-12', reason: '' }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      dueFor(minutes(15), start, calendar, {
        suspensions: [suspension('2025-02-11', '2025-02-12')],
      }),
    ).toThrow(RangeError);
  });
});

describe('due points', () => {
  test('a zero-day working term is due on the start date', () => {
    const start = { date: '2025-02-10', at: '2025-02-10T10:00' };
    expect(dueFor(workingDays(0), start, calendar)).toEqual({ kind: 'date', date: '2025-02-10' });
  });

  test('a non-integer or negative amount is a bug', () => {
    const start = { date: '2025-02-10', at: '2025-02-10T10:00' };
    expect(() => dueFor(workingDays(-1), start, calendar)).toThrow(RangeError);
    expect(() => dueFor(minutes(1.5), start, calendar)).toThrow(RangeError);
  });

  test('completionCheck: a date due lasts to the end of the day, a moment due does not', () => {
    expect(completionCheck({ kind: 'date', date: '2025-02-11' }, '2025-02-11T23:59')).toBe(
      'onTime',
    );
    expect(completionCheck({ kind: 'date', date: '2025-02-11' }, '2025-02-12T00:00')).toBe('late');
    expect(completionCheck({ kind: 'dateTime', at: '2025-02-11T10:15' }, '2025-02-11T10:15')).toBe(
      'onTime',
    );
    expect(completionCheck({ kind: 'dateTime', at: '2025-02-11T10:15' }, '2025-02-11T10:16')).toBe(
      'late',
    );
  });

  test('minutesBetween crosses midnight', () => {
    expect(minutesBetween('2025-02-11T23:50', '2025-02-12T00:10')).toBe(20);
    expect(minutesBetween('2025-02-12T00:10', '2025-02-11T23:50')).toBe(-20);
  });
});
