import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { foldUser, type DirectoryEvent } from '../../../shared/directory';
import type { OfficeProfile } from '../../../shared/office';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  PIN_PBKDF2_ITERATIONS,
  publicKeyFingerprint,
  unwrapSigningKey,
  verifyCanonical,
} from '../../../shared/signing';
import { DeskDatabase, type UserRow } from './database';
import { keyHistory, registeredKeyAt, signingPublicKeyFor } from './key-registry';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';
import {
  adoptLegacyUsers,
  changePin,
  completeSetup,
  createUser,
  deactivateUser,
  importDirectoryEvents,
  listActiveUsers,
  listUsers,
  pinWaitUntil,
  reactivateUser,
  resetPin,
  unlockSigningKey,
  verifyUserPin,
} from './users-queries';
import { signCanonical } from '../../../shared/signing';
import type { MonotonicClock } from '../platform';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function freshDb(): DeskDatabase {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  return db;
}

/** A desk whose office is set up, as every desk is once the wizard ran. */
async function officeDb(profile: OfficeProfile = office): Promise<DeskDatabase> {
  const d = freshDb();
  await saveOfficeProfile(d, profile);
  return d;
}

async function eventsOf(d: DeskDatabase, userId?: string): Promise<DirectoryEvent[]> {
  const rows = userId
    ? await d.userEvents.where('userId').equals(userId).toArray()
    : await d.userEvents.toArray();
  return (rows as DirectoryEvent[]).sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
}

const NOW = Date.UTC(2026, 10, 23, 5, 0);
// Fast PBKDF2 in tests; production keeps PIN_PBKDF2_ITERATIONS.
const opts = { nowMs: NOW, iterations: 1_000 };

const office = sampleOfficeProfile();
// The office's legal time of NOW (Kazakhstan, UTC+5).
const NOW_LOCAL = '2026-11-23T10:00';

const specialist = { name: '  Сейітова   Әйгерім ', role: 'specialist' as const, pin: '4826' };
const akim = { name: 'Жұмабаев Серік', role: 'akim' as const, pin: '739146' };

/**
 * Whether any value in `data` is one of the PINs, as a string or a number. Checked value by value: a
 * random key id or salt may well contain the digits of a PIN somewhere inside.
 */
function holdsPin(data: unknown, pins: readonly string[]): boolean {
  if (typeof data === 'string' || typeof data === 'number') return pins.includes(String(data));
  if (Array.isArray(data)) return data.some((item) => holdsPin(item, pins));
  if (data !== null && typeof data === 'object') {
    return Object.values(data).some((item) => holdsPin(item, pins));
  }
  return false;
}

/** A monotonic clock that keeps pace with the wall clock: at wall `ms`, it reads ms − NOW. */
function steadyClock(ms: number, session = 'page-1'): MonotonicClock {
  return { session, monoMs: () => ms - NOW };
}
/** A monotonic clock reading `monoMs` in `session`, whatever the wall clock says. */
function monoAt(monoMs: number, session = 'page-1'): MonotonicClock {
  return { session, monoMs: () => monoMs };
}

