// Reference data at the hub: the working-day calendar in force, handed to desks as data. What must
// stay true:
// - Installed data passes the shared schema (parseCalendarData) and must be newer than both the
//   built-in data and what is installed: a version never goes back, and one version has one content.
// - The calendar the hub judges pushed events with is the one it hands to desks (calendarOfVersion).
// - Nothing is kept in the process but calendars built from data by version: what is in force is
//   read from the database on every call.
import {
  compareCalendarVersions,
  createWorkingCalendar,
  KZ_CALENDAR_DATA,
  newerCalendarData,
  parseCalendarData,
  type CalendarData,
  type WorkingCalendar,
} from '../../../shared/calendar';
import type { HubDatabase, Queryable } from '../db';

/** The calendar data in force at the hub: the newer of the built-in and the installed. */
export async function calendarDataInForce(db: Queryable): Promise<CalendarData> {
  const { rows } = await db.query<{ body: unknown }>(
    "select body from reference_data where kind = 'calendar'",
  );
  const installed = rows[0] === undefined ? null : parseCalendarData(rows[0].body);
  return installed?.ok ? newerCalendarData(KZ_CALENDAR_DATA, installed.data) : KZ_CALENDAR_DATA;
}

/**
 * The calendar in force when the installed data's version is `installedVersion` ('' for none), as
 * read in the same transaction (a push reads it with its batch). Every push judges on the calendar
 * in force, built only when this process has not built that version yet: one version names one data
 * set (shared/calendar), so a calendar kept by version is never stale; the database stays the truth.
 */
export async function calendarOfVersion(
  db: Queryable,
  installedVersion: string,
): Promise<WorkingCalendar> {
  // The installed version decides (with the built-in data, fixed in this process) what is in force.
  const key = installedVersion;
  const known = builtCalendars.get(key);
  if (known) return known;
  const calendar = createWorkingCalendar({ data: await calendarDataInForce(db) });
  builtCalendars.set(key, calendar);
  return calendar;
}

/** Calendars this process built, by installed data version (a handful over a hub's life). */
const builtCalendars = new Map<string, WorkingCalendar>();

export type InstallResult =
  { readonly ok: true; readonly version: string } | { readonly ok: false; readonly reason: string };

/** Installs calendar data from outside the build (the admin's file). */
export function installCalendarData(
  db: HubDatabase,
  raw: unknown,
  actor: string,
): Promise<InstallResult> {
  const parsed = parseCalendarData(raw);
  if (!parsed.ok) return Promise.resolve({ ok: false, reason: parsed.reason });
  const data = parsed.data;
  return db.transaction(async (tx) => {
    const current = await calendarDataInForce(tx);
    if (compareCalendarVersions(data.version, current.version) <= 0) {
      return { ok: false, reason: 'hub:reference.notNewer' };
    }
    await tx.query(
      `insert into reference_data (kind, version, body, installed_by) values ('calendar', $1, $2, $3)
       on conflict (kind) do update
       set version = excluded.version, body = excluded.body, installed_by = excluded.installed_by,
           installed_at = now()`,
      [data.version, JSON.stringify(data), actor],
    );
    await tx.query(
      `insert into registry_log (actor, action, subject, detail) values ($1, 'reference.install', 'calendar', $2)`,
      [actor, JSON.stringify({ version: data.version })],
    );
    return { ok: true, version: data.version };
  });
}
