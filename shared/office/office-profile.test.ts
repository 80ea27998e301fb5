import { describe, expect, test } from 'vitest';
import { DEFAULT_INTAKE_HOURS, DEFAULT_WORKING_HOURS, officeProfileSchema } from './office-profile';

const profile = {
  officeId: 'office-kzl01',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
  deviceNo: 1,
  deviceId: 'desk-kzl01-1',
  workingHours: DEFAULT_WORKING_HOURS,
  intakeHours: DEFAULT_INTAKE_HOURS,
  lockAfterMinutes: 10,
};

describe('office profile', () => {
  test('accepts a complete profile', () => {
    expect(officeProfileSchema.safeParse(profile).success).toBe(true);
  });

  test('R-CAL-2: default hours are the akim office schedule', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual({
      opensAt: '09:00',
      closesAt: '18:00',
      lunchFrom: '13:00',
      lunchTo: '14:00',
    });
    expect(DEFAULT_INTAKE_HOURS).toEqual({
      opensAt: '09:00',
      closesAt: '17:30',
      lunchFrom: '13:00',
      lunchTo: '14:30',
    });
  });

  test.each([
    [{ code: 'KZL-01' }, 'office:errors.code'],
    [{ deviceNo: 0 }, 'office:errors.deviceNo'],
    [{ nameKk: '  ' }, 'office:errors.required'],
    [
      { workingHours: { ...DEFAULT_WORKING_HOURS, lunchFrom: '19:00' } },
      'office:errors.hoursOrder',
    ],
  ])('rejects %j with %s', (change, key) => {
    const result = officeProfileSchema.safeParse({ ...profile, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(key);
  });
});
