// Where the desk's data key comes from at start-up (at-rest.ts): the shell's OS secret store, or, in a
// browser (or a shell with no secret store), a non-extractable CryptoKey kept in its own IndexedDB
// database beside the desk's. The page can use such a key but never read it; a copy of the profile
// still holds it, so the desk says plainly that its data is not protected there.
import type { DataKeyAnswer } from '../../../shared/ipc';
import { deriveAtRestKeys, importRootSecret, type AtRestKeys } from './at-rest';

export const KEY_DATABASE = 'akimat-desk-keys';
const STORE = 'keys';
const ROOT = 'root';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The profile's root key, made the first time. Made before the transaction (WebCrypto would let it
 * commit), then kept only if no other tab kept one first.
 */
export async function profileRootKey(factory: IDBFactory = indexedDB): Promise<CryptoKey> {
  const open = factory.open(KEY_DATABASE, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  try {
    const read = db.transaction(STORE, 'readonly').objectStore(STORE).get(ROOT);
    const existing = (await request(read)) as CryptoKey | undefined;
    if (existing) return existing;
    const made = await importRootSecret(crypto.getRandomValues(new Uint8Array(32)));
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const raced = (await request(store.get(ROOT))) as CryptoKey | undefined;
    if (raced) return raced;
    await request(store.add(made, ROOT));
    return made;
  } finally {
    db.close();
  }
}

/** The desk's sealing keys from the shell's answer; throws when the OS secret store failed. */
export async function openAtRestKeys(answer: DataKeyAnswer): Promise<AtRestKeys> {
  switch (answer.kind) {
    case 'osSecretStore':
      return deriveAtRestKeys(await importRootSecret(base64Bytes(answer.key)), 'osSecretStore');
    case 'notProtected':
      return deriveAtRestKeys(await profileRootKey(), 'browserProfile');
    case 'failed':
      throw new DataKeyUnavailableError();
  }
}

/** The OS secret store holds a key for this desk but does not open it (another OS login). */
export class DataKeyUnavailableError extends Error {
  constructor() {
    super('The OS secret store did not open the data key');
    this.name = 'DataKeyUnavailableError';
  }
}

/**
 * How this desk's citizens' data is protected at rest, for the system page and the frame: sealed
 * with a key the OS secret store keeps, sealed with a key the profile itself keeps (a browser: no
 * protection against a copy of the profile), or not sealed at all (a database opened without keys).
 */
export type DataProtection = 'osSecretStore' | 'browserProfile' | 'none';

export function dataProtection(db: {
  readonly atRest: { protection: DataProtection } | null;
}): DataProtection {
  return db.atRest?.protection ?? 'none';
}
