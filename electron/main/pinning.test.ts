import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CERTIFICATE_VERDICT, certificatePin, hubCertificateVerdict } from './pinning';

/** A certificate made by openssl, with its pin computed by openssl too (not by our code). */
function certificate(name: string): { pem: string; pin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'akimat-pin-'));
  const cert = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-subj',
      `/CN=${name}`,
      '-days',
      '2',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  const spki = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-pubkey']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: spki });
  const pin = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString(
    'base64',
  );
  return { pem: readFileSync(cert, 'utf8'), pin };
}

describe('pinning the hub key in the shell', () => {
  const hub = certificate('hub.akk.example');
  const other = certificate('impostor');

  test('the pin of a certificate is SHA-256 over its SubjectPublicKeyInfo', () => {
    expect(certificatePin(hub.pem)).toBe(hub.pin);
    expect(certificatePin('not a certificate')).toBeNull();
  });

  test("the joined hub's host is accepted with the pinned key and refused with any other", () => {
    const link = { hubUrl: 'https://hub.akk.example:8470', hubKeyPin: hub.pin };
    expect(
      hubCertificateVerdict({ hostname: 'hub.akk.example', certificatePem: hub.pem }, link),
    ).toBe(CERTIFICATE_VERDICT.accept);
    expect(
      hubCertificateVerdict({ hostname: 'HUB.akk.example', certificatePem: other.pem }, link),
    ).toBe(CERTIFICATE_VERDICT.refuse);
    expect(
      hubCertificateVerdict({ hostname: 'hub.akk.example', certificatePem: 'garbage' }, link),
    ).toBe(CERTIFICATE_VERDICT.refuse);
  });

  test('other hosts, and a hub not joined yet, are left to the platform', () => {
    const link = { hubUrl: 'https://hub.akk.example', hubKeyPin: hub.pin };
    expect(
      hubCertificateVerdict({ hostname: 'example.org', certificatePem: other.pem }, link),
    ).toBe(CERTIFICATE_VERDICT.platformDecides);
    expect(
      hubCertificateVerdict(
        { hostname: 'hub.akk.example', certificatePem: other.pem },
        { hubUrl: 'https://hub.akk.example', hubKeyPin: '' },
      ),
    ).toBe(CERTIFICATE_VERDICT.platformDecides);
  });
});
