// Helpers for the desk's data tests. Not part of the barrel: import from './testing'.
import type { Actor } from '../../../shared/case';
import { formatStamp } from '../../../shared/clock';
import type { DirectoryEvent } from '../../../shared/directory';
import { EVENT_SCHEMA_VERSION } from '../../../shared/events/envelope';
import { isSignerRole } from '../../../shared/office';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  wrapSigningKey,
  type JsonValue,
} from '../../../shared/signing';
import type { DeskDatabase, UserRow } from './database';
import { JOURNAL_COUNTERS_PREFIX } from './journal-tallies';
import { signAsRegisteredUser, type RegisteredSignResult } from './signatures';

/** The PIN that opens the signing key seedActors gives a signer. */
export const SEED_PIN = '7391';
/** When seeded actors are registered: before any act a test makes. */
export const SEEDED_AT = '2000-01-01T00:00';

/** A user row for an actor, so the store accepts the actor's acts (it checks who acts). */
export function userRowFor(actor: Actor, name = actor.userId): UserRow {
  return {
    id: actor.userId,
    name,
    role: actor.role,
    pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '', hash: actor.userId },
    signingKey: null,
    createdAt: '2000-01-01T00:00:00.000Z',
    active: true,
  };
}

/** A key pair wrapped by SEED_PIN with one PBKDF2 round: fast, and real enough to sign with. */
async function seedKey(): Promise<NonNullable<UserRow['signingKey']>> {
  const subtle = crypto.subtle;
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(subtle, publicKey);
  const wrapped = await wrapSigningKey(
    subtle,
    SEED_PIN,
    { privateKey: pair.privateKey, keyId },
    crypto.getRandomValues(new Uint8Array(16)),
    crypto.getRandomValues(new Uint8Array(12)),
    1,
  );
  return { publicKey, keyId, wrapped };
}

/**
 * Registers the actors as active users of the desk, as the directory knows them: a row each and a
 * UserRegistered event (each registers themselves, at SEEDED_AT); a user already there is kept. Signers (akim, district head) get a
 * real key pair whose private key opens with SEED_PIN: sign with signAsActor.
 */
export async function seedActors(db: DeskDatabase, ...given: readonly Actor[]): Promise<void> {
  // A user already on the desk is left as it is (a test may have named it).
  const actors: Actor[] = [];
  for (const actor of given) if (!(await db.users.get(actor.userId))) actors.push(actor);
  const rows: UserRow[] = [];
  for (const actor of actors) {
    const row = userRowFor(actor);
    rows.push(isSignerRole(actor.role) ? { ...row, signingKey: await seedKey() } : row);
  }
  const events = rows.map((row, i): DirectoryEvent => {
    const actor = actors[i] as Actor;
    return {
      id: `seed-${row.id}`,
      v: EVENT_SCHEMA_VERSION,
      actor,
      legalTime: SEEDED_AT,
      hlc: formatStamp({ wallMs: i, counter: 0, nodeId: 'seed' }),
      userId: row.id,
      type: 'UserRegistered',
      payload: {
        name: row.name,
        role: row.role,
        officeId: actor.officeId,
        districtId: actor.districtId ?? 'unknown',
        ...(row.signingKey
          ? { publicKey: row.signingKey.publicKey, keyId: row.signingKey.keyId }
          : {}),
      },
    };
  });
  await db.transaction('rw', db.users, db.userEvents, async () => {
    await db.users.bulkPut(rows);
    await db.userEvents.bulkPut(events);
  });
}

/** Signs `document` as a seeded signer, the way the desk does (checked against the registered key). */
export function signAsActor(
  db: DeskDatabase,
  actor: Actor,
  document: JsonValue,
  nowMs = Date.UTC(2026, 0, 1),
): Promise<RegisteredSignResult> {
  return signAsRegisteredUser(db, actor.userId, SEED_PIN, document, nowMs);
}

/** The numbers this desk has drawn: the counters without the journal's own (journal-tallies.ts). */
export async function numbersDrawn(db: DeskDatabase): Promise<{ key: string; value: number }[]> {
  return (await db.counters.toArray()).filter((c) => !c.key.startsWith(JOURNAL_COUNTERS_PREFIX));
}
