// The people who share one desk, and the directory events that make them known to the district.
// What must stay true:
// - A PIN is never stored, only its slow salted PBKDF2 hash; a signer's private key only wrapped by the
//   PIN. Both stay in this desk's `users` rows and never travel: the directory events (shared/directory)
//   carry only the name, role, office, district, public key and who did what when.
// - Every change of a person is a directory event written in the same transaction as the row change
//   and its outbox entry: registration, PIN reset (for a signer: the key replacement), deactivation,
//   reactivation. A `users` row is the local projection of its person's events plus the local secrets;
//   after every write the projection is checked against the fold, and a difference is a bug (throws).
// - A PIN change is not an event: the key stays the same (wrapped again under the new PIN), so nothing
//   the district checks changes, and when a person changes their PIN is nobody else's business.
// - The actor of the first events is the office's first head (akim, or district head in district
//   mode): nobody is registered yet to vouch for them, so they register themselves and then the
//   other first users. Later, the manager who acts (a head or the admin) is the actor.
// - Users are never deleted: case events name their actor, so a person who left is deactivated.
// - The desk always keeps at least one active head of its kind of office (shared/office/roles).
// - Wrong PINs are rate-limited per user and the count survives a reload: a 4–6 digit PIN behind a
//   slow hash is only safe if nobody can try thousands of them at the keyboard.
// - Crypto runs before a transaction, never inside one: IndexedDB commits a transaction as soon as
//   it waits for anything else, so rows are prepared first and written together.
import { Dexie } from 'dexie';
import { z } from 'zod';
import type { CaseRole } from '../../../shared/case';
import {
  classifyIncomingDirectoryEvent,
  directoryEventProblem,
  foldUser,
  parseDirectoryEvent,
  type DirectoryEvent,
  type DirectoryEventType,
  type DirectoryPayloadOf,
} from '../../../shared/directory';
import type { Actor } from '../../../shared/events/envelope';
import {
  isRoleOfOffice,
  isSignerRole,
  managesUsers,
  missingFirstUsers,
  OFFICE_ROLE_POLICY,
  type OfficeProfile,
} from '../../../shared/office';
import {
  exportPublicKey,
  generateSigningKeyPair,
  hashPin,
  PIN_PBKDF2_ITERATIONS,
  publicKeyFingerprint,
  unwrapSigningKey,
  validatePin,
  verifyPin,
  wrapSigningKey,
  type PinFailure,
  type SigningKey,
  type SubtleCryptoLike,
} from '../../../shared/signing';
import { localDateTimeAt, pageMonotonicClock, type MonotonicClock } from '../platform';
import { startWait, waitRemainingMs, type WaitReading, type HlcState } from '../../../shared/clock';
import type { DeskDatabase, UserRow } from './database';
import { queueForHub, receiveEvents, stampEnvelope } from './event-log';
import { directoryEventsOf, legacyEvents, retiredKeysSetting } from './key-registry';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';

export {
  SIGNER_ROLES,
  USER_MANAGER_ROLES,
  isSignerRole,
  managesUsers,
} from '../../../shared/office';
export { signingPublicKeyFor } from './key-registry';

export const USER_NAME_MAX_LENGTH = 120;

/** Wrong PINs in a row before the first wait. */
export const PIN_ATTEMPTS_BEFORE_WAIT = 5;
export const PIN_FIRST_WAIT_MS = 30_000;
/** The wait doubles with every further round of wrong PINs, up to this. */
export const PIN_MAX_WAIT_MS = 15 * 60_000;

export interface NewUser {
  name: string;
  role: CaseRole;
  pin: string;
}

export interface UserWriteOptions {
  /** The moment of the act, from the desk clock. */
  nowMs: number;
  /** PBKDF2 iterations; tests pass a low count, production keeps the default. */
  iterations?: number;
}

/** Adding a person: who adds them. */
export interface NewUserOptions extends UserWriteOptions {
  /**
   * The manager who adds the person (the users screen passes the logged-in manager). Without one, the
   * person registers themselves, as the first head does at setup.
   */
  by?: string;
}

/** A failed PIN check; each reason is a message key. */
export type PinRefusal =
  | { ok: false; reason: 'identity:pin.wrong'; attemptsLeft: number }
  | { ok: false; reason: 'session:pin.wait'; retryAtMs: number }
  | { ok: false; reason: 'users:errors.notFound' | 'users:errors.inactive' };

