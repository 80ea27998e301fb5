import { datePart } from '../time';
import type { Duration, LocalDate, LocalDateTime } from '../time';
import type { WorkingCalendar } from '../calendar';
import { dueFrom, isPastDue, minutesBetween } from './due';
import type { Due, TermStart } from './due';

// Status of a term at a given moment `now` (always passed in; shared/ has no clock).
// - overdue:  date due → `now` is after the due date's end; dateTime due → `now` is after the moment;
// - dueToday: not overdue and `now` is on the due date;
// - atRisk:   before the due date with ≤ 3 working days left;
// - onTime:   otherwise.
// workingDaysLeft = working days in (today, due date]; when overdue, minus the working days in
// (due date, today], where a day off today counts as the next working day, so it is ≤ −1 from the
// first day after a date due. A minute term overrun on its own due date has workingDaysLeft 0 and
// a negative minutesLeft.

export type TermStatus = 'onTime' | 'dueToday' | 'atRisk' | 'overdue';

export const AT_RISK_WORKING_DAYS = 3;

export interface StatusOptions {
  /** Working days left at or below which a term is at risk; default 3. */
  readonly atRiskWorkingDays?: number;
}

export interface TermState {
  readonly due: Due;
  readonly status: TermStatus;
  readonly workingDaysLeft: number;
  /** Minutes to the due moment (negative when past); null for date dues. */
  readonly minutesLeft: number | null;
}

export function termStatus(
  due: Due,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  options: StatusOptions = {},
): TermState {
  const atRisk = options.atRiskWorkingDays ?? AT_RISK_WORKING_DAYS;
  const today = datePart(now);
  const dueDate = due.kind === 'date' ? due.date : datePart(due.at);
  const minutesLeft = due.kind === 'dateTime' ? minutesBetween(now, due.at) : null;
  const workingDaysLeft = workingDaysLeftUntil(dueDate, today, calendar);

  let status: TermStatus;
  if (isPastDue(due, now)) status = 'overdue';
  else if (today === dueDate) status = 'dueToday';
  else if (workingDaysLeft <= atRisk) status = 'atRisk';
  else status = 'onTime';
  return { due, status, workingDaysLeft, minutesLeft };
}

function workingDaysLeftUntil(
  dueDate: LocalDate,
  today: LocalDate,
  calendar: WorkingCalendar,
): number {
  if (today <= dueDate) return calendar.workingDaysBetween(today, dueDate);
  const counted = calendar.isWorkingDay(today) ? today : calendar.nextWorkingDay(today);
  return -calendar.workingDaysBetween(dueDate, counted);
}

// Steps of a procedure (seed 000 para 5, seed 003 route…) run one after another. Each step starts
// when the previous step was COMPLETED if it was, otherwise when the previous step was DUE: a late
// step does not shorten the next one, and an early finish gives the next one its full term. A step
// that follows a date due has no start moment; if it is a minute step it is due by the end of that
// date (see dueFrom).

export interface StepTemplate {
  readonly id: string;
  readonly duration: Duration;
}

export interface StepStart {
  readonly date: LocalDate;
  /** null when the previous step was due on a date and not yet completed. */
  readonly at: LocalDateTime | null;
}

export interface StepState extends TermState {
  readonly id: string;
  readonly start: StepStart;
  readonly completedAt: LocalDateTime | null;
}

/**
 * Statuses of a chain of steps at `now`. A completed step is judged at its completion moment and
 * ends 'overdue' (completed late) or 'onTime'; an open step is judged at `now`.
 */
export function stepStatuses(
  steps: readonly StepTemplate[],
  start: TermStart,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  completedAt: Readonly<Record<string, LocalDateTime | undefined>> = {},
  options: StatusOptions = {},
): readonly StepState[] {
  const ids = new Set<string>();
  const out: StepState[] = [];
  let from: StepStart = { date: start.date, at: start.at };
  for (const step of steps) {
    if (ids.has(step.id)) throw new RangeError(`Duplicate step id: ${step.id}`);
    ids.add(step.id);
    const due = dueFrom(step.duration, from.date, from.at, calendar);
    const done = completedAt[step.id] ?? null;
    if (done === null) {
      out.push({
        id: step.id,
        start: from,
        completedAt: null,
        ...termStatus(due, now, calendar, options),
      });
    } else {
      const atCompletion = termStatus(due, done, calendar, options);
      out.push({
        id: step.id,
        start: from,
        completedAt: done,
        ...atCompletion,
        status: atCompletion.status === 'overdue' ? 'overdue' : 'onTime',
      });
    }
    from = nextStart(due, done);
  }
  return out;
}

function nextStart(due: Due, completedAt: LocalDateTime | null): StepStart {
  if (completedAt !== null) return { date: datePart(completedAt), at: completedAt };
  return due.kind === 'dateTime'
    ? { date: datePart(due.at), at: due.at }
    : { date: due.date, at: null };
}
