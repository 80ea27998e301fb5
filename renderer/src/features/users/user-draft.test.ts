import { describe, expect, test } from 'vitest';
import { emptyUserDraft, toNewUser, userDraftErrors } from './user-draft';

const good = {
  name: 'Сейітова Әйгерім',
  role: 'specialist' as const,
  pin: '4826',
  pinRepeat: '4826',
};

describe('user draft', () => {
  test('a complete draft has no errors and becomes a new user with a tidy name', () => {
    expect(userDraftErrors(good, [], 'akimat')).toEqual({});
    expect(toNewUser({ ...good, name: '  Сейітова  Әйгерім ' })).toEqual({
      name: 'Сейітова Әйгерім',
      role: 'specialist',
      pin: '4826',
    });
  });

  test('an empty draft names every missing field', () => {
    expect(userDraftErrors(emptyUserDraft('akim'), [], 'akimat')).toEqual({
      name: 'users:errors.nameRequired',
      pin: 'identity:pin.length',
    });
  });

  test('PIN reasons come from validatePin; the repeat must match', () => {
    expect(userDraftErrors({ ...good, pin: '1234', pinRepeat: '1234' }, [], 'akimat').pin).toBe(
      'identity:pin.tooSimple',
    );
    expect(userDraftErrors({ ...good, pin: '48 26' }, [], 'akimat').pin).toBe(
      'identity:pin.notDigits',
    );
    expect(userDraftErrors({ ...good, pinRepeat: '4862' }, [], 'akimat')).toEqual({
      pinRepeat: 'session:pin.mismatch',
    });
  });

  test('a name already used, whatever its case and spacing, is refused', () => {
    expect(userDraftErrors(good, ['сейітова  әйгерім'], 'akimat').name).toBe(
      'users:errors.nameTaken',
    );
    expect(userDraftErrors(good, ['Сейітова Әйгерім Болатқызы'], 'akimat').name).toBeUndefined();
  });

  test('district roles are not given on an okrug desk, nor akimat roles at a department', () => {
    expect(userDraftErrors({ ...good, role: 'districtHead' }, [], 'akimat').role).toBe(
      'users:errors.role',
    );
    expect(userDraftErrors({ ...good, role: 'akim' }, [], 'district').role).toBe(
      'users:errors.role',
    );
    expect(userDraftErrors({ ...good, role: 'districtHead' }, [], 'district')).toEqual({
      pin: 'identity:pin.signerLength',
    });
    expect(
      userDraftErrors(
        { ...good, role: 'districtHead', pin: '482615', pinRepeat: '482615' },
        [],
        'district',
      ),
    ).toEqual({});
    expect(userDraftErrors({ ...good, role: 'admin' }, [], 'district')).toEqual({});
  });
});
