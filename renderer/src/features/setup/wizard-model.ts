// The setup wizard's values and their checks, apart from the screens so they can be tested alone.
import {
  formatRegistrationNumber,
  isValidDeviceNo,
  isValidOfficeCode,
} from '../../../../shared/case';
import { isNodeId } from '../../../../shared/clock';
import type { CaseRole } from '../../../../shared/case';
import {
  counterpartRole,
  DEFAULT_INTAKE_HOURS,
  DEFAULT_WORKING_HOURS,
  missingFirstUsers,
  normalizeDistrictId,
  normalizeOfficeCode,
  OFFICE_ROLE_POLICY,
  officeIdFor,
  officeProfileSchema,
  intakeHoursProblem,
  INTAKE_PROBLEM_FIELD,
  type OfficeHoursProfile,
  type OfficeKind,
  type OfficeProfile,
} from '../../../../shared/office';

export { normalizeDistrictId, normalizeOfficeCode, officeIdFor };
import { emptyUserDraft, userDraftErrors, type UserDraft } from '../users';

export const DEFAULT_LOCK_AFTER_MINUTES = 10;
export const LOCK_MINUTES_MIN = 1;
export const LOCK_MINUTES_MAX = 120;

export interface WizardValues {
  /** An okrug akim's apparatus, or the district department running the desk in district mode. */
  kind: OfficeKind;
  /** The district's code, shared by every office of the district (letters and digits). */
  districtId: string;
  nameKk: string;
  nameRu: string;
  code: string;
  districtKk: string;
  districtRu: string;
  address: string;
  /** As typed; a whole number 1–99 once valid. */
  deviceNo: string;
  workingHours: OfficeHoursProfile;
  intakeHours: OfficeHoursProfile;
  lockAfterMinutes: string;
  users: UserDraft[];
}

/** Field path (react-hook-form's dotted form) → message key. */
export type FieldErrors = Record<string, string>;

export function initialWizardValues(): WizardValues {
  return {
    kind: 'akimat',
    districtId: '',
    nameKk: '',
    nameRu: '',
    code: '',
    districtKk: '',
    districtRu: '',
    address: '',
    deviceNo: '1',
    workingHours: { ...DEFAULT_WORKING_HOURS },
    intakeHours: { ...DEFAULT_INTAKE_HOURS },
    lockAfterMinutes: String(DEFAULT_LOCK_AFTER_MINUTES),
    users: firstUserDrafts('akimat'),
  };
}

/** One empty draft for each first user the kind of office needs (shared/office/roles). */
export function firstUserDrafts(kind: OfficeKind): UserDraft[] {
  return OFFICE_ROLE_POLICY[kind].firstUsers.map((role) => emptyUserDraft(role));
}

/**
 * The users typed so far, moved to the roles of `kind`: a specialist typed before the kind changed to
 * a district department becomes a district specialist, an akim its head; names and PINs stay.
 */
export function usersForKind(users: readonly UserDraft[], kind: OfficeKind): UserDraft[] {
  return users.map((user) => ({ ...user, role: counterpartRole(user.role, kind) }));
}

