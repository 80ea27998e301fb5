import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../test/databases';
import { ENROLLMENT_CODE, SYNC_PROTOCOL_VERSION } from '../../shared/sync';
import { readHubConfig, type HubConfig } from './config';
import { runCli } from './cli';
import { openDatabase } from './db';
import { enrollDevice } from './registry/registry';

describe.each(DATABASE_KINDS)('npm run hub -- <command> on %s', (kind) => {
  let testDb: TestDatabase;
  afterEach(async () => {
    await testDb.dispose();
  });

  async function run(config: HubConfig, language: 'kk' | 'ru', ...args: string[]) {
    const lines: string[] = [];
    const code = await runCli(args, config, { language, actor: 'cli:test' }, (l) => lines.push(l));
    return { code, lines };
  }

  test('the admin registers a district and an office and makes a one-time code a desk can use', async () => {
    testDb = await freshDatabase(kind);
    const config = { ...readHubConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
    expect(
      await run(
        config,
        'ru',
        'district',
        'add',
        '--code',
        'AKK',
        '--name-kk',
        'Ақкөл ауданы',
        '--name-ru',
        'Аккольский район',
      ),
    ).toEqual({ code: 0, lines: ['Район AKK зарегистрирован.'] });
    expect(
      (
        await run(
          config,
          'kk',
          'office',
          'add',
          '--district',
          'AKK',
          '--code',
          'KZL01',
          '--kind',
          'akimat',
          '--name-kk',
          'Қызылсай ауылдық округі әкімінің аппараты',
          '--name-ru',
          'Аппарат акима Кызылсайского сельского округа',
        )
      ).lines,
    ).toEqual(['KZL01 кеңсесі тіркелді.']);
    const enrolled = await run(config, 'ru', 'enroll', '--office', 'KZL01', '--hours', '24');
    expect(enrolled.code).toBe(0);
    const code = /: (\S+)$/.exec(enrolled.lines[0] ?? '')?.[1] ?? '';
    expect(code).toMatch(ENROLLMENT_CODE);
    expect(enrolled.lines[1]).toMatch(
      /^Код действует один раз, до \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );

    const db = await openDatabase(config.database);
    try {
      const result = await enrollDevice(
        db,
        {
          protocol: SYNC_PROTOCOL_VERSION,
          code,
          devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
          deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
        },
        Date.now(),
      );
      expect(result).toMatchObject({ ok: true, reply: { deviceNo: 1, officeCode: 'KZL01' } });
    } finally {
      await db.close();
    }
  });

  test('a wrong or incomplete command says what is wrong in the admin’s language', async () => {
    testDb = await freshDatabase(kind);
    const config = { ...readHubConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
    expect(await run(config, 'kk', 'enroll')).toEqual({
      code: 2,
      lines: ['Мына параметрлер керек: --office'],
    });
    expect(await run(config, 'ru', 'enroll', '--office', 'NOPE')).toEqual({
      code: 1,
      lines: ['Учреждения с таким кодом нет.'],
    });
    expect((await run(config, 'ru', 'dance')).code).toBe(2);
  });
});
