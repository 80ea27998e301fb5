import { datePart, joinDateTime, timePart } from '../time';
import type { LocalDate, LocalDateTime } from '../time';
import { AKIM_OFFICE_HOURS, isWithinOpeningHours } from '../calendar';
import type { DailyHours, WorkingCalendar } from '../calendar';
import type { TermStart } from './due';

// R-REG-1 (seed 003:31): an application, electronic ones included, is registered within the working
// day it arrives; one arriving outside the working day is registered on the first working day after
// the day of receipt.
//
// "Within the working day" = a working day of the office's calendar AND 09:00 ≤ time < 18:00, the
// office WORKING hours, not the 09:00–17:30 intake window (processes §7 Q6): 003:31 speaks of the
// working day, and the intake window limits when the desk receives visitors, not when the office
// registers mail and portal applications. 18:00 exactly is outside. The lunch break is inside.
// A receipt before opening (e.g. a portal application at 07:00) is outside the working day too and
// goes to the NEXT working day, as 003:31 reads literally.

export function registrationDate(
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours = AKIM_OFFICE_HOURS.working,
): LocalDate {
  const day = datePart(receivedAt);
  if (calendar.isWorkingDay(day) && isWithinOpeningHours(timePart(receivedAt), hours)) return day;
  return calendar.nextWorkingDay(day);
}

/**
 * Where the application's terms start: the registration date, and the registration moment for
 * minute terms: the receipt moment when registered on receipt, otherwise the opening time of the
 * registration day.
 */
export function registrationStart(
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours = AKIM_OFFICE_HOURS.working,
): TermStart {
  const date = registrationDate(receivedAt, calendar, hours);
  return {
    date,
    at: date === datePart(receivedAt) ? receivedAt : joinDateTime(date, hours.open),
  };
}
