import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  DEFAULT_INTAKE_HOURS,
  DEFAULT_WORKING_HOURS,
  type OfficeProfile,
} from '../../../shared/office';
import {
  PIN_PBKDF2_ITERATIONS,
  publicKeyFingerprint,
  unwrapSigningKey,
  verifyCanonical,
} from '../../../shared/signing';
import { DeskDatabase } from './database';
import { loadOfficeProfile } from './office-repository';
import {
  changePin,
  completeSetup,
  createUser,
  deactivateUser,
  listActiveUsers,
  listUsers,
  pinWaitUntil,
  reactivateUser,
  resetPin,
  retiredSigningKeys,
  signingPublicKeyFor,
  unlockSigningKey,
  verifyUserPin,
} from './users-queries';
import { signCanonical } from '../../../shared/signing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function freshDb(): DeskDatabase {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  return db;
}

const NOW = Date.UTC(2026, 10, 23, 5, 0);
// Fast PBKDF2 in tests; production keeps PIN_PBKDF2_ITERATIONS.
const opts = { nowMs: NOW, iterations: 1_000 };

const office: OfficeProfile = {
  officeId: 'office-kzl01',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы, Бейбітшілік көшесі, 1',
  deviceNo: 1,
  deviceId: 'desk-kzl01-1',
  workingHours: DEFAULT_WORKING_HOURS,
  intakeHours: DEFAULT_INTAKE_HOURS,
  lockAfterMinutes: 10,
};

const specialist = { name: '  Сейітова   Әйгерім ', role: 'specialist' as const, pin: '4826' };
const akim = { name: 'Жұмабаев Серік', role: 'akim' as const, pin: '7391' };

