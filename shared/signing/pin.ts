// PINs of the people who share one akimat laptop, and the signing key each PIN protects.
// A 4–6 digit PIN has at most ~1.1 million values: the slow PBKDF2 hash stops casual guessing on a stolen
// disk copy, not a determined offline attack. It relies on the disk and the app database being encrypted
// as well (ARCHITECTURE §5).
import { decodeBase64, encodeBase64 } from './base64';
import type { SigningKey } from './signature';
import type { Bytes, CryptoKeyLike, Pbkdf2Sha256Params, SubtleCryptoLike } from './subtle';

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;
/**
 * A signer's PIN (akim, district head) opens a signing key: at least 6 digits (issue 11 §1). With the
 * key wrapped again under the desk's data key (renderer/src/db/at-rest.ts), guessing it offline needs
 * the OS secret store first; the length keeps the guesses many even then.
 */
export const SIGNER_PIN_MIN_LENGTH = 6;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Tests pass a lower count; production keeps this. */
export const PIN_PBKDF2_ITERATIONS = 600_000;
const MIN_SALT_BYTES = 16;
const GCM_IV_BYTES = 12;
const HASH_BITS = 256;

export type PinFailure =
  | 'identity:pin.notDigits'
  | 'identity:pin.length'
  | 'identity:pin.signerLength'
  | 'identity:pin.tooSimple';

export const PIN_FAILURES: readonly PinFailure[] = [
  'identity:pin.notDigits',
  'identity:pin.length',
  'identity:pin.signerLength',
  'identity:pin.tooSimple',
];

/** The answer to a wrong PIN when unwrapping a key; also the message key for a failed PIN check. */
export type PinWrong = 'identity:pin.wrong';

export type PinValidation =
  { readonly ok: true } | { readonly ok: false; readonly reason: PinFailure };

/**
 * Rules for choosing a PIN: 4–8 ASCII digits (a signer's: 6–8), not all one digit and not a straight
 * run up or down (1234, 987654), the first guesses of a colleague at the same desk.
 */
export function validatePin(pin: string, options: { signer?: boolean } = {}): PinValidation {
  if (!/^\d*$/.test(pin)) return { ok: false, reason: 'identity:pin.notDigits' };
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
    return { ok: false, reason: 'identity:pin.length' };
  }
  if (isTrivialPin(pin)) return { ok: false, reason: 'identity:pin.tooSimple' };
  if (options.signer === true && pin.length < SIGNER_PIN_MIN_LENGTH) {
    return { ok: false, reason: 'identity:pin.signerLength' };
  }
  return { ok: true };
}

function isTrivialPin(pin: string): boolean {
  const digits = Array.from(pin, Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] ?? 0)));
  // One step size everywhere: 0 is a repeated digit, +1/-1 a straight run.
  return steps.size === 1 && [0, 1, -1].some((step) => steps.has(step));
}

export interface StoredPinHash {
  readonly algorithm: 'PBKDF2-SHA256';
  readonly iterations: number;
  /** base64 */
  readonly salt: string;
  /** base64 of 32 derived bytes */
  readonly hash: string;
}

function pbkdf2Params(salt: Uint8Array, iterations: number): Pbkdf2Sha256Params {
  if (salt.length < MIN_SALT_BYTES)
    throw new RangeError(`Salt must have ≥ ${MIN_SALT_BYTES} bytes`);
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new RangeError(`Bad PBKDF2 iteration count: ${iterations}`);
  }
  return { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations };
}

async function pinBaseKey(subtle: SubtleCryptoLike, pin: string): Promise<CryptoKeyLike> {
  const pinBytes: Bytes = new Uint8Array(new TextEncoder().encode(pin));
  return subtle.importKey('raw', pinBytes, 'PBKDF2', false, ['deriveBits', 'deriveKey']);
}

/** `salt` must be fresh random bytes (≥ 16) from the caller: shared/ has no randomness of its own. */
export async function hashPin(
  subtle: SubtleCryptoLike,
  pin: string,
  salt: Uint8Array,
  iterations: number = PIN_PBKDF2_ITERATIONS,
): Promise<StoredPinHash> {
  const params = pbkdf2Params(salt, iterations);
  const bits = await subtle.deriveBits(params, await pinBaseKey(subtle, pin), HASH_BITS);
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: encodeBase64(salt),
    hash: encodeBase64(new Uint8Array(bits)),
  };
}

