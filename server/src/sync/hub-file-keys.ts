// The district hub's own keys for sync files (shared/sync/sync-file): an agreement key (ECDH P-256)
// that desks encrypt their files to, and a signing key (ECDSA P-256) the hub signs its replies with.
// What must stay true:
// - One set per district, made once, on first need (the district's first enrollment), and kept in
//   PostgreSQL (hub_settings, key `fileKeys:<district>`), so every hub process on one database uses
//   the same keys and a restarted hub still opens the files its desks were told to write. Making them
//   is one `insert … on conflict do nothing` followed by a read: two hubs racing keep one set.
// - A desk learns the public halves at enrollment and nowhere else; the private halves never leave
//   the database (whoever reads the hub's database reads its events anyway).
// - Making them is recorded in registry_log, like every change to who is who.
import { webcrypto } from 'node:crypto';
import {
  exportPublicKey,
  isPublicJwk,
  publicKeyFingerprint,
  type PublicJwk,
  type SigningKey,
} from '../../../shared/signing';
import type { KeyWithPublic, SyncFileSubtle } from '../../../shared/sync';
import type { Queryable } from '../db';

/** Node's WebCrypto, as shared/ describes it. */
export const hubSubtle = webcrypto.subtle as unknown as SyncFileSubtle;

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The public halves, as enrollment hands them to a desk (enrollReplySchema hubFileKeys). */
export interface HubFilePublicKeys {
  readonly agreement: PublicJwk;
  readonly signing: PublicJwk;
}

/** The keys ready to open a desk's file and sign a reply. */
export interface HubFileKeys {
  readonly agreement: KeyWithPublic;
  readonly signing: SigningKey;
  readonly signingPublicKey: PublicJwk;
}

interface StoredKey {
  readonly public: PublicJwk;
  readonly private: webcrypto.JsonWebKey;
}
interface StoredKeys {
  readonly agreement: StoredKey;
  readonly signing: StoredKey;
}

const settingKey = (districtId: string) => `fileKeys:${districtId}`;

async function newKey(algorithm: typeof ECDH_P256 | typeof ECDSA_P256): Promise<StoredKey> {
  const usages: webcrypto.KeyUsage[] =
    algorithm.name === 'ECDH' ? ['deriveBits'] : ['sign', 'verify'];
  const pair = (await webcrypto.subtle.generateKey(
    algorithm,
    true,
    usages,
  )) as webcrypto.CryptoKeyPair;
  return {
    public: await exportPublicKey(hubSubtle, pair.publicKey),
    private: await webcrypto.subtle.exportKey('jwk', pair.privateKey),
  };
}

async function storedKeys(db: Queryable, districtId: string): Promise<StoredKeys | null> {
  const { rows } = await db.query<{ value: StoredKeys }>(
    'select value from hub_settings where key = $1',
    [settingKey(districtId)],
  );
  return rows[0]?.value ?? null;
}

/** The district's file keys (public halves), made now if the district has none yet. */
export async function ensureHubFileKeys(
  tx: Queryable,
  districtId: string,
): Promise<HubFilePublicKeys> {
  let keys = await storedKeys(tx, districtId);
  if (keys === null) {
    const made: StoredKeys = {
      agreement: await newKey(ECDH_P256),
      signing: await newKey(ECDSA_P256),
    };
    const inserted = await tx.query(
      `insert into hub_settings (key, value) values ($1, $2)
       on conflict (key) do nothing returning key`,
      [settingKey(districtId), JSON.stringify(made)],
    );
    if (inserted.rows.length > 0) {
      await tx.query(
        'insert into registry_log (actor, action, subject, detail) values ($1, $2, $3, $4)',
        [
          'hub',
          'fileKeys.create',
          districtId,
          JSON.stringify({
            agreementKeyId: await publicKeyFingerprint(hubSubtle, made.agreement.public),
            signingKeyId: await publicKeyFingerprint(hubSubtle, made.signing.public),
          }),
        ],
      );
    }
    keys = await storedKeys(tx, districtId);
  }
  if (keys === null) throw new Error(`File keys of district ${districtId} were not kept`);
  return { agreement: keys.agreement.public, signing: keys.signing.public };
}

/** The district's file keys ready for use, or null when the district has none (no desk enrolled). */
export async function hubFileKeys(db: Queryable, districtId: string): Promise<HubFileKeys | null> {
  const keys = await storedKeys(db, districtId);
  if (keys === null || !isPublicJwk(keys.agreement.public) || !isPublicJwk(keys.signing.public)) {
    return null;
  }
  const agreementPrivate = await webcrypto.subtle.importKey(
    'jwk',
    keys.agreement.private,
    ECDH_P256,
    false,
    ['deriveBits'],
  );
  const signingPrivate = await webcrypto.subtle.importKey(
    'jwk',
    keys.signing.private,
    ECDSA_P256,
    false,
    ['sign'],
  );
  return {
    agreement: { privateKey: agreementPrivate, publicKey: keys.agreement.public },
    signing: {
      privateKey: signingPrivate,
      keyId: await publicKeyFingerprint(hubSubtle, keys.signing.public),
    },
    signingPublicKey: keys.signing.public,
  };
}
