import 'fake-indexeddb/auto';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { verifyCanonical } from '../../../../shared/signing';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { createUser, DeskDatabase, resetPin, saveOfficeProfile } from '../../db';
import { signAsUser } from './signing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const NOW = Date.UTC(2026, 10, 23, 5, 0);
const opts = { nowMs: NOW, iterations: 1_000 };

async function desk(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(db, sampleOfficeProfile());
  return db;
}

describe('signAsUser', () => {
  test('signs with the key the PIN unwraps; the public key in the user row checks it', async () => {
    const db = await desk();
    const akim = await createUser(
      db,
      { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' },
      opts,
    );
    const document = { register: 'KZL01-1-R1/2026', cases: ['KZL01-1-0001/2026'] };
    const signed = await signAsUser(db, akim.id, '739146', document, NOW);
    expect(signed.ok).toBe(true);
    if (!signed.ok || !akim.signingKey) return;
    expect(signed.signature.keyId).toBe(akim.signingKey.keyId);
    expect(
      await verifyCanonical(crypto.subtle, akim.signingKey.publicKey, document, signed.signature),
    ).toBe(true);
  });

  test('a wrong PIN, a user without a key, and too many wrong PINs are refused with reasons', async () => {
    // Only performance.now() is faked: the PIN wait reads it (pageMonotonicClock).
    vi.useFakeTimers({ toFake: ['performance'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const db = await desk();
    const akim = await createUser(
      db,
      { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' },
      opts,
    );
    const spec = await createUser(
      db,
      { name: 'Сейітова Әйгерім', role: 'specialist', pin: '4826' },
      opts,
    );
    expect(await signAsUser(db, spec.id, '4826', { a: 1 }, NOW)).toEqual({
      ok: false,
      reason: 'session:signing.noKey',
    });
    expect(await signAsUser(db, akim.id, '0000', { a: 1 }, NOW)).toEqual({
      ok: false,
      reason: 'identity:pin.wrong',
      attemptsLeft: 4,
    });
    for (let i = 0; i < 3; i++) await signAsUser(db, akim.id, '0000', { a: 1 }, NOW);
    expect(await signAsUser(db, akim.id, '0000', { a: 1 }, NOW)).toEqual({
      ok: false,
      reason: 'session:pin.wait',
      retryAtMs: NOW + 30_000,
    });
    // The wait is counted on the page's monotonic clock (issue 11 §7): 30 s pass on it, not only on
    // the wall clock.
    vi.advanceTimersByTime(30_000);
    expect((await signAsUser(db, akim.id, '739146', { a: 1 }, NOW + 30_000)).ok).toBe(true);
  });

  test('a key this desk still holds but the directory replaced signs nothing', async () => {
    const db = await desk();
    const akim = await createUser(
      db,
      { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' },
      opts,
    );
    const admin = await createUser(db, { name: 'Әкімші', role: 'admin', pin: '8051' }, opts);
    // The row this desk had before the reset (as after a restore of an old backup, or a stale copy).
    const stale = await db.users.get(akim.id);
    expect(
      await resetPin(
        db,
        { userId: akim.id, newPin: '620417', managerId: admin.id, managerPin: '8051' },
        opts,
      ),
    ).toMatchObject({ ok: true });
    if (!stale) throw new Error('no row');
    await db.users.put(stale);
    expect(await signAsUser(db, akim.id, '739146', { a: 1 }, NOW + 60_000)).toEqual({
      ok: false,
      reason: 'session:signature.keyNotRegistered',
    });
  });
});
