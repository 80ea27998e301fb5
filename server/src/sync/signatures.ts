// The hub's check of the signatures pushed events carry (ARCHITECTURE §5: "the hub verifies"). What
// must stay true:
// - A signature verifies only against the key the hub's own directory log had registered for the
//   event's actor at the event's legal time (shared/directory keyInForce over the same fold the desk
//   uses), never against a key the event or the desk names; a key of another person, one not yet
//   registered or already replaced then, or one whose owner was deactivated, verifies nothing.
// - The hub cannot rebuild the signed document (it lacks the office profile the desk prints from), so
//   it checks what it can with its own data: the digest the event states is the one that was signed,
//   the key's fingerprint is the keyId, and the ECDSA P-256 signature (WebCrypto's r‖s form) verifies
//   over that SHA-256 digest. WebCrypto signs SHA-256(canonical bytes); verifying over the digest is
//   the same check without the bytes (prehash off, and high-S values allowed, as WebCrypto makes
//   them).
// - Every event type that must be signed is refused without a signature, whatever its schema says;
//   every other event that carries a signature has it checked the same way.
// - Input from the network is untrusted: a malformed signature, digest or key gives a refusal, never
//   an exception.
import { webcrypto } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { SIGNED_EVENT_TYPES } from '../../../shared/case';
import { keyInForce, type KeyPeriod } from '../../../shared/directory';
import {
  decodeBase64,
  decodeBase64Url,
  isPublicJwk,
  publicKeyFingerprint,
  SIGNATURE_ALGORITHM,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../../shared/signing';
import type { LocalDateTime } from '../../../shared/time';
import type { PushRejection, Stream } from '../../../shared/sync';

/** Why the hub refuses an event's signature (a subset of shared/sync PUSH_REJECTIONS). */
export type SignatureRejection = Extract<
  PushRejection,
  'sync:reject.signatureMissing' | 'sync:reject.signatureKey' | 'sync:reject.signatureInvalid'
>;

/** The event types of each log that the law wants signed. */
export const MUST_BE_SIGNED: { readonly [S in Stream]: readonly string[] } = {
  case: SIGNED_EVENT_TYPES,
  register: ['RegisterSigned'],
  user: [],
};

const DIGEST_BYTES = 32;
const P1363_SIGNATURE_BYTES = 64;
const COORDINATE_BYTES = 32;

/**
 * Whether `signatureB64` (base64 of the 64-byte r‖s WebCrypto makes) is a signature by `publicKey`
 * over the SHA-256 digest `digestB64` (base64), as crypto.subtle.sign('ECDSA', SHA-256) makes over
 * the bytes whose digest it is. False for anything malformed.
 */
export function verifyDigestSignature(
  publicKey: PublicJwk,
  digestB64: string,
  signatureB64: string,
): boolean {
  const digest = decodeBase64(digestB64);
  const signature = decodeBase64(signatureB64);
  const x = decodeBase64Url(publicKey.x);
  const y = decodeBase64Url(publicKey.y);
  if (digest?.length !== DIGEST_BYTES || signature?.length !== P1363_SIGNATURE_BYTES) return false;
  if (x?.length !== COORDINATE_BYTES || y?.length !== COORDINATE_BYTES) return false;
  const point = new Uint8Array(1 + 2 * COORDINATE_BYTES);
  point[0] = 0x04; // uncompressed SEC1 point: 04 ‖ x ‖ y
  point.set(x, 1);
  point.set(y, 1 + COORDINATE_BYTES);
  try {
    return p256.verify(signature, digest, point, {
      prehash: false,
      lowS: false,
      format: 'compact',
    });
  } catch {
    return false; // Not a point on the curve, or r, s out of range.
  }
}

/** The signature part of an event, as its schema let it through. */
interface EventSignature {
  readonly keyId: string;
  readonly algorithm: string;
  readonly value: string;
  readonly signedDigest: string;
}

/** What the check reads of an event that its log's schema accepted. */
export interface SignableEvent {
  readonly type: string;
  readonly legalTime: LocalDateTime;
  readonly actor: { readonly userId: string };
  readonly payload: unknown;
  readonly signature?: EventSignature | undefined;
}

/** The document digest an event's payload states next to its signature, if it states one. */
function documentDigestOf(payload: unknown): string | null {
  const digest = (payload as { documentDigest?: unknown } | null)?.documentDigest;
  return typeof digest === 'string' ? digest : null;
}

/**
 * Whether a body that its log's schema refused is an event of a type that must be signed that came
 * without a signature: the desk is told that, not only that its shape was wrong.
 */
export function lacksRequiredSignature(stream: Stream, raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const body = raw as { type?: unknown; signature?: unknown };
  return (
    typeof body.type === 'string' &&
    MUST_BE_SIGNED[stream].includes(body.type) &&
    (body.signature === undefined || body.signature === null)
  );
}

// Node's WebCrypto, for the key fingerprint (shared/signing publicKeyFingerprint: the desk's own).
const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

/**
 * Why the hub refuses the signature `event` carries (or lacks), or null when it holds or the event
 * needs none. `keysOf` gives a person's key periods from the hub's own directory log.
 */
export async function signatureProblem(
  stream: Stream,
  event: SignableEvent,
  keysOf: (userId: string) => Promise<readonly KeyPeriod[]>,
): Promise<SignatureRejection | null> {
  const signature = event.signature;
  if (signature === undefined) {
    return MUST_BE_SIGNED[stream].includes(event.type) ? 'sync:reject.signatureMissing' : null;
  }
  if (signature.algorithm !== SIGNATURE_ALGORITHM) return 'sync:reject.signatureInvalid';
  const stated = documentDigestOf(event.payload);
  if (stated !== null && stated !== signature.signedDigest) return 'sync:reject.signatureInvalid';
  const publicKey = keyInForce(await keysOf(event.actor.userId), signature.keyId, event.legalTime);
  if (publicKey === null) return 'sync:reject.signatureKey';
  // The directory's fold does not check that a keyId is its key's fingerprint (it has no crypto):
  // a registration naming one key under another's fingerprint signs nothing.
  if (
    !isPublicJwk(publicKey) ||
    (await publicKeyFingerprint(subtle, publicKey)) !== signature.keyId
  )
    return 'sync:reject.signatureKey';
  return verifyDigestSignature(publicKey, signature.signedDigest, signature.value)
    ? null
    : 'sync:reject.signatureInvalid';
}