const LATIN: Record<string, string> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  і: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Lowercase ASCII letters and digits for an id, with Kazakh and Russian letters spelled in Latin. */
function asciiSlug(code: string): string {
  return Array.from(code.toLocaleLowerCase('kk'), (ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/[^0-9a-z]/g, '')
    .slice(0, 40);
}

/**
 * This laptop's id, the node id of its hybrid logical clock (ASCII only, shared/clock isNodeId): unique
 * because the office code is unique in the district and the device number in the office.
 */
export function deviceIdFor(code: string, deviceNo: number): string {
  const id = `desk-${asciiSlug(code) || 'office'}-${deviceNo}`;
  if (!isNodeId(id)) throw new RangeError(`Bad device id: ${id}`);
  return id;
}

function parseWhole(text: string): number | null {
  return /^\s*\d{1,3}\s*$/.test(text) ? Number(text) : null;
}

/** The first registration number of `year` this desk would give, or null while the code is invalid. */
export function numberExample(code: string, deviceNoText: string, year: number): string | null {
  const officeCode = normalizeOfficeCode(code);
  const deviceNo = parseWhole(deviceNoText);
  if (!isValidOfficeCode(officeCode) || deviceNo === null || !isValidDeviceNo(deviceNo))
    return null;
  return formatRegistrationNumber({ officeCode, deviceNo, seq: 1, year });
}

/** Checks the office step with the shared schema; on success gives the profile as it will be saved. */
export function officeFromValues(
  values: WizardValues,
): { ok: true; profile: OfficeProfile } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const deviceNo = parseWhole(values.deviceNo);
  if (deviceNo === null || !isValidDeviceNo(deviceNo)) errors['deviceNo'] = 'setup:errors.deviceNo';
  const minutes = parseWhole(values.lockAfterMinutes);
  if (minutes === null || minutes < LOCK_MINUTES_MIN || minutes > LOCK_MINUTES_MAX) {
    errors['lockAfterMinutes'] = 'setup:errors.lockMinutes';
  }
  const code = normalizeOfficeCode(values.code);
  if (code === '') errors['code'] = 'office:errors.required';
  const districtId = normalizeDistrictId(values.districtId);
  if (districtId === '') errors['districtId'] = 'office:errors.required';
  const validNo = deviceNo !== null && isValidDeviceNo(deviceNo) ? deviceNo : 1;
  const parsed = officeProfileSchema.safeParse({
    officeId: officeIdFor(code),
    kind: values.kind,
    districtId,
    nameKk: values.nameKk,
    nameRu: values.nameRu,
    code,
    districtKk: values.districtKk,
    districtRu: values.districtRu,
    address: values.address,
    deviceNo: validNo,
    deviceId: isValidOfficeCode(code) ? deviceIdFor(code, validNo) : 'desk',
    workingHours: values.workingHours,
    intakeHours: values.intakeHours,
    lockAfterMinutes: minutes ?? DEFAULT_LOCK_AFTER_MINUTES,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (path in errors) continue;
      errors[path] = issue.message.startsWith('office:') ? issue.message : 'setup:errors.invalid';
    }
  }
  if (parsed.success) {
    // Intake hours inside working hours (R-CAL-2): the same check as the office settings screen.
    const problem = intakeHoursProblem(parsed.data.workingHours, parsed.data.intakeHours);
    if (problem) errors[`intakeHours.${INTAKE_PROBLEM_FIELD[problem]}`] = problem;
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return { ok: false, errors: withoutOrderErrorsOfMistypedHours(errors) };
  }
  return { ok: true, profile: parsed.data };
}

/** A mistyped time also breaks the order check of its group; the time is the one thing to fix. */
function withoutOrderErrorsOfMistypedHours(errors: FieldErrors): FieldErrors {
  const mistyped = (group: string) =>
    Object.entries(errors).some(
      ([path, message]) => path.startsWith(`${group}.`) && message === 'office:errors.time',
    );
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([path, message]) =>
        !(message === 'office:errors.hoursOrder' && mistyped(path.split('.')[0] ?? '')),
    ),
  );
}

/** The message asking for a first user of `role`. */
const NEED_ROLE: Partial<Record<CaseRole, string>> = {
  specialist: 'setup:errors.needSpecialist',
  akim: 'setup:errors.needAkim',
  districtSpecialist: 'setup:errors.needDistrictSpecialist',
  districtHead: 'setup:errors.needDistrictHead',
};

/**
 * Checks the users step: every user, unique names, and the first users the kind of office needs (a
 * specialist and an akim, or a district specialist and the district head).
 */
export function usersProblems(
  users: readonly UserDraft[],
  kind: OfficeKind,
): {
  errors: FieldErrors;
  general: string[];
} {
  const errors: FieldErrors = {};
  users.forEach((user, index) => {
    const others = users.filter((_, i) => i < index).map((u) => u.name);
    for (const [field, message] of Object.entries(userDraftErrors(user, others, kind))) {
      errors[`users.${index}.${field}`] = message;
    }
  });
  const general = missingFirstUsers(
    kind,
    users.map((u) => u.role),
  ).map((role) => NEED_ROLE[role] ?? 'setup:errors.invalid');
  return { errors, general };
}
