import { createWorkingCalendar } from '../../../../shared/calendar';

/** The akimat's five-day working-day calendar (R-CAL-1, R-CAL-5), built once. */
export const deskCalendar = createWorkingCalendar();
