// What a signature on the desk means: made with the key registered for its signer at the time it
// claims (key-registry registeredKeyAt, from the directory's events), over the canonical document its
// event names by digest. What must stay true:
// - Signed case events (ResultSigned, CertificateIssued) are checked when appended and when shown;
//   the "signed" badge and a printed QR code appear only for a signature that verifies.
// - WebCrypto never runs inside an IndexedDB transaction (the transaction would commit while it
//   waits). So the work is split: the cryptographic check runs outside any transaction, where the
//   signature is made (signAsRegisteredUser) or shown (verifySignedCaseEvent), and this session
//   remembers the signatures it verified; the store's check inside its transaction (signedEventProblem)
//   reads only IndexedDB: the digest the event names, the key registered for the actor at the
//   event's legal time, and that this very signature was verified before.
// - What the store cannot check inside its transaction is that the signed document is the one the log
//   gives (the document builders live in features/documents, which the db layer does not import):
//   verifySignedCaseEvent, given the builders, checks that too, and it is what the timeline and the
//   print views show. A result signed on another desk (the district head's, on an akimat's desk) is
//   rebuilt with the office its ResultSigned carries, not with this desk's (shared/documents
//   signedResultOffice); the key is the one the directory's events registered for the head, which the
//   hub gives an akimat's desk for its district department's heads.
import { Dexie } from 'dexie';
import {
  SIGNED_EVENT_TYPES,
  type CaseEvent,
  type CaseEventOf,
  type CaseState,
} from '../../../shared/case';
import type { OfficeProfile } from '../../../shared/office';
import {
  canonicalBytes,
  encodeBase64,
  sha256,
  signCanonical,
  verifyCanonical,
  type CanonicalSignature,
  type JsonValue,
  type PublicJwk,
  type SubtleCryptoLike,
} from '../../../shared/signing';
import type { LocalDateTime } from '../../../shared/time';
import { localDateTimeAt } from '../platform';
import type { DeskDatabase } from './database';
import { registeredKeyAt, type RegisteredKey } from './key-registry';
import { loadOfficeProfile } from './office-repository';
import { unlockSigningKey, type PinRefusal } from './users-queries';

/** Why a signature does not verify: message keys of the `session` namespace, in kk and ru. */
export const SIGNATURE_PROBLEMS = [
  'session:signature.digestMismatch',
  'session:signature.keyNotRegistered',
  'session:signature.contentMismatch',
  'session:signature.invalid',
  'session:signature.notChecked',
  'session:signature.cannotRebuild',
] as const;
export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

export type SignatureVerdict =
  | { readonly ok: true; readonly key: RegisteredKey; readonly content: JsonValue }
  | { readonly ok: false; readonly reason: SignatureProblem };

export type SignedCaseEvent = CaseEventOf<'ResultSigned'> | CaseEventOf<'CertificateIssued'>;

export function isSignedCaseEvent(event: CaseEvent): event is SignedCaseEvent {
  return SIGNED_EVENT_TYPES.includes(event.type);
}

/**
 * How the canonical document of a signed event is rebuilt from the log: every content the saved data
 * can give for it (features/documents builds them; the state is the case right after the event).
 */
export interface SignedDocuments {
  contentsOf(state: CaseState, event: SignedCaseEvent, office: OfficeProfile): readonly JsonValue[];
}

// ---- signatures this session verified ------------------------------------------------------------

// A signature verified once verifies again: ECDSA verification is a pure function of the key (named
// by its fingerprint, keyId), the signed bytes (named by their digest) and the value. Only successes
// are kept, and only for as long as the page lives.
const verifiedSignatures = new Set<string>();
const signatureKey = (s: Pick<CanonicalSignature, 'keyId' | 'value' | 'signedDigest'>): string =>
  `${s.keyId}\n${s.value}\n${s.signedDigest}`;

export type ContentMatch =
  | { readonly status: 'verified'; readonly content: JsonValue }
  /** The content matches the signed digest; no registered key to check the signature with. */
  | { readonly status: 'keyUnknown'; readonly content: JsonValue }
  /** No candidate content gives the signed digest. */
  | { readonly status: 'mismatch'; readonly content: null }
  /** The content matches the digest but the signature does not verify. */
  | { readonly status: 'invalid'; readonly content: JsonValue };

/** base64 SHA-256 of the canonical bytes: the digest a signature over `content` carries. */
async function digestOf(subtle: SubtleCryptoLike, content: JsonValue): Promise<string> {
  return encodeBase64(await sha256(subtle, canonicalBytes(content)));
}

/**
 * Finds, among the contents the data can give, the one that was signed (a certificate may speak of
 * one quarter or another), then verifies the signature over it with `publicKey`. `digest` is the
 * document digest the event or register recorded next to its signature.
 */
