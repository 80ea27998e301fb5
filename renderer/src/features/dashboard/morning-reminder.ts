import {
  datePart,
  timePart,
  type LocalDate,
  type LocalDateTime,
  type LocalTime,
} from '../../../../shared/time';

export interface ReminderInput {
  /** Office wall clock now. */
  now: LocalDateTime;
  /** The office day the reminder was last shown on, from the settings table. */
  lastShownOn: LocalDate | null;
  /** When the office day starts (the office profile's opening time, 09:00 by default). */
  remindAt: LocalTime;
  counts: { overdue: number; dueToday: number };
}

export type ReminderDecision =
  | { kind: 'notify'; overdue: number; dueToday: number }
  | { kind: 'wait'; reason: 'shownToday' | 'beforeTime' | 'nothingDue' };

/**
 * Once a day, at the start of the office day or at the first start of the desk after it, when open
 * cases are overdue or due today. A reminder already shown today (or on a later day, after the clock
 * was set back) is never repeated.
 */
export function decideMorningReminder(input: ReminderInput): ReminderDecision {
  const today = datePart(input.now);
  if (input.lastShownOn !== null && input.lastShownOn >= today) {
    return { kind: 'wait', reason: 'shownToday' };
  }
  if (timePart(input.now) < input.remindAt) return { kind: 'wait', reason: 'beforeTime' };
  const { overdue, dueToday } = input.counts;
  if (overdue + dueToday === 0) return { kind: 'wait', reason: 'nothingDue' };
  return { kind: 'notify', overdue, dueToday };
}
