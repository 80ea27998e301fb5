// The office's settings as the akim or the admin changes them after setup, and the event each change
// is recorded as (issue 10 §6). What must stay true:
// - The settings are the part of the office profile a person may change: the names in both
//   languages, the address, working hours, intake hours and the idle lock. The office code, the
//   district and the laptop's number are the hub's and the setup's, never changed here.
// - Intake hours fall inside working hours (R-CAL-2: applications are taken while the office works,
//   002:12): intake opens no earlier and closes no later than the office, and intake is closed during
//   the office's lunch. One function says so (intakeHoursProblem), for the settings screen, the setup
//   wizard and the store.
// - Every change is an OfficeSettingsChanged event with who (actor) and when (legal time, HLC): the
//   fields that changed, each with its value before and after. A change that changes nothing is no
//   event. The event log is the history; the profile the desk reads is its projection.
// - The schema only checks, never transforms, and keeps the envelope of every other log
//   (shared/events/envelope), so it can travel to the hub once the hub knows the stream.
import { z } from 'zod';
import { envelopeFields, classifyIncoming, type IncomingClass } from '../events/envelope';
import { compareStamped } from '../events/fold-order';
import { officeHoursSchema, type OfficeHoursProfile, type OfficeProfile } from './office-profile';

const text = z.string().trim().min(1, { error: 'office:errors.required' }).max(200);

export const LOCK_MINUTES = { min: 1, max: 120 } as const;

/** The fields a person may change on the settings screen, in the order the screen shows them. */
export const OFFICE_SETTING_FIELDS = [
  'nameKk',
  'nameRu',
  'address',
  'workingHours',
  'intakeHours',
  'lockAfterMinutes',
] as const;
export type OfficeSettingField = (typeof OFFICE_SETTING_FIELDS)[number];

/**
 * Why these intake hours do not fit the working hours, as a message key of the `office` namespace,
 * or null when they fit (R-CAL-2, 002:12).
 */
export type IntakeHoursProblem =
  | 'office:errors.intakeBeforeOpening'
  | 'office:errors.intakeAfterClosing'
  | 'office:errors.intakeInLunch';

/** The intake time a problem is shown on: the one to move. */
export const INTAKE_PROBLEM_FIELD: Readonly<Record<IntakeHoursProblem, keyof OfficeHoursProfile>> =
  {
    'office:errors.intakeBeforeOpening': 'opensAt',
    'office:errors.intakeAfterClosing': 'closesAt',
    'office:errors.intakeInLunch': 'lunchFrom',
  };

export function intakeHoursProblem(
  working: OfficeHoursProfile,
  intake: OfficeHoursProfile,
):
  | 'office:errors.intakeBeforeOpening'
  | 'office:errors.intakeAfterClosing'
  | 'office:errors.intakeInLunch'
  | null {
  // Times are "HH:mm", so string order is time order.
  if (intake.opensAt < working.opensAt) return 'office:errors.intakeBeforeOpening';
  if (intake.closesAt > working.closesAt) return 'office:errors.intakeAfterClosing';
  if (intake.lunchFrom > working.lunchFrom || intake.lunchTo < working.lunchTo)
    return 'office:errors.intakeInLunch';
  return null;
}

const settingsShape = {
  nameKk: text,
  nameRu: text,
  address: text,
  workingHours: officeHoursSchema,
  intakeHours: officeHoursSchema,
  /** Minutes without activity before the desk locks itself. */
  lockAfterMinutes: z
    .number({ error: 'office:errors.lockMinutes' })
    .int({ error: 'office:errors.lockMinutes' })
    .min(LOCK_MINUTES.min, { error: 'office:errors.lockMinutes' })
    .max(LOCK_MINUTES.max, { error: 'office:errors.lockMinutes' }),
};

export const officeSettingsSchema = z.strictObject(settingsShape).superRefine((s, ctx) => {
  const problem = intakeHoursProblem(s.workingHours, s.intakeHours);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      message: problem,
      path: ['intakeHours', INTAKE_PROBLEM_FIELD[problem]],
    });
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

/** The settings part of a profile. */
export function officeSettingsOf(profile: OfficeProfile): OfficeSettings {
  return {
    nameKk: profile.nameKk,
    nameRu: profile.nameRu,
    address: profile.address,
    workingHours: { ...profile.workingHours },
    intakeHours: { ...profile.intakeHours },
    lockAfterMinutes: profile.lockAfterMinutes,
  };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `before` to `after`: each changed field's old and new value; empty when none. */
export function settingsChanges(
  before: OfficeSettings,
  after: OfficeSettings,
): { before: Partial<OfficeSettings>; after: Partial<OfficeSettings> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const field of OFFICE_SETTING_FIELDS) {
    if (sameValue(before[field], after[field])) continue;
    b[field] = before[field];
    a[field] = after[field];
  }
  return { before: b as Partial<OfficeSettings>, after: a as Partial<OfficeSettings> };
}

const partialSettings = z.strictObject(settingsShape).partial();

export const officeSettingsChangedSchema = z
  .strictObject({
    ...envelopeFields,
    /** The office whose settings changed (shared/office/identity officeIdFor). */
    officeId: z.string().min(1).max(128),
    type: z.literal('OfficeSettingsChanged'),
    payload: z.strictObject({ before: partialSettings, after: partialSettings }),
  })
  .refine(
    (e) => {
      const keys = Object.keys(e.payload.after);
      return (
        keys.length > 0 &&
        sameValue(keys.sort(), Object.keys(e.payload.before).sort()) &&
        keys.every(
          (k) =>
            !sameValue(
              e.payload.before[k as OfficeSettingField],
              e.payload.after[k as OfficeSettingField],
            ),
        )
      );
    },
    { error: 'office:errors.noChange', path: ['payload'] },
  );
export type OfficeSettingsChanged = z.infer<typeof officeSettingsChangedSchema>;

export function classifyIncomingOfficeEvent(input: unknown): IncomingClass<OfficeSettingsChanged> {
  return classifyIncoming(input, officeSettingsChangedSchema);
}

/**
 * The office's settings after its changes: each event's new values over `initial` (the settings set
 * at setup), in (hlc, id) order, so any delivery order of the same events gives the same settings.
 */
export function foldOfficeSettings(
  initial: OfficeSettings,
  events: readonly OfficeSettingsChanged[],
): OfficeSettings {
  let settings = initial;
  for (const e of [...events].sort(compareStamped)) settings = { ...settings, ...e.payload.after };
  return settings;
}

/** The profile with new settings; what the setup and the hub own stays as it was. */
export function withOfficeSettings(
  profile: OfficeProfile,
  settings: OfficeSettings,
): OfficeProfile {
  return { ...profile, ...settings };
}
