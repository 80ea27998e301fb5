// Which roles work at which kind of office, who signs and who manages users: the one role policy the
// setup wizard, the users screen, the directory's commands and the navigation read. What must stay
// true:
// - Every role of an office kind works on that side of the route (shared/case sideOfRole), except
//   admin, a technical role every kind has that appends no case event.
// - Each kind has exactly one head: the signer who holds a key pair and manages users. A desk always
//   keeps at least one active head, so documents can be signed and people added.
// - The first start creates at least the kind's staff role and its head; nothing else is required.
import type { ActorRole } from '../events/envelope';
import type { OfficeKind } from './office-profile';

export interface OfficeRolePolicy {
  /** The roles a person can be given at a desk of this kind, in the order forms list them. */
  readonly roles: readonly ActorRole[];
  /** Registers applications and keeps the case moving. */
  readonly staff: ActorRole;
  /** Signs (holds a key pair wrapped by the PIN) and manages the desk's users. */
  readonly head: ActorRole;
  /** The roles the first start must create, at least one person each. */
  readonly firstUsers: readonly ActorRole[];
}

export const OFFICE_ROLE_POLICY: { readonly [K in OfficeKind]: OfficeRolePolicy } = {
  akimat: {
    roles: ['specialist', 'akim', 'admin'],
    staff: 'specialist',
    head: 'akim',
    firstUsers: ['specialist', 'akim'],
  },
  district: {
    roles: ['districtSpecialist', 'districtHead', 'admin'],
    staff: 'districtSpecialist',
    head: 'districtHead',
    firstUsers: ['districtSpecialist', 'districtHead'],
  },
};

/** Roles that sign documents and so hold a key pair: the head of each kind of office. */
export const SIGNER_ROLES: readonly ActorRole[] = Object.values(OFFICE_ROLE_POLICY).map(
  (p) => p.head,
);

/** Roles that add people, reset forgotten PINs and deactivate: every head, and the admin. */
export const USER_MANAGER_ROLES: readonly ActorRole[] = [...SIGNER_ROLES, 'admin'];

export const isSignerRole = (role: ActorRole): boolean => SIGNER_ROLES.includes(role);

export const managesUsers = (role: ActorRole): boolean => USER_MANAGER_ROLES.includes(role);

export function officeRoles(kind: OfficeKind): readonly ActorRole[] {
  return OFFICE_ROLE_POLICY[kind].roles;
}

export function isRoleOfOffice(role: ActorRole, kind: OfficeKind): boolean {
  return officeRoles(kind).includes(role);
}

/**
 * The same place in the other kind of office (specialist ↔ district specialist, akim ↔ district
 * head; admin stays admin): what the setup wizard does with the first users when the kind changes.
 */
export function counterpartRole(role: ActorRole, kind: OfficeKind): ActorRole {
  if (isRoleOfOffice(role, kind)) return role;
  for (const other of Object.values(OFFICE_ROLE_POLICY)) {
    if (other.staff === role) return OFFICE_ROLE_POLICY[kind].staff;
    if (other.head === role) return OFFICE_ROLE_POLICY[kind].head;
  }
  // Every role belongs to some kind (a test checks it), so this is a bug.
  throw new RangeError(`Role ${role} belongs to no kind of office`);
}

/**
 * The first-start roles nobody was given yet, in the policy's order: empty when the first users are
 * complete.
 */
export function missingFirstUsers(
  kind: OfficeKind,
  roles: readonly ActorRole[],
): readonly ActorRole[] {
  return OFFICE_ROLE_POLICY[kind].firstUsers.filter((role) => !roles.includes(role));
}
