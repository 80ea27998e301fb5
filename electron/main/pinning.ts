// The shell's half of pinning the hub's key (ARCHITECTURE §5, shared/sync/transport). What must stay
// true:
// - A TLS connection to the joined hub's host goes on only when the certificate's key is the one
//   pinned at enrollment, whatever the platform's own verdict (a district may use its own CA or a
//   self-signed certificate; the pin, not the CA, is the trust).
// - Every other host, and the hub before a pin exists, is left to Chromium's own verification.
// - The pin is the base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as the hub computes it
//   (server/src/tls.ts spkiPin: the same three Node calls; electron/ may not import server/).
import { createHash, X509Certificate } from 'node:crypto';
import { pinMatches } from '../../shared/sync/transport';

/** Electron's setCertificateVerifyProc answers. */
export const CERTIFICATE_VERDICT = {
  accept: 0,
  refuse: -2,
  platformDecides: -3,
} as const;
export type CertificateVerdict = (typeof CERTIFICATE_VERDICT)[keyof typeof CERTIFICATE_VERDICT];

export function certificatePin(certificatePem: string): string | null {
  try {
    const spki = new X509Certificate(certificatePem).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    return createHash('sha256').update(spki).digest('base64');
  } catch {
    return null;
  }
}

export function hubCertificateVerdict(
  connection: { readonly hostname: string; readonly certificatePem: string },
  link: { readonly hubUrl: string; readonly hubKeyPin: string },
): CertificateVerdict {
  let hubHost: string;
  try {
    hubHost = new URL(link.hubUrl).hostname.toLowerCase();
  } catch {
    return CERTIFICATE_VERDICT.platformDecides;
  }
  if (link.hubKeyPin === '' || connection.hostname.toLowerCase() !== hubHost) {
    return CERTIFICATE_VERDICT.platformDecides;
  }
  const seen = certificatePin(connection.certificatePem);
  return seen !== null && pinMatches(link.hubKeyPin, seen)
    ? CERTIFICATE_VERDICT.accept
    : CERTIFICATE_VERDICT.refuse;
}
