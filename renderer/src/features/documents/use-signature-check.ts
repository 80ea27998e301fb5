import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import type { CanonicalSignature, JsonValue, PublicJwk } from '../../../../shared/signing';
import { checkSignedContent, qrPayload, type SignatureStatus } from './signature-check';

export interface SignedInput<T extends JsonValue> {
  readonly candidates: readonly T[];
  readonly signature: CanonicalSignature;
  /** The digest the event or register recorded next to the signature. */
  readonly digest: string;
  readonly publicKey: PublicJwk | null;
  /** The number the QR code carries (the case's registration number or the register's number). */
  readonly number: string;
}

export type SignedState<T extends JsonValue> =
  | { readonly phase: 'checking' }
  | {
      readonly phase: 'done';
      readonly status: SignatureStatus;
      readonly content: T | null;
      /** data: URL of the QR code image. */
      readonly qr: string | null;
    };

/**
 * Checks, off the render, that the content to print is the content that was signed, and draws its
 * QR code. `input` must keep its identity while the data stays the same (build it with useMemo).
 */
export function useSignatureCheck<T extends JsonValue>(
  input: SignedInput<T> | null,
): SignedState<T> | null {
  const [result, setResult] = useState<{ input: SignedInput<T>; state: SignedState<T> } | null>(
    null,
  );
  useEffect(() => {
    if (input === null) return;
    let live = true;
    void (async () => {
      const check = await checkSignedContent(
        crypto.subtle,
        input.candidates,
        input.signature,
        input.digest,
        input.publicKey,
      );
      const qr =
        check.content === null
          ? null
          : await toDataURL(qrPayload(input.number, input.signature.keyId, input.digest), {
              errorCorrectionLevel: 'M',
              margin: 1,
              width: 240,
            });
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
  }, [input]);
  if (input === null) return null;
  return result?.input === input ? result.state : { phase: 'checking' };
}
