// The directory as this desk knows it: the events of `userEvents` folded per person (shared/directory),
// and the one answer every signature check uses: which public key a signer had registered at a time
// (a case event's, a certificate's, a register's). What must stay true:
// - A signature verifies only against the key registered for that user at that time, never against a
//   key a file or a row carries.
// - A `users` row with no directory event at all was made before users were events (a database of
//   version 2). Until it is adopted (adoptLegacyUser writes its events), it reads as the registration
//   the adoption would write: its key in force from the row's creation. Both paths use legacyEvents,
//   so reading before and after the adoption gives the same key history.
import { formatStamp } from '../../../shared/clock';
import {
  classifyIncomingDirectoryEvent,
  foldUser,
  keyInForce,
  type DirectoryEvent,
  type KeyPeriod,
  type UserDirectoryState,
} from '../../../shared/directory';
import { EVENT_SCHEMA_VERSION, type Actor } from '../../../shared/events/envelope';
import type { OfficeProfile } from '../../../shared/office';
import { isPublicJwk, type PublicJwk } from '../../../shared/signing';
import type { LocalDateTime } from '../../../shared/time';
import { localDateTimeAt } from '../platform';
import type { DeskDatabase, UserEventRow, UserRow } from './database';
import { loadOfficeProfile, OFFICE_SETTING, officeProfileOf } from './office-repository';

export interface RegisteredKey {
  readonly userId: string;
  readonly keyId: string;
  readonly publicKey: PublicJwk;
}

/** Stored rows as directory events; what this desk does not understand is held elsewhere, not here. */
export function directoryEventsOf(rows: readonly UserEventRow[]): DirectoryEvent[] {
  const events: DirectoryEvent[] = [];
  for (const row of rows) {
    const incoming = classifyIncomingDirectoryEvent(row);
    if (incoming.kind === 'known') events.push(incoming.event);
  }
  return events;
}

// ---- rows made before users were events ----------------------------------------------------------

/** Where a version-2 desk kept the public keys a PIN reset retired (replaced by the key history). */
export const retiredKeysSetting = (userId: string): string => `retired-signing-keys:${userId}`;

interface RetiredKey {
  readonly publicKey: PublicJwk;
  readonly keyId: string;
  readonly retiredAt: string;
}

function retiredKeysOf(value: unknown): RetiredKey[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (k): k is RetiredKey =>
        typeof k === 'object' &&
        k !== null &&
        isPublicJwk((k as RetiredKey).publicKey) &&
        typeof (k as RetiredKey).keyId === 'string' &&
        typeof (k as RetiredKey).retiredAt === 'string',
    )
    .sort((a, b) => (a.retiredAt < b.retiredAt ? -1 : a.retiredAt > b.retiredAt ? 1 : 0));
}

/** A stored instant (ISO, or a local date-time some tests wrote) as the office's legal time. */
function legalTimeOf(instant: string): LocalDateTime {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '2000-01-01T00:00' : localDateTimeAt(ms);
}

/** What a legacy row's events are made of; `stamp` gives the next HLC stamp (real or synthetic). */
export interface LegacyContext {
  readonly office: OfficeProfile | null;
  readonly retired: unknown;
  readonly stamp: (index: number) => string;
  readonly newId: (index: number) => string;
  /**
   * When an inactive row counts as deactivated. Nobody recorded when it happened, so it is the moment
   * of the adoption: what the person signed while they worked stays checkable.
   */
  readonly now: LocalDateTime;
}

/**
 * The events that register a legacy row as it was: the person registers themselves (nobody recorded
 * who added them), from the row's creation; a signer's keys in the order a PIN reset retired them,
 * the current one last.
 */
export function legacyEvents(row: UserRow, ctx: LegacyContext): DirectoryEvent[] {
  const actor: Actor = {
    userId: row.id,
    role: row.role,
    officeId: ctx.office?.officeId ?? 'unknown',
    districtId: ctx.office?.districtId ?? 'unknown',
    deviceId: ctx.office?.deviceId ?? 'desk',
  };
  const current = row.signingKey
    ? { publicKey: row.signingKey.publicKey, keyId: row.signingKey.keyId }
    : null;
  const retired = current ? retiredKeysOf(ctx.retired) : [];
  const keys = current ? [...retired, current] : [];
  const created = legalTimeOf(row.createdAt);
  const events: DirectoryEvent[] = [];
  const envelope = (index: number, legalTime: LocalDateTime) => ({
    id: ctx.newId(index),
    v: EVENT_SCHEMA_VERSION,
    actor,
    legalTime,
    hlc: ctx.stamp(index),
    userId: row.id,
  });
  const first = keys[0];
  events.push({
    ...envelope(0, created),
    type: 'UserRegistered',
    payload: {
      name: row.name.normalize('NFC'),
      role: row.role,
      officeId: actor.officeId,
      districtId: actor.districtId ?? 'unknown',
      ...(first ? { publicKey: first.publicKey, keyId: first.keyId } : {}),
      legacy: true,
    },
  });
  retired.forEach((old, i) => {
    const next = keys[i + 1];
    if (!next) return;
    events.push({
      ...envelope(i + 1, legalTimeOf(old.retiredAt)),
      type: 'UserKeyReplaced',
      payload: { publicKey: next.publicKey, keyId: next.keyId, reason: 'pinReset' },
    });
  });
  if (!row.active) {
    events.push({
      ...envelope(events.length, ctx.now),
      type: 'UserDeactivated',
      payload: {},
    });
  }
  return events;
}