/** Throws only when `stored` is corrupt (it is the app's own data); a wrong PIN is `false`. */
export async function verifyPin(
  subtle: SubtleCryptoLike,
  pin: string,
  stored: StoredPinHash,
): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA256') {
    throw new RangeError(`Unknown PIN hash algorithm: ${String(stored.algorithm)}`);
  }
  const salt = decodeBase64(stored.salt);
  const expected = decodeBase64(stored.hash);
  if (salt === null || expected === null) throw new RangeError('Corrupt stored PIN hash');
  const params = pbkdf2Params(salt, stored.iterations);
  const bits = await subtle.deriveBits(params, await pinBaseKey(subtle, pin), HASH_BITS);
  return constantTimeEqual(new Uint8Array(bits), expected);
}

/** Compares every byte whatever the first difference, so timing does not reveal how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export const WRAPPED_KEY_ALGORITHM = 'PBKDF2-SHA256/AES-256-GCM';

/** A signing key encrypted under a key derived from its owner's PIN; safe to store on the laptop. */
export interface WrappedSigningKey {
  readonly algorithm: typeof WRAPPED_KEY_ALGORITHM;
  /** The private key is wrapped as PKCS#8. */
  readonly format: 'pkcs8';
  /** Bound into the AES-GCM tag: a record whose keyId was swapped does not unwrap. */
  readonly keyId: string;
  readonly iterations: number;
  /** base64; its own salt, never the PIN hash's. */
  readonly salt: string;
  /** base64, 12 bytes. */
  readonly iv: string;
  /** base64 of the AES-GCM ciphertext and tag. */
  readonly wrapped: string;
}

export type UnwrapResult =
  ({ readonly ok: true } & SigningKey) | { readonly ok: false; readonly reason: PinWrong };

const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function wrapAdditionalData(keyId: string): Bytes {
  return new Uint8Array(new TextEncoder().encode(`akimat-desk/signing-key/v1/${keyId}`));
}

async function pinWrappingKey(
  subtle: SubtleCryptoLike,
  pin: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKeyLike> {
  return subtle.deriveKey(
    pbkdf2Params(salt, iterations),
    await pinBaseKey(subtle, pin),
    AES_GCM_256,
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * Wraps an extractable ECDSA private key (from generateSigningKeyPair) under the PIN. `salt` (≥ 16 bytes)
 * and `iv` (12 bytes) must be fresh random bytes from the caller; never reuse an iv with the same salt.
 */
export async function wrapSigningKey(
  subtle: SubtleCryptoLike,
  pin: string,
  signer: SigningKey,
  salt: Uint8Array,
  iv: Uint8Array,
  iterations: number = PIN_PBKDF2_ITERATIONS,
): Promise<WrappedSigningKey> {
  if (iv.length !== GCM_IV_BYTES)
    throw new RangeError(`AES-GCM iv must have ${GCM_IV_BYTES} bytes`);
  const wrappingKey = await pinWrappingKey(subtle, pin, salt, iterations);
  const wrapped = await subtle.wrapKey('pkcs8', signer.privateKey, wrappingKey, {
    name: 'AES-GCM',
    iv: new Uint8Array(iv),
    additionalData: wrapAdditionalData(signer.keyId),
  });
  return {
    algorithm: WRAPPED_KEY_ALGORITHM,
    format: 'pkcs8',
    keyId: signer.keyId,
    iterations,
    salt: encodeBase64(salt),
    iv: encodeBase64(iv),
    wrapped: encodeBase64(new Uint8Array(wrapped)),
  };
}

/**
 * The signing key for a PIN, as a non-extractable key that can only sign. A wrong PIN (or a tampered
 * record, which AES-GCM cannot tell apart from one) is `identity:pin.wrong`; a record that does not even
 * parse is corrupt app data and throws.
 */
export async function unwrapSigningKey(
  subtle: SubtleCryptoLike,
  pin: string,
  record: WrappedSigningKey,
): Promise<UnwrapResult> {
  if (record.algorithm !== WRAPPED_KEY_ALGORITHM || record.format !== 'pkcs8') {
    throw new RangeError(`Unknown wrapped key format: ${String(record.algorithm)}`);
  }
  const salt = decodeBase64(record.salt);
  const iv = decodeBase64(record.iv);
  const wrapped = decodeBase64(record.wrapped);
  if (salt === null || iv === null || wrapped === null || iv.length !== GCM_IV_BYTES) {
    throw new RangeError('Corrupt wrapped signing key');
  }
  const unwrappingKey = await pinWrappingKey(subtle, pin, salt, record.iterations);
  try {
    const privateKey = await subtle.unwrapKey(
      'pkcs8',
      wrapped,
      unwrappingKey,
      { name: 'AES-GCM', iv, additionalData: wrapAdditionalData(record.keyId) },
      ECDSA_P256,
      false,
      ['sign'],
    );
    return { ok: true, privateKey, keyId: record.keyId };
  } catch {
    return { ok: false, reason: 'identity:pin.wrong' };
  }
}
