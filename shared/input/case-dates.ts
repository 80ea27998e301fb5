import type { CaseState } from '../case';
import type { LocalDate } from '../time';
import type { DateLimits } from './date-input';

/**
 * The dates an act of a case may carry: not in the future, and not before the case began (its
 * registration, or its receipt when it was never registered). Every action form of the case page
 * checks its act's date with these limits (checkDateInput), so no form lets through a commission act,
 * a withdrawal or a hand-over dated before the application existed.
 */
export function caseDateLimits(
  state: Pick<CaseState, 'registrationDate' | 'receivedAt'>,
  today: LocalDate,
): DateLimits {
  if (state.registrationDate !== null) {
    return { notAfter: today, notBefore: { date: state.registrationDate, kind: 'registration' } };
  }
  if (state.receivedAt !== null) {
    return { notAfter: today, notBefore: { date: state.receivedAt.slice(0, 10), kind: 'receipt' } };
  }
  return { notAfter: today };
}
