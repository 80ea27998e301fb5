import { addDays, isLocalDate, isoWeekday, yearOf } from '../time';
import type { LocalDate } from '../time';
import { KZ_CALENDAR_DATA } from './calendar-data';
import type {
  CalendarData,
  FixedHoliday,
  HolidayId,
  HolidayName,
  WeekPattern,
  YearRange,
} from './calendar-data';
import { CalendarDataMissingError } from './errors';

/** The years the built-in data covers. Any other date throws CalendarDataMissingError. */
export const KZ_CALENDAR_COVERED_YEARS: YearRange = KZ_CALENDAR_DATA.coveredYears;

export type DayOffReason =
  | { readonly kind: 'weekend' }
  | { readonly kind: 'holiday'; readonly holidayId: HolidayId }
  /** An extra day off given by a holiday that fell on a weekly day off. */
  | { readonly kind: 'shift'; readonly holidayId: HolidayId }
  /** A weekday made a day off by a government transfer decree. */
  | { readonly kind: 'transfer'; readonly act: string }
  /** An office's own extra day off. */
  | { readonly kind: 'override' };

export interface DayOff {
  readonly date: LocalDate;
  readonly reason: DayOffReason;
  /** True when this day being off rests on a provisional (estimated) holiday date. */
  readonly provisional: boolean;
}

/**
 * A day whose day-off or working status rests on a holiday date that is only an estimate (status
 * 'estimate', e.g. Kurban Ait 2027): the estimated date itself, and every day whose status would
 * differ without that date (an extra day off it gives by the weekend-shift rule, or a day off of
 * another holiday's shift that it pushes along). A term whose counting range holds such a day may
 * end elsewhere once the date is announced.
 * Message params: `{ holiday, date }`, holiday = the translated name of holidayId in holidayDate's
 * year (holidayName), date = holidayDate as dd.MM.yyyy.
 */
export interface ProvisionalDay {
  readonly date: LocalDate;
  readonly holidayId: HolidayId;
  /** The estimated date of the holiday this day rests on (equals `date` for the holiday itself). */
  readonly holidayDate: LocalDate;
  readonly messageKey: 'calendar:warnings.provisionalDayOff';
}

/**
 * Facts behind a year's calendar that the user should know about before trusting a due date.
 * Message params: `{ holiday, year }` (holiday = the translated name of holidayId).
 */
export type CalendarCaveat =
  | {
      readonly kind: 'estimatedDate';
      readonly holidayId: HolidayId;
      readonly date: LocalDate;
      readonly messageKey: 'calendar:warnings.estimatedDate';
    }
  | {
      readonly kind: 'reportedHoliday';
      readonly holidayId: HolidayId;
      readonly messageKey: 'calendar:warnings.reportedHoliday';
    };

export interface WorkingCalendarOptions {
  /**
   * Calendar data; defaults to the built-in KZ_CALENDAR_DATA. Data from outside the build (a hub
   * correction) goes through parseCalendarData first, and newerCalendarData picks which to use.
   */
  readonly data?: CalendarData;
  /** 'fiveDay' (akim office, default) or 'sixDay' (State Corporation, R-CAL-3). */
  readonly week?: WeekPattern;
  /** The office's own extra days off (R-CAL-1: an editable holiday list). */
  readonly extraDaysOff?: readonly LocalDate[];
  /** The office's own extra working days; they win over every day-off rule. */
  readonly extraWorkingDays?: readonly LocalDate[];
}

export interface WorkingCalendar {
  readonly dataVersion: string;
  readonly week: WeekPattern;
  readonly coveredYears: YearRange;
  covers(date: LocalDate): boolean;
  isWorkingDay(date: LocalDate): boolean;
  /** null for a working day. */
  dayOffReason(date: LocalDate): DayOffReason | null;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /**
   * The n-th working day strictly after `date` (the start day is not counted, R-CAL-5); n = 0 gives
   * `date` itself, working or not. n must be a non-negative integer.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Working days in (a, b]; negative (−count of (b, a]) when b is before a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  /** Every day off of the year (weekends included), in date order. */
  daysOffInYear(year: number): readonly DayOff[];
  /** Weekly days off made working days by a government transfer, in date order. */
  weekendWorkingDaysInYear(year: number): readonly LocalDate[];
  caveats(year: number): readonly CalendarCaveat[];
  /**
   * The days in [from, to] (both inclusive; empty when to < from) whose status rests on a
   * provisional holiday date, in date order (then by holiday). Empty means a computation over that
   * range depends on no estimate. Both dates must be in the covered years.
   */
  provisionalDaysOff(from: LocalDate, to: LocalDate): readonly ProvisionalDay[];
  /** Whether `date`'s status rests on a provisional holiday date (see provisionalDaysOff). */
  isProvisional(date: LocalDate): boolean;
}

