import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KZ_CALENDAR_DATA } from '../../../shared/calendar';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { runCli } from '../cli';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { addDistrict, addOffice, createEnrollmentCode, enrollDevice } from '../registry/registry';

describe.each(DATABASE_KINDS)('reference data on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  test('a calendar correction installed at the hub reaches desks as data; versions never go back', async () => {
    testDb = await freshDatabase(kind);
    const config = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    };
    let h = await startHub(config);
    hub = h;
    await addDistrict(h.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    await addOffice(
      h.db,
      { districtCode: 'AKK', code: 'KZL01', kind: 'akimat', nameKk: 'К', nameRu: 'К' },
      'admin',
    );
    const made = await createEnrollmentCode(h.db, { officeCode: 'KZL01' }, 'admin', Date.now());
    if (!made.ok) throw new Error(made.reason);
    const enrolled = await enrollDevice(
      h.db,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        code: made.value.code,
        devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
        deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
      },
      Date.now(),
    );
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const get = async (path: string) => {
      const r = await fetch(`${h.url}${path}`, {
        headers: { authorization: `Bearer ${enrolled.reply.credential}` },
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    expect((await get('/v1/reference')).body).toMatchObject({
      calendarVersion: KZ_CALENDAR_DATA.version,
    });
    expect((await fetch(`${h.url}/v1/reference/calendar`)).status).toBe(401);

    const dir = await mkdtemp(join(tmpdir(), 'akimat-calendar-'));
    const newer = join(dir, 'newer.json');
    await writeFile(newer, JSON.stringify({ ...KZ_CALENDAR_DATA, version: '2099.1.1' }));
    const lines: string[] = [];
    const install = (file: string) =>
      runCli(
        ['calendar', 'install', '--file', file],
        config,
        { language: 'ru', actor: 'admin' },
        (l) => lines.push(l),
      );
    // The embedded database has one owner at a time: admin commands run while the hub is stopped.
    await h.stop();
    hub = undefined;
    expect(await install(newer)).toBe(0);
    expect(lines.at(-1)).toContain('2099.1.1');
    // The same version again, or an older one, is refused; so is damaged data.
    expect(await install(newer)).toBe(1);
    expect(lines.at(-1)).toBe('Эта версия не новее той, что на хабе, и не установлена.');
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, JSON.stringify({ version: '2100.1.1' }));
    expect(await install(damaged)).toBe(1);
    h = await startHub(config);
    hub = h;
    expect((await get('/v1/reference')).body).toMatchObject({ calendarVersion: '2099.1.1' });
    expect((await get('/v1/reference/calendar')).body).toMatchObject({ version: '2099.1.1' });
  });
});
