// Legal time at an office is a wall-clock reading in the office's own zone (Kazakhstan: UTC+5 since
// 01.03.2024). We never convert it to an instant: deadlines are counted in office days, so a date is a
// plain 'YYYY-MM-DD' string and a moment is 'YYYY-MM-DDTHH:mm'. Both sort correctly as strings.

/** A calendar date at the office, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A wall-clock moment at the office, 'YYYY-MM-DDTHH:mm'. */
export type LocalDateTime = string;
/** A time of day, 'HH:mm'. */
export type LocalTime = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isLocalDateTime(value: string): boolean {
  const m = DATE_TIME_RE.exec(value);
  if (!m || m[1] === undefined) return false;
  return isLocalDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
}

export function isLocalTime(value: string): boolean {
  const m = TIME_RE.exec(value);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function assertDate(value: string): void {
  if (!isLocalDate(value)) throw new RangeError(`Not a date (YYYY-MM-DD): ${value}`);
}

function toUtcMs(date: LocalDate): number {
  assertDate(date);
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

function fromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(toUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function yearOf(date: LocalDate): number {
  assertDate(date);
  return Number(date.slice(0, 4));
}

export function datePart(at: LocalDateTime): LocalDate {
  if (!isLocalDateTime(at)) throw new RangeError(`Not a date-time (YYYY-MM-DDTHH:mm): ${at}`);
  return at.slice(0, 10);
}

export function timePart(at: LocalDateTime): LocalTime {
  if (!isLocalDateTime(at)) throw new RangeError(`Not a date-time (YYYY-MM-DDTHH:mm): ${at}`);
  return at.slice(11, 16);
}

export function joinDateTime(date: LocalDate, time: LocalTime): LocalDateTime {
  assertDate(date);
  if (!isLocalTime(time)) throw new RangeError(`Not a time (HH:mm): ${time}`);
  return `${date}T${time}`;
}

export function minutesOfDay(time: LocalTime): number {
  if (!isLocalTime(time)) throw new RangeError(`Not a time (HH:mm): ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Adds minutes to a wall-clock moment, crossing midnight as the calendar does. */
export function addMinutes(at: LocalDateTime, minutes: number): LocalDateTime {
  const total = minutesOfDay(timePart(at)) + minutes;
  const dayShift = Math.floor(total / 1440);
  const rest = total - dayShift * 1440;
  const hh = String(Math.floor(rest / 60)).padStart(2, '0');
  const mm = String(rest % 60).padStart(2, '0');
  return `${addDays(datePart(at), dayShift)}T${hh}:${mm}`;
}

/** The form every screen and printed document uses: dd.MM.yyyy. */
export function formatDate(date: LocalDate): string {
  assertDate(date);
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** dd.MM.yyyy HH:mm */
export function formatDateTime(at: LocalDateTime): string {
  return `${formatDate(datePart(at))} ${timePart(at)}`;
}
