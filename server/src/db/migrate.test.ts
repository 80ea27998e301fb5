import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { openDatabase, type HubDatabase } from './database';
import { migrate, readMigrations } from './migrate';

async function migrationDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'akimat-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let testDb: TestDatabase;
  let db: HubDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb.dispose();
  });

  test('applies the project migrations once and records them', async () => {
    testDb = await freshDatabase(kind);
    db = await openDatabase(testDb.config);
    const migrations = await readMigrations();
    expect(await migrate(db, migrations)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db, migrations)).toEqual([]);
    const { rows } = await db.query<{ version: number }>('select version from schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  test('a failing migration leaves nothing half-applied', async () => {
    testDb = await freshDatabase(kind);
    db = await openDatabase(testDb.config);
    const dir = await migrationDir({
      '0001_good.sql': 'create table a (x int);',
      '0002_bad.sql': 'create table b (y int); insert into missing_table values (1);',
    });
    await expect(migrate(db, await readMigrations(dir))).rejects.toThrow();
    const { rows } = await db.query<{ version: number }>('select version from schema_migrations');
    expect(rows.map((r) => r.version)).toEqual([1]);
    const tables = await db.query<{ n: string }>(
      "select count(*)::text as n from information_schema.tables where table_name = 'b'",
    );
    expect(tables.rows[0]?.n).toBe('0');
  });

  test('hub processes starting together on one database migrate once, one after the other', async () => {
    testDb = await freshDatabase(kind);
    if (kind === 'pglite') return; // the embedded database has one owner: no second process
    db = await openDatabase(testDb.config);
    const others = await Promise.all([1, 2, 3].map(() => openDatabase(testDb.config)));
    try {
      const migrations = await readMigrations();
      const results = await Promise.all([db, ...others].map((d) => migrate(d, migrations)));
      // Every migration applied exactly once, by whichever process got there first.
      expect(results.flat().sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
      const { rows } = await db.query<{ n: string }>(
        'select count(*)::text as n from schema_migrations',
      );
      expect(Number(rows[0]?.n)).toBe(migrations.length);
    } finally {
      for (const other of others) await other.close();
    }
  });

  test('refuses to start when a landed migration was edited', async () => {
    testDb = await freshDatabase(kind);
    db = await openDatabase(testDb.config);
    const dir = await migrationDir({ '0001_a.sql': 'create table a (x int);' });
    await migrate(db, await readMigrations(dir));
    await writeFile(join(dir, '0001_a.sql'), 'create table a (x bigint);');
    await expect(migrate(db, await readMigrations(dir))).rejects.toThrow(/edited/);
  });
});

describe('migration files', () => {
  test('must be numbered without gaps', async () => {
    const dir = await migrationDir({ '0001_a.sql': 'select 1;', '0003_c.sql': 'select 1;' });
    await expect(readMigrations(dir)).rejects.toThrow(/numbered/);
  });
});