/** A movable holiday date of the covered years that is only an estimate. */
interface ProvisionalDate {
  readonly holidayId: HolidayId;
  readonly year: number;
  readonly date: LocalDate;
}

interface NationalTable {
  readonly off: ReadonlyMap<LocalDate, DayOffReason>;
  /** Weekly days off worked instead (transfer decrees). */
  readonly working: ReadonlySet<LocalDate>;
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const data = options.data ?? KZ_CALENDAR_DATA;
  const week = options.week ?? 'fiveDay';
  const range = data.coveredYears;
  const weekly = new Set<number>(data.weeklyDaysOff[week]);
  const national = buildNationalTable(data, week);
  const officeOff = dateSet(options.extraDaysOff ?? []);
  const officeWorking = dateSet(options.extraWorkingDays ?? []);
  for (const d of officeOff) {
    if (officeWorking.has(d)) throw new RangeError(`${d} is both an extra day off and working day`);
  }

  const covers = (date: LocalDate): boolean => {
    const y = yearOf(date);
    return y >= range.from && y <= range.to;
  };
  const assertYear = (year: number): void => {
    if (!Number.isInteger(year) || year < range.from || year > range.to) {
      throw new CalendarDataMissingError(year, range);
    }
  };

  // Precedence, most specific first: the office's own working days, national days off (holiday,
  // shift, transfer), weekends worked by decree, weekly days off, the office's own days off.
  const resolve = (table: NationalTable, date: LocalDate): DayOffReason | null => {
    if (officeWorking.has(date)) return null;
    const reason = table.off.get(date);
    if (reason !== undefined) return reason;
    if (table.working.has(date)) return officeOff.has(date) ? { kind: 'override' } : null;
    if (weekly.has(isoWeekday(date))) return { kind: 'weekend' };
    if (officeOff.has(date)) return { kind: 'override' };
    return null;
  };
  const dayOffReason = (date: LocalDate): DayOffReason | null => {
    assertYear(yearOf(date));
    return resolve(national, date);
  };
  const isWorkingDay = (date: LocalDate): boolean => dayOffReason(date) === null;

