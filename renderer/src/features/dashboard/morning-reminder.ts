import {
  datePart,
  timePart,
  type LocalDate,
  type LocalDateTime,
  type LocalTime,
} from '../../../../shared/time';

/** A case the reminder names: its number, the step that is due (null: the whole term), and how. */
export interface ReminderCase {
  readonly number: string;
  readonly stepId: string | null;
  readonly status: 'overdue' | 'dueToday';
}

/** How many cases a reminder names; the rest are counted ("and N more in the today list"). */
export const REMINDER_NAMED = 5;

export interface ReminderInput {
  /** Office wall clock now. */
  now: LocalDateTime;
  /** The office day the reminder was last shown on, from the settings table. */
  lastShownOn: LocalDate | null;
  /** When the office day starts (the office profile's opening time, 09:00 by default). */
  remindAt: LocalTime;
  /** The person's today list (db loadToday), most urgent first. */
  cases: readonly ReminderCase[];
}

export type ReminderDecision =
  | {
      kind: 'notify';
      overdue: number;
      dueToday: number;
      /** The first REMINDER_NAMED cases of the list, in its order. */
      named: readonly ReminderCase[];
      /** How many more the list holds. */
      more: number;
    }
  | { kind: 'wait'; reason: 'shownToday' | 'beforeTime' | 'nothingDue' };

/**
 * Once a day, at the start of the office day or at the first start of the desk after it, when cases
 * of the person's today list are overdue or due today; it names them with their step. A reminder
 * already shown today (or on a later day, after the clock was set back) is never repeated.
 */
export function decideMorningReminder(input: ReminderInput): ReminderDecision {
  const today = datePart(input.now);
  if (input.lastShownOn !== null && input.lastShownOn >= today) {
    return { kind: 'wait', reason: 'shownToday' };
  }
  if (timePart(input.now) < input.remindAt) return { kind: 'wait', reason: 'beforeTime' };
  if (input.cases.length === 0) return { kind: 'wait', reason: 'nothingDue' };
  const overdue = input.cases.filter((c) => c.status === 'overdue').length;
  const named = input.cases.slice(0, REMINDER_NAMED);
  return {
    kind: 'notify',
    overdue,
    dueToday: input.cases.length - overdue,
    named,
    more: input.cases.length - named.length,
  };
}
