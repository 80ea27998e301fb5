import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { foldCase, TERMINAL_STAGES } from '../../../shared/case';
import { createWorkingCalendar } from '../../../shared/calendar';
import { validateIin } from '../../../shared/identity';
import { monthlyReport, previousMonth } from '../../../shared/reports';
import { DeskDatabase, journalOfficeTallies, queryJournal } from '../db';
import {
  checkSeededCase,
  createSeedContext,
  seedCase,
  makePerson,
  seedDatabase,
  OFFICE_ID,
  OKRUGS,
} from './seed';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const calendar = createWorkingCalendar();

describe('bench seed', () => {
  test('cases are valid events the fold applies, with valid IINs, dated before today', () => {
    const ctx = createSeedContext(calendar, '2026-11-23', 7);
    const stages = new Set<string>();
    for (let i = 1; i <= 1500; i++) {
      const person = makePerson(ctx.random);
      expect(validateIin(person.iin).ok).toBe(true);
      const seeded = seedCase(ctx, person, i);
      checkSeededCase(seeded);
      expect(seeded.row.date < '2026-11-23').toBe(true);
      expect(seeded.row.date >= '2024-01-03').toBe(true);
      expect(foldCase(seeded.events).stage).toBe(seeded.row.stage);
      stages.add(seeded.row.stage);
    }
    // Old cases are mostly issued; recent ones are at every step.
    expect([...stages].sort()).toEqual(
      expect.arrayContaining(['issued', 'returned', 'forwarded', 'resolutionImposed']),
    );
  }, 30_000);

  test('writes cases, events, people and counters that the journal reads', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const ctx = createSeedContext(calendar, '2026-11-23', 11);
    const result = await seedDatabase(db, ctx, 500, () => {}, 120);
    expect(await db.cases.count()).toBe(500);
    expect(await db.events.count()).toBe(result.events);
    expect(result.events).toBeGreaterThan(1000);
    const open = await db.cases.filter((r) => !TERMINAL_STAGES.includes(r.stage)).count();
    expect(open).toBe(result.openCases);
    const journal = await queryJournal(db, {}, { now: `${ctx.today}T08:30`, calendar });
    expect(journal.total).toBe(500);
    const [iin] = result.iins;
    const found = await queryJournal(db, { search: iin }, { now: `${ctx.today}T08:30`, calendar });
    expect(found.total).toBeGreaterThan(0);
    const counter = await db.counters.get('registration:2026');
    expect(counter?.value).toBeGreaterThan(0);
    // Only the own office's numbers are counted on this desk.
    const own = await db.cases.where('officeId').equals(OFFICE_ID).toArray();
    const ownNumbers = own.filter((r) => r.number.endsWith('/2026') && r.number.includes('-1-'));
    expect(counter?.value).toBe(ownNumbers.length);
    // The district's view: every okrug has cases, each with open ones.
    const tallies = await journalOfficeTallies(db, { now: `${ctx.today}T08:30`, calendar });
    expect(tallies.map((t) => t.officeId)).toEqual(OKRUGS.map((o) => o.officeId));
    expect(tallies.reduce((sum, t) => sum + t.outstanding, 0)).toBe(result.openCases);
    // Each figure is the count of the journal's list it opens, on either of the journal's paths.
    for (const rowsAtOnceLimit of [3000, 3]) {
      const context = { now: `${ctx.today}T08:30`, calendar, rowsAtOnceLimit };
      for (const tally of tallies) {
        const [open, late] = await Promise.all([
          queryJournal(db, { officeId: tally.officeId, stage: 'open' }, context),
          queryJournal(db, { officeId: tally.officeId, deadline: 'overdue' }, context),
        ]);
        expect([open.total, late.total]).toEqual([tally.outstanding, tally.overdue]);
      }
    }
  }, 30_000);

  test('okrugs take their shares, and the month before today has results granted and refused', () => {
    const ctx = createSeedContext(calendar, '2026-11-23', 5);
    const seeded = Array.from({ length: 4000 }, (_, i) => seedCase(ctx, makePerson(ctx.random), i));
    const offices = new Map<string, number>();
    for (const s of seeded)
      offices.set(s.row.officeId ?? '', (offices.get(s.row.officeId ?? '') ?? 0) + 1);
    for (const okrug of OKRUGS) {
      const count = offices.get(okrug.officeId) ?? 0;
      expect(Math.abs(count / seeded.length - okrug.share)).toBeLessThan(0.02);
    }
    // Every case's numbers are its own okrug's.
    for (const s of seeded) {
      const code = OKRUGS.find((o) => o.officeId === s.row.officeId)?.officeCode;
      expect(s.row.number.startsWith(`${code}-`)).toBe(true);
    }
    const month = previousMonth(ctx.today);
    const report = monthlyReport(
      seeded.map((s) => foldCase(s.events)),
      month,
      calendar,
      { officeId: null },
    );
    expect(report.total.received).toBeGreaterThan(0);
    expect(report.total.granted).toBeGreaterThan(0);
    expect(report.total.refused).toBeGreaterThan(0);
    expect(report.offices.map((o) => o.officeId)).toEqual(OKRUGS.map((o) => o.officeId));
  }, 30_000);
});
