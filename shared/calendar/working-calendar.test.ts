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

describe('Constitution Day moves from 30 August to 15 March (kazakhstan-facts.md §2.4)', () => {
  test('30.08 is off up to 2025 only: 31.08.2026 is a working day, no 2026 Constitution Day', () => {
    expect(calendar.dayOffReason('2025-08-30')).toEqual({
      kind: 'holiday',
      holidayId: 'constitutionDayAug30',
    });
    expect(calendar.dayOffReason('2026-08-30')).toEqual({ kind: 'weekend' }); // Sunday
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.isWorkingDay('2027-08-30')).toBe(true); // Monday
    expect(calendar.isProvisional('2026-08-31')).toBe(false);
  });

  test('15.03 is off from 2027 on', () => {
    expect(calendar.dayOffReason('2027-03-15')).toEqual({
      kind: 'holiday',
      holidayId: 'constitutionDayMar15',
    });
    expect(calendar.dayOffReason('2026-03-16')).toBeNull();
  });

  test('both facts are verified and nothing in the data is switchable any more', () => {
    const byId = (id: string) => KZ_CALENDAR_DATA.fixedHolidays.find((h) => h.id === id);
    expect(byId('constitutionDayMar15')).toMatchObject({ since: 2027, status: 'verified' });
    expect(byId('constitutionDayAug30')).toMatchObject({ until: 2025, status: 'verified' });
    for (const h of KZ_CALENDAR_DATA.fixedHolidays)
      expect(Object.keys(h)).not.toContain('switchable');
    expect(byId('constitutionDayMar15')?.source).toMatch(/§2\.4.*project owner's issue, 2026-12/);
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
  test('2027: only the Kurban Ait date, an estimate (15 March is verified now)', () => {
    expect(calendar.caveats(2027)).toEqual([
      {
        kind: 'estimatedDate',
        holidayId: 'kurbanAit',
        date: '2027-05-16',
        messageKey: 'calendar:warnings.estimatedDate',
      },
    ]);
  });

  test('2024, 2025 and 2026 have none', () => {
    expect(calendar.caveats(2024)).toEqual([]);
    expect(calendar.caveats(2025)).toEqual([]);
    expect(calendar.caveats(2026)).toEqual([]);
  });

  test('a holiday that data marks as only reported is named in the years it applies', () => {
    const data = {
      ...KZ_CALENDAR_DATA,
      fixedHolidays: KZ_CALENDAR_DATA.fixedHolidays.map((h) =>
        h.id === 'constitutionDayMar15' ? { ...h, status: 'reported' as const } : h,
      ),
    };
    const reported = createWorkingCalendar({ data });
    expect(reported.caveats(2027)).toContainEqual({
      kind: 'reportedHoliday',
      holidayId: 'constitutionDayMar15',
      messageKey: 'calendar:warnings.reportedHoliday',
    });
    expect(reported.caveats(2026)).toEqual([]); // not yet a holiday in 2026
  });
});

describe('provisional days: counting across an estimated date (Kurban Ait 2027)', () => {
  const KURBAN_2027 = {
    date: '2027-05-16',
    holidayId: 'kurbanAit',
    holidayDate: '2027-05-16',
    messageKey: 'calendar:warnings.provisionalDayOff',
  } as const;

  test('a 22-working-day term counted across 16.05.2027 depends on the estimate', () => {
    const start = '2027-04-29';
    const due = calendar.addWorkingDays(start, 22);
    expect(due).toBe('2027-06-03');
    expect(calendar.provisionalDaysOff(start, due)).toEqual([KURBAN_2027]);
  });

  test('a 22-working-day term that does not cross it does not', () => {
    const start = '2027-05-17';
    const due = calendar.addWorkingDays(start, 22);
    expect(due).toBe('2027-06-16');
    expect(calendar.provisionalDaysOff(start, due)).toEqual([]);
    expect(calendar.provisionalDaysOff('2027-01-01', '2027-05-15')).toEqual([]);
  });

  test('the range is inclusive at both ends, empty when reversed', () => {
    expect(calendar.provisionalDaysOff('2027-05-16', '2027-05-16')).toEqual([KURBAN_2027]);
    expect(calendar.provisionalDaysOff('2027-05-17', '2027-05-16')).toEqual([]);
  });

  test('confirmed and announced dates are not provisional', () => {
    expect(calendar.provisionalDaysOff('2024-01-01', '2026-12-31')).toEqual([]);
    expect(calendar.isProvisional('2026-05-27')).toBe(false);
  });

  test('isProvisional and daysOffInYear mark the same day', () => {
    expect(calendar.isProvisional('2027-05-16')).toBe(true);
    expect(calendar.isProvisional('2027-05-17')).toBe(false);
    expect(
      calendar
        .daysOffInYear(2027)
        .filter((d) => d.provisional)
        .map((d) => d.date),
    ).toEqual(['2027-05-16']);
    expect(createStateCorporationCalendar().provisionalDaysOff('2027-05-01', '2027-05-31')).toEqual(
      [KURBAN_2027],
    );
  });

  test('a day off that an estimated date gives by the weekend-shift rule is provisional too', () => {
    // Not the law (Kurban Ait never shifts): data where it would, to see the derived day.
    const data = {
      ...KZ_CALENDAR_DATA,
      movableHolidays: KZ_CALENDAR_DATA.movableHolidays.map((h) => ({ ...h, weekendShift: true })),
    };
    const shifting = createWorkingCalendar({ data });
    expect(shifting.dayOffReason('2027-05-17')).toEqual({ kind: 'shift', holidayId: 'kurbanAit' });
    expect(shifting.provisionalDaysOff('2027-05-01', '2027-05-31')).toEqual([
      KURBAN_2027,
      { ...KURBAN_2027, date: '2027-05-17' },
    ]);
  });

  test("a day off that another holiday's shift gets only because of the estimate is provisional", () => {
    // An estimate on Mon 10.05.2027 pushes Victory Day's shift (Sun 09.05) to Tue 11.05.
    const data = {
      ...KZ_CALENDAR_DATA,
      movableHolidays: KZ_CALENDAR_DATA.movableHolidays.map((h) => ({
        ...h,
        dates: h.dates.map((e) => (e.year === 2027 ? { ...e, date: '2027-05-10' } : e)),
      })),
    };
    const moved = createWorkingCalendar({ data });
    expect(moved.dayOffReason('2027-05-11')).toEqual({ kind: 'shift', holidayId: 'victoryDay' });
    const estimate = { ...KURBAN_2027, date: '2027-05-10', holidayDate: '2027-05-10' };
    expect(moved.provisionalDaysOff('2027-05-01', '2027-05-31')).toEqual([
      estimate,
      { ...estimate, date: '2027-05-11' },
    ]);
  });

  test('asking outside the covered years throws, as everywhere', () => {
    expect(() => calendar.provisionalDaysOff('2027-12-01', '2028-01-31')).toThrow(
      CalendarDataMissingError,
    );
    expect(() => calendar.isProvisional('2023-12-31')).toThrow(CalendarDataMissingError);
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
