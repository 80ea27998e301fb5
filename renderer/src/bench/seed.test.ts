import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { foldCase, TERMINAL_STAGES } from '../../../shared/case';
import { createWorkingCalendar } from '../../../shared/calendar';
import { validateIin } from '../../../shared/identity';
import { DeskDatabase, queryJournal } from '../db';
import { checkSeededCase, createSeedContext, seedCase, makePerson, seedDatabase } from './seed';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const calendar = createWorkingCalendar();

describe('bench seed', () => {
  test('cases are valid events the fold applies, with valid IINs, dated before today', () => {
    const ctx = createSeedContext(calendar, '2026-11-23', 7);
    const stages = new Set<string>();
    for (let i = 1; i <= 600; i++) {
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
  });

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
  });
});
