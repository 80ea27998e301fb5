// A person's entry in the directory is a pure fold of their events, the same on every desk and on the
// hub. What must stay true:
// - The result depends only on the SET of events: they are sorted by (hlc, id) with plain string
//   comparison, then by their canonical text, and a repeated delivery of an event id is ignored (two
//   different events under one id are a conflict, whichever came first).
// - The first event a person has is UserRegistered; anything before it, a second registration, a key
//   for a role that does not sign (or a signer without one), a key used before, and a key or PIN
//   change while deactivated are conflicts: listed with their reason, never applied, never dropped.
// - The key history is a list of periods [from, to) in legal time, one per stretch in which a key was
//   in force: a registration or a replacement opens one, a replacement or a deactivation closes it, a
//   reactivation opens the same key again. Periods never overlap and never go back in time: each
//   event takes effect at the later of its legal time and the previous event's, so a device with a
//   clock set back cannot make a key valid before its registration or after its replacement.
// - The fold does not check that keyId is the fingerprint of publicKey (that needs crypto):
//   verifyCanonical does, so a mismatched pair never verifies any signature.
import { compareStamped, inFoldOrder } from '../events/fold-order';
import type { PublicJwk } from '../signing/signature';
import type { ActorRole } from '../events/envelope';
import { isSignerRole } from '../office/roles';
import type { LocalDateTime } from '../time';
import type { DirectoryEvent } from './events';

/** Why a directory event was not applied: a message key of the `users` namespace. */
export const DIRECTORY_CONFLICTS = [
  'notRegistered',
  'alreadyRegistered',
  'keyForRole',
  'keyReused',
  'inactive',
  'idReused',
] as const;
export type DirectoryConflictCode = (typeof DIRECTORY_CONFLICTS)[number];
export type DirectoryConflictReason = `users:directory.conflicts.${DirectoryConflictCode}`;

export function directoryConflict(code: DirectoryConflictCode): DirectoryConflictReason {
  return `users:directory.conflicts.${code}`;
}

/** One stretch of legal time in which a signer's key was in force: from (inclusive) to (exclusive). */
export interface KeyPeriod {
  readonly keyId: string;
  readonly publicKey: PublicJwk;
  readonly from: LocalDateTime;
  /** null while the key is in force. */
  readonly to: LocalDateTime | null;
}

export interface DirectoryUser {
  readonly userId: string;
  readonly name: string;
  readonly role: ActorRole;
  readonly officeId: string;
  readonly districtId: string;
  readonly active: boolean;
  readonly registeredAt: LocalDateTime;
  readonly registeredBy: string;
  /** Registered from a desk's row made before users were events. */
  readonly legacy: boolean;
  /** The signer's current key; kept while deactivated, since a reactivation brings it back. */
  readonly key: { readonly keyId: string; readonly publicKey: PublicJwk } | null;
  readonly keys: readonly KeyPeriod[];
  /** Every PIN reset: when and by whom (a signer's resets are also key replacements). */
  readonly pinResets: readonly { readonly at: LocalDateTime; readonly byUserId: string }[];
}

export interface DirectoryConflict {
  readonly event: DirectoryEvent;
  readonly reason: DirectoryConflictReason;
}

export interface UserDirectoryState {
  readonly userId: string | null;
  /** null until a registration was applied. */
  readonly user: DirectoryUser | null;
  /** The applied events, in the fold's order. */
  readonly events: readonly DirectoryEvent[];
  readonly conflicts: readonly DirectoryConflict[];
  /** The effective legal time of the last applied event (see the header). */
  readonly lastAt: LocalDateTime | null;
}

export const EMPTY_USER_STATE: UserDirectoryState = {
  userId: null,
  user: null,
  events: [],
  conflicts: [],
  lastAt: null,
};

/** The fold order: hlc, then id, as plain strings (shared/events/fold-order). */
export const compareDirectoryEvents: (a: DirectoryEvent, b: DirectoryEvent) => number =
  compareStamped;

/**
 * Why `event` cannot be applied to the state reached so far, or null. The desk asks before it writes
 * an event, so a conflict only arises from events written on different desks.
 */
export function directoryEventProblem(
  state: UserDirectoryState,
  event: DirectoryEvent,
): DirectoryConflictReason | null {
  const user = state.user;
  if (event.type === 'UserRegistered') {
    if (user !== null) return directoryConflict('alreadyRegistered');
    const hasKey = event.payload.keyId !== undefined;
    return hasKey === isSignerRole(event.payload.role) ? null : directoryConflict('keyForRole');
  }
  if (user === null) return directoryConflict('notRegistered');
  switch (event.type) {
    case 'UserKeyReplaced':
      if (!isSignerRole(user.role)) return directoryConflict('keyForRole');
      if (!user.active) return directoryConflict('inactive');
      return user.keys.some((k) => k.keyId === event.payload.keyId)
        ? directoryConflict('keyReused')
        : null;
    case 'UserPinReset':
      return user.active ? null : directoryConflict('inactive');
    case 'UserDeactivated':
    case 'UserReactivated':
      // Two desks deactivating one person is the same fact twice, not a disagreement.
      return null;
  }
}

