// A signed document is printed, and a signed event shown as signed, only when the content rebuilt now
// is the content that was signed and the signature verifies with the key registered for its signer
// at the time it was made (renderer/src/db/signatures.ts does the checking).
import type { CaseState } from '../../../../shared/case';
import type {
  CanonicalSignature,
  JsonValue,
  PublicJwk,
  SubtleCryptoLike,
} from '../../../../shared/signing';
import { matchSignedContent, type SignedDocuments } from '../../db';
import {
  certificateCandidates,
  resultNoticeCandidates,
  signedResultOffice,
  type TsaRecipientFacts,
} from '../../../../shared/documents';

export type SignatureStatus =
  /** The content matches and the signature verifies with the signer's registered key. */
  | 'verified'
  /** The content matches the signed digest; no key registered for the signer checks it. */
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
 * the document digest the event or register recorded next to its signature; `publicKey` must be the
 * key registered for the signer at the time (key-registry registeredKeyAt), or null.
 */
export function checkSignedContent(
  subtle: SubtleCryptoLike,
  candidates: readonly JsonValue[],
  signature: CanonicalSignature,
  digest: string,
  publicKey: PublicJwk | null,
): Promise<SignatureCheck> {
  return matchSignedContent(subtle, candidates, signature, digest, publicKey);
}

/**
 * How the documents of signed case events are rebuilt from the log, for the checks of the db layer:
 * the certificate (from what its event states, or from the applicant's TSA register rows for older
 * certificates) and the notice of the result (with the office its event carries).
 */
export function signedDocuments(rows: readonly TsaRecipientFacts[]): SignedDocuments {
  return {
    contentsOf(state: CaseState, event, office) {
      switch (event.type) {
        case 'CertificateIssued':
          return certificateCandidates(state, office, rows);
        case 'ResultSigned':
          // A case that cannot give a notice (no decision or applicant) gives no content to check.
          try {
            // With the office the event says was signed (the district department's, on an akimat's
            // desk), or this desk's own for a result signed here before events carried it.
            // A proactive case's notice signed before notices named its occasion is a candidate too.
            return resultNoticeCandidates(state, signedResultOffice(event, office));
          } catch {
            return [];
          }
      }
    },
  };
}

/**
 * What the QR code of a signed document holds: its number, the signer's key fingerprint and the
 * signed digest, so anyone can match the paper to the record and the key without the desk.
 */
export function qrPayload(number: string, keyId: string, signedDigest: string): string {
  return JSON.stringify({ n: number, k: keyId, d: signedDigest });
}
