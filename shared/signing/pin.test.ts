import { describe, expect, test } from 'vitest';
import {
  constantTimeEqual,
  hashPin,
  PIN_PBKDF2_ITERATIONS,
  unwrapSigningKey,
  validatePin,
  verifyPin,
  wrapSigningKey,
} from './pin';
import type { PinFailure, WrappedSigningKey } from './pin';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCanonical,
  verifyCanonical,
} from './signature';
import type { Pbkdf2Sha256Params, SubtleCryptoLike } from './subtle';

const subtle: SubtleCryptoLike = globalThis.crypto.subtle;
// Low counts keep the suite fast; production uses PIN_PBKDF2_ITERATIONS.
const FAST = 1_000;
const salt = (fill: number): Uint8Array => new Uint8Array(16).fill(fill);
const iv = (fill: number): Uint8Array => new Uint8Array(12).fill(fill);

describe('validatePin', () => {
  test.each(['1357', '4829', '48291', '482915', '1212', '0470', '1235'])(
    '%j is accepted',
    (pin) => {
      expect(validatePin(pin)).toEqual({ ok: true });
    },
  );

  test.each<[string, PinFailure]>([
    ['', 'identity:pin.length'],
    ['123', 'identity:pin.length'],
    ['482915037', 'identity:pin.length'],
    ['12a4', 'identity:pin.notDigits'],
    [' 4829', 'identity:pin.notDigits'],
    ['４８２９', 'identity:pin.notDigits'],
    ['0000', 'identity:pin.tooSimple'],
    ['777777', 'identity:pin.tooSimple'],
    ['1234', 'identity:pin.tooSimple'],
    ['012345', 'identity:pin.tooSimple'],
    ['9876', 'identity:pin.tooSimple'],
    ['543210', 'identity:pin.tooSimple'],
  ])('%j → %s', (pin, reason) => {
    expect(validatePin(pin)).toEqual({ ok: false, reason });
  });

  // Issue 11 §1: a signer's PIN (akim, district head) opens a signing key; it has at least 6 digits.
  test.each<[string, PinFailure | null]>([
    ['4829', 'identity:pin.signerLength'],
    ['48291', 'identity:pin.signerLength'],
    ['482915', null],
    ['48291503', null],
    ['123456', 'identity:pin.tooSimple'],
  ])('a signer’s %j → %s', (pin, reason) => {
    expect(validatePin(pin, { signer: true })).toEqual(
      reason ? { ok: false, reason } : { ok: true },
    );
  });
});

describe('hashPin / verifyPin', () => {
  test('the right PIN verifies, a wrong one does not', async () => {
    const stored = await hashPin(subtle, '4829', salt(1), FAST);
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: FAST });
    expect(await verifyPin(subtle, '4829', stored)).toBe(true);
    expect(await verifyPin(subtle, '4828', stored)).toBe(false);
    expect(await verifyPin(subtle, '48290', stored)).toBe(false);
    expect(await verifyPin(subtle, '', stored)).toBe(false);
  });

  test('the hash is PBKDF2-HMAC-SHA256 (checked against Node) and depends on the salt', async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const stored = await hashPin(subtle, '4829', salt(1), FAST);
    const expected = pbkdf2Sync('4829', salt(1), FAST, 32, 'sha256').toString('base64');
    expect(stored.hash).toBe(expected);
    expect(stored.salt).toBe(Buffer.from(salt(1)).toString('base64'));
    expect((await hashPin(subtle, '4829', salt(2), FAST)).hash).not.toBe(stored.hash);
  });

  test('production default is 600 000 iterations', async () => {
    const seen: number[] = [];
    const recording: SubtleCryptoLike = {
      ...subtle,
      importKey: subtle.importKey.bind(subtle),
      deriveBits: (params: Pbkdf2Sha256Params) => {
        seen.push(params.iterations);
        return Promise.resolve(new ArrayBuffer(32));
      },
    } as SubtleCryptoLike;
    const stored = await hashPin(recording, '4829', salt(1));
    expect(PIN_PBKDF2_ITERATIONS).toBe(600_000);
    expect(stored.iterations).toBe(600_000);
    expect(seen).toEqual([600_000]);
  });

  test('a short salt or a bad iteration count is a bug', async () => {
    await expect(hashPin(subtle, '4829', new Uint8Array(8), FAST)).rejects.toThrow(RangeError);
    await expect(hashPin(subtle, '4829', salt(1), 0)).rejects.toThrow(RangeError);
  });

  test('a corrupt stored hash throws instead of answering', async () => {
    const stored = await hashPin(subtle, '4829', salt(1), FAST);
    await expect(verifyPin(subtle, '4829', { ...stored, salt: '***' })).rejects.toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  test('equal, different and different-length inputs', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });
});

describe('wrapSigningKey / unwrapSigningKey', () => {
  async function wrappedKey(): Promise<{
    record: WrappedSigningKey;
    jwk: Awaited<ReturnType<typeof exportPublicKey>>;
  }> {
    const pair = await generateSigningKeyPair(subtle);
    const jwk = await exportPublicKey(subtle, pair.publicKey);
    const keyId = await publicKeyFingerprint(subtle, jwk);
    const record = await wrapSigningKey(
      subtle,
      '4829',
      { privateKey: pair.privateKey, keyId },
      salt(3),
      iv(4),
      FAST,
    );
    return { record, jwk };
  }

  test('the right PIN gives a non-extractable key that signs verifiably', async () => {
    const { record, jwk } = await wrappedKey();
    expect(record).toMatchObject({
      algorithm: 'PBKDF2-SHA256/AES-256-GCM',
      format: 'pkcs8',
      iterations: FAST,
    });
    const result = await unwrapSigningKey(subtle, '4829', record);
    if (!result.ok) throw new Error('expected the key');
    expect(result.keyId).toBe(record.keyId);
    expect(result.privateKey.extractable).toBe(false);
    expect([...result.privateKey.usages]).toEqual(['sign']);
    const signature = await signCanonical(subtle, result, { hello: 'әлем' });
    expect(await verifyCanonical(subtle, jwk, { hello: 'әлем' }, signature)).toBe(true);
  });

  test('a wrong PIN is identity:pin.wrong', async () => {
    const { record } = await wrappedKey();
    expect(await unwrapSigningKey(subtle, '4828', record)).toEqual({
      ok: false,
      reason: 'identity:pin.wrong',
    });
  });

  test('a record whose keyId or ciphertext was altered does not unwrap', async () => {
    const { record } = await wrappedKey();
    const otherId = { ...record, keyId: '0'.repeat(64) };
    expect(await unwrapSigningKey(subtle, '4829', otherId)).toMatchObject({ ok: false });
    const bytes = Buffer.from(record.wrapped, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const flipped = { ...record, wrapped: bytes.toString('base64') };
    expect(await unwrapSigningKey(subtle, '4829', flipped)).toMatchObject({ ok: false });
  });

  test('a record that does not parse, or a wrong-size iv, is a bug and throws', async () => {
    const { record } = await wrappedKey();
    await expect(unwrapSigningKey(subtle, '4829', { ...record, iv: '!' })).rejects.toThrow(
      RangeError,
    );
    const pair = await generateSigningKeyPair(subtle);
    await expect(
      wrapSigningKey(
        subtle,
        '4829',
        { privateKey: pair.privateKey, keyId: 'k' },
        salt(1),
        new Uint8Array(16),
        FAST,
      ),
    ).rejects.toThrow(RangeError);
  });
});
