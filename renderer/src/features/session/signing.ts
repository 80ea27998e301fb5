import type { CanonicalSignature, JsonValue } from '../../../../shared/signing';
import { signCanonical } from '../../../../shared/signing';
import { unlockSigningKey, type DeskDatabase } from '../../db';

export type SignResult =
  | { ok: true; signature: CanonicalSignature }
  /**
   * Message keys: 'identity:pin.wrong', 'session:signing.noKey', 'session:pin.wait' (too many wrong
   * PINs: `retryAtMs` says until when; show it with t(reason, { seconds })), 'users:errors.inactive',
   * 'users:errors.notFound'.
   */
  | { ok: false; reason: string; retryAtMs?: number; attemptsLeft?: number };

/**
 * Signs the canonical form of `document` as `userId`, unlocking the user's private key with the PIN
 * typed for this signature. The key exists in memory only for this call. Wrong PINs count towards the
 * same limit as at login; pass the desk clock's nowMs.
 */
export async function signAsUser(
  db: DeskDatabase,
  userId: string,
  pin: string,
  document: JsonValue,
  nowMs: number = Date.now(),
): Promise<SignResult> {
  const unlocked = await unlockSigningKey(db, userId, pin, nowMs);
  if (!unlocked.ok) return unlocked;
  const signature = await signCanonical(crypto.subtle, unlocked.signer, document);
  return { ok: true, signature };
}
