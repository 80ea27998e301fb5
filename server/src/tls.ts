// The hub's TLS material and the pin desks keep of it (ARCHITECTURE §5). What must stay true:
// - The pin is the base64 SHA-256 of the certificate's SubjectPublicKeyInfo (DER): it survives a
//   renewed certificate over the same key, and it is the value the desktop shell computes from the
//   certificate a connection presents (electron/main/pinning.ts) — one definition, shared/sync
//   transport HUB_KEY_PIN.
// - A certificate or key that cannot be read stops the start with the file's role, not its content.
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { HubConfig } from './config';
import { HubConfigError } from './config';

/** base64 SHA-256 of the SubjectPublicKeyInfo of a PEM certificate. */
export function spkiPin(certificatePem: string | Buffer): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}

export interface HubTls {
  /** For the HTTPS server, when the hub holds its own certificate. */
  readonly https: { cert: Buffer; key: Buffer } | null;
  /** What desks pin at enrollment ('' for a loopback hub without TLS). */
  readonly keyPin: string;
}

export async function loadHubTls(tls: HubConfig['tls']): Promise<HubTls> {
  switch (tls.kind) {
    case 'none':
      return { https: null, keyPin: '' };
    case 'proxy':
      return { https: null, keyPin: tls.keyPin };
    case 'own': {
      let cert: Buffer;
      let key: Buffer;
      try {
        cert = await readFile(tls.certFile);
        key = await readFile(tls.keyFile);
      } catch {
        throw new HubConfigError('HUB_TLS_CERT or HUB_TLS_KEY cannot be read');
      }
      let keyPin: string;
      try {
        keyPin = spkiPin(cert);
      } catch {
        throw new HubConfigError('HUB_TLS_CERT is not a PEM certificate');
      }
      return { https: { cert, key }, keyPin };
    }
  }
}
