// A signed document is printed only when the content rebuilt now is the content that was signed.
import {
  verifyCanonical,
  type CanonicalSignature,
  type JsonValue,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../../../shared/signing';
import { contentDigest } from './document-content';

export type SignatureStatus =
  /** The content matches and the signature verifies with the signer's key. */
  | 'verified'
  /** The content matches the signed digest; the signer's key is not on this desk. */
  | 'keyUnknown'
  /** No candidate content gives the signed digest: printing would show something else. */
  | 'mismatch'
  /** The content matches the digest but the signature does not verify. */
  | 'invalid';

export interface SignatureCheck {
  readonly status: SignatureStatus;
  /** The candidate that was signed, when one matches. */
  readonly content: JsonValue | null;
}

/**
 * Finds, among the contents the data can give, the one that was signed (a certificate may speak of
 * the applicant's row of one quarter or another), then verifies the signature over it. `digest` is
 * the document digest the event or register recorded next to its signature.
 */
export async function checkSignedContent(
  subtle: SubtleCryptoLike,
  candidates: readonly JsonValue[],
  signature: CanonicalSignature,
  digest: string,
  publicKey: PublicJwk | null,
): Promise<SignatureCheck> {
  if (digest !== signature.signedDigest) return { status: 'mismatch', content: null };
  for (const content of candidates) {
    if ((await contentDigest(subtle, content)) !== digest) continue;
    if (publicKey === null) return { status: 'keyUnknown', content };
    const valid = await verifyCanonical(subtle, publicKey, content, signature);
    return { status: valid ? 'verified' : 'invalid', content };
  }
  return { status: 'mismatch', content: null };
}

/**
 * What the QR code of a signed document holds: its number, the signer's key fingerprint and the
 * signed digest, so anyone can match the paper to the record and the key without the desk.
 */
export function qrPayload(number: string, keyId: string, signedDigest: string): string {
  return JSON.stringify({ n: number, k: keyId, d: signedDigest });
}
