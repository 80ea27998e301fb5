// The monthly report (issue 9 §11) against a fixture counted by hand: every expected number below was
// counted from the notes in ./testing.ts, never computed by the code under test.
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import {
  monthDays,
  monthlyReport,
  previousMonth,
  roundToTenth,
  shiftMonth,
  type MonthlyFigures,
} from '.';
import {
  CERTIFICATE,
  DISTRICT_OFFICE,
  FIXTURE_MONTH,
  OKRUG_A,
  OKRUG_B,
  PROACTIVE,
  TSA,
  monthlyFixtureLogs,
  monthlyFixtureStates,
} from './testing';

const calendar = createWorkingCalendar();

/** Figures as counted by hand; daysSum/daysCounted are the sum and count behind the average. */
function figures(
  received: number,
  decided: number,
  granted: number,
  refused: number,
  onTime: number,
  late: number,
  days: readonly number[],
  averageDays: number | null,
): MonthlyFigures {
  return {
    received,
    decided,
    granted,
    refused,
    onTime,
    late,
    averageDays,
    daysSum: days.reduce((a, b) => a + b, 0),
    daysCounted: days.length,
  };
}

describe('monthly report, November 2026, hand-counted fixture', () => {
  const states = monthlyFixtureStates();

  test('the fixture folds without a conflict (every case is what its note says)', () => {
    expect(monthlyFixtureLogs()).toHaveLength(15);
    for (const s of states) expect(s.conflicts).toEqual([]);
    expect(states.map((s) => s.stage)).toEqual([
      'decided',
      'decided',
      'registered',
      'withdrawn',
      'returned',
      'decided',
      'returned',
      'returned',
      'decided',
      'signed',
      'signed',
      'signed',
      'notAccepted',
      'decided',
      'decided',
    ]);
  });

  const report = monthlyReport(states, FIXTURE_MONTH, calendar);

  test('rows per service and okrug', () => {
    expect(report.rows).toEqual([
      // R-CERT-1 (002:10): due 15 minutes after handing in; c10 (0 days, on time), c11 (0 days, late)
      { serviceId: CERTIFICATE, officeId: OKRUG_A, figures: figures(2, 2, 2, 0, 1, 1, [0, 0], 0) },
      // c12, "does not belong" is still the service rendered
      { serviceId: CERTIFICATE, officeId: OKRUG_B, figures: figures(1, 1, 1, 0, 1, 0, [0], 0) },
      // c15, proactive (R-PRO-1, 003:30): received by its opening day, no due date (neither on time
      // nor late), 5 days from opening to the grant
      {
        serviceId: PROACTIVE,
        officeId: DISTRICT_OFFICE,
        figures: figures(1, 1, 1, 0, 0, 0, [5], 5),
      },
      // received c01 c03 c04 c05 c06 (not c02: registered 30.10); decided c01 c02 c05 (not c06: 01.12)
      {
        serviceId: TSA,
        officeId: OKRUG_A,
        figures: figures(5, 3, 2, 1, 2, 1, [14, 19, 22], 18.3),
      },
      // received c07 c14 (not c13: refused at intake, R-REG-6, 003:27; not c08, c09); decided c07 c08 c14
      {
        serviceId: TSA,
        officeId: OKRUG_B,
        figures: figures(2, 3, 2, 1, 1, 2, [15, 34, 22], 23.7),
      },
    ]);
  });

  test('totals per service, per okrug and in all', () => {
    expect(report.services).toEqual([
      { serviceId: CERTIFICATE, figures: figures(3, 3, 3, 0, 2, 1, [0, 0, 0], 0) },
      { serviceId: PROACTIVE, figures: figures(1, 1, 1, 0, 0, 0, [5], 5) },
      { serviceId: TSA, figures: figures(7, 6, 4, 2, 3, 3, [14, 19, 22, 15, 34, 22], 21) },
    ]);
    expect(report.offices).toEqual([
      // the district's own office: the proactive case c15
      { officeId: DISTRICT_OFFICE, figures: figures(1, 1, 1, 0, 0, 0, [5], 5) },
      // 55 days over 5 decided cases
      { officeId: OKRUG_A, figures: figures(7, 5, 4, 1, 3, 2, [0, 0, 14, 19, 22], 11) },
      // 71 / 4 = 17.75: a half rounds up
      { officeId: OKRUG_B, figures: figures(3, 4, 3, 1, 2, 2, [0, 15, 34, 22], 17.8) },
    ]);
    // 131 days over 10 decided cases; c15 is decided, neither on time nor late: 5 + 4 < 10
    expect(report.total).toEqual(
      figures(11, 10, 8, 2, 5, 4, [0, 0, 5, 14, 19, 22, 0, 15, 34, 22], 13.1),
    );
  });

  test('the same report for one akimat on its own desk: only its okrug', () => {
    const own = monthlyReport(states, FIXTURE_MONTH, calendar, { officeId: OKRUG_B });
    expect(own.officeId).toBe(OKRUG_B);
    expect(own.rows.map((r) => [r.serviceId, r.officeId])).toEqual([
      [CERTIFICATE, OKRUG_B],
      [TSA, OKRUG_B],
    ]);
    expect(own.total).toEqual(figures(3, 4, 3, 1, 2, 2, [0, 15, 34, 22], 17.8));
  });

  test('month edges: October and December take what November left', () => {
    const october = monthlyReport(states, '2026-10', calendar);
    // received c02 (30.10), c09 (20.10); decided c09 (30.10)
    expect(october.total).toEqual(figures(2, 1, 1, 0, 1, 0, [10], 10));
    const december = monthlyReport(states, '2026-12', calendar);
    // decided c06 (01.12, due 01.12: on time; 19 days from 12.11)
    expect(december.total).toEqual(figures(0, 1, 1, 0, 1, 0, [19], 19));
    // c08 was received in September
    expect(monthlyReport(states, '2026-09', calendar).total).toEqual(
      figures(1, 0, 0, 0, 0, 0, [], null),
    );
  });

  test('a late result is late by the due date in force, not the talon’s (R-ROUTE-4 extension, 000:50)', () => {
    // c14: talon 13.11, extended to 27.11, granted 25.11 → on time; c07: due 16.11, result 17.11 → late.
    const c14 = states[13];
    const c07 = states[6];
    if (!c14 || !c07) throw new Error('fixture');
    const one = (s: typeof c14) => monthlyReport([s], FIXTURE_MONTH, calendar).total;
    expect([one(c14).onTime, one(c14).late]).toEqual([1, 0]);
    expect([one(c07).onTime, one(c07).late]).toEqual([0, 1]);
  });

  test('an empty month has no rows and no average', () => {
    const empty = monthlyReport(states, '2026-06', calendar);
    expect(empty.rows).toEqual([]);
    expect(empty.total.averageDays).toBeNull();
  });
});

describe('months', () => {
  test('days, shifts across years, the previous month', () => {
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDays('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(previousMonth('2026-12-06')).toBe('2026-11');
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(() => monthDays('2026-13')).toThrow(RangeError);
  });

  test('rounding to one decimal', () => {
    expect(roundToTenth(55 / 3)).toBe(18.3);
    expect(roundToTenth(71 / 3)).toBe(23.7);
    expect(roundToTenth(17.75)).toBe(17.8);
    expect(roundToTenth(1.05)).toBe(1.1);
    expect(roundToTenth(0)).toBe(0);
  });
});
