import { describe, expect, test } from 'vitest';
import { isoWeekday } from '../time';
import {
  CalendarDataMissingError,
  KZ_CALENDAR_COVERED_YEARS,
  KZ_CALENDAR_DATA,
  createStateCorporationCalendar,
  createWorkingCalendar,
  holidayName,
} from './index';

// Copied literally from kazakhstan-facts.md §2.5 (`computed_weekday_days_off_5day_week` and
// `computed_weekend_working_days`), which were checked there against vacanza/holidays.
// prettier-ignore
const FACTS_WEEKDAY_DAYS_OFF: Record<number, readonly string[]> = {
  2024: [
    '2024-01-01',
    '2024-01-02',
    '2024-03-08',
    '2024-03-21',
    '2024-03-22',
    '2024-03-25',
    '2024-05-01',
    '2024-05-07',
    '2024-05-08',
    '2024-05-09',
    '2024-07-08',
    '2024-08-30',
    '2024-10-25',
    '2024-12-16',
  ],
  2025: [
    '2025-01-01',
    '2025-01-02',
    '2025-01-03',
    '2025-01-07',
    '2025-03-10',
    '2025-03-21',
    '2025-03-24',
    '2025-03-25',
    '2025-05-01',
    '2025-05-07',
    '2025-05-09',
    '2025-06-06',
    '2025-07-07',
    '2025-09-01',
    '2025-10-27',
    '2025-12-16',
  ],
  2026: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-07',
    '2026-03-09',
    '2026-03-23',
    '2026-03-24',
    '2026-03-25',
    '2026-05-01',
    '2026-05-07',
    '2026-05-11',
    '2026-05-27',
    '2026-07-06',
    '2026-10-26',
    '2026-12-16',
  ],
  2027: [
    '2027-01-01',
    '2027-01-04',
    '2027-01-07',
    '2027-03-08',
    '2027-03-15',
    '2027-03-22',
    '2027-03-23',
    '2027-03-24',
    '2027-05-03',
    '2027-05-07',
    '2027-05-10',
    '2027-07-06',
    '2027-10-25',
    '2027-12-16',
  ],
};
const FACTS_WEEKEND_WORKING_DAYS: Record<number, readonly string[]> = {
  2024: ['2024-05-04'],
  2025: ['2025-01-05'],
  2026: [],
  2027: [],
};

const calendar = createWorkingCalendar();

describe('five-day calendar against kazakhstan-facts.md §2.5', () => {
  test.each([2024, 2025, 2026, 2027])(
    '%i: weekday days off equal the facts list exactly',
    (year) => {
      const weekdayOff = calendar
        .daysOffInYear(year)
        .map((d) => d.date)
        .filter((d) => isoWeekday(d) <= 5);
      expect(weekdayOff).toEqual(FACTS_WEEKDAY_DAYS_OFF[year]);
    },
  );

  test.each([2024, 2025, 2026, 2027])(
    '%i: weekend working days equal the facts list exactly',
    (year) => {
      expect(calendar.weekendWorkingDaysInYear(year)).toEqual(FACTS_WEEKEND_WORKING_DAYS[year]);
    },
  );

  test('covered range is 2024–2027', () => {
    expect(KZ_CALENDAR_COVERED_YEARS).toEqual({ from: 2024, to: 2027 });
    expect(calendar.coveredYears).toEqual({ from: 2024, to: 2027 });
    expect(calendar.dataVersion).toBe(KZ_CALENDAR_DATA.version);
  });
});

