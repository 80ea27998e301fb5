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
    const rows = [
      row('tsa', '2025-03-11'), // c1: 3rd working day after today (10.03 is off) → soon
      row('tsa', '2025-03-03'), // c2: overdue
      row('tsa', '2025-03-05'), // c3: today
      row('child', '2025-03-04'), // c4: overdue
      row('child', '2025-03-12'), // c5: 4 working days → on time, not shown
      row('child', '2025-03-01', 'issued'), // c6: closed → never overdue
      row('child', '2025-03-06', 'atDistrict'), // c7: soon
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
      ['child-benefit-under-18', 1, 0, 1],
      ['targeted-social-assistance', 1, 1, 1],
    ]);
  });

  test('nothing due: no services, empty figures', () => {
    const summary = summarizeDeadlines([row('tsa', '2025-04-30')], now, calendar);
    expect(summary.services).toEqual([]);
    expect(summary.all).toEqual({ overdue: [], dueToday: [], dueSoon: [], suspended: [] });
  });

  test('a suspended case is counted as suspended, never as overdue', () => {
    n += 1;
    const suspended = sampleJournalRow(
      { id: 'fuel-s', serviceId: SERVICE['fuel'], dueDate: '2025-03-03', suspended: true },
      calendar,
    );
    const summary = summarizeDeadlines([suspended, row('tsa', '2025-03-03')], now, calendar);
    expect(ids(summary.all.suspended)).toEqual(['fuel-s']);
    expect(ids(summary.all.overdue)).toEqual([`c${n}`]);
  });
});