export type PinCheck = { ok: true; user: UserRow } | PinRefusal;

const subtle = (): SubtleCryptoLike => crypto.subtle;
const randomBytes = (n: number): Uint8Array<ArrayBuffer> =>
  crypto.getRandomValues(new Uint8Array(n));

/** A name as it is saved and travels: NFC, trimmed, inner runs of spaces collapsed. */
export function normalizeUserName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Message key of what is wrong with a name, or null. */
export function userNameProblem(
  name: string,
): 'users:errors.nameRequired' | 'users:errors.nameTooLong' | null {
  const normalized = normalizeUserName(name);
  if (normalized === '') return 'users:errors.nameRequired';
  if (normalized.length > USER_NAME_MAX_LENGTH) return 'users:errors.nameTooLong';
  return null;
}

async function newSigningKey(
  pin: string,
  iterations: number,
): Promise<NonNullable<UserRow['signingKey']>> {
  const pair = await generateSigningKeyPair(subtle());
  const publicKey = await exportPublicKey(subtle(), pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle(), publicKey);
  const wrapped = await wrapSigningKey(
    subtle(),
    pin,
    { privateKey: pair.privateKey, keyId },
    randomBytes(16),
    randomBytes(12),
    iterations,
  );
  return { publicKey, keyId, wrapped };
}

/**
 * The row for a new user, with the PIN hashed and, for a signer, a fresh key pair wrapped by the PIN.
 * Input the form should have refused is a bug here and throws.
 */
export async function prepareUserRow(input: NewUser, options: UserWriteOptions): Promise<UserRow> {
  const nameProblem = userNameProblem(input.name);
  if (nameProblem) throw new RangeError(nameProblem);
  const pinCheck = validatePin(input.pin, { signer: isSignerRole(input.role) });
  if (!pinCheck.ok) throw new RangeError(pinCheck.reason);
  const iterations = options.iterations ?? PIN_PBKDF2_ITERATIONS;
  const pinHash = await hashPin(subtle(), input.pin, randomBytes(16), iterations);
  const signingKey = isSignerRole(input.role) ? await newSigningKey(input.pin, iterations) : null;
  return {
    id: `user-${crypto.randomUUID()}`,
    name: normalizeUserName(input.name),
    role: input.role,
    pinHash,
    signingKey,
    createdAt: new Date(options.nowMs).toISOString(),
    active: true,
  };
}

// ---- Directory events ----------------------------------------------------------------------------

/** The tables a directory write touches: rows, events, the outbox, and settings (office, HLC). */
const directoryTables = (db: DeskDatabase) => [db.users, db.userEvents, db.outbox, db.settings];

type DirectoryDraft = {
  readonly [T in DirectoryEventType]: {
    readonly userId: string;
    readonly type: T;
    readonly payload: DirectoryPayloadOf<T>;
  };
}[DirectoryEventType];

async function requireOffice(db: DeskDatabase): Promise<OfficeProfile> {
  const office = await loadOfficeProfile(db);
  // Users are added only after the setup wizard saved the office (completeSetup saves it first).
  if (!office) throw new Error('Directory write before the office was set up');
  return office;
}

function actorOf(user: Pick<UserRow, 'id' | 'role'>, office: OfficeProfile): Actor {
  return {
    userId: user.id,
    role: user.role,
    officeId: office.officeId,
    districtId: office.districtId,
    deviceId: office.deviceId,
  };
}

const eventsOfUser = async (db: DeskDatabase, userId: string): Promise<DirectoryEvent[]> =>
  directoryEventsOf(await db.userEvents.where('userId').equals(userId).toArray());

/**
 * A row made before users were events gets the events that register it as it is (key-registry
 * legacyEvents), stamped now and queued like any other, in the caller's transaction; the retired keys
 * that version kept in the settings table become its key history and the setting goes.
 */
