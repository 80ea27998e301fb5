import { z } from 'zod';
import { isValidDeviceNo, isValidOfficeCode } from '../case/registration-number';
import { isLocalTime } from '../time';

/**
 * The office a desk serves, set once in the setup wizard: names in both languages (printed on every
 * document), the okrug code that prefixes journal numbers, and this laptop's device number, which
 * keeps numbers unique when several laptops of one office register offline.
 */
const text = z.string().trim().min(1, { error: 'office:errors.required' }).max(200);
const time = z.string().refine(isLocalTime, { error: 'office:errors.time' });

export const officeHoursSchema = z
  .strictObject({ opensAt: time, closesAt: time, lunchFrom: time, lunchTo: time })
  .refine((h) => h.opensAt < h.lunchFrom && h.lunchFrom < h.lunchTo && h.lunchTo < h.closesAt, {
    error: 'office:errors.hoursOrder',
    path: ['closesAt'],
  });

/**
 * akimat: the apparatus of a rural okrug akim (specialist, akim); district: the district department of
 * employment and social programmes running the same desk in district mode (district specialist,
 * district head). Which roles each kind has is shared/office/roles.
 */
export const OFFICE_KINDS = ['akimat', 'district'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

/** A district's code: letters and digits, like an office code (e.g. 'AKK' for Akkol district). */
export const districtIdSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}]{1,16}$/u, { error: 'office:errors.districtId' });

export const officeProfileSchema = z.strictObject({
  officeId: text,
  kind: z.enum(OFFICE_KINDS, { error: 'office:errors.kind' }),
  /** The district the office belongs to: the district department sees every case of it. */
  districtId: districtIdSchema,
  nameKk: text,
  nameRu: text,
  code: z.string().trim().refine(isValidOfficeCode, { error: 'office:errors.code' }),
  districtKk: text,
  districtRu: text,
  address: text,
  deviceNo: z.number().refine(isValidDeviceNo, { error: 'office:errors.deviceNo' }),
  deviceId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, { error: 'office:errors.required' }),
  workingHours: officeHoursSchema,
  intakeHours: officeHoursSchema,
  /** Minutes without activity before the desk locks itself. */
  lockAfterMinutes: z.number().int().min(1).max(120),
});
export type OfficeProfile = z.infer<typeof officeProfileSchema>;
export type OfficeHoursProfile = z.infer<typeof officeHoursSchema>;

/** Seed 002:12 and the akim office schedule (R-CAL-2). */
export const DEFAULT_WORKING_HOURS: OfficeHoursProfile = {
  opensAt: '09:00',
  closesAt: '18:00',
  lunchFrom: '13:00',
  lunchTo: '14:00',
};
export const DEFAULT_INTAKE_HOURS: OfficeHoursProfile = {
  opensAt: '09:00',
  closesAt: '17:30',
  lunchFrom: '13:00',
  lunchTo: '14:30',
};

/**
 * A profile saved before version 2 had no kind and no district code: it was always an akimat, and its
 * district is taken from the letters of its office code ('KZL01' → 'KZL') until the hub's enrollment
 * gives the real one. Anything else that does not parse is returned as is, for the schema to refuse.
 */
export function upgradeOfficeProfile(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || 'kind' in raw) return raw;
  const code = (raw as { code?: unknown }).code;
  const letters = typeof code === 'string' ? code.replace(/\d+$/u, '') : '';
  return { ...raw, kind: 'akimat', districtId: letters === '' ? 'DISTRICT' : letters };
}