  // The calendar never changes once made: each day's next working day is worked out once (a pulled
  // page projects hundreds of cases, each counting its terms a working day at a time).
  const nextOf = new Map<LocalDate, LocalDate>();
  const nextWorkingDay = (date: LocalDate): LocalDate => {
    const known = nextOf.get(date);
    if (known !== undefined) return known;
    let d = addDays(date, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    nextOf.set(date, d);
    return d;
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Working days must be an integer ≥ 0: ${n}`);
    assertYear(yearOf(date));
    let d = date;
    for (let i = 0; i < n; i += 1) d = nextWorkingDay(d);
    return d;
  };

  const workingDaysBetween = (a: LocalDate, b: LocalDate): number => {
    assertYear(yearOf(a));
    assertYear(yearOf(b));
    if (b < a) return -workingDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
    return count;
  };

  const daysOfYear = (year: number): LocalDate[] => {
    assertYear(year);
    const days: LocalDate[] = [];
    for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) days.push(d);
    return days;
  };

  // Built on first use: each provisional date costs one more national table.
  let provisional: ReadonlyMap<LocalDate, readonly ProvisionalDay[]> | undefined;
  const provisionalByDate = (): ReadonlyMap<LocalDate, readonly ProvisionalDay[]> => {
    if (provisional !== undefined) return provisional;
    const byDate = new Map<LocalDate, ProvisionalDay[]>();
    const add = (date: LocalDate, p: ProvisionalDate): void => {
      const list = byDate.get(date) ?? [];
      if (list.some((x) => x.holidayId === p.holidayId)) return;
      list.push({
        date,
        holidayId: p.holidayId,
        holidayDate: p.date,
        messageKey: 'calendar:warnings.provisionalDayOff',
      });
      byDate.set(date, list);
    };
    for (const p of provisionalDates(data)) {
      // The estimate itself, even where it lands on a day off anyway (Sun 16.05.2027): the real
      // date is not known, so a term that spans the estimate may end elsewhere.
      add(p.date, p);
      // Every day whose status differs without the estimate. Only days named in either table can
      // differ; the rest resolve to the same weekly rule and office lists.
      const without = buildNationalTable(data, week, p);
      const candidates = new Set([
        ...national.off.keys(),
        ...national.working,
        ...without.off.keys(),
        ...without.working,
      ]);
      for (const date of candidates) {
        if ((resolve(national, date) === null) !== (resolve(without, date) === null)) add(date, p);
      }
    }
    provisional = byDate;
    return byDate;
  };

  const isProvisional = (date: LocalDate): boolean => {
    assertYear(yearOf(date));
    return provisionalByDate().has(date);
  };

  const provisionalDaysOff = (from: LocalDate, to: LocalDate): readonly ProvisionalDay[] => {
    assertYear(yearOf(from));
    assertYear(yearOf(to));
    return [...provisionalByDate().entries()]
      .filter(([date]) => date >= from && date <= to)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([, days]) => [...days].sort((a, b) => (a.holidayId < b.holidayId ? -1 : 1)));
  };

  const daysOffInYear = (year: number): readonly DayOff[] =>
    daysOfYear(year).flatMap((date) => {
      const reason = dayOffReason(date);
      return reason === null ? [] : [{ date, reason, provisional: provisionalByDate().has(date) }];
    });

  const weekendWorkingDaysInYear = (year: number): readonly LocalDate[] =>
    daysOfYear(year).filter((d) => weekly.has(isoWeekday(d)) && isWorkingDay(d));

  const caveats = (year: number): readonly CalendarCaveat[] => {
    assertYear(year);
    const out: CalendarCaveat[] = [];
    for (const h of data.movableHolidays) {
      for (const entry of h.dates) {
        if (entry.year === year && entry.status === 'estimate') {
          out.push({
            kind: 'estimatedDate',
            holidayId: h.id,
            date: entry.date,
            messageKey: 'calendar:warnings.estimatedDate',
          });
        }
      }
    }
    for (const h of data.fixedHolidays) {
      if (h.status === 'reported' && appliesIn(h, year)) {
        out.push({
          kind: 'reportedHoliday',
          holidayId: h.id,
          messageKey: 'calendar:warnings.reportedHoliday',
        });
      }
    }
    return out;
  };

  return {
    dataVersion: data.version,
    week,
    coveredYears: range,
    covers,
    isWorkingDay,
    dayOffReason,
    nextWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    daysOffInYear,
    weekendWorkingDaysInYear,
    caveats,
    provisionalDaysOff,
    isProvisional,
  };
}

/** The State Corporation's calendar (R-CAL-3): six-day week, only Sunday off. */
export function createStateCorporationCalendar(
  options: Omit<WorkingCalendarOptions, 'week'> = {},
): WorkingCalendar {
  return createWorkingCalendar({ ...options, week: 'sixDay' });
}

/** The official name of a holiday in a given year (Republic Day is renamed from 2026). */
export function holidayName(
  holidayId: HolidayId,
  year: number,
  data: CalendarData = KZ_CALENDAR_DATA,
): HolidayName {
  const fixed = data.fixedHolidays.find((h) => h.id === holidayId);
  if (fixed !== undefined) {
    return fixed.renamed !== undefined && year >= fixed.renamed.since
      ? fixed.renamed.name
      : fixed.name;
  }
  const movable = data.movableHolidays.find((h) => h.id === holidayId);
  if (movable !== undefined) return movable.name;
  throw new RangeError(`Unknown holiday: ${holidayId}`);
}

function appliesIn(h: FixedHoliday, year: number): boolean {
  return (h.since === undefined || year >= h.since) && (h.until === undefined || year <= h.until);
}

function dateSet(dates: readonly LocalDate[]): Set<LocalDate> {
  for (const d of dates) if (!isLocalDate(d)) throw new RangeError(`Not a date (YYYY-MM-DD): ${d}`);
  return new Set(dates);
}

function provisionalDates(data: CalendarData): ProvisionalDate[] {
  const { from, to } = data.coveredYears;
  return data.movableHolidays.flatMap((h) =>
    h.dates
      .filter((e) => e.status === 'estimate' && e.year >= from && e.year <= to)
      .map((e) => ({ holidayId: h.id, year: e.year, date: e.date })),
  );
}

/**
 * National days off of the covered years for one week pattern: holidays, weekend shifts and
 * government transfers. `without` leaves one movable date out, to see which days rest on it. Data
 * errors (a covered year without a movable date, a shift leaving the covered years) throw: they are
 * bugs in the data, not user errors.
 */
function buildNationalTable(
  data: CalendarData,
  week: WeekPattern,
  without?: ProvisionalDate,
): NationalTable {
  const { from, to } = data.coveredYears;
  const weekly = new Set<number>(data.weeklyDaysOff[week]);
  const holidays = new Map<LocalDate, { id: HolidayId; weekendShift: boolean }>();
  const addHoliday = (date: LocalDate, id: HolidayId, weekendShift: boolean): void => {
    if (!isLocalDate(date)) throw new RangeError(`Calendar data: bad date ${date} for ${id}`);
    // Two holidays on one date give one day off; the first listed (fixed before movable) names it.
    if (!holidays.has(date)) holidays.set(date, { id, weekendShift });
  };

  for (let year = from; year <= to; year += 1) {
    for (const h of data.fixedHolidays) {
      if (!appliesIn(h, year)) continue;
      for (const md of h.dates) addHoliday(`${year}-${md}`, h.id, h.weekendShift);
    }
    for (const h of data.movableHolidays) {
      const entry = h.dates.find((e) => e.year === year);
      if (entry === undefined) throw new RangeError(`Calendar data: no ${h.id} date for ${year}`);
      if (yearOf(entry.date) !== year) throw new RangeError(`Calendar data: ${h.id} ${entry.date}`);
      if (without !== undefined && without.holidayId === h.id && without.year === year) continue;
      addHoliday(entry.date, h.id, h.weekendShift);
    }
  }

  // A transfer swaps a weekly day off for a weekday. Under a week where the "worked instead" day
  // is already a working day (a Saturday in the six-day week) there is nothing to swap, so the
  // decree does not apply to that week [judgement, see report].
  const transferOff = new Map<LocalDate, string>();
  const working = new Set<LocalDate>();
  for (const t of data.governmentTransfers) {
    const y = yearOf(t.dayOff);
    if (y < from || y > to) continue;
    if (!weekly.has(isoWeekday(t.workingDay))) continue;
    transferOff.set(t.dayOff, t.act);
    working.add(t.workingDay);
  }

  const isWeeklyOff = (d: LocalDate): boolean => weekly.has(isoWeekday(d)) && !working.has(d);
  const shifts = new Map<LocalDate, HolidayId>();
  const shifting = [...holidays.entries()]
    .filter(([date, h]) => h.weekendShift && isWeeklyOff(date))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // One extra day per coinciding holiday day, each on the first day after it that is not already
  // off: Nauryz 2026 (Sat 21, Sun 22, Mon 23) gives Tue 24 and Wed 25.
  for (const [date, h] of shifting) {
    let d = addDays(date, 1);
    while (isWeeklyOff(d) || holidays.has(d) || shifts.has(d) || transferOff.has(d))
      d = addDays(d, 1);
    if (yearOf(d) > to)
      throw new RangeError(`Calendar data: shift of ${date} leaves covered years`);
    shifts.set(d, h.id);
  }

  const off = new Map<LocalDate, DayOffReason>();
  for (const [date, h] of holidays) off.set(date, { kind: 'holiday', holidayId: h.id });
  for (const [date, id] of shifts) off.set(date, { kind: 'shift', holidayId: id });
  for (const [date, act] of transferOff) {
    if (!off.has(date)) off.set(date, { kind: 'transfer', act });
  }
  return { off, working };
}
