// The sync benchmark's peer, in the page beside the desk (sync-bench-entry.ts): the same case
// documents (one per case, holding its events) replicated by PouchDB on the browser's IndexedDB to
// pouchdb-server (on disk, its own process) and from it to a fresh PouchDB, with the batch size of the
// desk's push and pull. PouchDB's browser build has no types of its own: typed here by what is used.
import type { CaseEvent } from '../../../shared/case';

interface PouchDatabase {
  bulkDocs(docs: readonly object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: {
    to(target: PouchDatabase, options: object): Promise<{ docs_written: number }>;
    from(source: PouchDatabase, options: object): Promise<{ docs_written: number }>;
  };
  destroy(): Promise<unknown>;
}
type PouchConstructor = new (name: string, options?: object) => PouchDatabase;

export interface PeerFigures {
  readonly toMs: number;
  readonly fromMs: number;
  readonly docs: number;
}

/**
 * `cases` into a local PouchDB (not timed), replicated to `serverDbUrl` and from it into a fresh
 * local PouchDB, each way timed; `mark` is called before and after each, so the caller can read its
 * own byte counters there.
 */
export async function pouchPeer(
  cases: readonly CaseEvent[][],
  serverDbUrl: string,
  batchSize: number,
  mark: (moment: 'toStart' | 'toEnd' | 'fromStart' | 'fromEnd') => Promise<void>,
): Promise<PeerFigures> {
  const PouchDB = (await import('pouchdb-browser')).default as unknown as PouchConstructor;
  const local = new PouchDB(`bench-local-${crypto.randomUUID()}`);
  const fresh = new PouchDB(`bench-fresh-${crypto.randomUUID()}`);
  try {
    for (let at = 0; at < cases.length; at += 1000) {
      await local.bulkDocs(
        cases.slice(at, at + 1000).map((events) => ({ _id: events[0]?.caseId ?? '', events })),
      );
    }
    const remote = new PouchDB(serverDbUrl);
    await remote.info();
    const batch = { batch_size: batchSize };
    await mark('toStart');
    let start = performance.now();
    const to = await local.replicate.to(remote, batch);
    const toMs = performance.now() - start;
    await mark('toEnd');
    await mark('fromStart');
    start = performance.now();
    await fresh.replicate.from(remote, batch);
    const fromMs = performance.now() - start;
    await mark('fromEnd');
    const docs = (await fresh.info()).doc_count;
    if (to.docs_written !== cases.length || docs !== cases.length) {
      throw new Error(`PouchDB replicated ${to.docs_written} and ${docs} of ${cases.length}`);
    }
    return { toMs, fromMs, docs };
  } finally {
    await local.destroy();
    await fresh.destroy();
  }
}
