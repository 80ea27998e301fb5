import { describe, expect, test } from 'vitest';
import { isNodeId } from '../../../../shared/clock';
import {
  deviceIdFor,
  initialWizardValues,
  numberExample,
  officeFromValues,
  usersForKind,
  usersProblems,
  type WizardValues,
} from './wizard-model';

function filled(change: Partial<WizardValues> = {}): WizardValues {
  return {
    ...initialWizardValues(),
    nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
    nameRu: 'Аппарат акима Кызылсайского сельского округа',
    code: ' kzl01 ',
    districtKk: 'Ақкөл ауданы',
    districtRu: 'Аккольский район',
    address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
    deviceNo: '2',
    districtId: ' akk ',
    ...change,
  };
}

describe('setup wizard values', () => {
  test('R-CAL-2: hours start as the akim office defaults; the lock after 10 minutes', () => {
    const values = initialWizardValues();
    expect(values.workingHours).toEqual({
      opensAt: '09:00',
      closesAt: '18:00',
      lunchFrom: '13:00',
      lunchTo: '14:00',
    });
    expect(values.intakeHours).toEqual({
      opensAt: '09:00',
      closesAt: '17:30',
      lunchFrom: '13:00',
      lunchTo: '14:30',
    });
    expect(values.lockAfterMinutes).toBe('10');
    expect(values.kind).toBe('akimat');
    expect(values.users.map((u) => u.role)).toEqual(['specialist', 'akim']);
  });

  test('a complete office becomes the profile that is saved', () => {
    const result = officeFromValues(filled());
    expect(result).toEqual({
      ok: true,
      profile: {
        officeId: 'office-kzl01',
        kind: 'akimat',
        districtId: 'AKK',
        nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
        nameRu: 'Аппарат акима Кызылсайского сельского округа',
        code: 'KZL01',
        districtKk: 'Ақкөл ауданы',
        districtRu: 'Аккольский район',
        address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
        deviceNo: 2,
        deviceId: 'desk-kzl01-2',
        workingHours: initialWizardValues().workingHours,
        intakeHours: initialWizardValues().intakeHours,
        lockAfterMinutes: 10,
      },
    });
  });

  test('errors carry the shared message keys, by field', () => {
    const result = officeFromValues(
      filled({
        nameRu: ' ',
        code: 'KZL-01',
        districtId: 'AK-K',
        deviceNo: '100',
        lockAfterMinutes: '0',
        workingHours: { opensAt: '09:00', closesAt: '18:00', lunchFrom: '14:00', lunchTo: '13:00' },
        intakeHours: { opensAt: '9.00', closesAt: '17:30', lunchFrom: '13:00', lunchTo: '14:30' },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      nameRu: 'office:errors.required',
      code: 'office:errors.code',
      districtId: 'office:errors.districtId',
      deviceNo: 'setup:errors.deviceNo',
      lockAfterMinutes: 'setup:errors.lockMinutes',
      'workingHours.closesAt': 'office:errors.hoursOrder',
      'intakeHours.opensAt': 'office:errors.time',
    });
  });

  test('R-CAL-2: intake hours outside working hours are refused on the intake time to move', () => {
    const result = officeFromValues(
      filled({
        intakeHours: { opensAt: '08:00', lunchFrom: '13:00', lunchTo: '14:30', closesAt: '17:30' },
      }),
    );
    expect(!result.ok && result.errors).toEqual({
      'intakeHours.opensAt': 'office:errors.intakeBeforeOpening',
    });
  });

  test('an empty code is reported as missing, not as malformed', () => {
    const result = officeFromValues(filled({ code: '  ', districtId: '' }));
    expect(!result.ok && result.errors['code']).toBe('office:errors.required');
    expect(!result.ok && result.errors['districtId']).toBe('office:errors.required');
  });

  test('a district department is saved as one, in its district', () => {
    const result = officeFromValues(filled({ kind: 'district', code: 'akkd', districtId: 'akk' }));
    expect(
      result.ok && [result.profile.kind, result.profile.code, result.profile.districtId],
    ).toEqual(['district', 'AKKD', 'AKK']);
  });

  test('a device id is an ASCII clock node id even for a code in Kazakh letters', () => {
    expect(deviceIdFor('KZL01', 1)).toBe('desk-kzl01-1');
    expect(deviceIdFor('ҚЫЗ01', 12)).toBe('desk-qyz01-12');
    expect(isNodeId(deviceIdFor('ӘҒҚҢӨҰҮҺІ', 99))).toBe(true);
    const result = officeFromValues(filled({ code: 'қыз01' }));
    expect(result.ok && [result.profile.code, result.profile.deviceId]).toEqual([
      'ҚЫЗ01',
      'desk-qyz01-2',
    ]);
  });

  test('the number preview shows the first number of the year, or nothing while invalid', () => {
    expect(numberExample('kzl01', '2', 2026)).toBe('KZL01-2-0001/2026');
    expect(numberExample('KZL-01', '2', 2026)).toBeNull();
    expect(numberExample('KZL01', '0', 2026)).toBeNull();
  });

  test('users need a specialist and an akim, valid PINs and different names', () => {
    const none = usersProblems([], 'akimat');
    expect(none.general).toEqual(['setup:errors.needSpecialist', 'setup:errors.needAkim']);
    const users = [
      { name: 'Сейітова Әйгерім', role: 'specialist' as const, pin: '4826', pinRepeat: '4826' },
      { name: 'Жұмабаев Серік', role: 'akim' as const, pin: '739146', pinRepeat: '739146' },
    ];
    expect(usersProblems(users, 'akimat')).toEqual({ errors: {}, general: [] });
    const bad = usersProblems(
      [
        ...users,
        { name: 'сейітова әйгерім', role: 'specialist', pin: '0000', pinRepeat: '0000' },
        { name: 'Әкімші', role: 'admin', pin: '8051', pinRepeat: '8015' },
      ],
      'akimat',
    );
    expect(bad.errors).toEqual({
      'users.2.name': 'users:errors.nameTaken',
      'users.2.pin': 'identity:pin.tooSimple',
      'users.3.pinRepeat': 'session:pin.mismatch',
    });
  });

  test('a district department needs a district specialist and its head, and no akim', () => {
    expect(usersProblems([], 'district').general).toEqual([
      'setup:errors.needDistrictSpecialist',
      'setup:errors.needDistrictHead',
    ]);
    const typed = [
      { name: 'Ахметова Динара', role: 'specialist' as const, pin: '4826', pinRepeat: '4826' },
      { name: 'Омаров Бауыржан', role: 'akim' as const, pin: '739146', pinRepeat: '739146' },
      { name: 'Әкімші', role: 'admin' as const, pin: '8051', pinRepeat: '8051' },
    ];
    // Typed for an akimat: at a department the akim is not a role to give.
    expect(usersProblems(typed, 'district').errors).toMatchObject({
      'users.0.role': 'users:errors.role',
      'users.1.role': 'users:errors.role',
    });
    // The kind changed: what was typed stays, the roles move to the department's.
    const moved = usersForKind(typed, 'district');
    expect(moved.map((u) => [u.name, u.role, u.pin])).toEqual([
      ['Ахметова Динара', 'districtSpecialist', '4826'],
      ['Омаров Бауыржан', 'districtHead', '739146'],
      ['Әкімші', 'admin', '8051'],
    ]);
    expect(usersProblems(moved, 'district')).toEqual({ errors: {}, general: [] });
    expect(usersForKind(moved, 'akimat').map((u) => u.role)).toEqual([
      'specialist',
      'akim',
      'admin',
    ]);
  });
});
