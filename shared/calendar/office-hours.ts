import { datePart, minutesOfDay, timePart } from '../time';
import type { LocalDateTime, LocalTime } from '../time';
import type { WeekPattern } from './calendar-data';
import type { WorkingCalendar } from './working-calendar';

/** A daily window: open ≤ t < close, minus the lunch break [from, to). */
export interface DailyHours {
  readonly open: LocalTime;
  readonly close: LocalTime;
  readonly lunch: { readonly from: LocalTime; readonly to: LocalTime } | null;
}

export interface OfficeHours {
  readonly id: 'akimOffice' | 'stateCorporation';
  /** The week the office works; its calendar is createWorkingCalendar({ week }). */
  readonly week: WeekPattern;
  /** Working hours: they decide the registration date (R-REG-1). */
  readonly working: DailyHours;
  /** Acceptance of applications and issue of results. */
  readonly intake: DailyHours;
  readonly source: string;
}

/** Rural akim office (R-CAL-2). Defaults only: an office may configure its own. */
export const AKIM_OFFICE_HOURS: OfficeHours = {
  id: 'akimOffice',
  week: 'fiveDay',
  working: { open: '09:00', close: '18:00', lunch: { from: '13:00', to: '14:00' } },
  intake: { open: '09:00', close: '17:30', lunch: { from: '13:00', to: '14:30' } },
  source: 'seed 002:12; processes-seeds §5, R-CAL-2',
};

/** State Corporation "Government for Citizens" (R-CAL-3): Mon–Sat, no lunch break. */
export const STATE_CORPORATION_HOURS: OfficeHours = {
  id: 'stateCorporation',
  week: 'sixDay',
  working: { open: '09:00', close: '20:00', lunch: null },
  intake: { open: '09:00', close: '20:00', lunch: null },
  source: 'seed 002:12-14; processes-seeds §5, R-CAL-3',
};

/**
 * Whether a time of day lies within open ≤ t < close. Lunch is NOT excluded: a lunch break is part of
 * the working day, so an application arriving at 13:30 still arrives "within the working day".
 */
export function isWithinOpeningHours(time: LocalTime, hours: DailyHours): boolean {
  const t = minutesOfDay(time);
  return t >= minutesOfDay(hours.open) && t < minutesOfDay(hours.close);
}

export function isDuringLunch(time: LocalTime, hours: DailyHours): boolean {
  if (hours.lunch === null) return false;
  const t = minutesOfDay(time);
  return t >= minutesOfDay(hours.lunch.from) && t < minutesOfDay(hours.lunch.to);
}

export type IntakeWarningReason = 'dayOff' | 'beforeOpening' | 'lunchBreak' | 'afterClosing';

export interface IntakeWarning {
  readonly reason: IntakeWarningReason;
  readonly messageKey: `calendar:intake.${IntakeWarningReason}`;
}

/**
 * R-CAL-2: a warning (not a block) when an application is accepted outside the intake window.
 * The desk may still accept it, e.g. a citizen already in the queue at 17:30.
 */
export function intakeTimeWarning(
  at: LocalDateTime,
  calendar: WorkingCalendar,
  office: OfficeHours = AKIM_OFFICE_HOURS,
): IntakeWarning | null {
  const warn = (reason: IntakeWarningReason): IntakeWarning => ({
    reason,
    messageKey: `calendar:intake.${reason}`,
  });
  if (!calendar.isWorkingDay(datePart(at))) return warn('dayOff');
  const time = timePart(at);
  const t = minutesOfDay(time);
  if (t < minutesOfDay(office.intake.open)) return warn('beforeOpening');
  if (t >= minutesOfDay(office.intake.close)) return warn('afterClosing');
  if (isDuringLunch(time, office.intake)) return warn('lunchBreak');
  return null;
}