async function adoptLegacyUser(
  db: DeskDatabase,
  userId: string,
  office: OfficeProfile,
  nowMs: number,
): Promise<void> {
  if ((await db.userEvents.where('userId').equals(userId).count()) > 0) return;
  const row = await db.users.get(userId);
  if (!row) return;
  const setting = retiredKeysSetting(userId);
  const drafts = legacyEvents(row, {
    office,
    retired: (await db.settings.get(setting))?.value,
    stamp: () => '',
    newId: () => '',
    now: localDateTimeAt(nowMs),
  });
  for (const draft of drafts) {
    const envelope = await stampEnvelope(db, {
      actor: draft.actor,
      legalTime: draft.legalTime,
      nowMs,
      newId: () => crypto.randomUUID(),
    });
    await storeDirectoryEvent(db, { ...draft, id: envelope.id, hlc: envelope.hlc }, nowMs);
  }
  await db.settings.delete(setting);
}

/** Adopts every row of this desk made before users were events: for a one-time upgrade. */
export function adoptLegacyUsers(db: DeskDatabase, nowMs: number): Promise<number> {
  return db.transaction('rw', directoryTables(db), async () => {
    const office = await loadOfficeProfile(db);
    if (!office) return 0;
    let adopted = 0;
    for (const row of await db.users.toArray()) {
      if ((await db.userEvents.where('userId').equals(row.id).count()) > 0) continue;
      await adoptLegacyUser(db, row.id, office, nowMs);
      adopted += 1;
    }
    return adopted;
  });
}

async function storeDirectoryEvent(
  db: DeskDatabase,
  candidate: unknown,
  nowMs: number,
): Promise<DirectoryEvent> {
  // A directory event is written with its row or not at all: never by itself, outside the command's
  // transaction (which an awaited non-IndexedDB promise would have ended).
  if (!Dexie.currentTransaction) throw new Error('Directory event written outside a transaction');
  const parsed = parseDirectoryEvent(candidate);
  // Names and roles were checked by the form and the command: an invalid event here is a bug.
  if (!parsed.ok) throw new Error(`Invalid directory event: ${parsed.error.message}`);
  const event = parsed.event;
  const problem = directoryEventProblem(foldUser(await eventsOfUser(db, event.userId)), event);
  // Every command checks the row first, in the same transaction: a conflict here is a bug.
  if (problem) throw new Error(`Directory event ${event.type} refused: ${problem}`);
  await db.userEvents.add(event);
  await queueForHub(db, 'user', event.userId, event.id, nowMs);
  return event;
}

/**
 * Writes directory events in the caller's transaction (after adopting the people they name): stamped
 * with the actor at this desk's office, stored, and queued for the hub.
 */
async function appendDirectoryEvents(
  db: DeskDatabase,
  office: OfficeProfile,
  actor: Pick<UserRow, 'id' | 'role'>,
  drafts: readonly DirectoryDraft[],
  nowMs: number,
): Promise<void> {
  const legalTime = localDateTimeAt(nowMs);
  for (const draft of drafts) {
    const envelope = await stampEnvelope(db, {
      actor: actorOf(actor, office),
      legalTime,
      nowMs,
      newId: () => crypto.randomUUID(),
    });
    await storeDirectoryEvent(db, { ...envelope, ...draft }, nowMs);
  }
}

/**
 * The row must be what its person's events say (name, role, active; the key where the write made
 * one): the projection and the log never drift apart unnoticed.
 */
async function checkProjection(
  db: DeskDatabase,
  userId: string,
  options: { keyWritten: boolean },
): Promise<void> {
  const row = await db.users.get(userId);
  const user = foldUser(await eventsOfUser(db, userId)).user;
  const same =
    row !== undefined &&
    user !== null &&
    row.name === user.name &&
    row.role === user.role &&
    row.active === user.active &&
    (!options.keyWritten || (row.signingKey?.keyId ?? null) === (user.key?.keyId ?? null));
  if (!same) throw new Error(`The users row of ${userId} differs from its directory events`);
}

function registration(row: UserRow, office: OfficeProfile): DirectoryDraft {
  return {
    userId: row.id,
    type: 'UserRegistered',
    payload: {
      name: row.name,
      role: row.role,
      officeId: office.officeId,
      districtId: office.districtId,
      ...(row.signingKey
        ? { publicKey: row.signingKey.publicKey, keyId: row.signingKey.keyId }
        : {}),
    },
  };
}

/** The acting manager: an active head or admin of this desk. */
async function activeManager(db: DeskDatabase, userId: string): Promise<UserRow | null> {
  const user = await db.users.get(userId);
  return user && user.active && managesUsers(user.role) ? user : null;
}

/**
 * Adds a person to this desk: their row and their registration, in one transaction. A role that does
 * not work at this kind of office, or a `by` who is not an active manager, is a bug of the caller
 * (the form offers neither) and throws.
 */
