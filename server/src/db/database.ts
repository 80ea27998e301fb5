import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { DatabaseConfig } from '../config';

export interface QueryResult<Row> {
  rows: Row[];
}

/** The part of a database the hub uses; the same SQL runs on PostgreSQL and on PGlite. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface HubDatabase extends Queryable {
  readonly kind: DatabaseConfig['kind'];
  /** Runs `work` in one transaction: all of it is saved, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<HubDatabase> {
  return config.kind === 'postgresql' ? openPostgres(config.url) : openPglite(config.dataDir);
}

async function openPostgres(url: string): Promise<HubDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, not at the first request, when the server is unreachable.
  await pool.query('select 1');
  return {
    kind: 'postgresql',
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const r = await pool.query(sql, params);
      return { rows: r.rows as Row[] };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <Row>(sql: string, params: unknown[] = []) => {
            const r = await client.query(sql, params);
            return { rows: r.rows as Row[] };
          },
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<HubDatabase> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const r = await db.query<Row>(sql, params);
      return { rows: r.rows };
    },
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params: unknown[] = []) => {
            const r = await tx.query<Row>(sql, params);
            return { rows: r.rows };
          },
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => db.close(),
  };
}
