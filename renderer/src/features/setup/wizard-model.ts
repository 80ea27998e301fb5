// The setup wizard's values and their checks, apart from the screens so they can be tested alone.
import {
  formatRegistrationNumber,
  isValidDeviceNo,
  isValidOfficeCode,
} from '../../../../shared/case';
import { isNodeId } from '../../../../shared/clock';
import {
  DEFAULT_INTAKE_HOURS,
  DEFAULT_WORKING_HOURS,
  officeProfileSchema,
  upgradeOfficeProfile,
  type OfficeHoursProfile,
  type OfficeProfile,
} from '../../../../shared/office';
import { emptyUserDraft, userDraftErrors, type UserDraft } from '../users';

export const DEFAULT_LOCK_AFTER_MINUTES = 10;
export const LOCK_MINUTES_MIN = 1;
export const LOCK_MINUTES_MAX = 120;

export interface WizardValues {
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
    users: [emptyUserDraft('specialist'), emptyUserDraft('akim')],
  };
}

/** The okrug code as it is stored and printed: no spaces, capital letters (kzl01 → KZL01). */
export function normalizeOfficeCode(code: string): string {
  return code.trim().toLocaleUpperCase('kk');
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

/** The office id shared by every desk of the okrug. */
export function officeIdFor(code: string): string {
  return `office-${code.toLocaleLowerCase('kk')}`;
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
  const validNo = deviceNo !== null && isValidDeviceNo(deviceNo) ? deviceNo : 1;
  const parsed = officeProfileSchema.safeParse({
    officeId: officeIdFor(code),
    // Until the wizard asks (district mode): an akimat of the district in its code's letters.
    ...(upgradeOfficeProfile({ code }) as { kind: 'akimat'; districtId: string }),
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

/** Checks the users step: every user, unique names, at least one specialist and one akim. */
export function usersProblems(users: readonly UserDraft[]): {
  errors: FieldErrors;
  general: string[];
} {
  const errors: FieldErrors = {};
  users.forEach((user, index) => {
    const others = users.filter((_, i) => i < index).map((u) => u.name);
    for (const [field, message] of Object.entries(userDraftErrors(user, others))) {
      errors[`users.${index}.${field}`] = message;
    }
  });
  const general: string[] = [];
  if (!users.some((u) => u.role === 'specialist')) general.push('setup:errors.needSpecialist');
  if (!users.some((u) => u.role === 'akim')) general.push('setup:errors.needAkim');
  return { errors, general };
}