export async function createUser(
  db: DeskDatabase,
  input: NewUser,
  options: NewUserOptions,
): Promise<UserRow> {
  const row = await prepareUserRow(input, options);
  await db.transaction('rw', directoryTables(db), async () => {
    const office = await requireOffice(db);
    if (!isRoleOfOffice(row.role, office.kind)) throw new RangeError('users:errors.role');
    let actor: UserRow = row;
    if (options.by !== undefined) {
      const manager = await activeManager(db, options.by);
      if (!manager) throw new RangeError('users:errors.notManager');
      await adoptLegacyUser(db, manager.id, office, options.nowMs);
      actor = manager;
    }
    await db.users.add(row);
    await appendDirectoryEvents(db, office, actor, [registration(row, office)], options.nowMs);
    await checkProjection(db, row.id, { keyWritten: true });
  });
  return row;
}

export type SetupResult = { ok: true } | { ok: false; reason: 'setup:errors.alreadySetUp' };

/**
 * First start: the office profile and its first users, all written in one transaction or not at all.
 * The first users are those the kind of office needs (shared/office/roles: a specialist and an akim,
 * or a district specialist and a district head); the head registers themselves first, then the
 * others.
 */
export async function completeSetup(
  db: DeskDatabase,
  profile: OfficeProfile,
  users: readonly NewUser[],
  options: UserWriteOptions,
): Promise<SetupResult> {
  const kind = profile.kind;
  const foreign = users.find((u) => !isRoleOfOffice(u.role, kind));
  if (foreign) throw new RangeError(`A ${kind} office has no ${foreign.role}`);
  const missing = missingFirstUsers(
    kind,
    users.map((u) => u.role),
  );
  if (missing.length > 0) {
    throw new RangeError(`The first users must include ${missing.join(' and ')}`);
  }
  const rows: UserRow[] = [];
  for (const user of users) rows.push(await prepareUserRow(user, options));
  const headRole = OFFICE_ROLE_POLICY[kind].head;
  const head = rows.find((r) => r.role === headRole);
  if (!head) throw new Error('missingFirstUsers let a desk without a head through');
  const ordered = [head, ...rows.filter((r) => r !== head)];
  return db.transaction('rw', directoryTables(db), async (): Promise<SetupResult> => {
    // Another window of this desk may have finished the wizard meanwhile: never overwrite an office.
    if (await db.settings.get('office')) return { ok: false, reason: 'setup:errors.alreadySetUp' };
    await saveOfficeProfile(db, profile);
    await db.users.bulkAdd(rows);
    await appendDirectoryEvents(
      db,
      profile,
      head,
      ordered.map((row) => registration(row, profile)),
      options.nowMs,
    );
    for (const row of rows) await checkProjection(db, row.id, { keyWritten: true });
    return { ok: true };
  });
}

/**
 * Takes in directory events that arrived from elsewhere (the hub, a file): stored once by id; what a
 * newer desk wrote is held as it came; nothing is sent back out. The rows of this desk's own people
 * follow what the events say (name, role, active); a key is never taken from elsewhere into a row,
 * since its private half lives only on the desk that made it.
 */
export function importDirectoryEvents(
  db: DeskDatabase,
  raws: readonly unknown[],
  nowMs: number,
): Promise<{ stored: number; duplicates: number; held: number; invalid: string[] }> {
  return db.transaction('rw', [db.userEvents, db.heldEvents, db.users, db.settings], async () => {
    const {
      changed,
      heldIn: _held,
      arrived: _arrived,
      ...counts
    } = await receiveEvents<DirectoryEvent>(
      db,
      {
        stream: 'user',
        classify: classifyIncomingDirectoryEvent,
        table: db.userEvents,
        streamField: 'userId',
      },
      raws,
      nowMs,
    );
    for (const userId of changed) {
      const row = await db.users.get(userId);
      const user = foldUser(await eventsOfUser(db, userId)).user;
      if (row && user) {
        await updateUserRow(db, userId, { name: user.name, role: user.role, active: user.active });
      }
    }
    return counts;
  });
}

const ROLE_ORDER: readonly CaseRole[] = [
  'akim',
  'specialist',
  'admin',
  'districtHead',
  'districtSpecialist',
];

