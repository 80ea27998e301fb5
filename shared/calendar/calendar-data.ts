import type { LocalDate } from '../time';

// Kazakhstan's working-day calendar as data. Every fact carries its source so a reviewer can check
// it; the rules that turn these facts into days off live in working-calendar.ts. A new government
// transfer, a Kurban Ait date or a new year of coverage is a change here (a new `version`), not in code.

/** Five-day week (akim office: Sat, Sun off) or six-day week (State Corporation: only Sun off). */
export type WeekPattern = 'fiveDay' | 'sixDay';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Month and day, 'MM-DD'. */
export type MonthDay = string;

export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/** How sure the sources are; mirrors the labels of kazakhstan-facts.md. */
export type FactStatus = 'verified' | 'reported' | 'unresolved';

/** Status of a movable holiday's date in one year (kazakhstan-facts.md §2.3). */
export type DateStatus = 'confirmed' | 'announced' | 'estimate';

/** Every holiday the app knows. Adding one adds an id here and its names in locales/{kk,ru}/calendar.json. */
export type HolidayId =
  | 'newYear'
  | 'orthodoxChristmas'
  | 'womensDay'
  | 'constitutionDayMar15'
  | 'nauryz'
  | 'unityDay'
  | 'defenderDay'
  | 'victoryDay'
  | 'capitalDay'
  | 'constitutionDayAug30'
  | 'republicDay'
  | 'independenceDay'
  | 'kurbanAit';

export interface LocalizedName {
  readonly kk: string;
  readonly ru: string;
}

export interface HolidayName {
  /** Message key of the name, `'calendar:holidays.<key>'`. */
  readonly messageKey: string;
  readonly names: LocalizedName;
}

export interface FixedHoliday {
  readonly id: HolidayId;
  readonly dates: readonly MonthDay[];
  /** First year the day is off (inclusive); absent = before any covered year. */
  readonly since?: number;
  /** Last year the day is off (inclusive); absent = still in force. */
  readonly until?: number;
  /** Whether the holiday falling on a weekly day off gives an extra day off (weekend-shift rule). */
  readonly weekendShift: boolean;
  readonly name: HolidayName;
  /** A later official name, used from `since` on. */
  readonly renamed?: {
    readonly since: number;
    readonly name: HolidayName;
    readonly source: string;
  };
  readonly status: FactStatus;
  readonly source: string;
}

export interface MovableHolidayDate {
  readonly year: number;
  readonly date: LocalDate;
  /** 'estimate' makes the date provisional: see WorkingCalendar.provisionalDaysOff. */
  readonly status: DateStatus;
  readonly source: string;
}

export interface MovableHoliday {
  readonly id: HolidayId;
  readonly weekendShift: boolean;
  readonly name: HolidayName;
  /** One entry per covered year: a covered year without a date is a data error. */
  readonly dates: readonly MovableHolidayDate[];
  readonly source: string;
}

/** A government decree moving a weekly day off onto a weekday (Labour Code art. 85 p. 3). */
export interface GovernmentTransfer {
  readonly dayOff: LocalDate;
  readonly workingDay: LocalDate;
  readonly act: string;
  readonly status: FactStatus;
  readonly source: string;
}

export interface CalendarData {
  readonly schema: 'akimat-desk/kz-working-calendar/v1';
  /**
   * 'YYYY.M.N': the year and month the facts were revised, then a serial within that month. Compared
   * numerically part by part (compareCalendarVersions in calendar-schema.ts), so a desk takes the
   * newer of its built-in data and one delivered by the hub. What must stay true: every change of the
   * facts below gets a version greater than every version published before it, and one version
   * names one data set. Cases may record which version computed a due date.
   */
  readonly version: string;
  readonly coveredYears: YearRange;
  readonly weeklyDaysOff: {
    readonly fiveDay: readonly IsoWeekday[];
    readonly sixDay: readonly IsoWeekday[];
    readonly source: string;
  };
  readonly weekendShiftRule: { readonly text: string; readonly source: string };
  readonly fixedHolidays: readonly FixedHoliday[];
  readonly movableHolidays: readonly MovableHoliday[];
  readonly governmentTransfers: readonly GovernmentTransfer[];
}

const FACTS = 'kazakhstan-facts.md';
const LIBRARY = 'vacanza/holidays kazakhstan.py c382fdec (adilet Z010000267_/history)';
const OWNER_CONFIRMED = "confirmed by the project owner's issue, 2026-12";

const name = (key: string, kk: string, ru: string): HolidayName => ({
  messageKey: `calendar:holidays.${key}`,
  names: { kk, ru },
});