describe('dayOffReason', () => {
  test.each([
    ['2026-03-21', { kind: 'holiday', holidayId: 'nauryz' }], // Sat, holiday wins over weekend
    ['2026-03-23', { kind: 'holiday', holidayId: 'nauryz' }],
    ['2026-03-24', { kind: 'shift', holidayId: 'nauryz' }], // for Sat 21
    ['2026-03-25', { kind: 'shift', holidayId: 'nauryz' }], // for Sun 22
    ['2026-03-26', null],
    ['2024-05-08', { kind: 'transfer', act: 'adilet G24G0000109' }],
    ['2024-05-04', null], // Saturday worked instead
    ['2025-01-03', { kind: 'transfer', act: 'adilet G24G0000436' }],
    ['2025-01-05', null], // Sunday worked instead
    ['2024-06-16', { kind: 'holiday', holidayId: 'kurbanAit' }], // Sunday
    ['2024-06-17', null], // Kurban Ait never shifts
    ['2027-01-07', { kind: 'holiday', holidayId: 'orthodoxChristmas' }],
    ['2025-09-01', { kind: 'shift', holidayId: 'constitutionDayAug30' }], // 30.08.2025 was Sat
    ['2027-03-15', { kind: 'holiday', holidayId: 'constitutionDayMar15' }],
    ['2026-03-15', { kind: 'weekend' }], // Sunday; the new Constitution Day starts in 2027
    ['2026-03-16', null],
    ['2025-02-15', { kind: 'weekend' }],
    ['2025-02-12', null],
  ] as const)('%s → %j', (date, reason) => {
    expect(calendar.dayOffReason(date)).toEqual(reason);
    expect(calendar.isWorkingDay(date)).toBe(reason === null);
  });
});

describe('Constitution Day 2026 switch (kazakhstan-facts.md §2.4, unresolved)', () => {
  test('default: 31.08.2026 is a working day, as the library', () => {
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.dayOffReason('2026-08-30')).toEqual({ kind: 'weekend' });
  });

  test('constitutionDay2026Observed makes 31.08.2026 a day off and nothing else', () => {
    const observed = createWorkingCalendar({ constitutionDay2026Observed: true });
    expect(observed.dayOffReason('2026-08-30')).toEqual({
      kind: 'holiday',
      holidayId: 'constitutionDayAug30',
    });
    expect(observed.dayOffReason('2026-08-31')).toEqual({
      kind: 'shift',
      holidayId: 'constitutionDayAug30',
    });
    const weekday = (y: number) =>
      observed
        .daysOffInYear(y)
        .map((d) => d.date)
        .filter((d) => isoWeekday(d) <= 5);
    expect(weekday(2026)).toEqual([...(FACTS_WEEKDAY_DAYS_OFF[2026] ?? []), '2026-08-31'].sort());
    expect(weekday(2025)).toEqual(FACTS_WEEKDAY_DAYS_OFF[2025]);
    expect(weekday(2027)).toEqual(FACTS_WEEKDAY_DAYS_OFF[2027]);
  });
});

describe('covered years: never a silent guess', () => {
  test.each([
    ['isWorkingDay 2023-12-31', () => calendar.isWorkingDay('2023-12-31'), 2023],
    ['dayOffReason 2028-01-03', () => calendar.dayOffReason('2028-01-03'), 2028],
    ['nextWorkingDay past the end', () => calendar.nextWorkingDay('2027-12-31'), 2028],
    ['addWorkingDays past the end', () => calendar.addWorkingDays('2027-12-20', 30), 2028],
    ['addWorkingDays n=0 outside', () => calendar.addWorkingDays('2028-02-01', 0), 2028],
    [
      'workingDaysBetween from 2023',
      () => calendar.workingDaysBetween('2023-12-29', '2024-01-05'),
      2023,
    ],
    ['daysOffInYear 2028', () => calendar.daysOffInYear(2028), 2028],
    ['caveats 2023', () => calendar.caveats(2023), 2023],
  ])('%s throws CalendarDataMissingError', (_label, run, year) => {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarDataMissingError);
    const error = caught as CalendarDataMissingError;
    expect(error.year).toBe(year);
    expect(error.messageKey).toBe('calendar:errors.yearMissing');
    expect(error.coveredYears).toEqual({ from: 2024, to: 2027 });
  });

  test('the last covered working day is still answered', () => {
    expect(calendar.isWorkingDay('2027-12-31')).toBe(true);
    expect(calendar.nextWorkingDay('2027-12-29')).toBe('2027-12-30');
  });

  test('a data set with a covered year but no Kurban Ait date is rejected at creation', () => {
    const data = {
      ...KZ_CALENDAR_DATA,
      coveredYears: { from: 2024, to: 2028 },
    };
    expect(() => createWorkingCalendar({ data })).toThrow(/no kurbanAit date for 2028/);
  });
});

