// Signatures over canonical JSON with ECDSA P-256 / SHA-256 through WebCrypto. Decisions, certificates and
// registers are signed on the akim's or district head's device and verified by the hub (ARCHITECTURE §5).
// The signature value is WebCrypto's raw r‖s form (IEEE P1363, 64 bytes), not DER.
import { decodeBase64, decodeBase64Url, encodeBase64, toHex } from './base64';
import { canonicalBytes } from './canonical-json';
import { sha256 } from './subtle';
import type { Bytes, CryptoKeyLike, CryptoKeyPairLike, SubtleCryptoLike } from './subtle';

export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256';
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const P1363_SIGNATURE_BYTES = 64;
const P256_COORDINATE_BYTES = 32;

/** A P-256 public key as JWK, with only the members that define it (RFC 7638). */
export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** A private key ready to sign, with the fingerprint of its public key. */
export interface SigningKey {
  readonly privateKey: CryptoKeyLike;
  /** publicKeyFingerprint of the matching public key. */
  readonly keyId: string;
}

export interface CanonicalSignature {
  readonly algorithm: typeof SIGNATURE_ALGORITHM;
  /** base64 of the 64-byte r‖s signature over canonicalBytes(value). */
  readonly value: string;
  /** base64 SHA-256 of canonicalBytes(value): lets an auditor match a signature to stored bytes. */
  readonly signedDigest: string;
  /** Fingerprint of the signer's public key. */
  readonly keyId: string;
}

/**
 * A new P-256 key pair. The private key is extractable only so that wrapSigningKey can wrap it; keep the
 * wrapped form and sign with the non-extractable key unwrapSigningKey returns.
 */
export async function generateSigningKeyPair(subtle: SubtleCryptoLike): Promise<CryptoKeyPairLike> {
  return subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
}

export function isPublicJwk(value: unknown): value is PublicJwk {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk['kty'] === 'EC' &&
    jwk['crv'] === 'P-256' &&
    isCoordinate(jwk['x']) &&
    isCoordinate(jwk['y'])
  );
}

function isCoordinate(value: unknown): boolean {
  return typeof value === 'string' && decodeBase64Url(value)?.length === P256_COORDINATE_BYTES;
}

export async function exportPublicKey(
  subtle: SubtleCryptoLike,
  publicKey: CryptoKeyLike,
): Promise<PublicJwk> {
  const jwk = await subtle.exportKey('jwk', publicKey);
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  if (!isPublicJwk(publicJwk)) throw new TypeError('Not a P-256 public key');
  return publicJwk;
}

/**
 * Lowercase hex SHA-256 of the canonical JWK {crv, kty, x, y}. The hashed bytes are exactly those of the
 * RFC 7638 JWK thumbprint (which prints them as base64url instead of hex).
 */
export async function publicKeyFingerprint(
  subtle: SubtleCryptoLike,
  jwk: PublicJwk,
): Promise<string> {
  if (!isPublicJwk(jwk)) throw new TypeError('Not a P-256 public JWK');
  const thumbprintInput = { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return toHex(await sha256(subtle, canonicalBytes(thumbprintInput)));
}

/** The first 64 bits of a fingerprint for people to compare by eye: 'AB12 CD34 EF56 7890'. */
export function shortFingerprint(fingerprint: string): string {
  if (!/^[0-9a-f]{64}$/.test(fingerprint))
    throw new RangeError(`Not a fingerprint: ${fingerprint}`);
  return (fingerprint.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join(' ');
}

/** Signs canonicalBytes(value). Throws TypeError when value is not JSON (see canonical-json.ts). */
export async function signCanonical(
  subtle: SubtleCryptoLike,
  signer: SigningKey,
  value: unknown,
): Promise<CanonicalSignature> {
  const bytes = canonicalBytes(value);
  const signature = new Uint8Array(await subtle.sign(ECDSA_SHA256, signer.privateKey, bytes));
  return {
    algorithm: SIGNATURE_ALGORITHM,
    value: encodeBase64(signature),
    signedDigest: encodeBase64(await sha256(subtle, bytes)),
    keyId: signer.keyId,
  };
}

/**
 * True only when `signature` is a signature by `publicJwk` over canonicalBytes(value) and its keyId and
 * signedDigest agree. Input from the network is untrusted: a malformed signature, key or value gives false,
 * never an exception.
 */
export async function verifyCanonical(
  subtle: SubtleCryptoLike,
  publicJwk: PublicJwk,
  value: unknown,
  signature: CanonicalSignature,
): Promise<boolean> {
  if (signature.algorithm !== SIGNATURE_ALGORITHM || !isPublicJwk(publicJwk)) return false;
  if (signature.keyId !== (await publicKeyFingerprint(subtle, publicJwk))) return false;
  const raw = decodeBase64(signature.value);
  if (raw === null || raw.length !== P1363_SIGNATURE_BYTES) return false;

  let bytes: Bytes;
  try {
    bytes = canonicalBytes(value);
  } catch {
    return false; // Not JSON, so signCanonical cannot have signed it.
  }
  if (encodeBase64(await sha256(subtle, bytes)) !== signature.signedDigest) return false;

  let key: CryptoKeyLike;
  try {
    const jwk = { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y };
    key = await subtle.importKey('jwk', jwk, ECDSA_P256, false, ['verify']);
  } catch {
    return false; // Coordinates of the right length that are not a point on the curve.
  }
  return subtle.verify(ECDSA_SHA256, key, raw, bytes);
}