/** A legacy row read as its adoption would write it, without writing (stamps from its creation). */
function legacyState(
  row: UserRow,
  office: OfficeProfile | null,
  retired: unknown,
): UserDirectoryState {
  const wallMs = Math.max(0, Date.parse(row.createdAt) || 0);
  const events = legacyEvents(row, {
    office,
    retired,
    stamp: (i) => formatStamp({ wallMs, counter: i, nodeId: office?.deviceId ?? 'desk' }),
    newId: (i) => `legacy-${row.id}-${i}`,
    now: localDateTimeAt(Date.now()),
  });
  return foldUser(events);
}

// ---- reading the directory -----------------------------------------------------------------------
//
// The readers below are chains of Dexie promises, not async functions: the store calls them inside
// its transaction, and a native `await` across several async functions can lose Dexie's transaction
// zone when other work runs in between (the transaction then commits early). A Dexie promise keeps it.

/** One person's directory entry: their events folded, or their legacy row read as events. */
export function loadDirectoryUser(db: DeskDatabase, userId: string): Promise<UserDirectoryState> {
  return db.userEvents
    .where('userId')
    .equals(userId)
    .toArray()
    .then((rows) =>
      rows.length > 0
        ? foldUser(directoryEventsOf(rows))
        : db.users
            .get(userId)
            .then((row) =>
              row
                ? db.settings
                    .bulkGet([OFFICE_SETTING, retiredKeysSetting(userId)])
                    .then(([office, retired]) =>
                      legacyState(row, officeProfileOf(office?.value), retired?.value),
                    )
                : foldUser([]),
            ),
    );
}

/** Everyone this desk knows: its own users and the people whose events came from elsewhere. */
export async function loadDirectory(db: DeskDatabase): Promise<Map<string, UserDirectoryState>> {
  const byUser = new Map<string, DirectoryEvent[]>();
  for (const event of directoryEventsOf(await db.userEvents.toArray())) {
    const list = byUser.get(event.userId);
    if (list) list.push(event);
    else byUser.set(event.userId, [event]);
  }
  const directory = new Map([...byUser].map(([id, events]) => [id, foldUser(events)]));
  const office = await loadOfficeProfile(db);
  for (const row of await db.users.toArray()) {
    if (directory.has(row.id)) continue;
    const retired = (await db.settings.get(retiredKeysSetting(row.id)))?.value;
    directory.set(row.id, legacyState(row, office, retired));
  }
  return directory;
}

/** The periods in which each of the person's keys was in force, oldest first. */
export function keyHistory(db: DeskDatabase, userId: string): Promise<readonly KeyPeriod[]> {
  return loadDirectoryUser(db, userId).then((state) => state.user?.keys ?? []);
}

/**
 * The key `keyId` if it was registered for `userId` and in force at `at`; null otherwise (unknown key,
 * another user's key, a key not yet registered or already replaced then, or its owner deactivated).
 */
export function registeredKeyAt(
  db: DeskDatabase,
  userId: string,
  keyId: string,
  at: LocalDateTime,
): Promise<RegisteredKey | null> {
  return keyHistory(db, userId).then((history) => {
    const publicKey = keyInForce(history, keyId, at);
    return publicKey ? { userId, keyId, publicKey } : null;
  });
}

/**
 * Whose key `keyId` is, at any time, and whether it is still their current one. Weaker than
 * registeredKeyAt (no time): for a check that does not know when or by whom something was signed.
 */
export async function signingPublicKeyFor(
  db: DeskDatabase,
  keyId: string,
): Promise<{ userId: string; publicKey: PublicJwk; retired: boolean } | null> {
  for (const [userId, state] of await loadDirectory(db)) {
    const period = state.user?.keys.find((k) => k.keyId === keyId);
    if (period && state.user) {
      return {
        userId,
        publicKey: period.publicKey,
        retired: state.user.key?.keyId !== keyId,
      };
    }
  }
  return null;
}
