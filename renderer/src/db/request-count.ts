// What a desk asks of IndexedDB, for the sync benchmark's page (bench/sync-bench-entry.ts; the desk
// itself never counts): a Dexie middleware nearest to IndexedDB (below the at-rest layer) counting one
// request per row written, read or deleted, and one per query, count or cursor opened (a cursor's
// steps are not counted). Beside the cost of one raw put in the same browser (bench/raw-put.ts), it
// gives the floor no desk code can go under while it stores what it stores.
import type { DBCore, DBCoreTable, Middleware } from 'dexie';

export interface RequestCounter {
  readonly middleware: Middleware<DBCore>;
  /** The requests counted since the last call, by table and kind (e.g. `events.add`), and reset. */
  take(): Record<string, number>;
}

export function requestCounter(): RequestCounter {
  let counts: Record<string, number> = {};
  const bump = (key: string, n: number): void => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  const counted = (name: string, table: DBCoreTable): DBCoreTable => ({
    ...table,
    mutate(req) {
      const n =
        req.type === 'add' || req.type === 'put'
          ? req.values.length
          : 'keys' in req
            ? req.keys.length
            : 1;
      bump(`${name}.${req.type}`, n);
      return table.mutate(req);
    },
    get(req) {
      bump(`${name}.get`, 1);
      return table.get(req);
    },
    getMany(req) {
      bump(`${name}.get`, req.keys.length);
      return table.getMany(req);
    },
    query(req) {
      bump(`${name}.query`, 1);
      return table.query(req);
    },
    count(req) {
      bump(`${name}.count`, 1);
      return table.count(req);
    },
    openCursor(req) {
      bump(`${name}.cursor`, 1);
      return table.openCursor(req);
    },
  });
  return {
    middleware: {
      stack: 'dbcore',
      name: 'BenchRequestCount',
      level: -3,
      create: (down) => ({ ...down, table: (name) => counted(name, down.table(name)) }),
    },
    take() {
      const taken = counts;
      counts = {};
      return taken;
    },
  };
}
