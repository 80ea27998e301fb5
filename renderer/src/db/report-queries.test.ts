import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { CaseEvent } from '../../../shared/case';
import { monthlyReport } from '../../../shared/reports';
import {
  DISTRICT_OFFICE,
  FIXTURE_MONTH,
  OKRUG_A,
  OKRUG_B,
  monthlyFixtureLogs,
  monthlyFixtureStates,
} from '../../../shared/reports/testing';
import { importCaseEvents } from './case-store';
import { DeskDatabase } from './database';
import { journalOfficeIds } from './journal-queries';
import { loadMonthlyReport, monthCaseStates, reportSinceMs } from './report-queries';

const calendar = createWorkingCalendar();
let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** The desk's clock (Almaty, UTC+5) at a legal moment. */
const msAt = (legalTime: string): number => Date.parse(`${legalTime}:00+05:00`);

/** Stores each log as a desk that got its events one by one: each write at its event's moment. */
async function deskWith(logs: readonly (readonly CaseEvent[])[]): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  db = d;
  for (const events of logs) {
    for (const e of events) {
      const result = await importCaseEvents(d, [e], msAt(e.legalTime));
      expect(result.invalid).toEqual([]);
    }
  }
  return d;
}

describe('monthly report on the desk (fake IndexedDB)', () => {
  test('reads the fixture back into the same, hand-counted report', async () => {
    const d = await deskWith(monthlyFixtureLogs().map((c) => c.events));
    const report = await loadMonthlyReport(d, FIXTURE_MONTH, calendar);
    expect(report).toEqual(monthlyReport(monthlyFixtureStates(), FIXTURE_MONTH, calendar));
    // Counted by hand in shared/reports/monthly.test.ts.
    expect(report.total).toMatchObject({
      received: 11,
      decided: 10,
      granted: 8,
      refused: 2,
      onTime: 5,
      late: 4,
      averageDays: 13.1,
    });
    const own = await loadMonthlyReport(d, FIXTURE_MONTH, calendar, OKRUG_B);
    expect(own.rows.every((r) => r.officeId === OKRUG_B)).toBe(true);
    expect(own.total).toMatchObject({ received: 3, decided: 4, averageDays: 17.8 });
    expect(own).toEqual(
      monthlyReport(monthlyFixtureStates(), FIXTURE_MONTH, calendar, { officeId: OKRUG_B }),
    );
    // Only the okrug's logs are read and folded for it: its rows, the others' left unread.
    const every = await monthCaseStates(d, FIXTURE_MONTH);
    const okrugs = await monthCaseStates(d, FIXTURE_MONTH, OKRUG_B);
    expect(okrugs.map((c) => c.caseId).sort()).toEqual(
      every
        .filter((c) => c.officeId === OKRUG_B)
        .map((c) => c.caseId)
        .sort(),
    );
    expect(okrugs.length).toBeGreaterThan(0);
    expect(okrugs.length).toBeLessThan(every.length);
    // The okrug filter's list (the journal's).
    expect(await journalOfficeIds(d)).toEqual([DISTRICT_OFFICE, OKRUG_A, OKRUG_B]);
  });

  test('folds only the cases that can count: not those last written long before, nor later ones', async () => {
    const d = await deskWith(monthlyFixtureLogs().map((c) => c.events));
    const ids = async (month: string) =>
      (await monthCaseStates(d, month)).map((s) => s.caseId).sort();
    // October: the rows dated up to 31.10 (c13, refused at intake, is never read); not c15, the
    // proactive case, whose row is dated by its opening on 05.11 (R-PRO-1).
    expect(await ids('2026-10')).toEqual(['c02', 'c08', 'c09']);
    expect(await ids('2026-11')).toContain('c15');
    // December: rows last written before 17.11 (01.12 less 14 days) are left unread: c01 (16.11),
    // c04 (12.11), c08 (03.11), c09 (30.10), c15 (10.11). c07's paper result was typed in on 17.11.
    expect(reportSinceMs('2026-12')).toBe(Date.UTC(2026, 10, 17));
    expect(await ids('2026-12')).toEqual([
      'c02',
      'c03',
      'c05',
      'c06',
      'c07',
      'c10',
      'c11',
      'c12',
      'c14',
    ]);
    // ...and the report is the one over every case.
    expect(await loadMonthlyReport(d, '2026-12', calendar)).toEqual(
      monthlyReport(monthlyFixtureStates(), '2026-12', calendar),
    );
    expect(await monthCaseStates(d, '2027-03')).toEqual([]);
  });
});
