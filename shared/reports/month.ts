// The month a report is about: 'YYYY-MM', in the office's own calendar (shared/time: legal time is the
// office's wall clock, so a month is a range of office dates, never of instants).
import { addDays, daysInMonth, isLocalDate, type LocalDate } from '../time';

/** A calendar month, 'YYYY-MM'. Sorts as the months do. */
export type ReportMonth = string;

const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isReportMonth(value: string): boolean {
  const m = MONTH_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  return Number(m[1]) >= 1 && month >= 1 && month <= 12;
}

function parts(month: ReportMonth): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m || !isReportMonth(month)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month a date falls in. */
export function monthOf(date: LocalDate): ReportMonth {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return date.slice(0, 7);
}

/** The month's first and last days: a date d is in the month when first ≤ d ≤ last. */
export function monthDays(month: ReportMonth): { first: LocalDate; last: LocalDate } {
  const { year, month: m } = parts(month);
  const first = `${month}-01`;
  return { first, last: addDays(first, daysInMonth(year, m) - 1) };
}

export function isInMonth(date: LocalDate | null, month: ReportMonth): boolean {
  return date !== null && date.slice(0, 7) === month && isLocalDate(date);
}

/** The month before (or, with a positive step, after) `month`. */
export function shiftMonth(month: ReportMonth, step: number): ReportMonth {
  const { year, month: m } = parts(month);
  const index = year * 12 + (m - 1) + step;
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The report a screen opens on: the last whole month before `today`. */
export function previousMonth(today: LocalDate): ReportMonth {
  return shiftMonth(monthOf(today), -1);
}

/** The month's number, 1–12 (for its name in a locale). */
export function monthNumber(month: ReportMonth): number {
  return parts(month).month;
}

export function yearOfMonth(month: ReportMonth): number {
  return parts(month).year;
}