describe('users', () => {
  test('a user is stored with a salted PBKDF2 hash, never the PIN', async () => {
    const d = freshDb();
    const user = await createUser(d, specialist, opts);
    const stored = await d.users.get(user.id);
    expect(stored?.name).toBe('Сейітова Әйгерім');
    expect(stored?.pinHash.algorithm).toBe('PBKDF2-SHA256');
    expect(stored?.pinHash.iterations).toBe(1_000);
    expect(stored?.signingKey).toBeNull();
    expect(stored?.active).toBe(true);
    expect(stored?.createdAt).toBe('2026-11-23T05:00:00.000Z');
    expect(JSON.stringify(stored)).not.toContain('4826');
    // Two users with the same PIN get different salts and so different hashes.
    const twin = await createUser(d, { ...specialist, name: 'Екінші маман' }, opts);
    expect(twin.pinHash.salt).not.toBe(user.pinHash.salt);
    expect(twin.pinHash.hash).not.toBe(user.pinHash.hash);
  });

  test('production hashing uses the OWASP iteration count by default', async () => {
    const d = freshDb();
    const user = await createUser(d, specialist, { nowMs: NOW });
    expect(user.pinHash.iterations).toBe(PIN_PBKDF2_ITERATIONS);
  }, 30_000);

  test('an akim gets a key pair whose private key opens only with the PIN', async () => {
    const d = freshDb();
    const user = await createUser(d, akim, opts);
    const key = user.signingKey;
    expect(key).not.toBeNull();
    if (!key) return;
    expect(key.keyId).toBe(await publicKeyFingerprint(crypto.subtle, key.publicKey));
    expect(key.wrapped.keyId).toBe(key.keyId);
    expect((await unwrapSigningKey(crypto.subtle, '1111', key.wrapped)).ok).toBe(false);
    const unlocked = await unlockSigningKey(d, user.id, '7391', NOW);
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    const doc = { register: 'KZL01-1', cases: 3 };
    const signature = await signCanonical(crypto.subtle, unlocked.signer, doc);
    expect(await verifyCanonical(crypto.subtle, key.publicKey, doc, signature)).toBe(true);
  });

  test('invalid names and PINs are refused before anything is written', async () => {
    const d = freshDb();
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
    const d = freshDb();
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
    const d = freshDb();
    const user = await createUser(d, specialist, opts);
    for (let i = 0; i < 4; i++) {
      const r = await verifyUserPin(d, user.id, '0000', NOW);
      expect(r).toMatchObject({ reason: 'identity:pin.wrong', attemptsLeft: 4 - i });
    }
    expect(await verifyUserPin(d, user.id, '0000', NOW)).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: NOW + 30_000,
    });
    // Even the right PIN waits: the limit protects the hash from guessing at the keyboard.
    expect(await verifyUserPin(d, user.id, '4826', NOW + 29_000)).toMatchObject({
      reason: 'session:pin.wait',
    });
    // The count survives a reload: it is stored, not kept in memory.
    d.close();
    await d.open();
    expect(await pinWaitUntil(d, user.id, NOW + 10_000)).toBe(NOW + 30_000);
    for (let i = 0; i < 4; i++) await verifyUserPin(d, user.id, '0000', NOW + 31_000);
    expect(await verifyUserPin(d, user.id, '0000', NOW + 31_000)).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: NOW + 31_000 + 60_000,
    });
    expect((await verifyUserPin(d, user.id, '4826', NOW + 100_000)).ok).toBe(true);
    expect(await pinWaitUntil(d, user.id, NOW + 100_000)).toBeNull();
    expect(await verifyUserPin(d, user.id, '0000', NOW + 100_000)).toMatchObject({
      attemptsLeft: 4,
    });
  });

  test('wrong PINs while signing count towards the same limit', async () => {
    const d = freshDb();
    const user = await createUser(d, akim, opts);
    for (let i = 0; i < 4; i++) await unlockSigningKey(d, user.id, '0000', NOW);
    expect(await unlockSigningKey(d, user.id, '0000', NOW)).toMatchObject({
      reason: 'session:pin.wait',
    });
    expect(await verifyUserPin(d, user.id, '7391', NOW + 1_000)).toMatchObject({
      reason: 'session:pin.wait',
    });
  });

  test('a user without a key cannot sign', async () => {
    const d = freshDb();
    const user = await createUser(d, specialist, opts);
    expect(await unlockSigningKey(d, user.id, '4826', NOW)).toEqual({
      ok: false,
      reason: 'session:signing.noKey',
    });
  });

  test('changing the PIN re-wraps the same signing key under the new PIN', async () => {
    const d = freshDb();
    const user = await createUser(d, akim, opts);
    const before = user.signingKey;
    expect(await changePin(d, user.id, '0000', '5160', opts)).toMatchObject({
      reason: 'identity:pin.wrong',
    });
    expect(await changePin(d, user.id, '7391', '1111', opts)).toEqual({
      ok: false,
      reason: 'identity:pin.tooSimple',
    });
    expect(await changePin(d, user.id, '7391', '7391', opts)).toEqual({
      ok: false,
      reason: 'users:errors.samePin',
    });
    expect(await changePin(d, user.id, '7391', '5160', opts)).toEqual({ ok: true });

    const after = await d.users.get(user.id);
    expect(after?.signingKey?.keyId).toBe(before?.keyId);
    expect(after?.signingKey?.publicKey).toEqual(before?.publicKey);
    expect(after?.signingKey?.wrapped.salt).not.toBe(before?.wrapped.salt);
    expect((await verifyUserPin(d, user.id, '7391', NOW)).ok).toBe(false);
    expect((await verifyUserPin(d, user.id, '5160', NOW)).ok).toBe(true);
    expect((await unlockSigningKey(d, user.id, '7391', NOW)).ok).toBe(false);
    const unlocked = await unlockSigningKey(d, user.id, '5160', NOW);
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok || !before) return;
    // The key that signs now is the key the old public key checks.
    expect(unlocked.signer.privateKey.extractable).toBe(false);
    const signature = await signCanonical(crypto.subtle, unlocked.signer, { n: 1 });
    expect(await verifyCanonical(crypto.subtle, before.publicKey, { n: 1 }, signature)).toBe(true);
    expect(await retiredSigningKeys(d, user.id)).toEqual([]);
  });

  test('a forgotten PIN is reset by an akim or admin confirming with their own PIN', async () => {
    const d = freshDb();
    const spec = await createUser(d, specialist, opts);
    const boss = await createUser(d, akim, opts);
    const request = { userId: spec.id, newPin: '3917', managerId: boss.id, managerPin: '0000' };
    expect(await resetPin(d, request, opts)).toMatchObject({ reason: 'identity:pin.wrong' });
    expect(await resetPin(d, { ...request, managerPin: '7391' }, opts)).toEqual({
      ok: true,
      newSigningKey: false,
    });
    expect((await verifyUserPin(d, spec.id, '3917', NOW)).ok).toBe(true);
    expect((await verifyUserPin(d, spec.id, '4826', NOW)).ok).toBe(false);
    // A specialist is not a manager, and nobody resets their own PIN this way.
    const other = await createUser(d, { ...akim, name: 'Екінші әкім', pin: '2580' }, opts);
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
        { userId: boss.id, newPin: '4713', managerId: boss.id, managerPin: '7391' },
        opts,
      ),
    ).toEqual({ ok: false, reason: 'users:errors.resetSelf' });
  });

  test('resetting a signer gives a new key pair and keeps the old public key to check old signatures', async () => {
    const d = freshDb();
    const boss = await createUser(d, akim, opts);
    const admin = await createUser(d, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    const old = await unlockSigningKey(d, boss.id, '7391', NOW);
    if (!old.ok) throw new Error('expected the key to unlock');
    const oldSignature = await signCanonical(crypto.subtle, old.signer, { register: 1 });

    const reset = await resetPin(
      d,
      { userId: boss.id, newPin: '6204', managerId: admin.id, managerPin: '8051' },
      opts,
    );
    expect(reset).toEqual({ ok: true, newSigningKey: true });
    const after = await d.users.get(boss.id);
    expect(after?.signingKey?.keyId).not.toBe(boss.signingKey?.keyId);
    expect(await retiredSigningKeys(d, boss.id)).toEqual([
      {
        publicKey: boss.signingKey?.publicKey,
        keyId: boss.signingKey?.keyId,
        retiredAt: '2026-11-23T05:00:00.000Z',
      },
    ]);
    const found = await signingPublicKeyFor(d, oldSignature.keyId);
    expect(found).toMatchObject({ userId: boss.id, retired: true });
    if (!found) return;
    expect(
      await verifyCanonical(crypto.subtle, found.publicKey, { register: 1 }, oldSignature),
    ).toBe(true);
    expect((await unlockSigningKey(d, boss.id, '6204', NOW)).ok).toBe(true);
    expect(await signingPublicKeyFor(d, after?.signingKey?.keyId ?? '')).toMatchObject({
      retired: false,
    });
    expect(await signingPublicKeyFor(d, 'unknown')).toBeNull();
  });

  test('users are deactivated, never deleted; the last akim and oneself cannot be', async () => {
    const d = freshDb();
    const spec = await createUser(d, specialist, opts);
    const boss = await createUser(d, akim, opts);
    expect(await deactivateUser(d, boss.id, boss.id)).toEqual({
      ok: false,
      reason: 'users:errors.deactivateSelf',
    });
    const admin = await createUser(d, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    expect(await deactivateUser(d, boss.id, admin.id)).toEqual({
      ok: false,
      reason: 'users:errors.lastAkim',
    });
    expect(await deactivateUser(d, spec.id, boss.id)).toEqual({ ok: true });
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
    await createUser(d, { ...akim, name: 'Жаңа әкім', pin: '2580' }, opts);
    expect(await deactivateUser(d, boss.id, admin.id)).toEqual({ ok: true });
    expect(await unlockSigningKey(d, boss.id, '7391', NOW)).toEqual({
      ok: false,
      reason: 'users:errors.inactive',
    });
    expect(await reactivateUser(d, spec.id)).toEqual({ ok: true });
    expect((await verifyUserPin(d, spec.id, '4826', NOW)).ok).toBe(true);
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
