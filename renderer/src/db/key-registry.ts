// Which public key a signer had registered on this desk when they signed: the one answer every
// signature check uses (a case event's, a certificate's, a register's). A signature verifies only
// against the key registered for that user at that time, never against a key a file carries.
import type { PublicJwk } from '../../../shared/signing';
import type { LocalDateTime } from '../../../shared/time';
import type { DeskDatabase } from './database';
import { signingPublicKeyFor } from './users-queries';

export interface RegisteredKey {
  readonly userId: string;
  readonly keyId: string;
  readonly publicKey: PublicJwk;
}

/**
 * The key `keyId` if it was registered for `userId` and in force at `at`; null otherwise (unknown key,
 * another user's key, or a key not yet registered or already replaced then).
 */
export async function registeredKeyAt(
  db: DeskDatabase,
  userId: string,
  keyId: string,
  at: LocalDateTime,
): Promise<RegisteredKey | null> {
  void at; // The users table keeps no key history by time yet; the directory's events will.
  const key = await signingPublicKeyFor(db, keyId);
  if (!key || key.userId !== userId) return null;
  return { userId, keyId, publicKey: key.publicKey };
}