describe('R-CAL-1: working-day calendar with an editable holiday list', () => {
  const office = createWorkingCalendar({
    extraDaysOff: ['2025-02-12'], // a Wednesday
    extraWorkingDays: ['2025-02-15'], // a Saturday
  });

  test('R-CAL-1: a configured holiday on a Wednesday is skipped by every working-day calculation', () => {
    expect(office.isWorkingDay('2025-02-12')).toBe(false);
    expect(office.dayOffReason('2025-02-12')).toEqual({ kind: 'override' });
    expect(office.nextWorkingDay('2025-02-11')).toBe('2025-02-13');
    expect(office.addWorkingDays('2025-02-10', 2)).toBe('2025-02-13');
    expect(office.workingDaysBetween('2025-02-10', '2025-02-14')).toBe(3);
    expect(calendar.addWorkingDays('2025-02-10', 2)).toBe('2025-02-12');
  });

  test('R-CAL-1: an office extra working day wins over the weekend', () => {
    expect(office.isWorkingDay('2025-02-15')).toBe(true);
    expect(office.nextWorkingDay('2025-02-14')).toBe('2025-02-15');
  });

  test('R-CAL-1: weekends and holidays are not working days by default (Mon–Fri week)', () => {
    expect(calendar.isWorkingDay('2025-02-14')).toBe(true); // Fri
    expect(calendar.isWorkingDay('2025-02-15')).toBe(false); // Sat
    expect(calendar.isWorkingDay('2025-02-16')).toBe(false); // Sun
    expect(calendar.isWorkingDay('2025-03-21')).toBe(false); // Nauryz, Fri
  });

  test('a date both extra off and extra working is a configuration bug', () => {
    expect(() =>
      createWorkingCalendar({ extraDaysOff: ['2025-02-12'], extraWorkingDays: ['2025-02-12'] }),
    ).toThrow(RangeError);
    expect(() => createWorkingCalendar({ extraDaysOff: ['2025-02-30'] })).toThrow(RangeError);
  });
});

