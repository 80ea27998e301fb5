// The people who share one akimat laptop. What must stay true:
// - A PIN is never stored, only its slow salted PBKDF2 hash; a signer's private key only wrapped by the PIN.
// - Users are never deleted: case events name their actor, so a person who left is deactivated.
// - The desk always keeps at least one active akim (the signer and the one who manages users).
// - Wrong PINs are rate-limited per user and the count survives a reload: a 4–6 digit PIN behind a
//   slow hash is only safe if nobody can try thousands of them at the keyboard.
// - Crypto runs before a transaction, never inside one: IndexedDB commits a transaction as soon as
//   it waits for anything else, so rows are prepared first and written together.
import { z } from 'zod';
import type { CaseRole } from '../../../shared/case';
import type { OfficeProfile } from '../../../shared/office';
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
  type PublicJwk,
  type SigningKey,
  type SubtleCryptoLike,
} from '../../../shared/signing';
import type { DeskDatabase, UserRow } from './database';
import { saveOfficeProfile } from './office-repository';

/** Roles that sign documents and so hold a key pair. */
export const SIGNER_ROLES: readonly CaseRole[] = ['akim', 'districtHead'];
/** Roles that manage the users of this desk. */
export const USER_MANAGER_ROLES: readonly CaseRole[] = ['akim', 'admin'];

export const isSignerRole = (role: CaseRole): boolean => SIGNER_ROLES.includes(role);

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

/** A failed PIN check; each reason is a message key. */
export type PinRefusal =
  | { ok: false; reason: 'identity:pin.wrong'; attemptsLeft: number }
  | { ok: false; reason: 'session:pin.wait'; retryAtMs: number }
  | { ok: false; reason: 'users:errors.notFound' | 'users:errors.inactive' };

export type PinCheck = { ok: true; user: UserRow } | PinRefusal;

const subtle = (): SubtleCryptoLike => crypto.subtle;
const randomBytes = (n: number): Uint8Array<ArrayBuffer> =>
  crypto.getRandomValues(new Uint8Array(n));

/** A name as it is saved: trimmed, inner runs of spaces collapsed. */
export function normalizeUserName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
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
  const pinCheck = validatePin(input.pin);
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

export async function createUser(
  db: DeskDatabase,
  input: NewUser,
  options: UserWriteOptions,
): Promise<UserRow> {
  const row = await prepareUserRow(input, options);
  await db.users.add(row);
  return row;
}

export type SetupResult = { ok: true } | { ok: false; reason: 'setup:errors.alreadySetUp' };

/**
 * First start: the office profile and its first users, all written in one transaction or not at all.
 * Needs at least one specialist and one akim.
 */