const later = (a: LocalDateTime, b: LocalDateTime | null): LocalDateTime =>
  b !== null && b > a ? b : a;

function closeOpenPeriod(keys: readonly KeyPeriod[], at: LocalDateTime): readonly KeyPeriod[] {
  return keys.map((k) => (k.to === null ? { ...k, to: at } : k));
}

/** Applies an event that directoryEventProblem accepted. */
export function applyDirectoryEvent(
  state: UserDirectoryState,
  event: DirectoryEvent,
): UserDirectoryState {
  const at = later(event.legalTime, state.lastAt);
  const next = (user: DirectoryUser): UserDirectoryState => ({
    ...state,
    userId: event.userId,
    user,
    events: [...state.events, event],
    lastAt: at,
  });
  if (event.type === 'UserRegistered') {
    const p = event.payload;
    const key =
      p.publicKey !== undefined && p.keyId !== undefined
        ? { keyId: p.keyId, publicKey: p.publicKey }
        : null;
    return next({
      userId: event.userId,
      name: p.name,
      role: p.role,
      officeId: p.officeId,
      districtId: p.districtId,
      active: true,
      registeredAt: at,
      registeredBy: event.actor.userId,
      legacy: p.legacy === true,
      key,
      keys: key ? [{ ...key, from: at, to: null }] : [],
      pinResets: [],
    });
  }
  const user = state.user;
  // directoryEventProblem refuses every other event before a registration.
  if (user === null) throw new Error(`${event.type} applied before a registration`);
  switch (event.type) {
    case 'UserKeyReplaced': {
      const key = { keyId: event.payload.keyId, publicKey: event.payload.publicKey };
      return next({
        ...user,
        key,
        keys: [...closeOpenPeriod(user.keys, at), { ...key, from: at, to: null }],
        pinResets:
          event.payload.reason === 'pinReset'
            ? [...user.pinResets, { at, byUserId: event.actor.userId }]
            : user.pinResets,
      });
    }
    case 'UserPinReset':
      return next({
        ...user,
        pinResets: [...user.pinResets, { at, byUserId: event.actor.userId }],
      });
    case 'UserDeactivated':
      if (!user.active) return next(user);
      return next({ ...user, active: false, keys: closeOpenPeriod(user.keys, at) });
    case 'UserReactivated':
      if (user.active) return next(user);
      return next({
        ...user,
        active: true,
        keys: user.key ? [...user.keys, { ...user.key, from: at, to: null }] : user.keys,
      });
  }
}

/** Folds one person's events. Throws when they belong to different people (a caller's bug). */
export function foldUser(events: readonly DirectoryEvent[]): UserDirectoryState {
  const userId = events[0]?.userId ?? null;
  for (const e of events) {
    if (e.userId !== userId)
      throw new RangeError(`foldUser got events of ${userId} and ${e.userId}`);
  }
  let state: UserDirectoryState = { ...EMPTY_USER_STATE, userId };
  for (const d of inFoldOrder(events)) {
    if (d.kind === 'idReused') {
      state = withConflict(state, d.event, directoryConflict('idReused'));
      continue;
    }
    const problem = directoryEventProblem(state, d.event);
    state =
      problem === null
        ? applyDirectoryEvent(state, d.event)
        : withConflict(state, d.event, problem);
  }
  return state;
}

function withConflict(
  state: UserDirectoryState,
  event: DirectoryEvent,
  reason: DirectoryConflictReason,
): UserDirectoryState {
  return { ...state, conflicts: [...state.conflicts, { event, reason }] };
}

/** Folds everyone's events: one state per person, by user id. */
export function foldDirectory(
  events: readonly DirectoryEvent[],
): ReadonlyMap<string, UserDirectoryState> {
  const byUser = new Map<string, DirectoryEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.userId);
    if (list) list.push(e);
    else byUser.set(e.userId, [e]);
  }
  return new Map([...byUser].map(([userId, list]) => [userId, foldUser(list)]));
}

/**
 * The public key `keyId` if it was in force at `at` according to `history` (one person's key
 * periods); null for an unknown key, before its registration, after its replacement, and while its
 * owner was deactivated.
 */
export function keyInForce(
  history: readonly KeyPeriod[],
  keyId: string,
  at: LocalDateTime,
): PublicJwk | null {
  const period = history.find(
    (k) => k.keyId === keyId && k.from <= at && (k.to === null || at < k.to),
  );
  return period?.publicKey ?? null;
}
