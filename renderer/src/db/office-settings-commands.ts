// Changing the office's settings after setup (issue 10 §6). What must stay true:
// - Only an active head of the office (the akim, the district head) or the admin changes them
//   (managesUsers, the same people who manage users).
// - One transaction: the OfficeSettingsChanged event (who, when, each field before and after) and the
//   office profile it changes are written together or not at all; the profile is the log's projection.
// - The settings are checked with the shared schema (intake hours inside working hours, R-CAL-2); a
//   refusal is a value with the message key and the field, never a throw.
// - The event is kept on this desk and not queued for the hub: the hub's sync does not take an office
//   stream yet (server/src/sync/event-log.ts CLASSIFIERS). It carries the common envelope, so it can
//   travel once the hub knows it.
import { compareStamped } from '../../../shared/events/fold-order';
import {
  managesUsers,
  officeSettingsChangedSchema,
  officeSettingsOf,
  officeSettingsSchema,
  settingsChanges,
  withOfficeSettings,
  type OfficeProfile,
  type OfficeSettings,
  type OfficeSettingsChanged,
} from '../../../shared/office';
import type { ActorRole } from '../../../shared/events/envelope';
import type { LocalDateTime } from '../../../shared/time';
import { localDateTimeAt } from '../platform';
import type { DeskDatabase } from './database';
import { stampEnvelope } from './event-log';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';

export type ChangeOfficeSettingsResult =
  | { readonly ok: true; readonly profile: OfficeProfile; readonly changed: boolean }
  | { readonly ok: false; readonly reason: string; readonly field?: string };

/** Saves new settings for the office as `byUserId`, recording the change as an event. */
export async function changeOfficeSettings(
  db: DeskDatabase,
  byUserId: string,
  input: OfficeSettings,
  nowMs: number,
  newId: () => string = () => crypto.randomUUID(),
): Promise<ChangeOfficeSettingsResult> {
  const parsed = officeSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return {
      ok: false,
      reason: issue?.message ?? 'office:errors.required',
      ...(typeof field === 'string' ? { field } : {}),
    };
  }
  const settings = parsed.data;
  return db.transaction(
    'rw',
    [db.settings, db.users, db.officeEvents],
    async (): Promise<ChangeOfficeSettingsResult> => {
      const user = await db.users.get(byUserId);
      if (!user || !user.active || !managesUsers(user.role))
        return { ok: false, reason: 'office:settings.notAllowed' };
      const profile = await loadOfficeProfile(db);
      if (!profile) return { ok: false, reason: 'office:settings.notSetUp' };
      const { before, after } = settingsChanges(officeSettingsOf(profile), settings);
      if (Object.keys(after).length === 0) return { ok: true, profile, changed: false };
      const envelope = await stampEnvelope(db, {
        actor: {
          userId: user.id,
          role: user.role,
          officeId: profile.officeId,
          districtId: profile.districtId,
          deviceId: profile.deviceId,
        },
        legalTime: localDateTimeAt(nowMs),
        nowMs,
        newId,
      });
      // A bug of this function, not the person's input, if the event does not parse.
      const event = officeSettingsChangedSchema.parse({
        ...envelope,
        officeId: profile.officeId,
        type: 'OfficeSettingsChanged',
        payload: { before, after },
      });
      await db.officeEvents.add(event);
      const next = withOfficeSettings(profile, settings);
      await saveOfficeProfile(db, next);
      return { ok: true, profile: next, changed: true };
    },
  );
}

/** One change in the office's history, as the settings screen lists it. */
export interface OfficeSettingsHistoryRow {
  readonly id: string;
  readonly at: LocalDateTime;
  /** The person's name as this desk knows them; their id when the desk does not. */
  readonly by: string;
  readonly role: ActorRole;
  readonly before: OfficeSettingsChanged['payload']['before'];
  readonly after: OfficeSettingsChanged['payload']['after'];
}

/** The office's settings changes, newest first (the fold's order, reversed). */
export async function officeSettingsHistory(
  db: DeskDatabase,
  officeId: string,
): Promise<OfficeSettingsHistoryRow[]> {
  const events = await db.officeEvents.where('officeId').equals(officeId).toArray();
  events.sort((a, b) => compareStamped(b, a));
  const names = new Map(
    (await db.users.bulkGet([...new Set(events.map((e) => e.actor.userId))])).flatMap((u) =>
      u ? [[u.id, u.name] as const] : [],
    ),
  );
  return events.map((e) => ({
    id: e.id,
    at: e.legalTime,
    by: names.get(e.actor.userId) ?? e.actor.userId,
    role: e.actor.role,
    before: e.payload.before,
    after: e.payload.after,
  }));
}
