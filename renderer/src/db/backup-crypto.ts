// The primitives a backup needs (shared/backup BackupPrimitives), from well-kept libraries: argon2id
// from hash-wasm (WebAssembly; the desk's CSP allows 'wasm-unsafe-eval' for it), X25519 from
// @noble/curves (audited, pure JS), AES-GCM and HKDF from the page's WebCrypto, randomness from
// crypto.getRandomValues.
import { x25519 } from '@noble/curves/ed25519.js';
import { argon2id } from 'hash-wasm';
import type { Argon2idParams, BackupPrimitives } from '../../../shared/backup';

export function backupPrimitives(): BackupPrimitives {
  return {
    subtle: crypto.subtle,
    async argon2id(passphrase: string, salt: Uint8Array<ArrayBuffer>, params: Argon2idParams) {
      const out = await argon2id({
        password: passphrase,
        salt,
        iterations: params.iterations,
        parallelism: params.parallelism,
        memorySize: params.memoryKiB,
        hashLength: 32,
        outputType: 'binary',
      });
      return new Uint8Array(out);
    },
    x25519PublicKey: (privateKey) => new Uint8Array(x25519.getPublicKey(privateKey)),
    x25519SharedSecret: (privateKey, publicKey) =>
      new Uint8Array(x25519.getSharedSecret(privateKey, publicKey)),
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
  };
}
