import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import {
  foldOfficeSettings,
  officeSettingsChangedSchema,
  officeSettingsOf,
} from '../../../shared/office';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { DeskDatabase } from './database';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';
import { changeOfficeSettings, officeSettingsHistory } from './office-settings-commands';
import { userRowFor } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const office = sampleOfficeProfile({ deviceNo: 3 });
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place };
const admin: Actor = { userId: 'u-admin', role: 'admin', ...place };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
const NOW = Date.UTC(2026, 2, 3, 5, 0);

async function officeDb(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(db, office);
  await db.users.bulkAdd([
    userRowFor(akim, 'Серікова Айгүл'),
    userRowFor(admin, 'Жұмабаев Ержан'),
    userRowFor(specialist, 'Омарова Дана'),
  ]);
  return db;
}

const initial = officeSettingsOf(office);

describe('changeOfficeSettings (issue 10 §6)', () => {
  test('the akim changes hours and the idle lock: one event with who, when, before and after; the profile follows', async () => {
    const d = await officeDb();
    const next = {
      ...initial,
      workingHours: { opensAt: '08:30', lunchFrom: '13:00', lunchTo: '14:00', closesAt: '17:30' },
      intakeHours: { opensAt: '09:00', lunchFrom: '12:30', lunchTo: '14:30', closesAt: '17:00' },
      lockAfterMinutes: 15,
    };
    const result = await changeOfficeSettings(d, akim.userId, next, NOW, () => 'e-1');
    expect(result).toEqual({ ok: true, changed: true, profile: { ...office, ...next } });
    expect(await loadOfficeProfile(d)).toEqual({ ...office, ...next });

    const events = await d.officeEvents.toArray();
    expect(events).toHaveLength(1);
    const event = officeSettingsChangedSchema.parse(events[0]);
    expect(event).toMatchObject({
      id: 'e-1',
      type: 'OfficeSettingsChanged',
      officeId: office.officeId,
      actor: { userId: 'u-akim', role: 'akim', officeId: office.officeId },
      // 05:00 UTC is 10:00 at the office (UTC+5).
      legalTime: '2026-03-03T10:00',
      payload: {
        before: {
          workingHours: office.workingHours,
          intakeHours: office.intakeHours,
          lockAfterMinutes: office.lockAfterMinutes,
        },
        after: {
          workingHours: next.workingHours,
          intakeHours: next.intakeHours,
          lockAfterMinutes: 15,
        },
      },
    });
    // The profile is the log's projection.
    const saved = await loadOfficeProfile(d);
    expect(saved && foldOfficeSettings(initial, events)).toEqual(saved && officeSettingsOf(saved));
  });

  test('the laptop number, office code and district never change here', async () => {
    const d = await officeDb();
    await changeOfficeSettings(d, admin.userId, { ...initial, nameRu: 'Аппарат акима' }, NOW);
    const profile = await loadOfficeProfile(d);
    expect(profile).toMatchObject({
      deviceNo: 3,
      code: office.code,
      districtId: office.districtId,
    });
  });

  test('intake hours outside working hours are refused on the intake field and nothing is written (R-CAL-2)', async () => {
    const d = await officeDb();
    const result = await changeOfficeSettings(
      d,
      akim.userId,
      {
        ...initial,
        intakeHours: { opensAt: '09:00', lunchFrom: '13:00', lunchTo: '14:30', closesAt: '18:30' },
      },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'office:errors.intakeAfterClosing',
      field: 'intakeHours',
    });
    expect(await d.officeEvents.count()).toBe(0);
    expect(await loadOfficeProfile(d)).toEqual(office);
  });

  test('a specialist, or a deactivated akim, may not change the settings', async () => {
    const d = await officeDb();
    const next = { ...initial, lockAfterMinutes: 30 };
    expect(await changeOfficeSettings(d, specialist.userId, next, NOW)).toEqual({
      ok: false,
      reason: 'office:settings.notAllowed',
    });
    await d.users.update(akim.userId, { active: false });
    expect(await changeOfficeSettings(d, akim.userId, next, NOW)).toEqual({
      ok: false,
      reason: 'office:settings.notAllowed',
    });
    expect(await d.officeEvents.count()).toBe(0);
  });

  test('saving the same settings again records nothing', async () => {
    const d = await officeDb();
    const result = await changeOfficeSettings(d, akim.userId, { ...initial }, NOW);
    expect(result).toEqual({ ok: true, changed: false, profile: office });
    expect(await d.officeEvents.count()).toBe(0);
  });

  test('the history lists every change newest first, with the person and the time', async () => {
    const d = await officeDb();
    const a = { ...initial, lockAfterMinutes: 20 };
    const b = { ...a, address: 'Қызылсай ауылы, Абай көшесі, 5' };
    await changeOfficeSettings(d, akim.userId, a, NOW, () => 'e-1');
    await changeOfficeSettings(d, admin.userId, b, NOW + 60 * 60_000, () => 'e-2');
    expect(await officeSettingsHistory(d, office.officeId)).toEqual([
      {
        id: 'e-2',
        at: '2026-03-03T11:00',
        by: 'Жұмабаев Ержан',
        role: 'admin',
        before: { address: office.address },
        after: { address: b.address },
      },
      {
        id: 'e-1',
        at: '2026-03-03T10:00',
        by: 'Серікова Айгүл',
        role: 'akim',
        before: { lockAfterMinutes: 10 },
        after: { lockAfterMinutes: 20 },
      },
    ]);
  });
});
