import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import type { CaseStage } from '../../../../shared/case';
import { sampleJournalRow } from '../../../../shared/journal/testing';
import type { CaseRow } from '../../db';
import { summarizeDeadlines } from './deadline-summary';

const calendar = createWorkingCalendar();
// Wednesday 05.03.2025; Monday 10.03 is a day off (8 March fell on a Saturday).
const now = '2025-03-05T10:00';

let n = 0;
/** A row made as the desk makes it (events folded and projected). */
function row(serviceId: string, due: string, stage: CaseStage = 'registered'): CaseRow {
  n += 1;
  return sampleJournalRow(
    {
      id: `c${n}`,
      serviceId: SERVICE[serviceId] ?? serviceId,
      dueDate: due,
      date: '2025-02-03',
      number: `KZL01-1-${String(n).padStart(4, '0')}/2025`,
      stage,
    },
    calendar,
  );
}

const SERVICE: Record<string, string> = {
  tsa: 'targeted-social-assistance',
  child: 'child-benefit-under-18',
  fuel: 'fuel-aid-rural-social-specialists',
};

const ids = (rows: readonly CaseRow[]) => rows.map((r) => r.id);

describe('deadline summary', () => {
  test('R-CAL-1: overdue, due today and due within 3 working days, per service and in total', () => {
    // Child benefit and fuel aid time no step of the akimat: their figures are the whole term's.
    const rows = [
      row('fuel', '2025-03-11'), // c1: 3rd working day after today (10.03 is off) → soon
      row('fuel', '2025-03-03'), // c2: overdue
      row('fuel', '2025-03-05'), // c3: today
      row('child', '2025-03-04'), // c4: overdue
      row('child', '2025-03-12'), // c5: 4 working days → on time, not shown
      row('child', '2025-03-01', 'issued'), // c6: closed → never overdue
      row('fuel', '2025-03-06', 'forwarded'), // c7: soon (at the district, not late)
    ];
    const summary = summarizeDeadlines(rows, now, calendar);
    expect(ids(summary.all.overdue)).toEqual(['c2', 'c4']);
    expect(ids(summary.all.dueToday)).toEqual(['c3']);
    expect(ids(summary.all.dueSoon)).toEqual(['c7', 'c1']);
    expect(
      summary.services.map((s) => [
        s.serviceId,
        s.cases.overdue.length,
        s.cases.dueToday.length,
        s.cases.dueSoon.length,
      ]),
    ).toEqual([
      ['child-benefit-under-18', 1, 0, 0],
      ['fuel-aid-rural-social-specialists', 1, 1, 2],
    ]);
  });

  test('nothing due: no services, empty figures', () => {
    const summary = summarizeDeadlines([row('fuel', '2025-04-30')], now, calendar);
    expect(summary.services).toEqual([]);
    expect(summary.all).toEqual({
      overdue: [],
      overdueElsewhere: [],
      dueToday: [],
      dueSoon: [],
      suspended: [],
    });
  });

  test('a late step is overdue though the whole term is not: the akim’s resolution (001:11141)', () => {
    // Registered 03.02 at 10:00, due 30.04: the 30 minutes for the resolution ran out long ago.
    const waiting = row('tsa', '2025-04-30');
    expect(waiting.stepId).toBe('resolution');
    const summary = summarizeDeadlines([waiting], now, calendar);
    expect(ids(summary.all.overdue)).toEqual([waiting.id]);
  });

  test('what is late at the district is the district’s: never among the akimat’s overdue', () => {
    // Child benefit at the district: its 60 minutes to form the case (001:7174) ran out, and the
    // whole term too; an akimat desk counts it as the district's, a district desk as its own.
    const atDistrict = row('child', '2025-03-04', 'atDistrict');
    const akimat = summarizeDeadlines([atDistrict], now, calendar, 'akimat');
    expect(ids(akimat.all.overdue)).toEqual([]);
    expect(ids(akimat.all.overdueElsewhere)).toEqual([atDistrict.id]);
    const district = summarizeDeadlines([atDistrict], now, calendar, 'district');
    expect(ids(district.all.overdue)).toEqual([atDistrict.id]);
  });

  test('a case read from two index ranges is counted once', () => {
    const late = row('fuel', '2025-03-03');
    expect(summarizeDeadlines([late, late], now, calendar).all.overdue).toHaveLength(1);
  });

  test('a suspended case is counted as suspended, never as overdue', () => {
    n += 1;
    const suspended = sampleJournalRow(
      { id: 'fuel-s', serviceId: SERVICE['fuel'], dueDate: '2025-03-03', suspended: true },
      calendar,
    );
    const summary = summarizeDeadlines([suspended, row('fuel', '2025-03-03')], now, calendar);
    expect(ids(summary.all.suspended)).toEqual(['fuel-s']);
    expect(ids(summary.all.overdue)).toEqual([`c${n}`]);
  });

  test("the district's okrug filter: only the cases the chosen office opened", () => {
    const kzl = { ...row('tsa', '2025-03-04'), officeId: 'office-kzl01' };
    const zhn = { ...row('tsa', '2025-03-04'), officeId: 'office-zhn02' };
    const both = summarizeDeadlines([kzl, zhn], now, calendar, 'district');
    const one = summarizeDeadlines([kzl, zhn], now, calendar, 'district', 'office-zhn02');
    const count = (s: typeof both) => Object.values(s.all).reduce((n, list) => n + list.length, 0);
    expect(count(both)).toBe(2);
    expect(count(one)).toBe(1);
    expect(
      Object.values(one.all)
        .flat()
        .map((r) => r.id),
    ).toEqual([zhn.id]);
  });
});
