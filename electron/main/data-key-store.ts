import type { DataKeyAnswer } from '../../shared/ipc';

// The desk's data key in the OS secret store (issue 11 §1; Signal Desktop keeps its database key the
// same way). What must stay true:
// - The key is 32 random bytes made once per installation; on disk it exists only as safeStorage's
//   ciphertext (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux), so a copy of
//   the disk without the office's OS login yields nothing.
// - Linux's `basic_text` backend (no keyring) encrypts with a fixed password: that is no protection,
//   and the desk is told so (notProtected) instead of being given a key that only looks kept.
// - A stored key that the secret store cannot open (another OS user, a reinstalled OS) is never
//   replaced by a new one: that would orphan every sealed row. The desk is told `failed`.

/** What the store needs of Electron and the disk; passed in so the logic is tested without them. */
export interface DataKeyDeps {
  isEncryptionAvailable(): boolean;
  /** Linux's selected backend (safeStorage.getSelectedStorageBackend), null elsewhere. */
  storageBackend(): string | null;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
  /** The stored ciphertext, or null when no key was made yet. */
  read(): Promise<Uint8Array | null>;
  write(encrypted: Uint8Array): Promise<void>;
  randomBytes(size: number): Uint8Array;
}

const KEY_BYTES = 32;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Whether the OS secret store really protects what it encrypts. */
export function secretStoreProtects(deps: DataKeyDeps): boolean {
  return deps.isEncryptionAvailable() && deps.storageBackend() !== 'basic_text';
}

/** The desk's data key: read from (or, the first time, made and kept by) the OS secret store. */
export async function loadDataKey(deps: DataKeyDeps): Promise<DataKeyAnswer> {
  if (!secretStoreProtects(deps)) return { kind: 'notProtected', reason: 'noSecretStore' };
  const stored = await deps.read();
  if (stored !== null) {
    try {
      const key = deps.decryptString(stored);
      return Buffer.from(key, 'base64').byteLength === KEY_BYTES
        ? { kind: 'osSecretStore', key }
        : { kind: 'failed' };
    } catch {
      return { kind: 'failed' };
    }
  }
  const key = toBase64(deps.randomBytes(KEY_BYTES));
  await deps.write(deps.encryptString(key));
  return { kind: 'osSecretStore', key };
}

/** loadDataKey once per process: every later ask gets the same answer (the page may reload). */
export function dataKeyProvider(deps: DataKeyDeps): () => Promise<DataKeyAnswer> {
  let answer: Promise<DataKeyAnswer> | null = null;
  return () => {
    answer ??= loadDataKey(deps).catch((): DataKeyAnswer => {
      answer = null;
      return { kind: 'failed' };
    });
    return answer;
  };
}