function compareUsers(a: UserRow, b: UserRow): number {
  if (a.active !== b.active) return a.active ? -1 : 1;
  const byRole = ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);
  if (byRole !== 0) return byRole;
  return a.name.localeCompare(b.name, ['kk', 'ru']);
}

/** Everyone who ever worked on this desk: active first, then by role and name. */
export async function listUsers(db: DeskDatabase): Promise<UserRow[]> {
  return (await db.users.toArray()).sort(compareUsers);
}

/** Who may log in now. */
export async function listActiveUsers(db: DeskDatabase): Promise<UserRow[]> {
  return (await db.users.filter((u) => u.active).toArray()).sort(compareUsers);
}

// ---- Wrong-PIN rate limit ---------------------------------------------------------------------------

// The wait after wrong PINs is measured so that moving the clock cannot skip it (issue 11 §7,
// shared/clock clock-watch): within a session of the page by the monotonic clock, after a restart by
// the wall clock counted from no earlier than the HLC's high-water mark when the wait began. A
// clock set back never makes a wait longer than it was.

const attemptsKey = (userId: string): string => `pin-attempts:${userId}`;
const waitSchema = z.object({
  lengthMs: z.number().min(0).max(PIN_MAX_WAIT_MS),
  startWallMs: z.number(),
  startMonoMs: z.number(),
  session: z.string(),
});
const attemptsSchema = z.object({
  failures: z.number().int().min(0),
  /** Rows written before the monotonic wait: the end by the wall clock only. */
  waitUntilMs: z.number().optional(),
  wait: waitSchema.optional(),
});
type Attempts = z.infer<typeof attemptsSchema>;

async function readAttempts(db: DeskDatabase, userId: string): Promise<Attempts> {
  const parsed = attemptsSchema.safeParse((await db.settings.get(attemptsKey(userId)))?.value);
  return parsed.success ? parsed.data : { failures: 0 };
}

/** Both clocks now, with the HLC's high-water mark (the 'hlc' setting event-log.ts keeps). */
async function waitReading(
  db: DeskDatabase,
  nowMs: number,
  mono: MonotonicClock,
): Promise<WaitReading> {
  const hlc = (await db.settings.get('hlc'))?.value as HlcState | undefined;
  return {
    wallMs: nowMs,
    monoMs: mono.monoMs(),
    session: mono.session,
    highWaterMs: typeof hlc?.wallMs === 'number' ? hlc.wallMs : 0,
  };
}

function remainingOf(attempts: Attempts, now: WaitReading): number {
  if (attempts.wait) return waitRemainingMs(attempts.wait, now);
  // A row from before: a clock set back never locks a person out for longer than the longest wait.
  const until = attempts.waitUntilMs ?? 0;
  return Math.min(Math.max(0, until - now.wallMs), PIN_MAX_WAIT_MS);
}

/**
 * The end of the current wait on the desk's clock (for the countdown), or null when the user may try
 * a PIN now. `mono` is the page's monotonic clock; tests pass their own.
 */
export async function pinWaitUntil(
  db: DeskDatabase,
  userId: string,
  nowMs: number,
  mono: MonotonicClock = pageMonotonicClock,
): Promise<number | null> {
  const remaining = remainingOf(await readAttempts(db, userId), await waitReading(db, nowMs, mono));
  return remaining > 0 ? nowMs + remaining : null;
}

function waitAfter(failures: number): number {
  if (failures === 0 || failures % PIN_ATTEMPTS_BEFORE_WAIT !== 0) return 0;
  const round = failures / PIN_ATTEMPTS_BEFORE_WAIT;
  return Math.min(PIN_FIRST_WAIT_MS * 2 ** (round - 1), PIN_MAX_WAIT_MS);
}

async function recordFailure(
  db: DeskDatabase,
  userId: string,
  nowMs: number,
  mono: MonotonicClock,
): Promise<PinRefusal> {
  return db.transaction('rw', db.settings, async (): Promise<PinRefusal> => {
    const before = await readAttempts(db, userId);
    const failures = before.failures + 1;
    const wait = waitAfter(failures);
    const next: Attempts = {
      failures,
      ...(wait > 0
        ? { wait: startWait(wait, await waitReading(db, nowMs, mono)) }
        : before.wait
          ? { wait: before.wait }
          : before.waitUntilMs !== undefined
            ? { waitUntilMs: before.waitUntilMs }
            : {}),
    };
    await db.settings.put({ key: attemptsKey(userId), value: next });
    if (wait > 0) return { ok: false, reason: 'session:pin.wait', retryAtMs: nowMs + wait };
    return {
      ok: false,
      reason: 'identity:pin.wrong',
      attemptsLeft: PIN_ATTEMPTS_BEFORE_WAIT - (failures % PIN_ATTEMPTS_BEFORE_WAIT),
    };
  });
}

