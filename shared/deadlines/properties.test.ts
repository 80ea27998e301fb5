import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, calendarDays, daysBetween, joinDateTime } from '../time';
import { createStateCorporationCalendar, createWorkingCalendar } from '../calendar';
import { dueFor, dueKey, dueOfKey, isPastDue, overdueFrom, registrationDate } from './index';

// Generated dates stay in 2024-01-01..2027-10-31 and terms are short enough that every result stays
// inside the covered data (a result in 2028 would throw CalendarDataMissingError, by design).
const FIRST = '2024-01-01';
const LAST = '2027-10-31';
const date = fc.integer({ min: 0, max: daysBetween(FIRST, LAST) }).map((i) => addDays(FIRST, i));
const time = fc
  .integer({ min: 0, max: 1439 })
  .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
// n + m ≤ 40 working days from 31.10.2027 still ends in December 2027.
const smallN = fc.integer({ min: 0, max: 20 });
const RUNS = { numRuns: 200 };

const calendars = [
  ['five-day', createWorkingCalendar()],
  ['six-day (State Corporation)', createStateCorporationCalendar()],
] as const;

describe.each(calendars)('calendar properties: %s', (_label, calendar) => {
  test('addWorkingDays(addWorkingDays(d, n), m) = addWorkingDays(d, n + m)', () => {
    fc.assert(
      fc.property(date, smallN, smallN, (d, n, m) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, n), m)).toBe(
          calendar.addWorkingDays(d, n + m),
        );
      }),
      RUNS,
    );
  });

  test('addWorkingDays(d, n ≥ 1) is a working day after d, n working days away', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 25 }), (d, n) => {
        const result = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > d).toBe(true);
        expect(calendar.workingDaysBetween(d, result)).toBe(n);
      }),
      RUNS,
    );
  });

  test('a calendar-day term never ends on a day off, nor before its nominal end', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 45 }), (d, n) => {
        const due = dueFor(calendarDays(n), { date: d, at: joinDateTime(d, '10:00') }, calendar);
        if (due.kind !== 'date') throw new Error('calendar-day terms are due on a date');
        expect(calendar.isWorkingDay(due.date)).toBe(true);
        expect(due.date >= addDays(d, n)).toBe(true);
      }),
      RUNS,
    );
  });

  test('the registration date is a working day on or after the receipt date', () => {
    fc.assert(
      fc.property(date, time, (d, t) => {
        const registered = registrationDate(joinDateTime(d, t), calendar);
        expect(calendar.isWorkingDay(registered)).toBe(true);
        expect(registered >= d).toBe(true);
        // Registered on the day of receipt exactly when that day is a working day within hours.
        const inHours = t >= '09:00' && t < '18:00';
        expect(registered === d).toBe(calendar.isWorkingDay(d) && inHours);
      }),
      RUNS,
    );
  });
});

describe('overdueFrom', () => {
  test('isPastDue(due, now) holds exactly when overdueFrom(due) ≤ now, for dates and moments', () => {
    const due = fc.oneof(
      date.map((d) => ({ kind: 'date' as const, date: d })),
      fc.tuple(date, time).map(([d, t]) => ({ kind: 'dateTime' as const, at: joinDateTime(d, t) })),
    );
    const now = fc.tuple(date, time).map(([d, t]) => joinDateTime(d, t));
    fc.assert(
      fc.property(due, now, (d, n) => {
        expect(overdueFrom(d) <= n).toBe(isPastDue(d, n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('due keys (the one-string form stores keep)', () => {
  const due = fc.oneof(
    date.map((d) => ({ kind: 'date' as const, date: d })),
    fc.tuple(date, time).map(([d, t]) => ({ kind: 'dateTime' as const, at: joinDateTime(d, t) })),
  );

  test('dueOfKey(dueKey(d)) = d', () => {
    fc.assert(
      fc.property(due, (d) => {
        expect(dueOfKey(dueKey(d))).toEqual(d);
      }),
      RUNS,
    );
  });

  test('keys order as overdueFrom does, but for a day against a moment of that same day', () => {
    fc.assert(
      fc.property(due, due, (a, b) => {
        fc.pre(!(a.kind !== b.kind && dueKey(a).slice(0, 10) === dueKey(b).slice(0, 10)));
        const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
        expect(order(dueKey(a), dueKey(b))).toBe(order(overdueFrom(a), overdueFrom(b)));
      }),
      RUNS,
    );
  });
});
