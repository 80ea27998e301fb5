import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubDatabase } from './database';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in order; numbers must run 1, 2, 3… without gaps or twins. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_RE.exec(file);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 1..n; found ${m.version} at ${i + 1}`);
  });
  return migrations;
}

/** The advisory lock every hub process takes to migrate: one migrates, the others wait and see. */
const MIGRATION_LOCK = 8_470_001;

/**
 * Applies the migrations not yet recorded, each in its own transaction, and records it. Each such
 * transaction first takes an advisory lock and looks again whether the migration is recorded, so hub
 * processes starting together on one database migrate one after the other and the later ones find
 * the work done (without it, two first starts both created the tables and one died). A migration
 * that landed is never edited: if a recorded checksum differs from the file, the hub refuses to start.
 */
export async function migrate(db: HubDatabase, migrations: Migration[]): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const done: number[] = [];
  for (const m of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query<{ checksum: string }>(
        'select checksum from schema_migrations where version = $1',
        [m.version],
      );
      const recorded = rows[0]?.checksum;
      if (recorded !== undefined) {
        if (recorded !== m.checksum) {
          throw new Error(`Migration ${m.version} (${m.name}) was edited after it was applied`);
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query(
        'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
        [m.version, m.name, m.checksum],
      );
      return true;
    });
    if (applied) done.push(m.version);
  }
  return done;
}
