import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { KZ_CALENDAR_DATA } from '../../../shared/calendar';
import { replanProposal } from '../../../shared/intake';
import { loadCase, registerApplication } from './case-store';
import { DeskDatabase } from './database';
import { deskCalendar, installCalendarData } from './desk-calendar';
import { seedActors } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'KZL',
  deviceId: 'desk-1',
};

/** The built-in data with one more day off (a government transfer decree found later). */
const corrected = {
  ...KZ_CALENDAR_DATA,
  version: '2026.12.9',
  governmentTransfers: [
    ...KZ_CALENDAR_DATA.governmentTransfers,
    {
      dayOff: '2026-12-01',
      workingDay: '2026-12-26',
      act: 'test decree',
      status: 'verified' as const,
      source: 'test',
    },
  ],
};

async function registered(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(db, specialist);
  const draft = sampleRegistrationDraft({ receivedAt: '2026-11-23T10:00' });
  const result = await registerApplication(
    db,
    'case-a',
    draft,
    { officeCode: 'KZL01', deviceNo: 1 },
    {
      actor: specialist,
      legalTime: '2026-11-23T10:00',
      nowMs: 1,
      newId: () => crypto.randomUUID(),
    },
  );
  expect(result.ok).toBe(true);
  return db;
}

describe('calendar corrections as data', () => {
  test('a newer correction is installed, the rows rebuilt, and no registered due date moves by itself', async () => {
    const db = await registered();
    expect((await db.cases.get('case-a'))?.due).toBe('2026-12-24');
    const result = await installCalendarData(db, corrected, 2);
    expect(result).toEqual({ ok: true, version: '2026.12.9', rebuiltRows: 1 });
    const calendar = await deskCalendar(db);
    expect(calendar.dataVersion).toBe('2026.12.9');
    expect(calendar.isWorkingDay('2026-12-01')).toBe(false);
    // The talon's date stands until a person re-plans it.
    expect((await db.cases.get('case-a'))?.due).toBe('2026-12-24');
    expect(replanProposal(await loadCase(db, 'case-a'), calendar)).toEqual({
      currentDueDate: '2026-12-24',
      newDueDate: '2026-12-25',
      calendarVersion: '2026.12.9',
    });
  });

  test('data that is not newer, not valid or of an unknown format changes nothing', async () => {
    const db = await registered();
    expect(await installCalendarData(db, KZ_CALENDAR_DATA, 2)).toEqual({
      ok: false,
      reason: 'calendar:dataErrors.notNewer',
    });
    expect(await installCalendarData(db, { ...corrected, coveredYears: 'all' }, 2)).toEqual({
      ok: false,
      reason: 'calendar:dataErrors.invalid',
    });
    expect(await installCalendarData(db, { ...corrected, schema: 'other/v9' }, 2)).toEqual({
      ok: false,
      reason: 'calendar:dataErrors.unknownSchema',
    });
    expect((await deskCalendar(db)).dataVersion).toBe(KZ_CALENDAR_DATA.version);
    expect(await db.settings.get('calendarData')).toBeUndefined();
  });
});
