import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatStamp } from '../clock/hlc';
import { EVENT_SCHEMA_VERSION } from '../events/envelope';
import { DEFAULT_INTAKE_HOURS, DEFAULT_WORKING_HOURS } from './office-profile';
import {
  foldOfficeSettings,
  intakeHoursProblem,
  officeSettingsChangedSchema,
  officeSettingsOf,
  officeSettingsSchema,
  settingsChanges,
  withOfficeSettings,
  type OfficeSettings,
  type OfficeSettingsChanged,
} from './office-settings';
import { sampleOfficeProfile } from './testing';

const hours = (opensAt: string, lunchFrom: string, lunchTo: string, closesAt: string) => ({
  opensAt,
  lunchFrom,
  lunchTo,
  closesAt,
});

describe('intake hours inside working hours (R-CAL-2, 002:12)', () => {
  test('the akim office defaults fit: intake 09:00–17:30, lunch 13:00–14:30 in 09:00–18:00, lunch 13:00–14:00', () => {
    expect(intakeHoursProblem(DEFAULT_WORKING_HOURS, DEFAULT_INTAKE_HOURS)).toBeNull();
  });

  test.each([
    [hours('08:30', '13:00', '14:30', '17:30'), 'office:errors.intakeBeforeOpening'],
    [hours('09:00', '13:00', '14:30', '18:30'), 'office:errors.intakeAfterClosing'],
    // Intake open during the office's lunch (13:00–14:00): from 13:30, or until 13:45.
    [hours('09:00', '13:30', '14:30', '17:30'), 'office:errors.intakeInLunch'],
    [hours('09:00', '13:00', '13:45', '17:30'), 'office:errors.intakeInLunch'],
  ])('intake %o: %s', (intake, problem) => {
    expect(intakeHoursProblem(DEFAULT_WORKING_HOURS, intake)).toBe(problem);
  });

  test('intake exactly the working hours fits', () => {
    expect(intakeHoursProblem(DEFAULT_WORKING_HOURS, DEFAULT_WORKING_HOURS)).toBeNull();
  });

  test('the settings schema refuses intake hours outside working hours on the intake field', () => {
    const settings = officeSettingsOf(sampleOfficeProfile());
    const result = officeSettingsSchema.safeParse({
      ...settings,
      intakeHours: hours('08:00', '13:00', '14:30', '17:30'),
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['intakeHours.opensAt', 'office:errors.intakeBeforeOpening'],
    ]);
  });

  test('idle lock between 1 and 120 minutes', () => {
    const settings = officeSettingsOf(sampleOfficeProfile());
    expect(officeSettingsSchema.safeParse({ ...settings, lockAfterMinutes: 0 }).success).toBe(
      false,
    );
    expect(officeSettingsSchema.safeParse({ ...settings, lockAfterMinutes: 121 }).success).toBe(
      false,
    );
    expect(officeSettingsSchema.safeParse({ ...settings, lockAfterMinutes: 15 }).success).toBe(
      true,
    );
  });
});

const actor = {
  userId: 'u-akim',
  role: 'akim' as const,
  officeId: 'office-kzl01',
  districtId: 'AKK',
  deviceId: 'desk-kzl01-1',
};

const stamp = (wallMs: number) => formatStamp({ wallMs, counter: 0, nodeId: 'desk-kzl01-1' });

function changed(
  id: string,
  hlc: string,
  before: OfficeSettings,
  after: OfficeSettings,
): OfficeSettingsChanged {
  return officeSettingsChangedSchema.parse({
    id,
    v: EVENT_SCHEMA_VERSION,
    actor,
    legalTime: '2025-03-03T10:00',
    hlc,
    officeId: 'office-kzl01',
    type: 'OfficeSettingsChanged',
    payload: settingsChanges(before, after),
  });
}

describe('office settings events', () => {
  const initial = officeSettingsOf(sampleOfficeProfile());

  test('a change records only the fields that changed, each before and after', () => {
    const after = { ...initial, lockAfterMinutes: 20, nameRu: 'Аппарат акима Кызылсай' };
    expect(settingsChanges(initial, after)).toEqual({
      before: { nameRu: initial.nameRu, lockAfterMinutes: 10 },
      after: { nameRu: 'Аппарат акима Кызылсай', lockAfterMinutes: 20 },
    });
    expect(settingsChanges(initial, { ...initial })).toEqual({ before: {}, after: {} });
  });

  test('an event that changes nothing, or whose before and after name other fields, is invalid', () => {
    const base = changed('e1', stamp(1000), initial, {
      ...initial,
      lockAfterMinutes: 20,
    });
    expect(
      officeSettingsChangedSchema.safeParse({ ...base, payload: { before: {}, after: {} } })
        .success,
    ).toBe(false);
    expect(
      officeSettingsChangedSchema.safeParse({
        ...base,
        payload: { before: { lockAfterMinutes: 20 }, after: { lockAfterMinutes: 20 } },
      }).success,
    ).toBe(false);
    expect(
      officeSettingsChangedSchema.safeParse({
        ...base,
        payload: { before: { nameKk: 'А' }, after: { lockAfterMinutes: 20 } },
      }).success,
    ).toBe(false);
    // The office code and the laptop's number are not settings: an event cannot carry them.
    expect(
      officeSettingsChangedSchema.safeParse({
        ...base,
        payload: { before: { deviceNo: 1 }, after: { deviceNo: 2 } },
      }).success,
    ).toBe(false);
  });

  test('the fold applies changes in (hlc, id) order whatever the delivery order', () => {
    const a = { ...initial, lockAfterMinutes: 20 };
    const b = { ...a, lockAfterMinutes: 30, address: 'Қызылсай ауылы, Абай көшесі, 5' };
    const events = [changed('e1', stamp(1000), initial, a), changed('e2', stamp(2000), a, b)];
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: 2, maxLength: 2 }), (shuffled) => {
        expect(foldOfficeSettings(initial, shuffled)).toEqual(b);
      }),
    );
  });

  test('new settings keep the office code, district and the laptop number', () => {
    const profile = sampleOfficeProfile({ deviceNo: 3 });
    const next = withOfficeSettings(profile, { ...officeSettingsOf(profile), nameKk: 'Жаңа атау' });
    expect(next).toEqual({ ...profile, nameKk: 'Жаңа атау' });
  });
});
