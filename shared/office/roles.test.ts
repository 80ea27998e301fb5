import { describe, expect, test } from 'vitest';
import { sideOfRole } from '../case/transitions';
import { ACTOR_ROLES } from '../events/envelope';
import { OFFICE_KINDS } from './office-profile';
import {
  counterpartRole,
  isRoleOfOffice,
  isSignerRole,
  managesUsers,
  missingFirstUsers,
  OFFICE_ROLE_POLICY,
  officeRoles,
  SIGNER_ROLES,
  USER_MANAGER_ROLES,
} from './roles';

describe('role policy by kind of office', () => {
  test.each(OFFICE_KINDS)('%s: every role but admin works on its side of the route', (kind) => {
    for (const role of officeRoles(kind)) {
      expect(sideOfRole(role) ?? 'admin', role).toBe(role === 'admin' ? 'admin' : kind);
    }
    const policy = OFFICE_ROLE_POLICY[kind];
    expect(officeRoles(kind)).toContain(policy.staff);
    expect(officeRoles(kind)).toContain(policy.head);
    expect(policy.firstUsers).toEqual([policy.staff, policy.head]);
  });

  test('every role belongs to some kind of office', () => {
    for (const role of ACTOR_ROLES) {
      expect(
        OFFICE_KINDS.some((kind) => isRoleOfOffice(role, kind)),
        role,
      ).toBe(true);
    }
  });

  test.each([
    ['specialist', false, false],
    ['akim', true, true],
    ['admin', false, true],
    ['districtSpecialist', false, false],
    ['districtHead', true, true],
  ] as const)('%s: signs %s, manages users %s', (role, signs, manages) => {
    expect(isSignerRole(role)).toBe(signs);
    expect(managesUsers(role)).toBe(manages);
  });

  test('the heads are the signers; heads and admin manage users', () => {
    expect(SIGNER_ROLES).toEqual(['akim', 'districtHead']);
    expect(USER_MANAGER_ROLES).toEqual(['akim', 'districtHead', 'admin']);
  });

  test.each([
    ['specialist', 'district', 'districtSpecialist'],
    ['akim', 'district', 'districtHead'],
    ['admin', 'district', 'admin'],
    ['districtHead', 'akimat', 'akim'],
    ['districtSpecialist', 'akimat', 'specialist'],
    ['akim', 'akimat', 'akim'],
  ] as const)('%s at a desk of kind %s becomes %s', (role, kind, expected) => {
    expect(counterpartRole(role, kind)).toBe(expected);
  });

  test('the first start needs the staff role and the head of the kind', () => {
    expect(missingFirstUsers('akimat', [])).toEqual(['specialist', 'akim']);
    expect(missingFirstUsers('akimat', ['akim', 'admin'])).toEqual(['specialist']);
    expect(missingFirstUsers('akimat', ['specialist', 'akim'])).toEqual([]);
    // District roles do not make an akimat's first users, nor the other way round.
    expect(missingFirstUsers('akimat', ['districtSpecialist', 'districtHead'])).toEqual([
      'specialist',
      'akim',
    ]);
    expect(missingFirstUsers('district', ['districtSpecialist', 'districtHead'])).toEqual([]);
    expect(missingFirstUsers('district', ['specialist', 'districtHead'])).toEqual([
      'districtSpecialist',
    ]);
  });
});
