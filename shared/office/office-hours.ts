import { AKIM_OFFICE_HOURS, type DailyHours, type OfficeHours } from '../calendar';
import type { OfficeHoursProfile, OfficeProfile } from './office-profile';

function dailyHours(h: OfficeHoursProfile): DailyHours {
  return { open: h.opensAt, close: h.closesAt, lunch: { from: h.lunchFrom, to: h.lunchTo } };
}

/**
 * The office's configured hours (R-CAL-2), or the akim office defaults before setup: the hours the
 * store registers with (003:31) and the intake screen plans with, so both give the same date.
 */
export function officeHoursOf(office: OfficeProfile | null): OfficeHours {
  if (!office) return AKIM_OFFICE_HOURS;
  return {
    ...AKIM_OFFICE_HOURS,
    working: dailyHours(office.workingHours),
    intake: dailyHours(office.intakeHours),
  };
}
