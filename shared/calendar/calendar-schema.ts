// A calendar correction (a new Kurban Ait date, a transfer decree, a new year of coverage) arrives
// as data, later delivered by the district hub. Nothing from outside the build reaches
// createWorkingCalendar before this schema accepts it: data that would make a due date wrong, or
// make the calendar throw on a day a case needs, is turned away and the desk keeps what it had.
import { z } from 'zod';
import { isLocalDate, yearOf } from '../time';
import type { CalendarData, HolidayId } from './calendar-data';
import { createWorkingCalendar } from './working-calendar';

export const CALENDAR_DATA_SCHEMA = 'akimat-desk/kz-working-calendar/v1';

/** Every holiday id this build has names and rules for; a new one needs an app update. */
export const HOLIDAY_IDS = [
  'newYear',
  'orthodoxChristmas',
  'womensDay',
  'constitutionDayMar15',
  'nauryz',
  'unityDay',
  'defenderDay',
  'victoryDay',
  'capitalDay',
  'constitutionDayAug30',
  'republicDay',
  'independenceDay',
  'kurbanAit',
] as const satisfies readonly HolidayId[];
// Both ways: a HolidayId missing from the list above fails to compile.
const _everyHolidayIdListed = (id: HolidayId): (typeof HOLIDAY_IDS)[number] => id;
void _everyHolidayIdListed;

/**
 * 'YYYY.M.N': year and month of the revision, then a serial within the month; no leading zeros,
 * so one version has one spelling. Ordered numerically part by part: 2026.12.1 < 2026.12.2 <
 * 2027.1.1 (a string comparison would put 2026.9.1 after 2026.12.1).
 */
const VERSION_RE = /^([1-9]\d{3})\.([1-9]|1[0-2])\.([1-9]\d*)$/;

const text = z.string().trim().min(1);
const localDate = z.string().refine(isLocalDate, 'LocalDate YYYY-MM-DD');
// A fixed date must exist in every year: 02-29 would be no date at all three years in four.
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'MM-DD')
  .refine((md) => isLocalDate(`2023-${md}`), 'a month and day of every year');
const year = z.number().int().min(1900).max(2200);
const isoWeekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
const holidayId = z.enum(HOLIDAY_IDS);
const factStatus = z.enum(['verified', 'reported', 'unresolved']);
const dateStatus = z.enum(['confirmed', 'announced', 'estimate']);

const holidayName = z.strictObject({
  messageKey: z.string().regex(/^calendar:holidays\.[A-Za-z0-9]+$/, 'calendar:holidays.<key>'),
  names: z.strictObject({ kk: text, ru: text }),
});

const weekDays = z
  .array(isoWeekday)
  .min(1)
  .max(6)
  .refine((days) => new Set(days).size === days.length, 'each weekday once');

const fixedHoliday = z
  .strictObject({
    id: holidayId,
    dates: z.array(monthDay).min(1),
    since: year.optional(),
    until: year.optional(),
    weekendShift: z.boolean(),
    name: holidayName,
    renamed: z.strictObject({ since: year, name: holidayName, source: text }).optional(),
    status: factStatus,
    source: text,
  })
  .refine(
    (h) => h.since === undefined || h.until === undefined || h.since <= h.until,
    'since must not be after until',
  );

const movableHoliday = z.strictObject({
  id: holidayId,
  weekendShift: z.boolean(),
  name: holidayName,
  dates: z.array(
    z
      .strictObject({ year, date: localDate, status: dateStatus, source: text })
      .refine((e) => yearOf(e.date) === e.year, 'the date must be in its year'),
  ),
  source: text,
});

const governmentTransfer = z
  .strictObject({
    dayOff: localDate,
    workingDay: localDate,
    act: text,
    status: factStatus,
    source: text,
  })
  .refine((t) => t.dayOff !== t.workingDay, 'a transfer moves a day off to another day');

