import { describe, expect, test } from 'vitest';
import {
  KZ_CALENDAR_DATA,
  calendarDataSchema,
  compareCalendarVersions,
  createWorkingCalendar,
  newerCalendarData,
  parseCalendarData,
} from './index';
import type { CalendarData } from './index';

// What the hub would send: plain JSON, no shared objects with the built-in data.
const asJson = (data: unknown): unknown => JSON.parse(JSON.stringify(data));
const kurban = KZ_CALENDAR_DATA.movableHolidays[0];

describe('calendarDataSchema', () => {
  test('the built-in data passes', () => {
    const parsed = calendarDataSchema.safeParse(KZ_CALENDAR_DATA);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.success).toBe(true);
  });

  test('the built-in version is a comparable YYYY.M.N, bumped for the 2026-12 facts', () => {
    expect(KZ_CALENDAR_DATA.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(compareCalendarVersions(KZ_CALENDAR_DATA.version, '2026.12.1')).toBeGreaterThanOrEqual(
      0,
    );
  });

  const broken: readonly [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
    [
      'a version that does not compare',
      (d) => ({ ...d, version: '2024-2027.1' }),
      /version YYYY\.M\.N/,
    ],
    [
      'a version with a leading zero',
      (d) => ({ ...d, version: '2026.09.1' }),
      /version YYYY\.M\.N/,
    ],
    [
      'covered years backwards',
      (d) => ({ ...d, coveredYears: { from: 2027, to: 2024 } }),
      /from must not be after to/,
    ],
    [
      'a covered year without a Kurban Ait date',
      (d) => ({ ...d, coveredYears: { from: 2024, to: 2028 } }),
      /kurbanAit: 0 dates for covered year 2028/,
    ],
    [
      'two Kurban Ait dates in one year',
      (d) => ({
        ...d,
        movableHolidays: [
          {
            ...kurban,
            dates: [...(kurban?.dates ?? []), { ...kurban?.dates[0], date: '2024-06-17' }],
          },
        ],
      }),
      /kurbanAit: 2 dates for covered year 2024/,
    ],
    [
      'a movable date outside its year',
      (d) => ({
        ...d,
        movableHolidays: [
          {
            ...kurban,
            dates: kurban?.dates.map((e) => (e.year === 2027 ? { ...e, date: '2028-05-16' } : e)),
          },
        ],
      }),
      /the date must be in its year/,
    ],
    [
      'a fixed date on 29 February',
      (d) => ({
        ...d,
        fixedHolidays: [{ ...KZ_CALENDAR_DATA.fixedHolidays[0], id: 'newYear', dates: ['02-29'] }],
      }),
      /a month and day of every year/,
    ],
    [
      'a holiday listed twice',
      (d) => ({
        ...d,
        fixedHolidays: [...KZ_CALENDAR_DATA.fixedHolidays, KZ_CALENDAR_DATA.fixedHolidays[0]],
      }),
      /holiday newYear is listed twice/,
    ],
    [
      'an unknown holiday id',
      (d) => ({
        ...d,
        fixedHolidays: [{ ...KZ_CALENDAR_DATA.fixedHolidays[0], id: 'firstPresidentDay' }],
      }),
      /Invalid option/,
    ],
    [
      'a holiday without a source',
      (d) => ({
        ...d,
        fixedHolidays: [{ ...KZ_CALENDAR_DATA.fixedHolidays[0], source: ' ' }],
      }),
      /Too small/,
    ],
    [
      'an unknown date status',
      (d) => ({
        ...d,
        movableHolidays: [
          { ...kurban, dates: kurban?.dates.map((e) => ({ ...e, status: 'rumoured' })) },
        ],
      }),
      /Invalid option/,
    ],
    [
      'a transfer to the same day',
      (d) => ({
        ...d,
        governmentTransfers: [
          { ...KZ_CALENDAR_DATA.governmentTransfers[0], workingDay: '2024-05-08' },
        ],
      }),
      /moves a day off to another day/,
    ],
    [
      'a weekday 8',
      (d) => ({ ...d, weeklyDaysOff: { fiveDay: [6, 8], sixDay: [7], source: 's' } }),
      /expected one of 1\|2\|3/,
    ],
    ['an unknown field', (d) => ({ ...d, signedBy: 'someone' }), /Unrecognized key/],
    [
      // Every day from Sat 25.12.2027 to Fri 31.12.2027 off: the Saturday's shift has no room left.
      'a weekend shift that leaves the covered years',
      (d) => ({
        ...d,
        fixedHolidays: [
          {
            ...KZ_CALENDAR_DATA.fixedHolidays[0],
            dates: ['12-25', '12-26', '12-27', '12-28', '12-29', '12-30', '12-31'],
            since: 2027,
          },
        ],
      }),
      /fiveDay week: .*shift of 2027-12-25 leaves covered years/,
    ],
  ];

  test.each(broken)('rejects %s', (_label, breakIt, why) => {
    const raw = breakIt(asJson(KZ_CALENDAR_DATA) as Record<string, unknown>);
    const parsed = calendarDataSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('\n')).toMatch(why);
    expect(parseCalendarData(raw)).toEqual({ ok: false, reason: 'calendar:dataErrors.invalid' });
  });
});