describe('users', () => {
  test('a user is stored with a salted PBKDF2 hash, never the PIN', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    const stored = await d.users.get(user.id);
    expect(stored?.name).toBe('Сейітова Әйгерім');
    expect(stored?.pinHash.algorithm).toBe('PBKDF2-SHA256');
    expect(stored?.pinHash.iterations).toBe(1_000);
    expect(stored?.signingKey).toBeNull();
    expect(stored?.active).toBe(true);
    expect(stored?.createdAt).toBe('2026-11-23T05:00:00.000Z');
    expect(holdsPin(stored, ['4826'])).toBe(false);
    // Two users with the same PIN get different salts and so different hashes.
    const twin = await createUser(d, { ...specialist, name: 'Екінші маман' }, opts);
    expect(twin.pinHash.salt).not.toBe(user.pinHash.salt);
    expect(twin.pinHash.hash).not.toBe(user.pinHash.hash);
  });

  test('production hashing uses the OWASP iteration count by default', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, { nowMs: NOW });
    expect(user.pinHash.iterations).toBe(PIN_PBKDF2_ITERATIONS);
  }, 30_000);

  test('an akim gets a key pair whose private key opens only with the PIN', async () => {
    const d = await officeDb();
    const user = await createUser(d, akim, opts);
    const key = user.signingKey;
    expect(key).not.toBeNull();
    if (!key) return;
    expect(key.keyId).toBe(await publicKeyFingerprint(crypto.subtle, key.publicKey));
    expect(key.wrapped.keyId).toBe(key.keyId);
    expect((await unwrapSigningKey(crypto.subtle, '1111', key.wrapped)).ok).toBe(false);
    const unlocked = await unlockSigningKey(d, user.id, '739146', NOW);
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    const doc = { register: 'KZL01-1', cases: 3 };
    const signature = await signCanonical(crypto.subtle, unlocked.signer, doc);
    expect(await verifyCanonical(crypto.subtle, key.publicKey, doc, signature)).toBe(true);
  });

  test('invalid names and PINs are refused before anything is written', async () => {
    const d = await officeDb();
    await expect(createUser(d, { ...specialist, name: '   ' }, opts)).rejects.toThrow(
      'users:errors.nameRequired',
    );
    await expect(createUser(d, { ...specialist, pin: '1234' }, opts)).rejects.toThrow(
      'identity:pin.tooSimple',
    );
    await expect(createUser(d, { ...specialist, pin: '12a4' }, opts)).rejects.toThrow(
      'identity:pin.notDigits',
    );
    expect(await d.users.count()).toBe(0);
  });

  test('verifyUserPin accepts the right PIN and refuses a wrong one', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    const ok = await verifyUserPin(d, user.id, '4826', NOW);
    expect(ok.ok && ok.user.id).toBe(user.id);
    expect(await verifyUserPin(d, user.id, '4827', NOW)).toEqual({
      ok: false,
      reason: 'identity:pin.wrong',
      attemptsLeft: 4,
    });
    expect(await verifyUserPin(d, 'user-nobody', '4826', NOW)).toEqual({
      ok: false,
      reason: 'users:errors.notFound',
    });
  });

  test('five wrong PINs make the user wait 30 s, the next round 60 s; the right PIN resets', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    // Time passes on both clocks alike here: the page's monotonic clock keeps pace with the wall.
    const at = (ms: number) => steadyClock(ms);
    for (let i = 0; i < 4; i++) {
      const r = await verifyUserPin(d, user.id, '0000', NOW, at(NOW));
      expect(r).toMatchObject({ reason: 'identity:pin.wrong', attemptsLeft: 4 - i });
    }
    expect(await verifyUserPin(d, user.id, '0000', NOW, at(NOW))).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: NOW + 30_000,
    });
    // Even the right PIN waits: the limit protects the hash from guessing at the keyboard.
    expect(await verifyUserPin(d, user.id, '4826', NOW + 29_000, at(NOW + 29_000))).toMatchObject({
      reason: 'session:pin.wait',
    });
    // The count survives a reload: it is stored, not kept in memory.
    d.close();
    await d.open();
    expect(await pinWaitUntil(d, user.id, NOW + 10_000, at(NOW + 10_000))).toBe(NOW + 30_000);
    for (let i = 0; i < 4; i++)
      await verifyUserPin(d, user.id, '0000', NOW + 31_000, at(NOW + 31_000));
    expect(await verifyUserPin(d, user.id, '0000', NOW + 31_000, at(NOW + 31_000))).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: NOW + 31_000 + 60_000,
    });
    expect((await verifyUserPin(d, user.id, '4826', NOW + 100_000, at(NOW + 100_000))).ok).toBe(
      true,
    );
    expect(await pinWaitUntil(d, user.id, NOW + 100_000, at(NOW + 100_000))).toBeNull();
    expect(await verifyUserPin(d, user.id, '0000', NOW + 100_000, at(NOW + 100_000))).toMatchObject(
      {
        attemptsLeft: 4,
      },
    );
  });

  test('the PIN wait cannot be skipped by moving the clock forward (issue 11 §7)', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    for (let i = 0; i < 5; i++) await verifyUserPin(d, user.id, '0000', NOW, monoAt(1_000));
    // Two seconds later by the monotonic clock, the wall clock set an hour forward: 28 s still left.
    const later = NOW + 60 * 60_000;
    expect(await verifyUserPin(d, user.id, '4826', later, monoAt(3_000))).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: later + 28_000,
    });
    expect(await pinWaitUntil(d, user.id, later, monoAt(3_000))).toBe(later + 28_000);
    // The clock set a day back: the wait does not grow (27 s left a second later).
    const earlier = NOW - 24 * 60 * 60_000;
    expect(await pinWaitUntil(d, user.id, earlier, monoAt(4_000))).toBe(earlier + 27_000);
    // Once 30 s have passed on the monotonic clock, the right PIN is taken.
    expect((await verifyUserPin(d, user.id, '4826', earlier, monoAt(31_000))).ok).toBe(true);
  });

  test('after a restart the wait counts from the HLC high-water mark, not from a clock set back', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    // The desk has stamped events up to NOW (its HLC's wall).
    await d.settings.put({ key: 'hlc', value: { wallMs: NOW, counter: 3, nodeId: 'desk-1' } });
    // The clock set a day back, then five wrong PINs.
    const dayBack = NOW - 24 * 60 * 60_000;
    for (let i = 0; i < 5; i++) await verifyUserPin(d, user.id, '0000', dayBack, monoAt(500));
    // The clock put right and the desk restarted (a new session): the wait is still there.
    expect(await pinWaitUntil(d, user.id, NOW + 1_000, monoAt(10, 'page-2'))).toBe(NOW + 30_000);
    expect(
      await verifyUserPin(d, user.id, '4826', NOW + 1_000, monoAt(10, 'page-2')),
    ).toMatchObject({ reason: 'session:pin.wait' });
    // Restarted with the clock set back further: never longer than the wait itself.
    expect(await pinWaitUntil(d, user.id, dayBack, monoAt(10, 'page-3'))).toBe(dayBack + 30_000);
    // Thirty seconds after the high-water mark by the wall clock, after a restart: over.
    expect(await pinWaitUntil(d, user.id, NOW + 30_000, monoAt(10, 'page-4'))).toBeNull();
  });

  test('wrong PINs while signing count towards the same limit', async () => {
    const d = await officeDb();
    const user = await createUser(d, akim, opts);
    for (let i = 0; i < 4; i++) await unlockSigningKey(d, user.id, '0000', NOW);
    expect(await unlockSigningKey(d, user.id, '0000', NOW)).toMatchObject({
      reason: 'session:pin.wait',
    });
    expect(await verifyUserPin(d, user.id, '739146', NOW + 1_000)).toMatchObject({
      reason: 'session:pin.wait',
    });
  });

  test('a user without a key cannot sign', async () => {
    const d = await officeDb();
    const user = await createUser(d, specialist, opts);
    expect(await unlockSigningKey(d, user.id, '4826', NOW)).toEqual({
      ok: false,
      reason: 'session:signing.noKey',
    });
  });

  test('changing the PIN re-wraps the same signing key under the new PIN', async () => {
    const d = await officeDb();
    const user = await createUser(d, akim, opts);
    const before = user.signingKey;
    expect(await changePin(d, user.id, '0000', '516042', opts)).toMatchObject({
      reason: 'identity:pin.wrong',
    });
    expect(await changePin(d, user.id, '739146', '1111', opts)).toEqual({
      ok: false,
      reason: 'identity:pin.tooSimple',
    });
    // Issue 11 §1: a signer's PIN opens a key, so it has at least 6 digits.
    expect(await changePin(d, user.id, '739146', '5160', opts)).toEqual({
      ok: false,
      reason: 'identity:pin.signerLength',
    });
    expect(await changePin(d, user.id, '739146', '739146', opts)).toEqual({
      ok: false,
      reason: 'users:errors.samePin',
    });
    expect(await changePin(d, user.id, '739146', '516042', opts)).toEqual({ ok: true });

    const after = await d.users.get(user.id);
    expect(after?.signingKey?.keyId).toBe(before?.keyId);
    expect(after?.signingKey?.publicKey).toEqual(before?.publicKey);
    expect(after?.signingKey?.wrapped.salt).not.toBe(before?.wrapped.salt);
    expect((await verifyUserPin(d, user.id, '739146', NOW)).ok).toBe(false);
    expect((await verifyUserPin(d, user.id, '516042', NOW)).ok).toBe(true);
    expect((await unlockSigningKey(d, user.id, '739146', NOW)).ok).toBe(false);
    const unlocked = await unlockSigningKey(d, user.id, '516042', NOW);
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok || !before) return;
    // The key that signs now is the key the old public key checks.
    expect(unlocked.signer.privateKey.extractable).toBe(false);
    const signature = await signCanonical(crypto.subtle, unlocked.signer, { n: 1 });
    expect(await verifyCanonical(crypto.subtle, before.publicKey, { n: 1 }, signature)).toBe(true);
    // The district needs nothing from a PIN change: no event, the key history is unchanged.
    expect((await eventsOf(d, user.id)).map((e) => e.type)).toEqual(['UserRegistered']);
    expect(await keyHistory(d, user.id)).toEqual([
      { keyId: before?.keyId, publicKey: before?.publicKey, from: NOW_LOCAL, to: null },
    ]);
  });

  test('a forgotten PIN is reset by an akim or admin confirming with their own PIN', async () => {
    const d = await officeDb();
    const spec = await createUser(d, specialist, opts);
    const boss = await createUser(d, akim, opts);
    const request = { userId: spec.id, newPin: '3917', managerId: boss.id, managerPin: '0000' };
    expect(await resetPin(d, request, opts)).toMatchObject({ reason: 'identity:pin.wrong' });
    expect(await resetPin(d, { ...request, managerPin: '739146' }, opts)).toEqual({
      ok: true,
      newSigningKey: false,
    });
    expect((await verifyUserPin(d, spec.id, '3917', NOW)).ok).toBe(true);
    expect((await verifyUserPin(d, spec.id, '4826', NOW)).ok).toBe(false);
    // A specialist is not a manager, and nobody resets their own PIN this way.
    const other = await createUser(d, { ...akim, name: 'Екінші әкім', pin: '258013' }, opts);
    expect(
      await resetPin(
        d,
        { userId: other.id, newPin: '4713', managerId: spec.id, managerPin: '3917' },
        opts,
      ),
    ).toEqual({ ok: false, reason: 'users:errors.notManager' });
    expect(
      await resetPin(
        d,
        { userId: boss.id, newPin: '4713', managerId: boss.id, managerPin: '739146' },
        opts,
      ),
    ).toEqual({ ok: false, reason: 'users:errors.resetSelf' });
  });

  test('resetting a signer gives a new key pair and keeps the old public key to check old signatures', async () => {
    const d = await officeDb();
    const boss = await createUser(d, akim, opts);
    const admin = await createUser(d, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    const old = await unlockSigningKey(d, boss.id, '739146', NOW);
    if (!old.ok) throw new Error('expected the key to unlock');
    const oldSignature = await signCanonical(crypto.subtle, old.signer, { register: 1 });

    const reset = await resetPin(
      d,
      { userId: boss.id, newPin: '620417', managerId: admin.id, managerPin: '8051' },
      { ...opts, nowMs: NOW + 30 * 60_000 },
    );
    expect(reset).toEqual({ ok: true, newSigningKey: true });
    const after = await d.users.get(boss.id);
    expect(after?.signingKey?.keyId).not.toBe(boss.signingKey?.keyId);
    // The key history says which key was in force from when to when.
    expect(await keyHistory(d, boss.id)).toEqual([
      {
        keyId: boss.signingKey?.keyId,
        publicKey: boss.signingKey?.publicKey,
        from: NOW_LOCAL,
        to: '2026-11-23T10:30',
      },
      {
        keyId: after?.signingKey?.keyId,
        publicKey: after?.signingKey?.publicKey,
        from: '2026-11-23T10:30',
        to: null,
      },
    ]);
    const found = await signingPublicKeyFor(d, oldSignature.keyId);
    expect(found).toMatchObject({ userId: boss.id, retired: true });
    if (!found) return;
    expect(
      await verifyCanonical(crypto.subtle, found.publicKey, { register: 1 }, oldSignature),
    ).toBe(true);
    expect((await unlockSigningKey(d, boss.id, '620417', NOW)).ok).toBe(true);
    expect(await signingPublicKeyFor(d, after?.signingKey?.keyId ?? '')).toMatchObject({
      retired: false,
    });
    expect(await signingPublicKeyFor(d, 'unknown')).toBeNull();
    // At the time: the old key until the reset, the new one from then on.
    const oldKey = oldSignature.keyId;
    const newKey = after?.signingKey?.keyId ?? '';
    expect(await registeredKeyAt(d, boss.id, oldKey, '2026-11-23T10:29')).not.toBeNull();
    expect(await registeredKeyAt(d, boss.id, oldKey, '2026-11-23T10:30')).toBeNull();
    expect(await registeredKeyAt(d, boss.id, newKey, '2026-11-23T10:29')).toBeNull();
    expect(await registeredKeyAt(d, boss.id, newKey, '2026-11-23T10:30')).toMatchObject({
      userId: boss.id,
      keyId: newKey,
    });
    // Another person's key is never this person's.
    expect(await registeredKeyAt(d, admin.id, newKey, '2026-11-23T10:30')).toBeNull();
    // The reset is one event by the admin: the key replacement, with the public key only.
    const events = await eventsOf(d, boss.id);
    expect(events.map((e) => [e.type, e.actor.userId])).toEqual([
      ['UserRegistered', boss.id],
      ['UserKeyReplaced', admin.id],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/wrapped|pinHash/);
    expect(holdsPin(events, ['620417', '739146'])).toBe(false);
  });

  test('users are deactivated, never deleted; the last akim and oneself cannot be', async () => {
    const d = await officeDb();
    const spec = await createUser(d, specialist, opts);
    const boss = await createUser(d, akim, opts);
    expect(await deactivateUser(d, boss.id, boss.id, NOW)).toEqual({
      ok: false,
      reason: 'users:errors.deactivateSelf',
    });
    const admin = await createUser(d, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    expect(await deactivateUser(d, boss.id, admin.id, NOW)).toEqual({
      ok: false,
      reason: 'users:errors.lastHead',
    });
    // Only a manager deactivates.
    expect(await deactivateUser(d, boss.id, spec.id, NOW)).toEqual({
      ok: false,
      reason: 'users:errors.notManager',
    });
    expect(await deactivateUser(d, spec.id, boss.id, NOW)).toEqual({ ok: true });
    expect(await d.users.count()).toBe(3);
    expect((await listActiveUsers(d)).map((u) => u.name)).toEqual(['Жұмабаев Серік', 'Әкімші']);
    expect((await listUsers(d)).map((u) => [u.name, u.active])).toEqual([
      ['Жұмабаев Серік', true],
      ['Әкімші', true],
      ['Сейітова Әйгерім', false],
    ]);
    expect(await verifyUserPin(d, spec.id, '4826', NOW)).toEqual({
      ok: false,
      reason: 'users:errors.inactive',
    });
    // A new akim first, then the old one may go.
    await createUser(d, { ...akim, name: 'Жаңа әкім', pin: '258013' }, opts);
    const later = NOW + 60 * 60_000;
    expect(await deactivateUser(d, boss.id, admin.id, later)).toEqual({ ok: true });
    expect(await unlockSigningKey(d, boss.id, '739146', later)).toEqual({
      ok: false,
      reason: 'users:errors.inactive',
    });
    // What the old akim signed while in office stays checkable; nothing after.
    const keyId = boss.signingKey?.keyId ?? '';
    expect(await registeredKeyAt(d, boss.id, keyId, '2026-11-23T10:59')).not.toBeNull();
    expect(await registeredKeyAt(d, boss.id, keyId, '2026-11-23T11:00')).toBeNull();
    expect(await reactivateUser(d, spec.id, admin.id, later)).toEqual({ ok: true });
    expect((await verifyUserPin(d, spec.id, '4826', later)).ok).toBe(true);
    expect((await eventsOf(d, spec.id)).map((e) => [e.type, e.actor.userId])).toEqual([
      ['UserRegistered', spec.id],
      ['UserDeactivated', boss.id],
      ['UserReactivated', admin.id],
    ]);
    // Reactivating an active person changes nothing and writes nothing.
    expect(await reactivateUser(d, spec.id, admin.id, later)).toEqual({ ok: true });
    expect(await eventsOf(d, spec.id)).toHaveLength(3);
  });
});

describe('first start', () => {
  test('saves the office and the first users together', async () => {
    const d = freshDb();
    expect(await completeSetup(d, office, [specialist, akim], opts)).toEqual({ ok: true });
    expect(await loadOfficeProfile(d)).toEqual(office);
    const users = await listUsers(d);
    expect(users.map((u) => [u.name, u.role, u.signingKey !== null])).toEqual([
      ['Жұмабаев Серік', 'akim', true],
      ['Сейітова Әйгерім', 'specialist', false],
    ]);
    // The akim registers themselves first, then the specialist: both events by the akim, queued.
    const [boss, spec] = users as [UserRow, UserRow];
    const events = await eventsOf(d);
    expect(events.map((e) => [e.type, e.userId, e.actor.userId, e.actor.role])).toEqual([
      ['UserRegistered', boss.id, boss.id, 'akim'],
      ['UserRegistered', spec.id, boss.id, 'akim'],
    ]);
    expect(events[0]).toMatchObject({
      legalTime: NOW_LOCAL,
      actor: { officeId: office.officeId, districtId: 'AKK', deviceId: office.deviceId },
      payload: {
        name: 'Жұмабаев Серік',
        role: 'akim',
        officeId: office.officeId,
        districtId: 'AKK',
        publicKey: boss.signingKey?.publicKey,
        keyId: boss.signingKey?.keyId,
      },
    });
    expect(events[1]?.payload).toEqual({
      name: 'Сейітова Әйгерім',
      role: 'specialist',
      officeId: office.officeId,
      districtId: 'AKK',
    });
    // Only what the district needs travels: no PIN, no hash, no wrapped key.
    expect(JSON.stringify(events)).not.toMatch(/pinHash|wrapped|salt/);
    expect(holdsPin(events, ['4826', '739146'])).toBe(false);
    expect((await d.outbox.toArray()).map((o) => [o.stream, o.streamId, o.eventId]).sort()).toEqual(
      events.map((e) => ['user', e.userId, e.id]).sort(),
    );
  });

  test('a district department starts with a district specialist and its head, who signs', async () => {
    const d = freshDb();
    const department = sampleOfficeProfile({
      kind: 'district',
      officeId: 'office-akkd',
      code: 'AKKD',
      deviceId: 'desk-akkd-1',
    });
    const head = { name: 'Омаров Бауыржан', role: 'districtHead' as const, pin: '258013' };
    const staff = { name: 'Ахметова Динара', role: 'districtSpecialist' as const, pin: '3917' };
    // An akimat's first users do not make a department, nor an akim in it.
    await expect(completeSetup(d, department, [specialist, akim], opts)).rejects.toThrow(
      RangeError,
    );
    await expect(completeSetup(d, department, [staff, head, akim], opts)).rejects.toThrow(
      RangeError,
    );
    await expect(completeSetup(d, department, [staff], opts)).rejects.toThrow(RangeError);
    expect(await loadOfficeProfile(d)).toBeNull();

    expect(await completeSetup(d, department, [staff, head], opts)).toEqual({ ok: true });
    const rows = await listUsers(d);
    expect(rows.map((u) => [u.role, u.signingKey !== null])).toEqual([
      ['districtHead', true],
      ['districtSpecialist', false],
    ]);
    expect((await eventsOf(d)).map((e) => [e.payload, e.actor.role])).toMatchObject([
      [{ role: 'districtHead' }, 'districtHead'],
      [{ role: 'districtSpecialist' }, 'districtHead'],
    ]);
    // The last district head stays; an akimat role is not given at a department.
    const [boss, spec] = rows as [UserRow, UserRow];
    expect(await deactivateUser(d, boss.id, spec.id, NOW)).toMatchObject({ ok: false });
    const admin = await createUser(
      d,
      { name: 'Әкімші', role: 'admin', pin: '8051' },
      {
        ...opts,
        by: boss.id,
      },
    );
    expect(await deactivateUser(d, boss.id, admin.id, NOW)).toEqual({
      ok: false,
      reason: 'users:errors.lastHead',
    });
    await expect(createUser(d, akim, { ...opts, by: boss.id })).rejects.toThrow(
      'users:errors.role',
    );
  });

  test('an invalid office saves nothing, not even the users', async () => {
    const d = freshDb();
    await expect(
      completeSetup(d, { ...office, code: 'KZL-01' }, [specialist, akim], opts),
    ).rejects.toThrow();
    expect(await loadOfficeProfile(d)).toBeNull();
    expect(await d.users.count()).toBe(0);
  });

  test('an invalid user saves nothing, not even the office', async () => {
    const d = freshDb();
    await expect(
      completeSetup(d, office, [specialist, { ...akim, pin: '9999' }], opts),
    ).rejects.toThrow('identity:pin.tooSimple');
    expect(await loadOfficeProfile(d)).toBeNull();
    expect(await d.users.count()).toBe(0);
  });

  test('needs a specialist and an akim', async () => {
    const d = freshDb();
    await expect(completeSetup(d, office, [akim], opts)).rejects.toThrow(RangeError);
    expect(await loadOfficeProfile(d)).toBeNull();
  });

  test('never overwrites an office another window already saved', async () => {
    const d = freshDb();
    await completeSetup(d, office, [specialist, akim], opts);
    const again = await completeSetup(d, { ...office, nameKk: 'Басқа' }, [specialist, akim], opts);
    expect(again).toEqual({ ok: false, reason: 'setup:errors.alreadySetUp' });
    expect((await loadOfficeProfile(d))?.nameKk).toBe(office.nameKk);
    expect(await d.users.count()).toBe(2);
  });
});

describe('the directory on the desk', () => {
  test('a manager adds a person: the row and the registration by the manager, together', async () => {
    const d = await officeDb();
    const boss = await createUser(d, akim, opts);
    const spec = await createUser(d, specialist, { ...opts, by: boss.id });
    expect((await eventsOf(d, spec.id)).map((e) => [e.type, e.actor.userId])).toEqual([
      ['UserRegistered', boss.id],
    ]);
    // Someone who manages nobody cannot add people; nothing is written.
    await expect(
      createUser(d, { ...specialist, name: 'Үшінші' }, { ...opts, by: spec.id }),
    ).rejects.toThrow('users:errors.notManager');
    expect(await d.users.count()).toBe(2);
    expect(await d.userEvents.count()).toBe(2);
  });

  test('a row from before users were events reads as registered, and a write adopts it', async () => {
    const d = await officeDb();
    // A version-2 desk: an akim's row with a key, a retired key from a PIN reset, and no event.
    const earlier = await createUser(d, akim, opts);
    const current = await createUser(d, { ...akim, name: 'Басқа', pin: '258013' }, opts);
    if (!earlier.signingKey || !current.signingKey) throw new Error('signers have keys');
    const legacy: UserRow = {
      ...current,
      id: 'user-legacy',
      name: 'Жұмабаев Серік',
      createdAt: '2026-01-05T04:00:00.000Z',
    };
    await d.users.add(legacy);
    await d.settings.put({
      key: 'retired-signing-keys:user-legacy',
      value: [
        {
          publicKey: earlier.signingKey.publicKey,
          keyId: earlier.signingKey.keyId,
          retiredAt: '2026-06-01T04:00:00.000Z',
        },
      ],
    });
    const expected = [
      {
        keyId: earlier.signingKey.keyId,
        publicKey: earlier.signingKey.publicKey,
        from: '2026-01-05T09:00',
        to: '2026-06-01T09:00',
      },
      {
        keyId: current.signingKey.keyId,
        publicKey: current.signingKey.publicKey,
        from: '2026-06-01T09:00',
        to: null,
      },
    ];
    expect(await keyHistory(d, 'user-legacy')).toEqual(expected);
    expect(
      await registeredKeyAt(d, 'user-legacy', earlier.signingKey.keyId, '2026-03-01T12:00'),
    ).not.toBeNull();

    // The first write that names the person adopts them; the history stays what it read as.
    const spec = await createUser(d, specialist, { ...opts, by: 'user-legacy' });
    const events = await eventsOf(d, 'user-legacy');
    expect(events.map((e) => [e.type, e.actor.userId])).toEqual([
      ['UserRegistered', 'user-legacy'],
      ['UserKeyReplaced', 'user-legacy'],
    ]);
    expect(events[0]?.payload).toMatchObject({ legacy: true });
    expect(await keyHistory(d, 'user-legacy')).toEqual(expected);
    expect(await d.settings.get('retired-signing-keys:user-legacy')).toBeUndefined();
    expect((await eventsOf(d, spec.id))[0]?.actor.userId).toBe('user-legacy');
    // Nothing is left to adopt.
    expect(await adoptLegacyUsers(d, NOW)).toBe(0);
  });

  test('a legacy signer whose PIN is reset keeps the old key in the history, up to the reset', async () => {
    const d = await officeDb();
    const admin = await createUser(d, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    const made = await createUser(d, akim, opts);
    // The same akim as a version-2 row: no events.
    const legacy: UserRow = { ...made, id: 'user-legacy', createdAt: '2026-01-05T04:00:00.000Z' };
    await d.users.add(legacy);
    const later = { ...opts, nowMs: NOW + 30 * 60_000 };
    expect(
      await resetPin(
        d,
        { userId: 'user-legacy', newPin: '620417', managerId: admin.id, managerPin: '8051' },
        later,
      ),
    ).toEqual({ ok: true, newSigningKey: true });
    const renewed = await d.users.get('user-legacy');
    expect(await keyHistory(d, 'user-legacy')).toEqual([
      {
        keyId: made.signingKey?.keyId,
        publicKey: made.signingKey?.publicKey,
        from: '2026-01-05T09:00',
        to: '2026-11-23T10:30',
      },
      {
        keyId: renewed?.signingKey?.keyId,
        publicKey: renewed?.signingKey?.publicKey,
        from: '2026-11-23T10:30',
        to: null,
      },
    ]);
  });

  test('events from elsewhere are stored once and the rows follow them; the actor check too', async () => {
    const desk1 = await officeDb();
    const boss = await createUser(desk1, akim, opts);
    const spec = await createUser(desk1, specialist, { ...opts, by: boss.id });
    // Another desk of the office learns of the people and then of a deactivation made on desk 1.
    const desk2 = new DeskDatabase(`t-${crypto.randomUUID()}`);
    try {
      await saveOfficeProfile(desk2, { ...office, deviceNo: 2, deviceId: 'desk-kzl01-2' });
      await desk2.users.bulkAdd([boss, spec]);
      const first = await importDirectoryEvents(desk2, await eventsOf(desk1), NOW);
      expect(first).toEqual({ stored: 2, duplicates: 0, held: 0, invalid: [] });
      expect(await deactivateUser(desk1, spec.id, boss.id, NOW)).toEqual({ ok: true });
      const all = await eventsOf(desk1);
      const second = await importDirectoryEvents(
        desk2,
        [...all, { ...all[0], v: 99, type: 'UserRenamed' }, { nonsense: true }],
        NOW,
      );
      expect(second).toEqual({ stored: 1, duplicates: 2, held: 1, invalid: ['?'] });
      expect((await desk2.users.get(spec.id))?.active).toBe(false);
      expect(foldUser(await eventsOf(desk2, spec.id))).toEqual(
        foldUser(await eventsOf(desk1, spec.id)),
      );
      // Nothing that came from elsewhere goes back out.
      expect(await desk2.outbox.count()).toBe(0);
    } finally {
      await desk2.delete();
    }
  });
});