export const calendarDataSchema = z
  .strictObject({
    schema: z.literal(CALENDAR_DATA_SCHEMA),
    version: z.string().regex(VERSION_RE, 'version YYYY.M.N'),
    coveredYears: z
      .strictObject({ from: year, to: year })
      .refine((r) => r.from <= r.to, 'from must not be after to'),
    weeklyDaysOff: z.strictObject({ fiveDay: weekDays, sixDay: weekDays, source: text }),
    weekendShiftRule: z.strictObject({ text, source: text }),
    fixedHolidays: z.array(fixedHoliday),
    movableHolidays: z.array(movableHoliday),
    governmentTransfers: z.array(governmentTransfer),
  })
  .superRefine((d, ctx) => {
    const issue = (message: string, path: (string | number)[]): void =>
      ctx.addIssue({ code: 'custom', message, path });
    const ids = [...d.fixedHolidays, ...d.movableHolidays].map((h) => h.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issue(`holiday ${id} is listed twice`, ['fixedHolidays']);
    });
    d.movableHolidays.forEach((h, i) => {
      for (let y = d.coveredYears.from; y <= d.coveredYears.to; y += 1) {
        const n = h.dates.filter((e) => e.year === y).length;
        if (n !== 1)
          issue(`${h.id}: ${n} dates for covered year ${y}, need 1`, ['movableHolidays', i]);
      }
    });
    const dayOffs = d.governmentTransfers.map((t) => t.dayOff);
    dayOffs.forEach((day, i) => {
      if (dayOffs.indexOf(day) !== i) issue(`two transfers to ${day}`, ['governmentTransfers', i]);
    });
    // Last, the rules themselves must run on the data for both weeks (a weekend shift may not
    // leave the covered years, and so on): the schema then promises a calendar that answers. Only
    // on data that passed everything else, so the rules never see a half-checked shape.
    if (ctx.issues.length > 0) return;
    for (const week of ['fiveDay', 'sixDay'] as const) {
      try {
        createWorkingCalendar({ data: d, week });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        issue(`${week} week: ${e.message}`, []);
      }
    }
  });

// The parsed shape is the CalendarData the calendar takes, not a look-alike.
const _parsedIsCalendarData = (d: z.infer<typeof calendarDataSchema>): CalendarData => d;
void _parsedIsCalendarData;

/** Message keys (namespace `calendar`) for data the desk will not use. */
export type CalendarDataReason =
  /** A format newer (or other) than this build knows: the app needs an update. */
  | 'calendar:dataErrors.unknownSchema'
  /** Damaged, incomplete or self-contradicting data. */
  | 'calendar:dataErrors.invalid';

export type ParseCalendarDataResult =
  | { readonly ok: true; readonly data: CalendarData }
  | { readonly ok: false; readonly reason: CalendarDataReason };

/** Validates calendar data from outside the build (a file, the hub). Bad data is a value, not a throw. */
export function parseCalendarData(raw: unknown): ParseCalendarDataResult {
  if (typeof raw === 'object' && raw !== null && 'schema' in raw) {
    if (raw.schema !== CALENDAR_DATA_SCHEMA)
      return { ok: false, reason: 'calendar:dataErrors.unknownSchema' };
  }
  const parsed = calendarDataSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reason: 'calendar:dataErrors.invalid' };
}

/**
 * Negative when version a is older than b, positive when newer, 0 when equal (see VERSION_RE for
 * the order). Both must be well-formed: versions come from data that passed the schema, so a
 * malformed one is a bug and throws.
 */
export function compareCalendarVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The data set with the greater version; on a tie, `a`. Pass the built-in data first and an
 * installed one second: equal versions name the same data, so nothing installed replaces the
 * build without a newer version.
 */
export function newerCalendarData(a: CalendarData, b: CalendarData): CalendarData {
  return compareCalendarVersions(b.version, a.version) > 0 ? b : a;
}

function versionParts(version: string): readonly number[] {
  const m = VERSION_RE.exec(version);
  if (m === null) throw new RangeError(`Not a calendar data version (YYYY.M.N): ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
