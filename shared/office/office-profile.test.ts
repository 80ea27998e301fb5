import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INTAKE_HOURS,
  DEFAULT_WORKING_HOURS,
  officeProfileSchema,
  upgradeOfficeProfile,
} from './office-profile';
import { sampleOfficeProfile } from './testing';

const profile = sampleOfficeProfile();

describe('office profile', () => {
  test('a profile saved before offices had a kind becomes an akimat of the district in its code', () => {
    const { kind: _k, districtId: _d, ...old } = profile;
    expect(officeProfileSchema.safeParse(old).success).toBe(false);
    const upgraded = officeProfileSchema.safeParse(upgradeOfficeProfile(old));
    expect(upgraded.success && upgraded.data.kind).toBe('akimat');
    expect(upgraded.success && upgraded.data.districtId).toBe('KZL');
    // A current profile is left as it is.
    expect(upgradeOfficeProfile({ ...profile, kind: 'district' })).toEqual({
      ...profile,
      kind: 'district',
    });
  });

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