async function clearFailures(db: DeskDatabase, userId: string): Promise<void> {
  await db.settings.delete(attemptsKey(userId));
}

/** Finds the active user and refuses while they must wait after wrong PINs. */
async function pinCandidate(
  db: DeskDatabase,
  userId: string,
  nowMs: number,
  mono: MonotonicClock,
): Promise<{ ok: true; user: UserRow } | PinRefusal> {
  const user = await db.users.get(userId);
  if (!user) return { ok: false, reason: 'users:errors.notFound' };
  if (!user.active) return { ok: false, reason: 'users:errors.inactive' };
  const waitUntil = await pinWaitUntil(db, userId, nowMs, mono);
  if (waitUntil !== null) return { ok: false, reason: 'session:pin.wait', retryAtMs: waitUntil };
  return { ok: true, user };
}

/** Checks a user's PIN (login, unlock, confirmation), counting wrong ones. */
export async function verifyUserPin(
  db: DeskDatabase,
  userId: string,
  pin: string,
  nowMs: number,
  mono: MonotonicClock = pageMonotonicClock,
): Promise<PinCheck> {
  const candidate = await pinCandidate(db, userId, nowMs, mono);
  if (!candidate.ok) return candidate;
  if (!(await verifyPin(subtle(), pin, candidate.user.pinHash))) {
    return recordFailure(db, userId, nowMs, mono);
  }
  await clearFailures(db, userId);
  return candidate;
}

export type SigningKeyUnlock =
  { ok: true; signer: SigningKey } | PinRefusal | { ok: false; reason: 'session:signing.noKey' };

/**
 * The user's private key for one signature, unwrapped by the PIN, under the same wrong-PIN limit as a
 * login. The key is non-extractable and lives only as long as the caller keeps it.
 */
export async function unlockSigningKey(
  db: DeskDatabase,
  userId: string,
  pin: string,
  nowMs: number,
  mono: MonotonicClock = pageMonotonicClock,
): Promise<SigningKeyUnlock> {
  const candidate = await pinCandidate(db, userId, nowMs, mono);
  if (!candidate.ok) return candidate;
  const key = candidate.user.signingKey;
  if (!key) return { ok: false, reason: 'session:signing.noKey' };
  const unwrapped = await unwrapSigningKey(subtle(), pin, key.wrapped);
  if (!unwrapped.ok) return recordFailure(db, userId, nowMs, mono);
  await clearFailures(db, userId);
  return { ok: true, signer: { privateKey: unwrapped.privateKey, keyId: unwrapped.keyId } };
}

// ---- Changing PINs ------------------------------------------------------------------------------------

/**
 * crypto.subtle, except that unwrapped keys come out extractable. shared/signing hands out only
 * non-extractable keys (right for signing); changing a PIN must wrap the same key again under the new
 * PIN, so only this function gets an extractable copy, and only for the moment of the re-wrap.
 */
