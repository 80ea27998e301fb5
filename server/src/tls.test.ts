import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrollReplySchema, SYNC_PROTOCOL_VERSION } from '../../shared/sync';
import { freshDatabase, type TestDatabase } from '../test/databases';
import { readHubConfig } from './config';
import { startHub, type RunningHub } from './hub';
import { addDistrict, addOffice, createEnrollmentCode } from './registry/registry';
import { spkiPin } from './tls';

/** A throwaway P-256 certificate for 127.0.0.1, made by openssl (Debian's), not by our code. */
function makeCertificate(dir: string): { cert: string; key: string; pin: string } {
  const cert = join(dir, 'hub.crt');
  const key = join(dir, 'hub.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=hub.test',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  // The pin as any TLS tool computes it: SHA-256 over the DER SubjectPublicKeyInfo, in base64.
  const spki = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-pubkey']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: spki });
  const pin = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString(
    'base64',
  );
  return { cert, key, pin };
}

function call(
  url: string,
  options: { method?: string; body?: unknown; ca?: Buffer },
): Promise<{ status: number; body: unknown }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : null,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

describe('the hub over HTTPS with its own certificate', () => {
  let dir: string;
  let testDb: TestDatabase;
  let hub: RunningHub;
  let material: { cert: string; key: string; pin: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'akimat-tls-'));
    material = makeCertificate(dir);
    testDb = await freshDatabase('pglite');
    hub = await startHub({
      ...readHubConfig({
        HUB_PORT: '0',
        LOG_LEVEL: 'silent',
        HUB_TLS_CERT: material.cert,
        HUB_TLS_KEY: material.key,
      }),
      database: testDb.config,
    });
  });
  afterAll(async () => {
    await hub.stop();
    await testDb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('answers over TLS only, and hands a joining desk the pin of its key', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(material.cert);
    expect((await call(`${hub.url}/v1/hello`, { ca })).status).toBe(200);
    // Plain HTTP to the same port gets no hub answer.
    const plain = call(hub.url.replace('https:', 'http:') + '/v1/hello', {}).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(await plain).not.toBe(200);

    await addDistrict(hub.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    await addOffice(
      hub.db,
      { districtCode: 'AKK', code: 'KZL01', kind: 'akimat', nameKk: 'К', nameRu: 'К' },
      'admin',
    );
    const made = await createEnrollmentCode(hub.db, { officeCode: 'KZL01' }, 'admin', Date.now());
    if (!made.ok) throw new Error(made.reason);
    const enrolled = await call(`${hub.url}/v1/enroll`, {
      method: 'POST',
      ca,
      body: {
        protocol: SYNC_PROTOCOL_VERSION,
        code: made.value.code,
        devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
        deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
      },
    });
    expect(enrolled.status).toBe(200);
    const reply = enrollReplySchema.parse(enrolled.body);
    expect(reply.hubKeyPin).toBe(material.pin);
    expect(spkiPin(readFileSync(material.cert))).toBe(material.pin);
  });

  test('a desk that does not trust the certificate gets no connection', async () => {
    await expect(call(`${hub.url}/v1/hello`, {})).rejects.toThrow(/self.signed|certificate/i);
  });
});
