import type { TFunction } from 'i18next';
import type { CaseTermState } from '../../../shared/schedule';

// The one way the desk says how much time a running term or step has left, or how late it is: the
// case page's deadlines card, the journal's (and every list's) status and the akim's term badge all
// call timeLeftText, so the same state reads the same on every screen. What must stay true:
// - a day term is counted in its own days (termStateOf's daysLeft and dayUnit): a calendar-day term
//   (the child benefit's 30 calendar days, seed 001:7131, 1263) is never said in working days;
// - a minute term (the akim's resolution, the certificate's 15 minutes, 002:10) is said in minutes
//   while it is within MINUTES_SHOWN of its due moment, either side; beyond that in days.

/** How near its due moment a minute term is said in minutes (3 hours). */
export const MINUTES_SHOWN = 180;

export interface TimeLeftOptions {
  /**
   * The status words ('Due today', 'Overdue') are shown beside the text: then the words that would
   * only repeat them are left out ('' instead of "due today" or an uncounted "overdue").
   */
  readonly statusShown?: boolean;
}

/** "3 working days left", "late by 2 calendar days", "12 minutes left"… (calendar:timeLeft.*). */
export function timeLeftText(
  state: CaseTermState & { kind: 'term' },
  t: TFunction,
  options: TimeLeftOptions = {},
): string {
  const { minutesLeft } = state;
  if (minutesLeft !== null && Math.abs(minutesLeft) <= MINUTES_SHOWN) {
    return minutesLeft >= 0
      ? t('calendar:timeLeft.minutesLeft', { count: minutesLeft })
      : t('calendar:timeLeft.minutesLate', { count: -minutesLeft });
  }
  const calendar = state.dayUnit === 'calendarDays';
  switch (state.status) {
    case 'overdue':
      if (state.daysLeft < 0) {
        return t(calendar ? 'calendar:timeLeft.calendarDaysLate' : 'calendar:timeLeft.daysLate', {
          count: -state.daysLeft,
        });
      }
      return options.statusShown ? '' : t('calendar:timeLeft.overdue');
    case 'dueToday':
      return options.statusShown ? '' : t('calendar:timeLeft.dueToday');
    case 'atRisk':
    case 'onTime':
      return t(calendar ? 'calendar:timeLeft.calendarDaysLeft' : 'calendar:timeLeft.daysLeft', {
        count: state.daysLeft,
      });
  }
}
