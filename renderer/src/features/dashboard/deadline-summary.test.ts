import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import type { CaseStage } from '../../../../shared/case';
import type { CaseRow } from '../../db';
import { summarizeDeadlines } from './deadline-summary';

const calendar = createWorkingCalendar();
// Wednesday 05.03.2025; Monday 10.03 is a day off (8 March fell on a Saturday).
const now = '2025-03-05T10:00';

let n = 0;
function row(serviceId: string, due: string, stage: CaseStage = 'registered'): CaseRow {
  n += 1;
  const closed = stage === 'issued' || stage === 'withdrawn';
  return {
    id: `c${n}`,
    number: `KZL01-1-${String(n).padStart(4, '0')}/2025`,
    date: '2025-02-03',
    receivedAt: '2025-02-03T10:00',
    serviceId,
    stage,
    iin: '850315400124',
    applicantName: `Өтініш беруші ${n}`,
    nameTokens: [],
    dueDate: due,
    ...(closed ? {} : { openDueDate: due }),
    flagged: false,
    updatedAtMs: n,
  };
}

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
      ['child', 1, 0, 1],
      ['tsa', 1, 1, 1],
    ]);
  });

  test('nothing due: no services, empty figures', () => {
    const summary = summarizeDeadlines([row('tsa', '2025-04-30')], now, calendar);
    expect(summary.services).toEqual([]);
    expect(summary.all).toEqual({ overdue: [], dueToday: [], dueSoon: [] });
  });
});
