import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { DatabaseConfig } from '../config';

export interface QueryResult<Row> {
  rows: Row[];
}

/**
 * How a result comes back. `binary`: in PostgreSQL's binary format, so a bytea column arrives as its
 * bytes instead of as hex text (half the bytes on the socket, no hex to write or read); text, float8
 * and bigint columns read the same in both formats. PGlite hands bytea over as bytes either way.
 */
export interface QueryOptions {
  readonly binary?: boolean;
}

/** The part of a database the hub uses; the same SQL runs on PostgreSQL and on PGlite. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface HubDatabase extends Queryable {
  readonly kind: DatabaseConfig['kind'];
  /** Runs `work` in one transaction: all of it is saved, or none. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** bytea in the binary format as its bytes (node-postgres would make a string of them). */
const BYTEA = 17;
const binaryTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === BYTEA && format === 'binary'
      ? (value: Buffer) => value
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A query for node-postgres, which reads `binary` (pg/lib/query.js) though its types leave it out. */
export function pgQuery(sql: string, params: unknown[], options: QueryOptions): pg.QueryConfig {
  const config: pg.QueryConfig = { text: sql, values: params };
  return options.binary ? Object.assign(config, { binary: true, types: binaryTypes }) : config;
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
    query: async <Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}) => {
      const r = await pool.query(pgQuery(sql, params, options));
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
          query: async <Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}) => {
            const r = await client.query(pgQuery(sql, params, options));
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
