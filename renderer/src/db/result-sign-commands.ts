// The district head signs the result (R-DEC-5): the notice of the decision (app. 6 for a grant, app. 7
// for a refusal, R-DEC-1) built from the case's log is signed with the head's PIN key, and a
// ResultSigned event naming its digest is appended. What must stay true:
// - The signature covers exactly the document the log gives at the moment of the append: the digest
//   of the signed document is taken before the transaction (WebCrypto never runs inside one), and in
//   the transaction the document is rebuilt from the case's events and compared byte for byte
//   (canonical JSON). A decision or an applicant changed meanwhile refuses the signature: sign again.
// - One transaction: the comparison, the transition table (only the district head signs a decided
//   case), the key registered for the signer at the legal time (signatures.ts), the event, its outbox
//   entry and the journal row are all in it. Time and ids come from the ActContext.
// - The event carries the office the signed notice names (the signing desk's): every other desk
//   rebuilds the notice with that office, so the digest is over exactly the document the head read.
// - A wrong PIN never reaches this module: signAsRegisteredUser refuses it and nothing is written.
import { Dexie } from 'dexie';
import { foldCase, type CaseState } from '../../../shared/case';
import {
  contentDigest,
  resultNoticeDocument,
  type ResultNoticeContent,
} from '../../../shared/documents';
import type { OfficeProfile } from '../../../shared/office';
import { canonicalJson, type CanonicalSignature } from '../../../shared/signing';
import {
  appendInTransaction,
  CASE_WRITE_TABLES,
  type ActContext,
  type AppendResult,
} from './case-store';
import type { DeskDatabase } from './database';
import { caseEventsOf } from './event-rows';
import { loadOfficeProfile } from './office-repository';

/** The case or its decision changed after the head read the document: the head signs again. */
export const RESULT_DOCUMENT_CHANGED = 'resultSign:errors.documentChanged';
/** The signature is not over the document handed in with it. */
export const RESULT_SIGNATURE_MISMATCH = 'resultSign:errors.signatureMismatch';
/** The desk has no office profile: no document names the provider. */
export const RESULT_NO_OFFICE = 'resultSign:errors.noOffice';

/**
 * The notice the head signs for `state` at `office`, or null when the case cannot give one yet (no
 * decision, no applicant): the document the panel shows and the one this module rebuilds.
 */
export function resultDocumentOf(
  state: CaseState,
  office: OfficeProfile,
): ResultNoticeContent | null {
  if (state.decision === null || state.applicant === null || state.serviceId === null) return null;
  return resultNoticeDocument(state, office);
}

export interface ResultSignatureDraft {
  readonly caseId: string;
  /** The notice as the head read it and signed it. */
  readonly document: ResultNoticeContent;
  /** Made by signAsRegisteredUser (the PIN dialog) over `document`. */
  readonly signature: CanonicalSignature;
}

/**
 * Records the head's signature of the result: ResultSigned with the document's digest, the signature
 * in its envelope, the head as the actor of `ctx`. Nothing is written when anything fails; the
 * failure is a message key (`resultSign:errors.*`, `case:rejections.*`, `session:signature.*`).
 */
export async function recordResultSignature(
  db: DeskDatabase,
  draft: ResultSignatureDraft,
  ctx: ActContext,
): Promise<AppendResult> {
  // Outside the transaction: the digest of what was handed in must be what was signed.
  const digest = await contentDigest(crypto.subtle, draft.document);
  if (digest !== draft.signature.signedDigest) {
    return { ok: false, reason: RESULT_SIGNATURE_MISMATCH };
  }
  const signed = canonicalJson(draft.document);
  return db.transaction('rw', CASE_WRITE_TABLES(db), async (): Promise<AppendResult> => {
    const [events, office] = await Dexie.Promise.all([
      caseEventsOf(db, draft.caseId),
      loadOfficeProfile(db),
    ]);
    if (office === null) return { ok: false, reason: RESULT_NO_OFFICE };
    const now = resultDocumentOf(foldCase(events), office);
    // No document now (no decision): the transition table says why, below.
    if (now !== null && canonicalJson(now) !== signed) {
      return { ok: false, reason: RESULT_DOCUMENT_CHANGED };
    }
    const { keyId, algorithm, value, signedDigest } = draft.signature;
    return appendInTransaction(
      db,
      {
        caseId: draft.caseId,
        type: 'ResultSigned',
        // The office the signed notice names travels with it: the akimat's desk rebuilds the notice
        // with it, not with its own profile (shared/documents signedResultOffice).
        payload: { documentDigest: signedDigest, office: draft.document.office },
        signature: { keyId, algorithm, value, signedDigest },
      },
      ctx,
    );
  });
}
