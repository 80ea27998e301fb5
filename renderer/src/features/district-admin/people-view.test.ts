import { describe, expect, test } from 'vitest';
import { foldDirectory, type DirectoryEvent } from '../../../../shared/directory';
import {
  sampleDirectoryEvent,
  sampleJwk,
  sampleKeyId,
  sampleRegistration,
} from '../../../../shared/directory/testing';
import type { ActorRole } from '../../../../shared/events/envelope';
import { fingerprintText, peopleByOffice } from './people-view';

let counter = 0;
const registered = (
  userId: string,
  name: string,
  role: ActorRole,
  officeId: string,
  districtId = 'AKK',
  key = 1,
): DirectoryEvent =>
  sampleDirectoryEvent('UserRegistered', {
    userId,
    counter: ++counter,
    payload: { ...sampleRegistration(role, key), name, officeId, districtId },
  });
const later = (
  type: 'UserDeactivated' | 'UserReactivated' | 'UserPinReset',
  userId: string,
): DirectoryEvent => sampleDirectoryEvent(type, { userId, counter: ++counter, payload: {} });
const keyReplaced = (userId: string, key: number): DirectoryEvent =>
  sampleDirectoryEvent('UserKeyReplaced', {
    userId,
    counter: ++counter,
    payload: { publicKey: sampleJwk(key), keyId: sampleKeyId(key), reason: 'pinReset' },
  });

describe('the district’s people and keys, from the desk’s directory', () => {
  const events = [
    registered('u-head', 'Әбенов Бақыт', 'districtHead', 'office-akk00', 'AKK', 1),
    registered('u-spec', 'Жұмабаева Гүлнар', 'districtSpecialist', 'office-akk00'),
    registered('u-akim', 'Сейітов Нұрлан', 'akim', 'office-akk01', 'AKK', 2),
    registered('u-left', 'Ахметова Айгүл', 'specialist', 'office-akk01'),
    registered('u-other', 'Басқа Аудан', 'akim', 'office-zzz01', 'ZZZ', 3),
    keyReplaced('u-akim', 4),
    later('UserDeactivated', 'u-left'),
    later('UserDeactivated', 'u-head'),
  ];
  const groups = peopleByOffice(foldDirectory(events), 'AKK', 'office-akk00');

  test('only the district, the own office first, the active first then by name', () => {
    expect(groups.map((g) => [g.officeId, g.people.map((p) => p.userId)])).toEqual([
      ['office-akk00', ['u-spec', 'u-head']],
      ['office-akk01', ['u-akim', 'u-left']],
    ]);
  });

  test('a signer’s key in force since its period began; replaced keys listed as earlier', () => {
    const akim = groups[1]?.people[0];
    expect(akim).toMatchObject({ role: 'akim', signer: true, active: true });
    expect(akim?.key?.keyId).toBe(sampleKeyId(4));
    expect(akim?.earlierKeys.map((k) => k.keyId)).toEqual([sampleKeyId(2)]);
    expect(akim?.earlierKeys[0]?.to).toBe(akim?.key?.from);
  });

  test('a deactivated signer has no key in force, only earlier ones; a non-signer none at all', () => {
    const head = groups[0]?.people[1];
    expect(head).toMatchObject({ active: false, signer: true, key: null });
    expect(head?.earlierKeys.map((k) => k.keyId)).toEqual([sampleKeyId(1)]);
    const specialist = groups[0]?.people[0];
    expect(specialist).toMatchObject({ signer: false, key: null, earlierKeys: [] });
  });

  test('a fingerprint shortened to four groups of four', () => {
    expect(fingerprintText('0123456789abcdef'.repeat(4))).toBe('0123 4567 89AB CDEF');
    expect(fingerprintText('not-a-key')).toBe('not-a-key');
  });
});
