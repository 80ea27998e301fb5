import type { YearRange } from './calendar-data';

/**
 * Asked about a date in a year the calendar data does not cover. Thrown, never guessed: a due date
 * computed from rules alone could silently miss a transfer decree or a Kurban Ait date. The UI shows
 * `messageKey` with `{ year }` and asks for a calendar data update.
 */
export class CalendarDataMissingError extends Error {
  readonly year: number;
  readonly coveredYears: YearRange;
  readonly messageKey = 'calendar:errors.yearMissing' as const;

  constructor(year: number, coveredYears: YearRange) {
    super(
      `No working-calendar data for ${year} (covered: ${coveredYears.from}–${coveredYears.to})`,
    );
    this.name = 'CalendarDataMissingError';
    this.year = year;
    this.coveredYears = coveredYears;
  }
}
