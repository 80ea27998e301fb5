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

export const officeProfileSchema = z.strictObject({
  officeId: text,
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
