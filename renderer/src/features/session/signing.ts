import type { CanonicalSignature, JsonValue } from '../../../../shared/signing';
import { signAsRegisteredUser, type DeskDatabase } from '../../db';

export type SignResult =
  | { ok: true; signature: CanonicalSignature }
  /**
   * Message keys: 'identity:pin.wrong', 'session:signing.noKey', 'session:pin.wait' (too many wrong
   * PINs: `retryAtMs` says until when; show it with t(reason, { seconds })), 'users:errors.inactive',
   * 'users:errors.notFound', and 'session:signature.*' when the key this desk holds is not the one
   * registered for the user now (it was replaced on another desk).
   */
  | { ok: false; reason: string; retryAtMs?: number; attemptsLeft?: number };

/**
 * Signs the canonical form of `document` as `userId`, unlocking the user's private key with the PIN
 * typed for this signature, and checks the signature against the key registered for the user (the
 * store saves a signed event only after this check). The key exists in memory only for this call.
 * Wrong PINs count towards the same limit as at login; pass the desk clock's nowMs.
 */
export function signAsUser(
  db: DeskDatabase,
  userId: string,
  pin: string,
  document: JsonValue,
  nowMs: number = Date.now(),
): Promise<SignResult> {
  return signAsRegisteredUser(db, userId, pin, document, nowMs);
}
