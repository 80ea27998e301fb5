import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { buildHubApp } from '../http/app';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
} from '../registry/registry';
import { parseChannelFile } from './channel-file';
import { createUpdateFeed, sha512OfFile } from './feed';

const INSTALLER = 'Akimat-Desk-Setup-0.2.0.exe';
const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

/** latest.yml as electron-builder writes it (serializeToYaml of its UpdateInfo). */
function latestYml(installer: Uint8Array, name = INSTALLER): string {
  const hash = sha512(installer);
  return [
    'version: 0.2.0',
    'files:',
    `  - url: ${name}`,
    `    sha512: ${hash}`,
    `    size: ${installer.byteLength}`,
    '    isAdminRightsRequired: false',
    `path: ${name}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-01-15T10:00:00.000Z'",
    '',
  ].join('\n');
}

async function feedFolder(installer: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'akimat-updates-'));
  await writeFile(join(dir, INSTALLER), installer);
  await writeFile(join(dir, `${INSTALLER}.blockmap`), randomBytes(64));
  await writeFile(join(dir, 'latest.yml'), latestYml(installer));
  await writeFile(join(dir, 'notes-for-the-admin.txt'), 'not for desks');
  return dir;
}

describe('the channel file', () => {
  test('reads what electron-builder writes, release notes included', () => {
    const bytes = randomBytes(100);
    const text = `${latestYml(bytes)}releaseNotes: |-\n  Жаңа нұсқа.\n  Новая версия.\n`;
    const parsed = parseChannelFile(text);
    expect(parsed).toEqual({
      ok: true,
      channel: {
        version: '0.2.0',
        files: [{ url: INSTALLER, sha512: sha512(bytes), size: 100 }],
        path: INSTALLER,
        sha512: sha512(bytes),
        releaseDate: '2026-01-15T10:00:00.000Z',
      },
    });
  });

  test('refuses another shape, a bad hash or no version', () => {
    expect(parseChannelFile('version: [1, 2]\n  - x')).toEqual({ ok: false, line: 2 });
    expect(parseChannelFile('files:\n  - url: a.exe\n    sha512: abc\n').ok).toBe(false);
    expect(parseChannelFile(latestYml(randomBytes(9)).replace('version: 0.2.0', '')).ok).toBe(
      false,
    );
  });
});

describe('the feed folder', () => {
  test('a channel file whose installer does not match is refused, and its installer not served', async () => {
    const installer = randomBytes(4096);
    const dir = await feedFolder(installer);
    try {
      const feed = createUpdateFeed(dir);
      expect(await feed.lookup('latest.yml')).toMatchObject({ kind: 'channel' });
      expect(await feed.lookup(INSTALLER)).toMatchObject({ kind: 'file', size: 4096 });
      // The admin copies a different build over the installer (same size, other bytes).
      const other = randomBytes(4096);
      await writeFile(join(dir, INSTALLER), other);
      expect(await sha512OfFile(join(dir, INSTALLER))).toBe(sha512(other));
      expect(await feed.lookup('latest.yml')).toMatchObject({
        kind: 'mismatch',
        why: `${INSTALLER}: sha512 does not match`,
      });
      expect(await feed.lookup(INSTALLER)).toEqual({ kind: 'notFound' });
      expect(await feed.lookup(`${INSTALLER}.blockmap`)).toEqual({ kind: 'notFound' });
      // A half-copied one is refused by its size.
      await writeFile(join(dir, INSTALLER), installer.subarray(0, 1000));
      expect(await feed.lookup('latest.yml')).toMatchObject({ kind: 'mismatch' });
      // The right file again: served again.
      await writeFile(join(dir, INSTALLER), installer);
      expect(await feed.lookup('latest.yml')).toMatchObject({ kind: 'channel' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('serves nothing the channel files do not name, and nothing outside the folder', async () => {
    const dir = await feedFolder(randomBytes(10));
    try {
      const feed = createUpdateFeed(dir);
      for (const name of [
        'notes-for-the-admin.txt',
        '../etc/passwd',
        '.hidden',
        'latest-mac.yml',
      ]) {
        expect(await feed.lookup(name)).toEqual({ kind: 'notFound' });
      }
      expect(await feed.lookup(`${INSTALLER}.blockmap`)).toMatchObject({ kind: 'file' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DATABASE_KINDS)('GET /v1/updates on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub;
  let dir: string;
  let installer: Buffer;
  let credential: string;
  let revokedCredential: string;

  async function enroll(office: string): Promise<{ credential: string; deviceId: string }> {
    const made = await createEnrollmentCode(hub.db, { officeCode: office }, 'test', Date.now());
    if (!made.ok) throw new Error(made.reason);
    const enrolled = await enrollDevice(
      hub.db,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        code: made.value.code,
        devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
        deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
      },
      Date.now(),
    );
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const known = await authenticateDevice(hub.db, enrolled.reply.credential);
    if (!known.ok) throw new Error(known.reason);
    return { credential: enrolled.reply.credential, deviceId: known.device.id };
  }

  beforeAll(async () => {
    testDb = await freshDatabase(kind);
    installer = randomBytes(256 * 1024);
    dir = await feedFolder(installer);
    hub = await startHub({
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent', HUB_UPDATES_DIR: dir }),
      database: testDb.config,
    });
    await addDistrict(hub.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'test');
    await addOffice(
      hub.db,
      { districtCode: 'AKK', code: 'KZL01', kind: 'akimat', nameKk: 'KZL01', nameRu: 'KZL01' },
      'test',
    );
    credential = (await enroll('KZL01')).credential;
    const revoked = await enroll('KZL01');
    revokedCredential = revoked.credential;
    const done = await revokeDevice(hub.db, revoked.deviceId, 'test', Date.now());
    if (!done.ok) throw new Error(done.reason);
  });

  afterAll(async () => {
    await hub.stop();
    await testDb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, auth: string | null, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}/v1/updates/${path}`, {
      headers: { ...headers, ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    });

  test('only an enrolled, non-revoked desk gets the feed', async () => {
    const none = await get('latest.yml', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 'sync:errors.unknownDevice' });
    expect((await get('latest.yml', revokedCredential)).status).toBe(401);
    expect((await get(INSTALLER, revokedCredential)).status).toBe(401);
    expect((await get('latest.yml', credential)).status).toBe(200);
  });

  test('latest.yml states the sha512 of the installer the hub then serves', async () => {
    const yml = await get('latest.yml', credential);
    expect(yml.headers.get('content-type')).toMatch(/^text\/yaml/);
    const channel = parseChannelFile(await yml.text());
    if (!channel.ok) throw new Error('unreadable');
    const [file] = channel.channel.files;
    expect(file?.url).toBe(INSTALLER);
    const download = await get(encodeURIComponent(file?.url ?? ''), credential);
    expect(download.status).toBe(200);
    const body = Buffer.from(await download.arrayBuffer());
    expect(body.byteLength).toBe(installer.byteLength);
    expect(sha512(body)).toBe(file?.sha512);
    expect(sha512(body)).toBe(sha512(installer));
  });

  test('a byte range of an installer, and no file the feed does not name', async () => {
    const part = await get(INSTALLER, credential, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${installer.byteLength}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(installer.subarray(100, 200))).toBe(true);
    const other = await get('notes-for-the-admin.txt', credential);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ code: 'hub:updates.none' });
    expect((await get('..%2F..%2Fetc%2Fpasswd', credential)).status).toBe(404);
  });

  test('a hub without an update folder says it has no updates', async () => {
    // Another hub process on the same database, started without HUB_UPDATES_DIR.
    const plain = await buildHubApp({ db: hub.db, logger: false });
    try {
      const reply = await plain.inject({
        method: 'GET',
        url: '/v1/updates/latest.yml',
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(reply.statusCode).toBe(404);
      expect(reply.json()).toEqual({ code: 'hub:updates.none' });
    } finally {
      await plain.close();
    }
  });
});
