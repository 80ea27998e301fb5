import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import { samplePath, type SampleStep } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { DeskDatabase } from './database';
import { saveOfficeProfile } from './office-repository';
import { applyPulledPage } from './sync-commands';
import { loadToday } from './today-queries';

// Issue 9 §8: the district head's signed result arrives at the akimat by sync; the akimat's specialist
// takes it back and tells the applicant, counted from the hub's receipt of the result.

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const calendar = createWorkingCalendar();

// The sample path runs on Monday 03.03.2025 from 09:00: the head signs at 09:07.
const TO_SIGNED: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
  ['IncomeComputed', 'districtSpecialist'],
  ['DecisionMade', 'districtSpecialist', 0],
  ['ResultSigned', 'districtHead'],
  ['ReturnedToAkimat', 'specialist'],
  ['ApplicantNotifiedResultReady', 'specialist'],
];
const path = samplePath(TO_SIGNED);
const upTo = (type: CaseEvent['type']) => path.slice(0, path.findIndex((e) => e.type === type) + 1);
const ms = (at: string) => Date.parse(`${at}:00+05:00`);

/** An akimat's desk that pulled `events`, the last of them received by the hub at `receivedAt`. */
async function pulled(events: readonly CaseEvent[], receivedAt: string): Promise<DeskDatabase> {
  db ??= new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(db, sampleOfficeProfile());
  const page = events.map((event, i) => ({
    stream: 'case' as const,
    event,
    receivedAtMs: i === events.length - 1 ? ms(receivedAt) : ms(event.legalTime),
  }));
  expect(await applyPulledPage(db, { events: page, cursor: '1.1' }, ms(receivedAt))).toMatchObject({
    invalid: [],
  });
  return db;
}

const resultItems = async (database: DeskDatabase, now: string, role = 'specialist' as const) =>
  (await loadToday(database, now, role, calendar))
    .filter((e) => e.item.stepId === 'result-arrived')
    .map((e) => [e.item.status, e.item.due]);

describe('the signed result that arrived by sync, on the akimat specialist’s today list', () => {
  test('counted from the hub’s receipt, not from the signing: due the day it arrived', async () => {
    // Signed on Monday, received by the hub on Friday 07.03 at 17:30, within working hours.
    const database = await pulled(upTo('ResultSigned'), '2025-03-07T17:30');
    const due = { kind: 'date', date: '2025-03-07' };
    // Before it arrived nothing is due; the day it arrived it is due today, late after.
    expect(await resultItems(database, '2025-03-06T10:00')).toEqual([]);
    expect(await resultItems(database, '2025-03-07T17:45')).toEqual([['dueToday', due]]);
    const next = calendar.nextWorkingDay('2025-03-07');
    expect(await resultItems(database, `${next}T09:00`)).toEqual([['overdue', due]]);
    // The akim records none of it; the district's people do not see it on their list.
    expect(await resultItems(database, '2025-03-07T17:45', 'akim' as 'specialist')).toEqual([]);
  });

  test('arrived after working hours: due the next working day', async () => {
    const database = await pulled(upTo('ResultSigned'), '2025-03-07T19:10');
    const next = calendar.nextWorkingDay('2025-03-07');
    expect(await resultItems(database, '2025-03-07T19:30')).toEqual([]);
    expect(await resultItems(database, `${next}T10:00`)).toEqual([
      ['dueToday', { kind: 'date', date: next }],
    ]);
  });

  test('taken back it stays until the applicant is told; then it leaves the list', async () => {
    const database = await pulled(upTo('ResultSigned'), '2025-03-07T10:00');
    // Later pages bring only what is new (the hub's receipt of an event never changes).
    await pulled(upTo('ReturnedToAkimat').slice(-1), '2025-03-07T10:30');
    expect(await resultItems(database, '2025-03-07T11:00')).toEqual([
      ['dueToday', { kind: 'date', date: '2025-03-07' }],
    ]);
    // The case is listed once, with the arrived result as its item.
    expect((await loadToday(database, '2025-03-07T11:00', 'specialist', calendar)).length).toBe(1);
    await pulled(upTo('ApplicantNotifiedResultReady').slice(-1), '2025-03-07T11:30');
    expect(await resultItems(database, '2025-03-07T12:00')).toEqual([]);
  });
});
