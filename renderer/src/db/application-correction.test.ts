import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../shared/case';
import { sampleApplicant, sampleRegistrationDraft } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { queryJournal, type JournalContext } from './journal-queries';
import { nameKeysOf } from './name-index';
import { seedActors } from './testing';

// A correction of the application through the store (the one append path): the journal row, its name
// index and the person a later intake fills in from follow the corrected data; nothing else moves.

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const place = { officeId: 'KZL01', districtId: 'AKK' };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place, deviceId: 'desk-1' };
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };

function act(actor: Actor, legalTime = '2025-03-03T11:00'): ActContext {
  let n = 0;
  return {
    actor,
    legalTime,
    nowMs: Date.UTC(2025, 2, 3, 6, 0),
    newId: () => `${actor.userId}-${++n}-${crypto.randomUUID()}`,
  };
}

const journal: JournalContext = { now: '2025-03-05T10:00', calendar: createWorkingCalendar() };

async function found(database: DeskDatabase, search: string): Promise<string[]> {
  const result = await queryJournal(database, { search }, journal);
  return (await result.window(0, 10)).map((r) => r.id);
}

const renamed: PayloadOf<'ApplicationCorrected'> = {
  reason: 'Тегі жеке куәлікке сәйкес емес',
  applicant: { ...sampleApplicant, lastName: 'Сейтова', phone: '+77017654321' },
};

describe('correcting an application through the store', () => {
  test('the journal row, the name index and the person follow the corrected applicant', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await seedActors(db, specialist, akim);
    const registered = await registerApplication(
      db,
      'case-1',
      sampleRegistrationDraft(),
      { officeCode: 'KZL01', deviceNo: 1 },
      act(specialist, '2025-03-03T10:00'),
    );
    expect(registered.ok).toBe(true);
    expect(await found(db, 'Сейітова')).toEqual(['case-1']);

    // The akim does not correct an application: the store refuses and writes nothing.
    const refused = await appendEvent(
      db,
      { caseId: 'case-1', type: 'ApplicationCorrected', payload: renamed },
      act(akim),
    );
    expect(refused).toEqual({ ok: false, reason: 'case:rejections.roleNotAllowed' });
    expect(await db.outbox.count()).toBe(1);

    const result = await appendEvent(
      db,
      { caseId: 'case-1', type: 'ApplicationCorrected', payload: renamed },
      act(specialist),
    );
    expect(result.ok).toBe(true);
    expect(await db.outbox.count()).toBe(2);

    const row = await db.cases.get('case-1');
    expect(row?.applicantName).toBe('Сейтова Әйгерім Қайратқызы');
    // Found by the corrected name and by the registered one (the name on the talon).
    expect(await found(db, 'Сейтова')).toEqual(['case-1']);
    expect(await found(db, 'Сейітова')).toEqual(['case-1']);
    // No stale key: the name index holds exactly the row's keys.
    const keys = (await db.caseNames.toCollection().primaryKeys()) as string[];
    expect([...keys].sort()).toEqual(row ? [...nameKeysOf(row)].sort() : []);

    expect((await db.people.get(sampleApplicant.iin))?.lastName).toBe('Сейтова');
    expect((await db.people.get(sampleApplicant.iin))?.phone).toBe('+77017654321');

    const state = await loadCase(db, 'case-1');
    expect(state.intake?.applicant.lastName).toBe('Сейітова');
    expect(state.corrections.map((c) => [c.byUserId, c.at])).toEqual([
      ['u-spec', '2025-03-03T11:00'],
    ]);

    // The same correction again changes nothing and is refused.
    expect(
      await appendEvent(
        db,
        { caseId: 'case-1', type: 'ApplicationCorrected', payload: renamed },
        act(specialist),
      ),
    ).toEqual({ ok: false, reason: 'case:rejections.correctionChangesNothing' });
  });
});
