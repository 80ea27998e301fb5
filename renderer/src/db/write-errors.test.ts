import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DeskDatabase } from './database';
import {
  attemptWrite,
  openDeskDatabase,
  openFailureReason,
  writeFailureReason,
} from './write-errors';

const opened: Dexie[] = [];
const raw: IDBDatabase[] = [];
afterEach(async () => {
  for (const connection of raw.splice(0)) connection.close();
  for (const db of opened.splice(0)) await db.delete();
  vi.restoreAllMocks();
});

function freshDb(name = `t-${crypto.randomUUID()}`): DeskDatabase {
  const db = new DeskDatabase(name);
  opened.push(db);
  return db;
}

/** What a write threw, or a failure of the test when it did not throw. */
async function thrownBy(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('the write did not fail');
}

/** A raw IndexedDB connection, as another window of the desk would hold it. */
function rawOpen(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => {
      raw.push(request.result);
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('what a failed write tells the person', () => {
  test('a write to a closed database says the database was closed', async () => {
    const db = freshDb();
    await db.open();
    db.close();
    const error = await thrownBy(() => db.settings.put({ key: 'k', value: 1 }));
    expect(error).toBeInstanceOf(Dexie.DatabaseClosedError);
    expect(writeFailureReason(error)).toBe('common:writeErrors.closed');
  });

  test('an aborted transaction says nothing was saved and to try again', async () => {
    const db = freshDb();
    const error = await thrownBy(() =>
      db.transaction('rw', db.settings, (tx) => {
        db.settings.put({ key: 'k', value: 1 }).catch(() => undefined);
        tx.abort();
      }),
    );
    expect(error).toBeInstanceOf(Dexie.AbortError);
    expect(writeFailureReason(error)).toBe('common:writeErrors.aborted');
    expect(await db.settings.get('k')).toBeUndefined();
    // Work that goes on in a transaction already aborted.
    const inactive = await thrownBy(() =>
      db.transaction('rw', db.settings, async (tx) => {
        await db.settings.put({ key: 'k', value: 1 });
        tx.abort();
        await db.settings.get('k');
      }),
    );
    expect(writeFailureReason(inactive)).toBe('common:writeErrors.aborted');
    expect(await db.settings.get('k')).toBeUndefined();
  });

  test('a full disk is found through Dexie’s wrappers', async () => {
    const db = freshDb();
    db.settings.hook('creating', () => {
      throw quota();
    });
    const inTransaction = await thrownBy(() =>
      db.transaction('rw', db.settings, () => db.settings.add({ key: 'k', value: 1 })),
    );
    expect(writeFailureReason(inTransaction)).toBe('common:writeErrors.diskFull');
    const bulk = await thrownBy(() => db.settings.bulkAdd([{ key: 'a', value: 1 }]));
    expect(writeFailureReason(bulk)).toBe('common:writeErrors.diskFull');
    // The way IndexedDB reports it: the transaction aborts, its error is the quota.
    expect(writeFailureReason(new Dexie.AbortError('aborted', quota()))).toBe(
      'common:writeErrors.diskFull',
    );
  });

  test('anything else is an unknown failure, never the raw text', () => {
    expect(writeFailureReason(new TypeError('x is undefined'))).toBe('common:writeErrors.unknown');
    expect(writeFailureReason(new Dexie.ConstraintError('Key already exists'))).toBe(
      'common:writeErrors.unknown',
    );
    expect(writeFailureReason('boom')).toBe('common:writeErrors.unknown');
    expect(writeFailureReason(null)).toBe('common:writeErrors.unknown');
  });

  test('attemptWrite passes a result through and turns an exception into a value', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await attemptWrite(() => Promise.resolve({ ok: false, reason: 'case:x' }))).toEqual({
      ok: false,
      reason: 'case:x',
    });
    const db = freshDb();
    await db.open();
    db.close();
    expect(await attemptWrite(() => db.settings.put({ key: 'k', value: 1 }))).toEqual({
      ok: false,
      reason: 'common:writeErrors.closed',
    });
  });
});

describe('opening the database at start', () => {
  test('opens a fresh database', async () => {
    expect(await openDeskDatabase(freshDb())).toEqual({ ok: true });
  });

  test('says at once when another window holds an older version open', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const name = `t-${crypto.randomUUID()}`;
    // Another window that does not let go (an old desk that ignores versionchange).
    const other = await rawOpen(name, 1);
    const db = freshDb(name);
    expect(await openDeskDatabase(db, 50)).toEqual({
      ok: false,
      reason: 'common:startup.reasons.blocked',
    });
    other.close();
  });

  test('a window that lets go when asked does not count as blocking', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const other = await rawOpen(name, 1);
    // Another desk window closes its connection when a newer version asks, a moment later.
    other.onversionchange = () => setTimeout(() => other.close(), 20);
    expect(await openDeskDatabase(freshDb(name), 1_000)).toEqual({ ok: true });
  });

  test('other open failures are named by their cause', () => {
    // Dexie opens data of a newer desk when its tables still fit; when they do not, it says so.
    expect(openFailureReason(new Dexie.VersionError('newer'))).toBe(
      'common:startup.reasons.newerVersion',
    );
    expect(openFailureReason(new Dexie.UpgradeError('x'))).toBe('common:startup.reasons.unknown');
    expect(openFailureReason(new Dexie.OpenFailedError('x', quota()))).toBe(
      'common:startup.reasons.diskFull',
    );
    expect(openFailureReason(new Dexie.MissingAPIError('no indexedDB'))).toBe(
      'common:startup.reasons.unavailable',
    );
    expect(openFailureReason(new Error('?'))).toBe('common:startup.reasons.unknown');
  });
});
