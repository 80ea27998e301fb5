import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../src/config';
import type { HubDatabase, Queryable } from '../src/db';

/**
 * The two databases every hub test runs against: a fresh database in the throwaway PostgreSQL
 * cluster, and a fresh embedded PGlite folder.
 */
export interface TestDatabase {
  config: DatabaseConfig;
  dispose(): Promise<void>;
}

export const DATABASE_KINDS = ['postgresql', 'pglite'] as const;

export async function freshDatabase(kind: DatabaseConfig['kind']): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'akimat-pglite-'));
    return {
      config: { kind, dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const base = new URL(inject('postgresUrl'));
  const name = `hub_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { kind, url: url.toString() },
    dispose: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A hub database over one PostgreSQL client whose transaction the test opens and commits itself: two
 * of them are two hub processes with a push each under way.
 */
export function onClient(client: pg.Client): HubDatabase {
  const queryable: Queryable = {
    query: async <Row>(sql: string, params: unknown[] = []) => ({
      rows: (await client.query(sql, params)).rows as Row[],
    }),
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
  return {
    ...queryable,
    kind: 'postgresql',
    transaction: (work) => work(queryable),
    close: async () => {},
  };
}