export const KZ_CALENDAR_DATA: CalendarData = {
  schema: 'akimat-desk/kz-working-calendar/v1',
  version: '2026.12.1',
  coveredYears: { from: 2024, to: 2027 },
  weeklyDaysOff: {
    fiveDay: [6, 7],
    sixDay: [7],
    source: `${FACTS} §2.5 (week); seed 002:12-14 (akim Mon–Fri, State Corporation Mon–Sat)`,
  },
  weekendShiftRule: {
    text:
      'Each weekend-shift holiday day falling on a weekly day off makes the next working day after ' +
      'the holiday(s) a day off, one extra day per coinciding holiday day. Orthodox Christmas and ' +
      'Kurban Ait never shift.',
    source: `${FACTS} §2.2; Law "On holidays" art. 5 as quoted by yk-news.kz/node/10882`,
  },
  fixedHolidays: [
    {
      id: 'newYear',
      dates: ['01-01', '01-02'],
      since: 1991,
      weekendShift: true,
      name: name('newYear', 'Жаңа жыл', 'Новый год'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'orthodoxChristmas',
      dates: ['01-07'],
      since: 2006,
      weekendShift: false,
      name: name('orthodoxChristmas', 'Православиелік Рождество', 'Православное Рождество'),
      status: 'verified',
      source: `${FACTS} §2.1, §2.2 (religious holidays never shift); ${LIBRARY}`,
    },
    {
      id: 'womensDay',
      dates: ['03-08'],
      weekendShift: true,
      name: name('womensDay', 'Халықаралық әйелдер күні', 'Международный женский день'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'constitutionDayMar15',
      dates: ['03-15'],
      since: 2027,
      weekendShift: true,
      name: name('constitutionDayMar15', 'Конституция күні', 'День Конституции'),
      status: 'verified',
      source: `${FACTS} §2.1, §2.4; vacanza/holidays PR #3690 (e30bea055); ${OWNER_CONFIRMED}`,
    },
    {
      id: 'nauryz',
      dates: ['03-21', '03-22', '03-23'],
      since: 2010,
      weekendShift: true,
      name: name('nauryz', 'Наурыз мейрамы', 'Наурыз мейрамы'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'unityDay',
      dates: ['05-01'],
      weekendShift: true,
      name: name(
        'unityDay',
        'Қазақстан халқының бірлігі мерекесі',
        'Праздник единства народа Казахстана',
      ),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'defenderDay',
      dates: ['05-07'],
      since: 2013,
      weekendShift: true,
      name: name('defenderDay', 'Отан Қорғаушы күні', 'День защитника Отечества'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'victoryDay',
      dates: ['05-09'],
      weekendShift: true,
      name: name('victoryDay', 'Жеңіс күні', 'День Победы'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'capitalDay',
      dates: ['07-06'],
      since: 2009,
      weekendShift: true,
      name: name('capitalDay', 'Астана күні', 'День столицы'),
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'constitutionDayAug30',
      dates: ['08-30'],
      since: 1996,
      until: 2025,
      weekendShift: true,
      name: name('constitutionDayAug30', 'Конституция күні', 'День Конституции'),
      // Not a holiday from 2026: 30.08.2026 (a Sunday) gives no Monday 31.08.2026 off, whatever the
      // January 2026 Kazinform calendar showed (kazakhstan-facts.md §2.4; the owner's confirmation).
      status: 'verified',
      source: `${FACTS} §2.1, §2.4 (30 Aug up to 2025 only); ${LIBRARY}; ${OWNER_CONFIRMED}`,
    },
    {
      id: 'republicDay',
      dates: ['10-25'],
      since: 2022,
      weekendShift: true,
      name: name('republicDay', 'Республика күні', 'День Республики'),
      renamed: {
        since: 2026,
        // The ru form is our rendering of the kk name; the sources quote only the kk name.
        name: name('republicDay2026', 'Қазақстан Республикасы күні', 'День Республики Казахстан'),
        source: `${FACTS} §2.1, §2.4; vacanza/holidays PR #3690`,
      },
      status: 'verified',
      source: `${FACTS} §2.1; ${LIBRARY}`,
    },
    {
      id: 'independenceDay',
      dates: ['12-16'],
      since: 2022,
      weekendShift: true,
      name: name('independenceDay', 'Тәуелсіздік күні', 'День Независимости'),
      status: 'verified',
      source: `${FACTS} §2.1 (16 Dec only since 2022); ${LIBRARY}`,
    },
  ],
  movableHolidays: [
    {
      id: 'kurbanAit',
      weekendShift: false,
      name: name('kurbanAit', 'Құрбан айт', 'Курбан айт'),
      dates: [
        {
          year: 2024,
          date: '2024-06-16',
          status: 'confirmed',
          source: `${FACTS} §2.3; ${LIBRARY} and its tests`,
        },
        {
          year: 2025,
          date: '2025-06-06',
          status: 'confirmed',
          source: `${FACTS} §2.3; ${LIBRARY} and its tests`,
        },
        {
          year: 2026,
          date: '2026-05-27',
          status: 'announced',
          source: `${FACTS} §2.3; Kazinform/egov 2026 calendar of 02.01.2026`,
        },
        {
          year: 2027,
          date: '2027-05-16',
          status: 'estimate',
          source: `${FACTS} §2.3; Umm al-Qura table in ${LIBRARY}; no announcement found`,
        },
      ],
      source: `${FACTS} §2.1, §2.3 (day off since 2006, first day only, never shifts)`,
    },
  ],
  // 2026 and 2027: no transfer decree found (kazakhstan-facts.md §2.2 [REPORTED]).
  governmentTransfers: [
    {
      dayOff: '2024-05-08',
      workingDay: '2024-05-04',
      act: 'adilet G24G0000109',
      status: 'verified',
      source: `${FACTS} §2.2; adilet G24G0000109 (via ${LIBRARY}; act not opened)`,
    },
    {
      dayOff: '2025-01-03',
      workingDay: '2025-01-05',
      act: 'adilet G24G0000436',
      status: 'verified',
      source: `${FACTS} §2.2; adilet G24G0000436 (via ${LIBRARY}; act not opened)`,
    },
  ],
};
