import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { compareEvents, foldCase, type CaseEvent, type CaseState } from '../../../../shared/case';
import type { CanonicalSignature, JsonValue, PublicJwk } from '../../../../shared/signing';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import {
  isSignedCaseEvent,
  registeredKeyAt,
  signingPublicKeyFor,
  verifySignedCaseEvent,
  type SignatureVerdict,
} from '../../db';
import {
  checkSignedContent,
  qrPayload,
  signedDocuments,
  type SignatureStatus,
} from './signature-check';

export interface SignedInput<T extends JsonValue> {
  readonly candidates: readonly T[];
  readonly signature: CanonicalSignature;
  /** The digest the event or register recorded next to the signature. */
  readonly digest: string;
  /**
   * Not used for the check: the key always comes from the directory (the key registered for the
   * signer), never from a row or a file. Kept so callers that still pass it compile.
   */
  readonly publicKey?: PublicJwk | null;
  /**
   * Who signed and when (the event's actor and legal time): the key must be the one registered for
   * them then. Without it, any registered key with the signature's fingerprint is taken: pass it.
   */
  readonly signer?: { readonly userId: string; readonly at: LocalDateTime };
  /** The number the QR code carries (the case's registration number or the register's number). */
  readonly number: string;
}

export type SignedState<T extends JsonValue> =
  | { readonly phase: 'checking' }
  | {
      readonly phase: 'done';
      readonly status: SignatureStatus;
      readonly content: T | null;
      /** data: URL of the QR code image; only for a signature that verified. */
      readonly qr: string | null;
    };

/**
 * Checks, off the render, that the content to print is the content that was signed and that the
 * signature verifies with the key registered for its signer, and draws its QR code only then.
 * `input` must keep its identity while the data stays the same (build it with useMemo).
 */
export function useSignatureCheck<T extends JsonValue>(
  input: SignedInput<T> | null,
): SignedState<T> | null {
  const { db } = useDesk();
  const [result, setResult] = useState<{ input: SignedInput<T>; state: SignedState<T> } | null>(
    null,
  );
  useEffect(() => {
    if (input === null) return;
    let live = true;
    void (async () => {
      const keyId = input.signature.keyId;
      const key = input.signer
        ? await registeredKeyAt(db, input.signer.userId, keyId, input.signer.at)
        : await signingPublicKeyFor(db, keyId);
      const check = await checkSignedContent(
        crypto.subtle,
        input.candidates,
        input.signature,
        input.digest,
        key?.publicKey ?? null,
      );
      const qr =
        check.status === 'verified'
          ? await toDataURL(qrPayload(input.number, keyId, input.digest), {
              errorCorrectionLevel: 'M',
              margin: 1,
              width: 240,
            })
          : null;
      if (live) {
        setResult({
          input,
          state: { phase: 'done', status: check.status, content: check.content as T | null, qr },
        });
      }
    })();
    return () => {
      live = false;
    };
  }, [input, db]);
  if (input === null) return null;
  return result?.input === input ? result.state : { phase: 'checking' };
}

export type SignedEventCheck =
  { readonly phase: 'checking' } | { readonly phase: 'done'; readonly verdict: SignatureVerdict };

/**
 * The verdict on a signed event of a case as the timeline shows it (db verifySignedCaseEvent over the
 * document rebuilt from the log as it stood right after the event); null for an unsigned event.
 */
export function useSignedEventCheck(state: CaseState, event: CaseEvent): SignedEventCheck | null {
  const { db } = useDesk();
  const signed = isSignedCaseEvent(event) ? event : null;
  const [result, setResult] = useState<{ id: string; verdict: SignatureVerdict } | null>(null);
  const events = state.events;
  const iin = state.applicant?.iin ?? null;
  useEffect(() => {
    if (signed === null) return;
    let live = true;
    void (async () => {
      const upToIt = events.filter((e) => compareEvents(e, signed) < 0);
      const after = foldCase([...upToIt, signed]);
      const rows = iin ? await db.tsaRecipients.where('iin').equals(iin).toArray() : [];
      const verdict = await verifySignedCaseEvent(db, after, signed, signedDocuments(rows));
      if (live) setResult({ id: signed.id, verdict });
    })();
    return () => {
      live = false;
    };
  }, [db, signed, events, iin]);
  if (signed === null) return null;
  return result?.id === signed.id
    ? { phase: 'done', verdict: result.verdict }
    : { phase: 'checking' };
}
