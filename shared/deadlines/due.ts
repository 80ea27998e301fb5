import {
  addDays,
  addMinutes,
  datePart,
  daysBetween,
  isLocalDate,
  minutesOfDay,
  timePart,
} from '../time';
import type { Duration, LocalDate, LocalDateTime } from '../time';
import type { WorkingCalendar } from '../calendar';

// How a legal term turns into a due point. Counting rules (kazakhstan-facts.md §3.3, R-CAL-4/5):
// - N working days end on the N-th working day AFTER the start date (the start day is not counted);
// - N calendar days end N days after the start date, moved to the next working day if that is a day off;
// - N minutes end N minutes after the start moment, on the wall clock (lunch and closing time do not
//   pause them: the seeds give minute terms for work done at the desk in one sitting).
// A date due means "by the end of that day"; a dateTime due means "by that moment".

export type Due =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'dateTime'; readonly at: LocalDateTime };

/** Where a term starts: the registration date (day terms) and moment (minute terms). */
export interface TermStart {
  readonly date: LocalDate;
  readonly at: LocalDateTime;
}

/** A period the case was suspended, both ends inclusive. The reason is required. */
export interface Suspension {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly reason: string;
}

export interface DueAdjustments {
  /** Push a day term by the working (WD terms) or calendar (CD terms) days suspended. */
  readonly suspensions?: readonly Suspension[];
  /**
   * Count the start day as day 1 (R-CAL-5's per-rule flag). Default false: the start day is not
   * counted, as 002:10 says for the State Corporation and as the general counting rule does.
   */
  readonly countStartDay?: boolean;
  /**
   * false where the text says the day the result is issued is not part of the term either (001:7132 /
   * 1264, 9292 / 3115: "день приема и выдачи … не входит в срок"): the term's days all lie strictly
   * between the day of acceptance and the day of issue, so the issue falls one day later. Default
   * (absent or null): the issue may happen on the term's last day.
   */
  readonly issueDayCounted?: boolean | null;
}

export type SuspensionRejection = 'suspension.reasonRequired' | 'suspension.invalidPeriod';

export type SuspensionCheck =
  | { readonly ok: true; readonly suspension: Suspension }
  | {
      readonly ok: false;
      readonly reason: SuspensionRejection;
      readonly messageKey: `calendar:deadlines.${SuspensionRejection}`;
    };

/** Validates a suspension as the user entered it; the reason is trimmed. */
export function checkSuspension(input: {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly reason?: string | null;
}): SuspensionCheck {
  const reason = (input.reason ?? '').trim();
  if (!isLocalDate(input.from) || !isLocalDate(input.to) || input.to < input.from) {
    return {
      ok: false,
      reason: 'suspension.invalidPeriod',
      messageKey: 'calendar:deadlines.suspension.invalidPeriod',
    };
  }
  if (reason === '') {
    return {
      ok: false,
      reason: 'suspension.reasonRequired',
      messageKey: 'calendar:deadlines.suspension.reasonRequired',
    };
  }
  return { ok: true, suspension: { from: input.from, to: input.to, reason } };
}

/**
 * The due point of a term. Suspensions must have passed checkSuspension (an invalid one here is a
 * bug and throws), and apply to day terms only: a minute term with suspensions throws.
 */
export function dueFor(
  term: Duration,
  start: TermStart,
  calendar: WorkingCalendar,
  adjustments: DueAdjustments = {},
): Due {
  return dueFrom(term, start.date, start.at, calendar, adjustments);
}

/**
 * dueFor with an optional start moment. Without a moment (the previous step of a chain was due on a
 * date, not at a time) a minute term cannot be placed within the day, so it is due by the end of
 * that same date.
 */
