import type { CaseRole } from '../../../../shared/case';
import { checkPersonName, FULL_NAME_MAX } from '../../../../shared/input';
import { officeRoles, type OfficeKind } from '../../../../shared/office';
import { newPinProblem } from '../session';
import { normalizeUserName, userNameProblem, type NewUser } from '../../db';

/** The roles a person can be given at a desk of this kind (shared/office/roles). */
export function assignableRoles(kind: OfficeKind): readonly CaseRole[] {
  return officeRoles(kind);
}

/** A user as typed into a form, before the PIN is hashed. */
export interface UserDraft {
  name: string;
  role: CaseRole;
  pin: string;
  pinRepeat: string;
}

/** Message keys by field. */
export type UserDraftErrors = Partial<Record<keyof UserDraft, string>>;

export function emptyUserDraft(role: CaseRole): UserDraft {
  return { name: '', role, pin: '', pinRepeat: '' };
}

/** Two people whose names differ only in case or spacing are the same name on the login screen. */
export function sameUserName(a: string, b: string): boolean {
  return (
    normalizeUserName(a).toLocaleLowerCase('kk') === normalizeUserName(b).toLocaleLowerCase('kk')
  );
}

/**
 * What is wrong with a draft at a desk of `kind`; `takenNames` are the names of the other (active)
 * users.
 */
export function userDraftErrors(
  draft: UserDraft,
  takenNames: readonly string[],
  kind: OfficeKind,
): UserDraftErrors {
  const errors: UserDraftErrors = {};
  const nameProblem = userNameProblem(draft.name);
  // A person's name as every name the desk keeps (shared/input): Cyrillic, a Latin look-alike caught
  // (the form offers the fix), a whole name that fits the printed line. The user's name is printed as
  // the specialist who received and the akim who signed.
  const nameCheck = checkPersonName(draft.name, FULL_NAME_MAX);
  if (nameProblem) errors.name = nameProblem;
  else if (!nameCheck.ok) errors.name = nameCheck.message;
  else if (takenNames.some((taken) => sameUserName(taken, draft.name))) {
    errors.name = 'users:errors.nameTaken';
  }
  if (!assignableRoles(kind).includes(draft.role)) errors.role = 'users:errors.role';
  const pinProblem = newPinProblem(draft.pin, draft.pinRepeat, draft.role);
  if (pinProblem?.field === 'pin') errors.pin = pinProblem.message;
  if (pinProblem?.field === 'repeat') errors.pinRepeat = pinProblem.message;
  return errors;
}

export function toNewUser(draft: UserDraft): NewUser {
  return { name: normalizeUserName(draft.name), role: draft.role, pin: draft.pin };
}