export async function matchSignedContent(
  subtle: SubtleCryptoLike,
  candidates: readonly JsonValue[],
  signature: CanonicalSignature,
  digest: string,
  publicKey: PublicJwk | null,
): Promise<ContentMatch> {
  if (digest !== signature.signedDigest) return { status: 'mismatch', content: null };
  for (const content of candidates) {
    if ((await digestOf(subtle, content)) !== digest) continue;
    if (publicKey === null) return { status: 'keyUnknown', content };
    if (!(await verifyCanonical(subtle, publicKey, content, signature))) {
      return { status: 'invalid', content };
    }
    verifiedSignatures.add(signatureKey(signature));
    return { status: 'verified', content };
  }
  return { status: 'mismatch', content: null };
}

function outsideTransaction(what: string): void {
  // A bug, not a refusal: crypto inside a transaction would silently commit it half-way.
  if (Dexie.currentTransaction) throw new Error(`${what} must not run inside a transaction`);
}

/** Checks `signature` over `document` with the key registered for `userId` at `at`. */
export async function verifyWithRegisteredKey(
  db: DeskDatabase,
  userId: string,
  at: LocalDateTime,
  document: JsonValue,
  signature: CanonicalSignature,
): Promise<SignatureVerdict> {
  outsideTransaction('verifyWithRegisteredKey');
  const key = await registeredKeyAt(db, userId, signature.keyId, at);
  if (!key) return { ok: false, reason: 'session:signature.keyNotRegistered' };
  const match = await matchSignedContent(
    crypto.subtle,
    [document],
    signature,
    signature.signedDigest,
    key.publicKey,
  );
  if (match.status !== 'verified') return { ok: false, reason: 'session:signature.invalid' };
  return { ok: true, key, content: match.content };
}

export type RegisteredSignResult =
  | { ok: true; signature: CanonicalSignature }
  | PinRefusal
  | { ok: false; reason: 'session:signing.noKey' | SignatureProblem };

/**
 * Signs the canonical form of `document` as `userId`, with the private key the PIN unwraps, and checks
 * the fresh signature against the key registered for the user now: a key this desk holds but the
 * directory no longer has in force (replaced on another desk) signs nothing.
 */
export async function signAsRegisteredUser(
  db: DeskDatabase,
  userId: string,
  pin: string,
  document: JsonValue,
  nowMs: number,
): Promise<RegisteredSignResult> {
  outsideTransaction('signAsRegisteredUser');
  const unlocked = await unlockSigningKey(db, userId, pin, nowMs);
  if (!unlocked.ok) return unlocked;
  const signature = await signCanonical(crypto.subtle, unlocked.signer, document);
  const verdict = await verifyWithRegisteredKey(
    db,
    userId,
    localDateTimeAt(nowMs),
    document,
    signature,
  );
  return verdict.ok ? { ok: true, signature } : verdict;
}

/**
 * The whole check of a signed case event: the digest it names is the signature's, the key was
 * registered for its actor at its legal time, the document rebuilt from the log (`state`: the case
 * right after the event) has that digest, and the signature verifies over it.
 */
export async function verifySignedCaseEvent(
  db: DeskDatabase,
  state: CaseState,
  event: SignedCaseEvent,
  documents: SignedDocuments,
): Promise<SignatureVerdict> {
  outsideTransaction('verifySignedCaseEvent');
  const signature = event.signature;
  if (event.payload.documentDigest !== signature.signedDigest) {
    return { ok: false, reason: 'session:signature.digestMismatch' };
  }
  const key = await registeredKeyAt(db, event.actor.userId, signature.keyId, event.legalTime);
  if (!key) return { ok: false, reason: 'session:signature.keyNotRegistered' };
  const office = await loadOfficeProfile(db);
  const candidates = office ? documents.contentsOf(state, event, office) : [];
  if (candidates.length === 0) return { ok: false, reason: 'session:signature.cannotRebuild' };
  const match = await matchSignedContent(
    crypto.subtle,
    candidates,
    signature,
    event.payload.documentDigest,
    key.publicKey,
  );
  switch (match.status) {
    case 'verified':
      return { ok: true, key, content: match.content };
    case 'mismatch':
      return { ok: false, reason: 'session:signature.contentMismatch' };
    case 'invalid':
    case 'keyUnknown':
      return { ok: false, reason: 'session:signature.invalid' };
  }
}

/**
 * The store's check of a signed event before it is written, inside its transaction: IndexedDB reads
 * only (see the header), as one Dexie promise so the transaction's zone is kept. Null when the event
 * is not a signed one or its signature holds.
 */
export function signedEventProblem(
  db: DeskDatabase,
  event: CaseEvent,
): Promise<SignatureProblem | null> {
  if (!isSignedCaseEvent(event)) return Dexie.Promise.resolve(null);
  const signature = event.signature;
  if (event.payload.documentDigest !== signature.signedDigest) {
    return Dexie.Promise.resolve('session:signature.digestMismatch');
  }
  return registeredKeyAt(db, event.actor.userId, signature.keyId, event.legalTime).then((key) =>
    key === null
      ? 'session:signature.keyNotRegistered'
      : verifiedSignatures.has(signatureKey(signature))
        ? null
        : 'session:signature.notChecked',
  );
}