export function dueFrom(
  term: Duration,
  startDate: LocalDate,
  startAt: LocalDateTime | null,
  calendar: WorkingCalendar,
  adjustments: DueAdjustments = {},
): Due {
  const n = term.amount;
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Term amount must be an integer ≥ 0: ${n}`);
  const suspensions = adjustments.suspensions ?? [];
  for (const s of suspensions) {
    if (!checkSuspension(s).ok) throw new RangeError(`Invalid suspension ${s.from}..${s.to}`);
  }
  const countStartDay = adjustments.countStartDay ?? false;
  const issueDay = adjustments.issueDayCounted === false ? 1 : 0;

  switch (term.unit) {
    case 'minutes': {
      if (suspensions.length > 0) throw new RangeError('Suspensions apply to day terms only');
      if (startAt === null) return { kind: 'date', date: startDate };
      return { kind: 'dateTime', at: addMinutes(startAt, n) };
    }
    case 'workingDays': {
      const suspended = suspendedDays(suspensions, 'workingDays', calendar);
      // Counting the start day makes a working start day day 1, i.e. one fewer step forward.
      const steps = countStartDay && n > 0 && calendar.isWorkingDay(startDate) ? n - 1 : n;
      return {
        kind: 'date',
        date: calendar.addWorkingDays(startDate, steps + suspended + issueDay),
      };
    }
    case 'calendarDays': {
      const suspended = suspendedDays(suspensions, 'calendarDays', calendar);
      const steps = countStartDay && n > 0 ? n - 1 : n;
      return {
        kind: 'date',
        date: onOrNextWorkingDay(addDays(startDate, steps + suspended + issueDay), calendar),
      };
    }
  }
}

/**
 * Days the case was suspended, counted in the term's unit: distinct working days (or calendar days)
 * in the union of the periods, so overlapping periods are not counted twice.
 */
export function suspendedDays(
  suspensions: readonly Suspension[],
  unit: 'workingDays' | 'calendarDays',
  calendar: WorkingCalendar,
): number {
  const days = new Set<LocalDate>();
  for (const s of suspensions) {
    for (let d = s.from; d <= s.to; d = addDays(d, 1)) days.add(d);
  }
  if (unit === 'calendarDays') return days.size;
  let count = 0;
  for (const d of days) if (calendar.isWorkingDay(d)) count += 1;
  return count;
}

export function onOrNextWorkingDay(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  return calendar.isWorkingDay(date) ? date : calendar.nextWorkingDay(date);
}

/** Whether `at` is past the due point: after the due date's end, or after the due moment. */
export function isPastDue(due: Due, at: LocalDateTime): boolean {
  return due.kind === 'date' ? datePart(at) > due.date : at > due.at;
}

/**
 * The first moment at which `isPastDue(due, ·)` holds, as a LocalDateTime: the next day's 00:00 for a
 * date due, the minute after a due moment. Stores index it so "overdue now" is one range (≤ now).
 */
export function overdueFrom(due: Due): LocalDateTime {
  return due.kind === 'date' ? `${addDays(due.date, 1)}T00:00` : addMinutes(due.at, 1);
}

/**
 * A due point as one string, for stores: the date (YYYY-MM-DD) or the moment (YYYY-MM-DDTHH:mm). The
 * two forms never collide, dueOfKey(dueKey(d)) is d, and keys of one day order as the points do.
 */
export type DueKey = string;

export function dueKey(due: Due): DueKey {
  return due.kind === 'date' ? due.date : due.at;
}

export function dueOfKey(key: DueKey): Due {
  return isLocalDate(key) ? { kind: 'date', date: key } : { kind: 'dateTime', at: key };
}

/** Whether something done at `doneAt` (a sending, an objection…) met the due point. */
export function completionCheck(due: Due, doneAt: LocalDateTime): 'onTime' | 'late' {
  return isPastDue(due, doneAt) ? 'late' : 'onTime';
}

/** Minutes from a to b on the wall clock (negative when b is earlier). */
export function minutesBetween(a: LocalDateTime, b: LocalDateTime): number {
  return (
    daysBetween(datePart(a), datePart(b)) * 1440 +
    minutesOfDay(timePart(b)) -
    minutesOfDay(timePart(a))
  );
}