export async function completeSetup(
  db: DeskDatabase,
  profile: OfficeProfile,
  users: readonly NewUser[],
  options: UserWriteOptions,
): Promise<SetupResult> {
  if (!users.some((u) => u.role === 'specialist') || !users.some((u) => u.role === 'akim')) {
    throw new RangeError('The first users must include a specialist and an akim');
  }
  const rows: UserRow[] = [];
  for (const user of users) rows.push(await prepareUserRow(user, options));
  return db.transaction('rw', db.settings, db.users, async (): Promise<SetupResult> => {
    // Another window of this desk may have finished the wizard meanwhile: never overwrite an office.
    if (await db.settings.get('office')) return { ok: false, reason: 'setup:errors.alreadySetUp' };
    await saveOfficeProfile(db, profile);
    await db.users.bulkAdd(rows);
    return { ok: true };
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

const attemptsKey = (userId: string): string => `pin-attempts:${userId}`;
const attemptsSchema = z.object({
  failures: z.number().int().min(0),
  waitUntilMs: z.number(),
});
type Attempts = z.infer<typeof attemptsSchema>;

async function readAttempts(db: DeskDatabase, userId: string): Promise<Attempts> {
  const parsed = attemptsSchema.safeParse((await db.settings.get(attemptsKey(userId)))?.value);
  return parsed.success ? parsed.data : { failures: 0, waitUntilMs: 0 };
}

/** The end of the current wait, or null when the user may try a PIN now. */
export async function pinWaitUntil(
  db: DeskDatabase,
  userId: string,
  nowMs: number,
): Promise<number | null> {
  const { waitUntilMs } = await readAttempts(db, userId);
  if (waitUntilMs <= nowMs) return null;
  // A clock set back (or a damaged row) never locks a person out for longer than the longest wait.
  return Math.min(waitUntilMs, nowMs + PIN_MAX_WAIT_MS);
}

function waitAfter(failures: number): number {
  if (failures === 0 || failures % PIN_ATTEMPTS_BEFORE_WAIT !== 0) return 0;
  const round = failures / PIN_ATTEMPTS_BEFORE_WAIT;
  return Math.min(PIN_FIRST_WAIT_MS * 2 ** (round - 1), PIN_MAX_WAIT_MS);
}

async function recordFailure(db: DeskDatabase, userId: string, nowMs: number): Promise<PinRefusal> {
  return db.transaction('rw', db.settings, async (): Promise<PinRefusal> => {
    const before = await readAttempts(db, userId);
    const failures = before.failures + 1;
    const wait = waitAfter(failures);
    const waitUntilMs = wait > 0 ? nowMs + wait : before.waitUntilMs;
    await db.settings.put({ key: attemptsKey(userId), value: { failures, waitUntilMs } });
    if (wait > 0) return { ok: false, reason: 'session:pin.wait', retryAtMs: waitUntilMs };
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
): Promise<{ ok: true; user: UserRow } | PinRefusal> {
  const user = await db.users.get(userId);
  if (!user) return { ok: false, reason: 'users:errors.notFound' };
  if (!user.active) return { ok: false, reason: 'users:errors.inactive' };
  const waitUntil = await pinWaitUntil(db, userId, nowMs);
  if (waitUntil !== null) return { ok: false, reason: 'session:pin.wait', retryAtMs: waitUntil };
  return { ok: true, user };
}

/** Checks a user's PIN (login, unlock, confirmation), counting wrong ones. */
export async function verifyUserPin(
  db: DeskDatabase,
  userId: string,
  pin: string,
  nowMs: number,
): Promise<PinCheck> {
  const candidate = await pinCandidate(db, userId, nowMs);
  if (!candidate.ok) return candidate;
  if (!(await verifyPin(subtle(), pin, candidate.user.pinHash))) {
    return recordFailure(db, userId, nowMs);
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
): Promise<SigningKeyUnlock> {
  const candidate = await pinCandidate(db, userId, nowMs);
  if (!candidate.ok) return candidate;
  const key = candidate.user.signingKey;
  if (!key) return { ok: false, reason: 'session:signing.noKey' };
  const unwrapped = await unwrapSigningKey(subtle(), pin, key.wrapped);
  if (!unwrapped.ok) return recordFailure(db, userId, nowMs);
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
  retired?: RetiredSigningKey,
): Promise<{ ok: true } | { ok: false; reason: 'users:errors.changedMeanwhile' }> {
  return db.transaction('rw', db.users, db.settings, async () => {
    const now = await db.users.get(before.id);
    // Someone changed this PIN in another window while we were hashing: keep theirs.
    if (!now || now.pinHash.hash !== before.pinHash.hash || !now.active) {
      return { ok: false as const, reason: 'users:errors.changedMeanwhile' as const };
    }
    await db.users.update(before.id, change);
    if (retired) {
      const earlier = await retiredSigningKeys(db, before.id);
      await db.settings.put({ key: retiredKey(before.id), value: [...earlier, retired] });
    }
    return { ok: true as const };
  });
}

/** A public key a signer no longer uses: kept so that what they signed with it can still be checked. */
export interface RetiredSigningKey {
  publicKey: PublicJwk;
  keyId: string;
  retiredAt: string;
}

// UserRow has no field for earlier keys, so they live in the settings table next to the user.
const retiredKey = (userId: string): string => `retired-signing-keys:${userId}`;
const retiredSchema = z.array(
  z.object({
    publicKey: z.object({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
    }),
    keyId: z.string(),
    retiredAt: z.string(),
  }),
);

export async function retiredSigningKeys(
  db: DeskDatabase,
  userId: string,
): Promise<RetiredSigningKey[]> {
  const parsed = retiredSchema.safeParse((await db.settings.get(retiredKey(userId)))?.value);
  return parsed.success ? parsed.data : [];
}

/** The public key with this fingerprint, current or retired, and whose it is: to check a signature. */
export async function signingPublicKeyFor(
  db: DeskDatabase,
  keyId: string,
): Promise<{ userId: string; publicKey: PublicJwk; retired: boolean } | null> {
  for (const user of await db.users.toArray()) {
    if (user.signingKey?.keyId === keyId) {
      return { userId: user.id, publicKey: user.signingKey.publicKey, retired: false };
    }
    const old = (await retiredSigningKeys(db, user.id)).find((k) => k.keyId === keyId);
    if (old) return { userId: user.id, publicKey: old.publicKey, retired: true };
  }
  return null;
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
 * A forgotten PIN: an akim or admin confirms with their own PIN, and the user, sitting at the desk,
 * types the new one. The forgotten PIN cannot open the old private key, so a signer gets a new key
 * pair; the old public key is kept (retiredSigningKeys) and what was signed with it stays checkable.
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
  if (!USER_MANAGER_ROLES.includes(manager.user.role)) {
    return { ok: false, reason: 'users:errors.notManager' };
  }
  const user = await db.users.get(request.userId);
  if (!user) return { ok: false, reason: 'users:errors.notFound' };
  if (!user.active) return { ok: false, reason: 'users:errors.inactive' };
  const iterations = options.iterations ?? PIN_PBKDF2_ITERATIONS;
  const pinHash = await hashPin(subtle(), request.newPin, randomBytes(16), iterations);
  const signingKey = user.signingKey ? await newSigningKey(request.newPin, iterations) : null;
  const retired: RetiredSigningKey | undefined = user.signingKey
    ? {
        publicKey: user.signingKey.publicKey,
        keyId: user.signingKey.keyId,
        retiredAt: new Date(options.nowMs).toISOString(),
      }
    : undefined;
  const written = await writePinIfUnchanged(db, user, { pinHash, signingKey }, retired);
  if (!written.ok) return written;
  await clearFailures(db, user.id);
  return { ok: true, newSigningKey: signingKey !== null };
}

// ---- Deactivation ------------------------------------------------------------------------------------

export type UserStatusChange =
  | { ok: true }
  | {
      ok: false;
      reason: 'users:errors.notFound' | 'users:errors.deactivateSelf' | 'users:errors.lastAkim';
    };

/** A person who left: they can no longer log in or sign, and their past acts keep their name. */
export async function deactivateUser(
  db: DeskDatabase,
  userId: string,
  byUserId: string,
): Promise<UserStatusChange> {
  if (userId === byUserId) return { ok: false, reason: 'users:errors.deactivateSelf' };
  return db.transaction('rw', db.users, async (): Promise<UserStatusChange> => {
    const user = await db.users.get(userId);
    if (!user) return { ok: false, reason: 'users:errors.notFound' };
    if (!user.active) return { ok: true };
    if (user.role === 'akim') {
      const akims = await db.users
        .where('role')
        .equals('akim')
        .filter((u) => u.active)
        .count();
      if (akims <= 1) return { ok: false, reason: 'users:errors.lastAkim' };
    }
    await db.users.update(userId, { active: false });
    return { ok: true };
  });
}

/** Undoes a deactivation made by mistake; the PIN and key are the ones the user had. */
export async function reactivateUser(db: DeskDatabase, userId: string): Promise<UserStatusChange> {
  const changed = await db.users.update(userId, { active: true });
  return changed === 1 || (await db.users.get(userId))
    ? { ok: true }
    : { ok: false, reason: 'users:errors.notFound' };
}
