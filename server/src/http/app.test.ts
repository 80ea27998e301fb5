import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { hubHelloSchema, protocolMismatch, SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import { buildHubApp } from './app';
import { openDatabase, migrate, readMigrations } from '../db';
import { loggerOptions } from '../logging';

describe.each(DATABASE_KINDS)('hub on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  test('answers /healthz and /v1/info over HTTP', async () => {
    testDb = await freshDatabase(kind);
    const config = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    };
    hub = await startHub(config);
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const info = await (await fetch(`${hub.url}/v1/info`)).json();
    expect(info).toEqual({
      name: 'Akimat Desk hub',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      protocolVersion: SYNC_PROTOCOL_VERSION,
      database: kind,
    });
    // The sync handshake: a desk of this code's protocol may sync, and the hub's clock is near ours.
    const hello = hubHelloSchema.parse(await (await fetch(`${hub.url}/v1/hello`)).json());
    expect(protocolMismatch(SYNC_PROTOCOL_VERSION, hello)).toBeNull();
    expect(Math.abs(hello.hubTimeMs - Date.now())).toBeLessThan(60_000);
  });

  test('stops gracefully: requests are refused afterwards and stop can be repeated', async () => {
    testDb = await freshDatabase(kind);
    const config = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    };
    hub = await startHub(config);
    const url = hub.url;
    await hub.stop();
    await hub.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('hub logs', () => {
  test('never contain personal data from a query string', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db, await readMigrations());
    const options = loggerOptions('info');
    const app = await buildHubApp({
      db,
      logger: { ...(typeof options === 'object' ? options : {}), stream: sink },
    });
    await app.inject({ method: 'GET', url: '/v1/info?iin=900101300126&name=Әлия' });
    app.log.info({ applicant: { iin: '900101300126', name: 'Әлия' } }, 'case received');
    await app.close();
    await db.close();
    const log = lines.join('');
    expect(log).toContain('/v1/info');
    expect(log).not.toContain('900101300126');
    expect(log).not.toContain('Әлия');
  });

  test('an unknown route or a broken body gets a code, never the URL or a stack', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db, await readMigrations());
    const app = await buildHubApp({ db, logger: false });
    const missing = await app.inject({ method: 'GET', url: '/v1/people?iin=900101300126' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'hub:errors.notFound' });
    expect(missing.body).not.toContain('900101300126');
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": "Әлия 900101300126',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ code: 'sync:errors.badBody' });
    const huge = await app.inject({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'x'.repeat(10_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual({ code: 'sync:errors.tooLarge' });
    await app.close();
    await db.close();
  });

  test('a request naming another host is refused; a desk past its rate is told to wait', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db, await readMigrations());
    const app = await buildHubApp({
      db,
      logger: false,
      allowedHosts: ['127.0.0.1', 'hub.akk.example'],
      rateLimitPerMinute: 3,
    });
    const hello = (host: string, authorization?: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/hello',
        headers: { host, ...(authorization ? { authorization } : {}) },
      });
    expect((await hello('hub.akk.example:8470')).statusCode).toBe(200);
    const stray = await hello('evil.example');
    expect(stray.statusCode).toBe(421);
    expect(stray.json()).toEqual({ code: 'hub:errors.host' });
    // A refused host is not counted: two more pass, the fourth is over the limit of three.
    expect((await hello('127.0.0.1:8470')).statusCode).toBe(200);
    expect((await hello('127.0.0.1:8470')).statusCode).toBe(200);
    const limited = await hello('127.0.0.1:8470');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'hub:errors.rateLimited' });
    // Another desk (its own credential) has its own count.
    expect((await hello('127.0.0.1:8470', `Bearer ${'k'.repeat(43)}`)).statusCode).toBe(200);
    await app.close();
    await db.close();
  });

  test('serves the desk with its Content-Security-Policy when asked to', async () => {
    const deskDir = await mkdtemp(join(tmpdir(), 'akimat-desk-'));
    await writeFile(join(deskDir, 'index.html'), '<!doctype html><title>desk</title>');
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db, await readMigrations());
    const app = await buildHubApp({ db, logger: false, deskDir });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain(`script-src 'self'`);
    await app.close();
    await db.close();
  });
});

describe('cross-origin access', () => {
  test('the Electron desk origin may call the hub, other origins may not', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(db, await readMigrations());
    const app = await buildHubApp({ db, logger: false });
    const allowed = await app.inject({
      method: 'GET',
      url: '/v1/info',
      headers: { origin: 'app://desk' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('app://desk');
    const other = await app.inject({
      method: 'GET',
      url: '/v1/info',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await app.close();
    await db.close();
  });
});
