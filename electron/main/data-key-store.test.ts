import { describe, expect, test } from 'vitest';
import { dataKeyProvider, loadDataKey, type DataKeyDeps } from './data-key-store';

/** A fake secret store: "encryption" reverses and tags the text, so a test sees what went to disk. */
function fakeStore(overrides: Partial<DataKeyDeps> = {}) {
  let disk: Uint8Array | null = null;
  const deps: DataKeyDeps = {
    isEncryptionAvailable: () => true,
    storageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => new TextEncoder().encode(`sealed:${[...plain].reverse().join('')}`),
    decryptString: (encrypted) => {
      const text = new TextDecoder().decode(encrypted);
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return [...text.slice(7)].reverse().join('');
    },
    read: () => Promise.resolve(disk),
    write: (encrypted) => {
      disk = encrypted;
      return Promise.resolve();
    },
    randomBytes: (size) => new Uint8Array(size).map((_, i) => i + 1),
    ...overrides,
  };
  return { deps, disk: () => disk, setDisk: (bytes: Uint8Array) => (disk = bytes) };
}

describe('the data key in the OS secret store (issue 11 §1)', () => {
  test('makes a 32-byte key once, keeps only the secret store ciphertext on disk, and reads it back', async () => {
    const store = fakeStore();
    const first = await loadDataKey(store.deps);
    expect(first.kind).toBe('osSecretStore');
    const key = first.kind === 'osSecretStore' ? first.key : '';
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const onDisk = new TextDecoder().decode(store.disk() ?? new Uint8Array());
    expect(onDisk).not.toContain(key);
    expect(await loadDataKey({ ...store.deps, randomBytes: () => new Uint8Array(32) })).toEqual(
      first,
    );
  });

  test('says the data is not protected when there is no secret store or Linux keeps only basic_text', async () => {
    expect(await loadDataKey(fakeStore({ isEncryptionAvailable: () => false }).deps)).toEqual({
      kind: 'notProtected',
      reason: 'noSecretStore',
    });
    const basic = fakeStore({ storageBackend: () => 'basic_text' });
    expect(await loadDataKey(basic.deps)).toEqual({
      kind: 'notProtected',
      reason: 'noSecretStore',
    });
    expect(basic.disk()).toBeNull();
  });

  test('never replaces a stored key the secret store cannot open (another OS login)', async () => {
    const store = fakeStore();
    store.setDisk(new TextEncoder().encode('someone else'));
    expect(await loadDataKey(store.deps)).toEqual({ kind: 'failed' });
    expect(new TextDecoder().decode(store.disk() ?? new Uint8Array())).toBe('someone else');
  });

  test('the provider asks the store once per process', async () => {
    let reads = 0;
    const store = fakeStore();
    const provider = dataKeyProvider({
      ...store.deps,
      read: () => {
        reads += 1;
        return store.deps.read();
      },
    });
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a).toEqual(b);
    expect(reads).toBe(1);
  });
});
