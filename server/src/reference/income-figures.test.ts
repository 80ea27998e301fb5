import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { INCOME_FIGURES_SCHEMA, type IncomeFigures } from '../../../shared/income';
import { referenceVersionsSchema, SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { runCli } from '../cli';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { addDistrict, addOffice, createEnrollmentCode, enrollDevice } from '../registry/registry';

// Test amounts only: no official figures are bundled, at the hub or on the desk.
const figures: IncomeFigures = {
  schema: INCOME_FIGURES_SCHEMA,
  version: '2026.1.1',
  figures: [{ kind: 'povertyLine', from: '2026-01-01', amountTiyn: 3_300_000, source: 'test act' }],
};

describe.each(DATABASE_KINDS)('income figures at the hub on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  test('none until installed; figures install reaches desks as data; versions never go back', async () => {
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
      { districtCode: 'AKK', code: 'AKK00', kind: 'district', nameKk: 'Б', nameRu: 'О' },
      'admin',
    );
    const made = await createEnrollmentCode(h.db, { officeCode: 'AKK00' }, 'admin', Date.now());
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
    const versions = await get('/v1/reference');
    expect(referenceVersionsSchema.parse(versions.body).figuresVersion).toBe('');
    expect((await get('/v1/reference/figures')).status).toBe(404);
    expect((await fetch(`${h.url}/v1/reference/figures`)).status).toBe(401);

    const dir = await mkdtemp(join(tmpdir(), 'akimat-figures-'));
    const file = join(dir, 'figures.json');
    await writeFile(file, JSON.stringify(figures));
    const lines: string[] = [];
    const install = (path: string) =>
      runCli(
        ['figures', 'install', '--file', path],
        config,
        { language: 'ru', actor: 'admin' },
        (l) => lines.push(l),
      );
    // The embedded database has one owner at a time: admin commands run while the hub is stopped.
    await h.stop();
    hub = undefined;
    expect(await install(file)).toBe(0);
    expect(lines.at(-1)).toBe('Установлены показатели для расчёта дохода версии 2026.1.1.');
    // The same version again is refused; so is damaged data, checked with the desk's own parser.
    expect(await install(file)).toBe(1);
    expect(lines.at(-1)).toBe('Эта версия не новее той, что на хабе, и не установлена.');
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, JSON.stringify({ ...figures, version: '2027.1.1', figures: [{}] }));
    expect(await install(damaged)).toBe(1);
    expect(lines.at(-1)).toBe('Файл показателей повреждён или неполон: ничего не изменено.');
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{');
    expect(await install(notJson)).toBe(1);

    h = await startHub(config);
    hub = h;
    expect((await get('/v1/reference')).body).toMatchObject({ figuresVersion: '2026.1.1' });
    expect((await get('/v1/reference/figures')).body).toEqual(figures);
  }, 120_000);
});
