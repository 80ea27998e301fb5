// The working-day calendar the desk counts with: the built-in data, or a newer correction installed as
// data (the hub delivers it; shared/calendar validates it). The store and every screen use this one
// calendar, so a due date is counted the same everywhere. What must stay true:
// - Installing a correction never moves a registered case's due date by itself: the due date printed
//   on the talon stays until a person re-plans it (TermReplanned). It rebuilds the journal rows, whose
//   step deadlines and suspension pushes are counted with the calendar in force.
// - Data that does not validate, or is not newer than what the desk has, changes nothing.
import {
  createWorkingCalendar,
  KZ_CALENDAR_DATA,
  newerCalendarData,
  parseCalendarData,
  type CalendarData,
  type CalendarDataReason,
  type WorkingCalendar,
} from '../../../shared/calendar';
import { reprojectAllCases } from './case-projection';
import type { DeskDatabase } from './database';
import { allCaseEvents } from './event-rows';

const CALENDAR_SETTING = 'calendarData';

/** The built calendar and the stored version it was built from ('' for none installed). */
const cache = new WeakMap<
  DeskDatabase,
  { readonly stored: string; readonly calendar: WorkingCalendar }
>();

function storedVersion(value: unknown): string {
  const version = (value as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'string' ? version : '';
}

function dataOf(value: unknown): CalendarData {
  if (value === undefined) return KZ_CALENDAR_DATA;
  const parsed = parseCalendarData(value);
  return parsed.ok ? newerCalendarData(KZ_CALENDAR_DATA, parsed.data) : KZ_CALENDAR_DATA;
}

/** The calendar data in force on this desk: the installed correction when it is newer than the build. */
export async function deskCalendarData(db: DeskDatabase): Promise<CalendarData> {
  return dataOf((await db.settings.get(CALENDAR_SETTING))?.value);
}

/**
 * The calendar of this desk. It reads the stored version every time (one small read, which also keeps
 * the caller's Dexie transaction alive) and builds the calendar only when that version changed.
 */
export async function deskCalendar(db: DeskDatabase): Promise<WorkingCalendar> {
  const value = (await db.settings.get(CALENDAR_SETTING))?.value;
  const stored = storedVersion(value);
  const cached = cache.get(db);
  if (cached?.stored === stored) return cached.calendar;
  const calendar = createWorkingCalendar({ data: dataOf(value) });
  cache.set(db, { stored, calendar });
  return calendar;
}

export type CalendarInstall =
  | { readonly ok: true; readonly version: string; readonly rebuiltRows: number }
  | {
      readonly ok: false;
      readonly reason: CalendarDataReason | 'calendar:dataErrors.notNewer';
    };

/**
 * Installs a calendar correction that arrived as data, if it is valid and newer than the data in
 * force, and rebuilds the journal rows with it, in one transaction.
 */
export async function installCalendarData(
  db: DeskDatabase,
  raw: unknown,
  nowMs: number,
): Promise<CalendarInstall> {
  const parsed = parseCalendarData(raw);
  if (!parsed.ok) return parsed;
  const result = await db.transaction(
    'rw',
    [db.settings, db.events, db.cases, db.caseNames, db.caseLate, db.counters, db.heldEvents],
    async (): Promise<CalendarInstall> => {
      const current = await deskCalendarData(db);
      if (newerCalendarData(current, parsed.data) === current) {
        return { ok: false, reason: 'calendar:dataErrors.notNewer' };
      }
      await db.settings.put({ key: CALENDAR_SETTING, value: parsed.data });
      const calendar = createWorkingCalendar({ data: parsed.data });
      const rebuiltRows = await reprojectAllCases(
        {
          events: { toArray: () => allCaseEvents(db) },
          cases: db.cases,
          caseNames: db.caseNames,
          caseLate: db.caseLate,
          counters: db.counters,
          heldEvents: db.heldEvents,
        },
        nowMs,
        calendar,
      );
      cache.set(db, { stored: parsed.data.version, calendar });
      return { ok: true, version: parsed.data.version, rebuiltRows };
    },
  );
  return result;
}
