import { webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { iinControlDigit } from '../../../shared/identity';
import type { SubtleCryptoLike } from '../../../shared/signing';
import { openTsaFile } from '../../../shared/tsa-register';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { runCli } from '../cli';
import { readHubConfig } from '../config';
import { openDatabase } from '../db';
import { hubFileKeys } from '../sync/hub-file-keys';

// Issue 11 §6: the district signs a register file with its hub's file-signing key when it uploads
// it (npm run hub -- tsa upload … --signed <file>), and a desk of the district verifies it with the
// key it got at enrollment. The signing does not depend on the database kind: PGlite only.

const subtle = webcrypto.subtle as unknown as SubtleCryptoLike;

function iin(first11: string): string {
  const control = iinControlDigit(first11);
  if (!control) throw new Error('no control digit');
  return `${first11}${control.digit}`;
}

describe('npm run hub -- tsa upload --signed', () => {
  let testDb: TestDatabase;
  let dir: string;
  afterEach(async () => {
    await testDb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('writes the uploaded bytes signed by the district, which a desk of the district verifies', async () => {
    testDb = await freshDatabase('pglite');
    dir = await mkdtemp(join(tmpdir(), 'akimat-tsa-signed-'));
    const config = { ...readHubConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
    const lines: string[] = [];
    const run = (...args: string[]) =>
      runCli(args, config, { language: 'ru', actor: 'cli:test' }, (l) => lines.push(l));
    expect(
      await run('district', 'add', '--code', 'AKK', '--name-kk', 'Ақкөл', '--name-ru', 'Акколь'),
    ).toBe(0);
    expect(
      await run(
        ...['office', 'add', '--district', 'AKK', '--code', 'KZL01', '--kind', 'akimat'],
        ...['--name-kk', 'Қызылсай', '--name-ru', 'Кызылсай'],
      ),
    ).toBe(0);
    const csv = `ИИН;ФИО;Квартал\n${iin('85031540001')};Сейітова Әйгерім;2026-Q4\n`;
    const input = join(dir, 'kyzylsai-2026-Q4.csv');
    await writeFile(input, csv);
    const out = join(dir, 'kyzylsai');
    expect(await run('tsa', 'upload', '--office', 'KZL01', '--file', input, '--signed', out)).toBe(
      0,
    );
    expect(lines.at(-1)).toContain(`${out}.akimat-tsa`);

    const signed = new Uint8Array(await readFile(`${out}.akimat-tsa`));
    const db = await openDatabase(config.database);
    const keys = await hubFileKeys(db, 'AKK');
    await db.close();
    expect(keys).not.toBeNull();
    if (keys === null) return;
    const opened = await openTsaFile(subtle, signed, {
      districtId: 'AKK',
      hubSigningKey: keys.signingPublicKey,
    });
    expect(opened.ok && new TextDecoder().decode(opened.content)).toBe(csv);
    expect(opened.ok && opened.signature).toMatchObject({
      kind: 'verified',
      facts: { districtId: 'AKK', fileName: 'kyzylsai-2026-Q4.csv' },
    });
  });
});