function extractableUnwrapSubtle(): SubtleCryptoLike {
  const real = subtle();
  return new Proxy(real, {
    get(target, property) {
      if (property === 'unwrapKey') {
        const unwrapKey: SubtleCryptoLike['unwrapKey'] = (
          format,
          key,
          with_,
          alg,
          keyAlg,
          _x,
          uses,
        ) => target.unwrapKey(format, key, with_, alg, keyAlg, true, uses);
        return unwrapKey;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type PinChange =
  | { ok: true }
  | PinRefusal
  | { ok: false; reason: PinFailure }
  | { ok: false; reason: 'users:errors.samePin' | 'users:errors.changedMeanwhile' };

/**
 * A user changes their own PIN, proving it with the current one. A signer keeps their key pair: the
 * same private key is wrapped again under the new PIN, so earlier signatures and the public key others
 * know stay as they are.
 */
export async function changePin(
  db: DeskDatabase,
  userId: string,
  currentPin: string,
  newPin: string,
  options: UserWriteOptions,
): Promise<PinChange> {
  const valid = validatePin(newPin);
  if (!valid.ok) return valid;
  if (newPin === currentPin) return { ok: false, reason: 'users:errors.samePin' };
  const checked = await verifyUserPin(db, userId, currentPin, options.nowMs);
  if (!checked.ok) return checked;
  const user = checked.user;
  // A signer's new PIN opens their key: at least SIGNER_PIN_MIN_LENGTH digits (issue 11 §1).
  const signerPin = validatePin(newPin, { signer: isSignerRole(user.role) });
  if (!signerPin.ok) return signerPin;
  const iterations = options.iterations ?? PIN_PBKDF2_ITERATIONS;
  const pinHash = await hashPin(subtle(), newPin, randomBytes(16), iterations);
  let signingKey = user.signingKey;
  if (signingKey) {
    const unwrapped = await unwrapSigningKey(
      extractableUnwrapSubtle(),
      currentPin,
      signingKey.wrapped,
    );
    // The PIN hash matched, so the key must unwrap too; if it does not, the row is damaged.
    if (!unwrapped.ok) throw new Error('The signing key does not open with the verified PIN');
    const wrapped = await wrapSigningKey(
      subtle(),
      newPin,
      { privateKey: unwrapped.privateKey, keyId: unwrapped.keyId },
      randomBytes(16),
      randomBytes(12),
      iterations,
    );
    signingKey = { ...signingKey, wrapped };
  }
  return writePinIfUnchanged(db, user, { pinHash, signingKey });
}

async function writePinIfUnchanged(
  db: DeskDatabase,
  before: UserRow,
  change: Pick<UserRow, 'pinHash' | 'signingKey'>,
  reset?: { readonly by: UserRow; readonly nowMs: number },
): Promise<{ ok: true } | { ok: false; reason: 'users:errors.changedMeanwhile' }> {
  return db.transaction('rw', directoryTables(db), async () => {
    const now = await db.users.get(before.id);
    // Someone changed this PIN in another window while we were hashing: keep theirs.
    if (!now || now.pinHash.hash !== before.pinHash.hash || !now.active) {
      return { ok: false as const, reason: 'users:errors.changedMeanwhile' as const };
    }
    if (reset) {
      const office = await requireOffice(db);
      // Adopted as they were, before the row changes, so the old key stays in the history.
      await adoptLegacyUser(db, before.id, office, reset.nowMs);
      await adoptLegacyUser(db, reset.by.id, office, reset.nowMs);
      await updateUserRow(db, before.id, change);
      const key = change.signingKey;
      await appendDirectoryEvents(
        db,
        office,
        reset.by,
        [
          key
            ? {
                userId: before.id,
                type: 'UserKeyReplaced',
                payload: { publicKey: key.publicKey, keyId: key.keyId, reason: 'pinReset' },
              }
            : { userId: before.id, type: 'UserPinReset', payload: {} },
        ],
        reset.nowMs,
      );
      await checkProjection(db, before.id, { keyWritten: true });
    } else {
      await updateUserRow(db, before.id, change);
    }
    return { ok: true as const };
  });
}

export type PinReset =
  | { ok: true; newSigningKey: boolean }
  | { ok: false; reason: PinFailure }
  | PinRefusal
  | {
      ok: false;
      reason:
        'users:errors.notManager' | 'users:errors.resetSelf' | 'users:errors.changedMeanwhile';
    };

/**
 * A forgotten PIN: a manager (a head or the admin) confirms with their own PIN, and the user, sitting
 * at the desk, types the new one. The forgotten PIN cannot open the old private key, so a signer gets a
 * new key pair: the UserKeyReplaced event ends the old key's period and what was signed with it stays
 * checkable against it. For anyone else the event is UserPinReset.
 */
export async function resetPin(
  db: DeskDatabase,
  request: { userId: string; newPin: string; managerId: string; managerPin: string },
  options: UserWriteOptions,
): Promise<PinReset> {
  if (request.userId === request.managerId) return { ok: false, reason: 'users:errors.resetSelf' };
  const valid = validatePin(request.newPin);
  if (!valid.ok) return valid;
  const manager = await verifyUserPin(db, request.managerId, request.managerPin, options.nowMs);
  if (!manager.ok) return manager;
  if (!managesUsers(manager.user.role)) {
    return { ok: false, reason: 'users:errors.notManager' };
  }
  const user = await db.users.get(request.userId);
  if (!user) return { ok: false, reason: 'users:errors.notFound' };
  if (!user.active) return { ok: false, reason: 'users:errors.inactive' };
  const signerPin = validatePin(request.newPin, { signer: isSignerRole(user.role) });
  if (!signerPin.ok) return signerPin;
  const iterations = options.iterations ?? PIN_PBKDF2_ITERATIONS;
  const pinHash = await hashPin(subtle(), request.newPin, randomBytes(16), iterations);
  const signingKey = isSignerRole(user.role)
    ? await newSigningKey(request.newPin, iterations)
    : null;
  const written = await writePinIfUnchanged(
    db,
    user,
    { pinHash, signingKey },
    { by: manager.user, nowMs: options.nowMs },
  );
  if (!written.ok) return written;
  await clearFailures(db, user.id);
  return { ok: true, newSigningKey: signingKey !== null };
}

// ---- Deactivation ------------------------------------------------------------------------------------

export type UserStatusChange =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'users:errors.notFound'
        | 'users:errors.notManager'
        | 'users:errors.deactivateSelf'
        | 'users:errors.lastHead';
    };

/**
 * A person who left: they can no longer log in or sign, their key stops being in force, and their
 * past acts keep their name. The last active head of the office stays.
 */
export async function deactivateUser(
  db: DeskDatabase,
  userId: string,
  byUserId: string,
  nowMs: number,
): Promise<UserStatusChange> {
  if (userId === byUserId) return { ok: false, reason: 'users:errors.deactivateSelf' };
  return db.transaction('rw', directoryTables(db), async (): Promise<UserStatusChange> => {
    const manager = await activeManager(db, byUserId);
    if (!manager) return { ok: false, reason: 'users:errors.notManager' };
    const user = await db.users.get(userId);
    if (!user) return { ok: false, reason: 'users:errors.notFound' };
    if (!user.active) return { ok: true };
    const office = await requireOffice(db);
    const head = OFFICE_ROLE_POLICY[office.kind].head;
    if (user.role === head) {
      const heads = await db.users
        .where('role')
        .equals(head)
        .filter((u) => u.active)
        .count();
      if (heads <= 1) return { ok: false, reason: 'users:errors.lastHead' };
    }
    await statusEvent(db, office, manager, user, 'UserDeactivated', nowMs);
    return { ok: true };
  });
}

/**
 * Changes fields of a user's row: read and written whole in the caller's transaction. Not Dexie's
 * update(): it reads through Collection.modify, whose own promise chain runs the write outside the
 * transaction's zone once the at-rest layer has waited for WebCrypto to open the sealed row (Chromium:
 * "reading 'table'" in Dexie's hooks, the write refused).
 */
async function updateUserRow(db: DeskDatabase, userId: string, change: Partial<UserRow>) {
  const row = await db.users.get(userId);
  if (row) await db.users.put({ ...row, ...change });
}

/** Undoes a deactivation made by mistake; the PIN and key are the ones the user had. */
export async function reactivateUser(
  db: DeskDatabase,
  userId: string,
  byUserId: string,
  nowMs: number,
): Promise<UserStatusChange> {
  return db.transaction('rw', directoryTables(db), async (): Promise<UserStatusChange> => {
    const manager = await activeManager(db, byUserId);
    if (!manager) return { ok: false, reason: 'users:errors.notManager' };
    const user = await db.users.get(userId);
    if (!user) return { ok: false, reason: 'users:errors.notFound' };
    if (user.active) return { ok: true };
    const office = await requireOffice(db);
    await statusEvent(db, office, manager, user, 'UserReactivated', nowMs);
    return { ok: true };
  });
}

async function statusEvent(
  db: DeskDatabase,
  office: OfficeProfile,
  manager: UserRow,
  user: UserRow,
  type: 'UserDeactivated' | 'UserReactivated',
  nowMs: number,
): Promise<void> {
  await adoptLegacyUser(db, user.id, office, nowMs);
  await adoptLegacyUser(db, manager.id, office, nowMs);
  await updateUserRow(db, user.id, { active: type === 'UserReactivated' });
  await appendDirectoryEvents(db, office, manager, [{ userId: user.id, type, payload: {} }], nowMs);
  await checkProjection(db, user.id, { keyWritten: false });
}