describe('parseCalendarData', () => {
  test('a correction as JSON parses and runs the same calendar', () => {
    const result = parseCalendarData(asJson(KZ_CALENDAR_DATA));
    if (!result.ok) throw new Error(result.reason);
    const fromHub = createWorkingCalendar({ data: result.data });
    const builtIn = createWorkingCalendar();
    expect(fromHub.daysOffInYear(2027)).toEqual(builtIn.daysOffInYear(2027));
    expect(fromHub.provisionalDaysOff('2027-01-01', '2027-12-31')).toEqual(
      builtIn.provisionalDaysOff('2027-01-01', '2027-12-31'),
    );
    expect(fromHub.dataVersion).toBe(KZ_CALENDAR_DATA.version);
  });

  test('an announced Kurban Ait 2027 arrives: the date moves and is no longer provisional', () => {
    const raw = asJson(KZ_CALENDAR_DATA) as {
      version: string;
      movableHolidays: { dates: { year: number; date: string; status: string }[] }[];
    };
    raw.version = '2027.4.1';
    const entry = raw.movableHolidays[0]?.dates.find((e) => e.year === 2027);
    if (entry === undefined) throw new Error('no 2027 entry');
    entry.date = '2027-05-17';
    entry.status = 'announced';
    const result = parseCalendarData(raw);
    if (!result.ok) throw new Error(result.reason);
    const calendar = createWorkingCalendar({ data: result.data });
    expect(calendar.dayOffReason('2027-05-17')).toEqual({
      kind: 'holiday',
      holidayId: 'kurbanAit',
    });
    expect(calendar.provisionalDaysOff('2027-01-01', '2027-12-31')).toEqual([]);
    expect(calendar.caveats(2027)).toEqual([]);
    expect(newerCalendarData(KZ_CALENDAR_DATA, result.data)).toBe(result.data);
  });

  test('another format asks for an app update, not a data fix', () => {
    const raw = {
      ...(asJson(KZ_CALENDAR_DATA) as object),
      schema: 'akimat-desk/kz-working-calendar/v2',
    };
    expect(parseCalendarData(raw)).toEqual({
      ok: false,
      reason: 'calendar:dataErrors.unknownSchema',
    });
  });

  test.each([null, undefined, 42, 'calendar', [], {}])('rejects %j as invalid', (raw) => {
    expect(parseCalendarData(raw)).toEqual({ ok: false, reason: 'calendar:dataErrors.invalid' });
  });
});

describe('calendar data versions', () => {
  test.each([
    ['2026.12.1', '2026.12.2', -1],
    ['2026.12.2', '2026.12.1', 1],
    ['2026.12.1', '2026.12.1', 0],
    ['2026.9.1', '2026.12.1', -1], // not a string comparison
    ['2026.12.10', '2026.12.9', 1],
    ['2026.12.5', '2027.1.1', -1],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareCalendarVersions(a, b))).toBe(sign);
  });

  test('a malformed version is a bug and throws', () => {
    expect(() => compareCalendarVersions('2024-2027.1', '2026.12.1')).toThrow(RangeError);
  });

  const withVersion = (version: string): CalendarData => ({ ...KZ_CALENDAR_DATA, version });

  test('newerCalendarData takes the greater version; on a tie the first (the built-in)', () => {
    const builtIn = withVersion('2026.12.1');
    const older = withVersion('2026.6.3');
    const newer = withVersion('2027.2.1');
    const same = withVersion('2026.12.1');
    expect(newerCalendarData(builtIn, older)).toBe(builtIn);
    expect(newerCalendarData(builtIn, newer)).toBe(newer);
    expect(newerCalendarData(newer, builtIn)).toBe(newer);
    expect(newerCalendarData(builtIn, same)).toBe(builtIn);
  });
});