describe('R-CAL-3: State Corporation calendar (six-day week)', () => {
  const sc = createStateCorporationCalendar();

  test('R-CAL-3: a Saturday is a working day for the State Corporation and not for the akim', () => {
    expect(sc.week).toBe('sixDay');
    expect(sc.isWorkingDay('2025-02-15')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-15')).toBe(false);
    expect(sc.dayOffReason('2025-02-16')).toEqual({ kind: 'weekend' });
  });

  test('R-CAL-3: closed on holidays; only a holiday on Sunday gives an extra day', () => {
    // Nauryz 2026: Sat 21 (a working weekday here), Sun 22, Mon 23 → one shift, Tue 24.
    expect(sc.dayOffReason('2026-03-21')).toEqual({ kind: 'holiday', holidayId: 'nauryz' });
    expect(sc.dayOffReason('2026-03-24')).toEqual({ kind: 'shift', holidayId: 'nauryz' });
    expect(sc.isWorkingDay('2026-03-25')).toBe(true);
    // Victory Day Sat 09.05.2026: no extra Monday off in a six-day week.
    expect(sc.isWorkingDay('2026-05-11')).toBe(true);
  });

  test('R-CAL-3: a transfer applies only where its worked-instead day is a weekly day off', () => {
    // 2024: Sat 04.05 is already worked in a six-day week, so there is nothing to swap.
    expect(sc.isWorkingDay('2024-05-08')).toBe(true);
    // 2025: Sun 05.01 is a day off in both weeks, so the swap applies.
    expect(sc.dayOffReason('2025-01-03')).toEqual({ kind: 'transfer', act: 'adilet G24G0000436' });
    expect(sc.isWorkingDay('2025-01-05')).toBe(true);
  });
});

describe('R-CAL-5: addWorkingDays, start day not counted', () => {
  test.each([
    ['Mon + 3 WD = Thu', '2025-02-10', 3, '2025-02-13'],
    ['Fri + 1 WD = Mon', '2025-02-14', 1, '2025-02-17'],
    ['Fri + 1 WD = Tue when Mon is a day off', '2024-07-05', 1, '2024-07-09'],
    ['n = 0 gives the date itself, even a day off', '2025-02-15', 0, '2025-02-15'],
    ['Thu before Nauryz 2026 + 2 WD', '2026-03-19', 2, '2026-03-26'],
    ['across the New Year 2025 with the worked Sunday', '2024-12-31', 1, '2025-01-05'],
  ])('R-CAL-5: %s', (_label, date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  test('R-CAL-5: n must be a non-negative integer', () => {
    expect(() => calendar.addWorkingDays('2025-02-10', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-02-10', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween counts (a, b]', () => {
  test.each([
    ['2025-02-10', '2025-02-10', 0],
    ['2025-02-10', '2025-02-11', 1],
    ['2025-02-14', '2025-02-17', 1], // Sat, Sun skipped
    ['2026-03-20', '2026-03-26', 1], // Nauryz and its shifts skipped
    ['2025-02-17', '2025-02-14', -1],
  ])('(%s, %s] → %i', (a, b, expected) => {
    expect(calendar.workingDaysBetween(a, b)).toBe(expected);
  });
});

describe('caveats', () => {
  test('2027: Kurban Ait date is an estimate, 15 March is only reported', () => {
    expect(calendar.caveats(2027)).toEqual([
      {
        kind: 'estimatedDate',
        holidayId: 'kurbanAit',
        date: '2027-05-16',
        messageKey: 'calendar:warnings.estimatedDate',
      },
      {
        kind: 'reportedHoliday',
        holidayId: 'constitutionDayMar15',
        messageKey: 'calendar:warnings.reportedHoliday',
      },
    ]);
  });

  test('2026: the status of 31.08.2026 is unresolved, whichever way the switch is set', () => {
    expect(calendar.caveats(2026)).toEqual([
      {
        kind: 'unresolvedDay',
        holidayId: 'constitutionDayAug30',
        date: '2026-08-31',
        option: 'constitutionDay2026Observed',
        observed: false,
        messageKey: 'calendar:warnings.unresolvedDayWorking',
      },
    ]);
    const observed = createWorkingCalendar({ constitutionDay2026Observed: true });
    expect(observed.caveats(2026)).toMatchObject([
      { date: '2026-08-31', observed: true, messageKey: 'calendar:warnings.unresolvedDayOff' },
    ]);
  });

  test('2024 and 2025 have none', () => {
    expect(calendar.caveats(2024)).toEqual([]);
    expect(calendar.caveats(2025)).toEqual([]);
  });
});

describe('holiday data', () => {
  test('Republic Day is renamed from 2026', () => {
    expect(holidayName('republicDay', 2025).names.kk).toBe('Республика күні');
    expect(holidayName('republicDay', 2026)).toEqual({
      messageKey: 'calendar:holidays.republicDay2026',
      names: { kk: 'Қазақстан Республикасы күні', ru: 'День Республики Казахстан' },
    });
    expect(holidayName('kurbanAit', 2026).names.ru).toBe('Курбан айт');
  });

  test('every fact carries a source', () => {
    const sources = [
      KZ_CALENDAR_DATA.weeklyDaysOff.source,
      KZ_CALENDAR_DATA.weekendShiftRule.source,
      ...KZ_CALENDAR_DATA.fixedHolidays.map((h) => h.source),
      ...KZ_CALENDAR_DATA.movableHolidays.flatMap((h) => [
        h.source,
        ...h.dates.map((d) => d.source),
      ]),
      ...KZ_CALENDAR_DATA.governmentTransfers.map((t) => t.source),
    ];
    for (const s of sources) expect(s).toMatch(/kazakhstan-facts\.md §2/);
  });

  test('Kurban Ait statuses per year', () => {
    const kurban = KZ_CALENDAR_DATA.movableHolidays.find((h) => h.id === 'kurbanAit');
    expect(kurban?.dates.map((d) => [d.date, d.status])).toEqual([
      ['2024-06-16', 'confirmed'],
      ['2025-06-06', 'confirmed'],
      ['2026-05-27', 'announced'],
      ['2027-05-16', 'estimate'],
    ]);
  });
});
