// The desk database's at-rest layer (at-rest.ts): a Dexie DBCore middleware that seals personal
// fields on every write and opens them on every read, so the store's commands and queries keep their
// one transaction and their plain rows. What must stay true:
// - It sits below Dexie's own middlewares (level -2, nearest to IndexedDB): hooks, the liveQuery
//   cache and observability see plain rows and plain keys, IndexedDB sees only sealed rows and blind
//   keys.
// - WebCrypto answers in a later task, after which an IndexedDB transaction would have committed:
//   holdTransaction keeps it busy with dummy reads until the work settles and resumes the caller from
//   inside a request's callback, where the transaction is active (what Dexie.waitFor does, on the
//   request's own IDBTransaction).
// - A query on a blind field is answered on the blind value: an equal range (or a prefix range, read
//   as an exact value) on an IIN; a name word's prefix on the name index's keys. A range of any other
//   shape on a blind field is refused: it would silently find nothing.
// - A row stored before sealing (no ATREST field) reads as it is; the Dexie upgrade that brought this
//   layer writes every such row again, sealed (database.ts v10).
import type {
  DBCore,
  DBCoreCursor,
  DBCoreIndex,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreQuery,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  blindPrefixes,
  BLIND_MARK,
  blindValue,
  isBlindKnown,
  isSealedValue,
  openValue,
  prefixesOf,
  sealValue,
  type AtRestKeys,
  type SealedValue,
} from './at-rest';

/** The stored row's field holding its sealed fields. */
export const ATREST = 'atRest';
const BLOB_TYPE = '\u0000blobType';
/** name-index.ts's separator between a name word and the rest of the key. */
const NAME_KEY_SEP = '\u0001';
/** Between the blind values of one name-index key's lead (storedNameKey). */
const CHAIN_SEP = '\u0002';
/**
 * How a name-index key holds the blind value of a word's first letter: its mark and 66 of its bits.
 * A search reads every key of a prefix, so shorter keys read faster; two of the few dozen first
 * letters never share 66 bits.
 */
const firstBlind = (blind: string): string => blind.slice(0, 12);
/**
 * ...and of each longer prefix: 36 bits, without the mark. A key's lead only has to tell apart the
 * prefixes that share everything before them (at most a few dozen letters follow any prefix), and
 * two of those share 36 bits with a chance of about 10⁻⁸; that would only add a case to a search's
 * answer.
 */
const nextBlind = (blind: string): string => blind.slice(1, 7);
/** The blind values of a word's prefixes, shortest first, as a name-index key's lead holds them. */
const nameChain = (blinds: readonly string[]): string =>
  blinds.map((b, i) => (i === 0 ? firstBlind(b) : nextBlind(b))).join(CHAIN_SEP);
const MAX_STRING = '\uffff';

/** How one table keeps its personal fields. */
export interface SealedTableSpec {
  /** Fields moved into the sealed value (absent from the stored row). */
  readonly sealed: readonly string[];
  /** Fields kept in the row as a blind value (an IIN): their plain value is sealed. */
  readonly blind?: readonly string[];
  /** A Blob field whose bytes are sealed with the row. */
  readonly blob?: string;
}

/**
 * The desk's personal data, table by table (issue 11 §1): events' payloads, events held from newer
 * desks, people, journal rows' applicant, scans, the recipients register, and the users' PIN hashes
 * and PIN-wrapped signing keys (so guessing a PIN offline needs the data key first).
 */
export const SEALED_TABLES: Readonly<Record<string, SealedTableSpec>> = {
  // A run of events (event-rows.ts EventRunRow) is sealed whole.
  events: { sealed: ['payload', 'run'] },
  heldEvents: { sealed: ['raw'] },
  people: {
    sealed: [
      'lastName',
      'firstName',
      'patronymic',
      'birthDate',
      'sex',
      'address',
      'phone',
      'inMobileCitizensDb',
      // Rows written before v12 still hold it: sealed like the rest.
      'nameTokens',
    ],
    blind: ['iin'],
  },
  // A name is searched on the name index's blind keys (caseNames), never on the row (v12).
  cases: { sealed: ['applicantName', 'nameTokens'], blind: ['iin'] },
  attachments: { sealed: ['name'], blob: 'blob' },
  tsaRecipients: { sealed: ['fullName', 'familyMembers'], blind: ['iin'] },
  users: { sealed: ['pinHash', 'signingKey'] },
};
/** The journal's name index (name-index.ts): a key `${word}␁…` is stored with its word's blind prefixes. */
const NAME_KEY_TABLE = 'caseNames';

// ---- holding a transaction open -------------------------------------------------------------------

interface Hold {
  waiting: number;
  ready: (() => void)[];
}
const holds = new WeakMap<object, Hold>();

/**
 * Waits for non-IndexedDB work (WebCrypto) inside a transaction without letting it commit: dummy reads
 * keep it busy, and the answer is delivered from a read's callback, where the transaction is active.
 */
export function holdTransaction<T>(trans: DBCoreTransaction, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction;
  if (typeof idb.objectStore !== 'function') return work;
  return new Promise<T>((resolve, reject) => {
    let hold = holds.get(idb);
    const spinning = hold !== undefined && hold.waiting > 0;
    if (!hold) {
      hold = { waiting: 0, ready: [] };
      holds.set(idb, hold);
    }
    const h = hold;
    h.waiting += 1;
    work.then(
      (value) => h.ready.push(() => resolve(value)),
      (error: unknown) =>
        h.ready.push(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
    if (spinning) return;
    const store = idb.objectStore(idb.objectStoreNames[0] ?? '');
    const spin = (): void => {
      while (h.ready.length > 0) {
        h.waiting -= 1;
        h.ready.shift()?.();
      }
      if (h.waiting > 0) {
        const request = store.get(-Infinity);
        request.onsuccess = spin;
        request.onerror = spin;
      }
    };
    spin();
  });
}

// ---- rows -----------------------------------------------------------------------------------------

type Row = Record<string, unknown>;

/**
 * Rows sealed ahead of the write that stores them (sealAhead), by the plain row object that write will
 * be given, with the keys they were sealed under.
 */
const sealedAhead = new WeakMap<object, { readonly keys: AtRestKeys; readonly row: Row }>();

function aheadOf(keys: AtRestKeys, row: unknown): Row | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const ahead = sealedAhead.get(row);
  return ahead?.keys === keys ? ahead.row : undefined;
}

/**
 * Seals rows of `table` before the transaction that writes them, so that write does no WebCrypto and
 * holds nothing (each hold costs IndexedDB round trips). The rows must not change afterwards: the
 * write stores what was sealed here. Dexie's own middlewares still see the plain rows. Never needed
 * for correctness: a row not sealed ahead is sealed by the write.
 */
export async function sealAhead(
  keys: AtRestKeys | null,
  table: string,
  rows: readonly object[],
): Promise<void> {
  const spec = SEALED_TABLES[table];
  if (keys === null || spec === undefined) return;
  const sealed = await Promise.all(rows.map((r) => sealRow(keys, spec, r as Row)));
  rows.forEach((r, i) => {
    const row = sealed[i];
    if (row) sealedAhead.set(r, { keys, row });
  });
}

async function sealRow(keys: AtRestKeys, spec: SealedTableSpec, row: Row): Promise<Row> {
  if (row[ATREST] !== undefined) return row;
  const ahead = aheadOf(keys, row);
  if (ahead) return ahead;
  const moved = new Set([
    ...spec.sealed,
    ...(spec.blind ?? []),
    ...(spec.blob !== undefined ? [spec.blob] : []),
  ]);
  const stored: Row = {};
  const secret: Row = {};
  for (const [field, value] of Object.entries(row)) {
    if (!moved.has(field)) stored[field] = value;
    else if (field !== spec.blob && value !== undefined) secret[field] = value;
  }
  const blinds = await Promise.all(
    (spec.blind ?? []).map(async (field) => {
      const value = row[field];
      return [field, typeof value === 'string' ? await blindValue(keys, value) : value] as const;
    }),
  );
  for (const [field, value] of blinds) if (value !== undefined) stored[field] = value;
  let bytes: Uint8Array | undefined;
  const blob = spec.blob !== undefined ? row[spec.blob] : undefined;
  if (blob instanceof Blob) {
    bytes = new Uint8Array(await blob.arrayBuffer());
    secret[BLOB_TYPE] = blob.type;
  }
  stored[ATREST] = await sealValue(keys, secret, bytes);
  return stored;
}

async function openRow(keys: AtRestKeys, spec: SealedTableSpec, stored: unknown): Promise<unknown> {
  if (typeof stored !== 'object' || stored === null) return stored;
  const sealed = (stored as Row)[ATREST];
  if (!isSealedValue(sealed)) return stored;
  const { value, bytes } = await openValue(keys, sealed);
  const { [ATREST]: _sealed, ...clear } = stored as Row;
  const { [BLOB_TYPE]: blobType, ...secret } = value as Row;
  const row: Row = { ...clear, ...secret };
  if (spec.blob !== undefined && typeof blobType === 'string') {
    row[spec.blob] = new Blob([bytes as BlobPart], { type: blobType });
  }
  return row;
}

// ---- keys and ranges ------------------------------------------------------------------------------

/** Whether an index's field (one part of its key path) is kept as a blind value. */
function isBlindField(spec: SealedTableSpec, keyPath: string | null): boolean {
  return keyPath !== null && (spec.blind?.includes(keyPath) ?? false);
}

/** A key of an index (or the primary key) as stored: blind components where the field is blind. */
async function storedKey(
  keys: AtRestKeys,
  spec: SealedTableSpec,
  keyPath: DBCoreIndex['keyPath'],
  key: unknown,
): Promise<unknown> {
  if (keyPath === null) return key;
  if (typeof keyPath === 'string') {
    return isBlindField(spec, keyPath) && typeof key === 'string' ? blindValue(keys, key) : key;
  }
  if (!Array.isArray(key)) return key;
  return Promise.all(
    key.map((part: unknown, i) =>
      isBlindField(spec, keyPath[i] ?? null) && typeof part === 'string'
        ? blindValue(keys, part)
        : part,
    ),
  );
}

const isPrefixRange = (range: DBCoreKeyRange): boolean =>
  range.type === 2 &&
  typeof range.lower === 'string' &&
  range.upper === `${range.lower}${MAX_STRING}` &&
  !range.lowerOpen &&
  !range.upperOpen;

/** The range a query on a blind field reads: the blind value of what was asked. */
async function storedRange(
  keys: AtRestKeys,
  spec: SealedTableSpec,
  tableName: string,
  query: DBCoreQuery,
): Promise<DBCoreQuery> {
  const { index, range } = query;
  const keyPath = index.keyPath;
  const blind =
    typeof keyPath === 'string'
      ? [isBlindField(spec, keyPath)]
      : (keyPath ?? []).map((p) => isBlindField(spec, p));
  if (!blind.some(Boolean) || range.type === 3 || range.type === 4) return query;
  if (range.type === 1) {
    const key = await storedKey(keys, spec, keyPath, range.lower);
    return { index, range: { ...range, lower: key, upper: key } };
  }
  // An IIN asked as a prefix (the journal's digits search): answered by its exact blind value.
  if (typeof keyPath === 'string' && isPrefixRange(range)) {
    const key = await blindValue(keys, range.lower as string);
    return { index, range: { type: 1, lower: key, upper: key } };
  }
  throw new Error(`${tableName}.${String(keyPath)} is a blind index: only equal or prefix ranges`);
}

/** The name word a name-index key leads with, or null for a key of another shape (kept as it is). */
function nameKeyWord(key: unknown): string | null {
  if (typeof key !== 'string' || key.startsWith(BLIND_MARK)) return null;
  const at = key.indexOf(NAME_KEY_SEP);
  return at < 0 ? null : key.slice(0, at);
}

/**
 * The name index's key of one stored key: its word's every prefix as a blind value, shortest first
 * (nameChain), then the key's tail: one key a word, and a prefix of any length is one key range
 * (storedNameLead). (v13's keys held three prefixes each, ⌈n/3⌉ keys for a word of n letters: each
 * key is a request, and IndexedDB's cost here is per request.)
 */
export async function storedNameKey(keys: AtRestKeys, key: unknown): Promise<unknown> {
  const word = nameKeyWord(key);
  if (word === null) return key;
  const tail = (key as string).slice(word.length);
  return `${nameChain(await blindPrefixes(keys, [word]))}${tail}`;
}

/**
 * What every stored key of a word starting with `prefix` starts with (storedNameKey): the blind
 * values of all its prefixes. Each place of a chain holds a value of one length, so a string prefix
 * of a key's lead is a sequence of whole blind values.
 */
export async function storedNameLead(keys: AtRestKeys, prefix: string): Promise<string> {
  return nameChain(await Promise.all(prefixesOf(prefix).map((p) => blindValue(keys, p))));
}

/** Whether every blind value a name-index key needs is in memory (isBlindKnown). */
function nameKeyKnown(keys: AtRestKeys, key: unknown): boolean {
  const word = nameKeyWord(key);
  return word === null || prefixesOf(word).every((p) => isBlindKnown(keys, p));
}

async function storedNameRange(keys: AtRestKeys, query: DBCoreQuery): Promise<DBCoreQuery> {
  const { index, range } = query;
  if (range.type === 3 || range.type === 4) return query;
  if (!isPrefixRange(range)) throw new Error('caseNames is a blind index: only prefix ranges');
  const lead = await storedNameLead(keys, range.lower as string);
  // The key's tail or the chain's next blind value follows the lead.
  return { index, range: { type: 2, lower: lead, upper: `${lead}${MAX_STRING}` } };
}

// ---- the middleware -------------------------------------------------------------------------------

function wrapCursor(
  keys: AtRestKeys,
  spec: SealedTableSpec,
  cursor: DBCoreCursor,
  trans: DBCoreTransaction,
): DBCoreCursor {
  // A plain object that reads through to the cursor at each call: Dexie's cursor inherits from the
  // native IDBCursor, whose getters refuse any other `this` ("Illegal invocation"), and its start()
  // replaces continue/stop on the cursor itself, so nothing is copied ahead of time.
  let value: unknown;
  const wrapped: DBCoreCursor = {
    get trans() {
      return cursor.trans;
    },
    get key(): unknown {
      return cursor.key;
    },
    get primaryKey(): unknown {
      return cursor.primaryKey;
    },
    get value() {
      return value;
    },
    get done() {
      return cursor.done;
    },
    continue: (key?: unknown) => cursor.continue(key),
    continuePrimaryKey: (key: unknown, primaryKey: unknown) =>
      cursor.continuePrimaryKey(key, primaryKey),
    advance: (count: number) => cursor.advance(count),
    stop: (result?: unknown) => cursor.stop(result),
    fail: (error: Error) => cursor.fail(error),
    start: (onNext) =>
      cursor.start(() => {
        holdTransaction(trans, Promise.resolve(openRow(keys, spec, cursor.value))).then(
          (opened) => {
            value = opened;
            onNext();
          },
          (error: unknown) =>
            cursor.fail(error instanceof Error ? error : new Error(String(error))),
        );
      }),
    next: () => {
      let first = true;
      return wrapped
        .start(() => {
          if (first) {
            first = false;
            wrapped.continue();
          } else wrapped.stop();
        })
        .then(() => wrapped);
    },
  };
  return wrapped;
}

/** Whether a key path names a blind field (a whole key, or a part of a compound one). */
function touchesBlind(spec: SealedTableSpec, keyPath: DBCoreIndex['keyPath']): boolean {
  if (keyPath === null) return false;
  const paths = typeof keyPath === 'string' ? [keyPath] : keyPath;
  return paths.some((p) => isBlindField(spec, p));
}

const hasSealed = (rows: readonly unknown[]): boolean =>
  rows.some((r) => typeof r === 'object' && r !== null && ATREST in r);

/** A plain row's key at `keyPath` (an inbound primary key). */
function plainKeyOf(keyPath: DBCoreIndex['keyPath'], row: unknown): unknown {
  const field = (name: string): unknown => (row as Row)[name];
  if (keyPath === null) return undefined;
  return typeof keyPath === 'string' ? field(keyPath) : keyPath.map(field);
}

function sealedTable(keys: AtRestKeys, spec: SealedTableSpec, down: DBCoreTable): DBCoreTable {
  const pk = down.schema.primaryKey.keyPath;
  const blindPk = touchesBlind(spec, pk);
  // Only real work holds the transaction: a read of rows with nothing sealed, or a key or range on
  // no blind field, goes straight through (each hold costs IndexedDB round trips).
  const open = async (trans: DBCoreTransaction, rows: unknown[]): Promise<unknown[]> =>
    hasSealed(rows)
      ? holdTransaction(trans, Promise.all(rows.map((r) => openRow(keys, spec, r))))
      : rows;
  const keyOf = (k: unknown) => storedKey(keys, spec, pk, k);
  const keysOf = async (trans: DBCoreTransaction, given: unknown[]): Promise<unknown[]> =>
    blindPk ? holdTransaction(trans, Promise.all(given.map(keyOf))) : given;
  // A blind value already known is found in memory, through microtasks only, during which the
  // transaction stays active: no hold.
  const rangeOf = async (trans: DBCoreTransaction, query: DBCoreQuery) => {
    if (!touchesBlind(spec, query.index.keyPath)) return query;
    const { lower, upper } = query.range;
    const parts: unknown[] = [lower, upper].flatMap((k: unknown) => (Array.isArray(k) ? k : [k]));
    const known = parts.every(
      (k) => typeof k !== 'string' || isBlindKnown(keys, k.replace(/\uffff$/, '')),
    );
    const stored = storedRange(keys, spec, down.name, query);
    return known ? stored : holdTransaction(trans, stored);
  };
  return {
    ...down,
    async mutate(req) {
      let next: DBCoreMutateRequest = req;
      if (req.type === 'add' || req.type === 'put') {
        const ahead = req.values.map((v) => aheadOf(keys, v));
        const waitFor = !ahead.every((v) => v !== undefined) || (req.keys && blindPk);
        // Rows sealed ahead (sealAhead) under plain keys: nothing to wait for.
        const [values, storedKeys] = waitFor
          ? await holdTransaction(
              req.trans,
              Promise.all([
                Promise.all(req.values.map((v) => sealRow(keys, spec, v as Row))),
                req.keys && blindPk ? Promise.all(req.keys.map(keyOf)) : Promise.resolve(req.keys),
              ]),
            )
          : [ahead, req.keys];
        next = { ...req, values, ...(storedKeys ? { keys: storedKeys } : {}) };
      } else if (req.type === 'delete') {
        next = { ...req, keys: await keysOf(req.trans, req.keys) };
      } else if (req.type === 'deleteRange' && blindPk) {
        if (req.range.type !== 3) throw new Error(`${down.name}: no range delete on a blind key`);
      }
      const done = await down.mutate(next);
      if (!blindPk || (req.type !== 'add' && req.type !== 'put')) return done;
      // IndexedDB answers with the stored (blind) keys; above this layer keys are plain (Dexie writes
      // a put's key back into the caller's row).
      const plain = req.keys ?? req.values.map((v) => plainKeyOf(pk, v));
      return {
        ...done,
        ...(done.results ? { results: plain } : {}),
        lastResult: plain[plain.length - 1],
      };
    },
    async get(req) {
      const [key] = await keysOf(req.trans, [req.key]);
      const row: unknown = await down.get({ ...req, key });
      const [opened] = await open(req.trans, [row]);
      return opened;
    },
    async getMany(req) {
      const rows = await down.getMany({ ...req, keys: await keysOf(req.trans, req.keys) });
      return open(req.trans, rows);
    },
    async query(req) {
      const res = await down.query({ ...req, query: await rangeOf(req.trans, req.query) });
      return req.values ? { ...res, result: await open(req.trans, res.result) } : res;
    },
    async count(req) {
      return down.count({ ...req, query: await rangeOf(req.trans, req.query) });
    },
    async openCursor(req) {
      const cursor = await down.openCursor({ ...req, query: await rangeOf(req.trans, req.query) });
      return cursor && req.values !== false ? wrapCursor(keys, spec, cursor, req.trans) : cursor;
    },
  };
}

function nameKeyTable(keys: AtRestKeys, down: DBCoreTable): DBCoreTable {
  const ranged = <R extends { trans: DBCoreTransaction; query: DBCoreQuery }>(req: R) =>
    holdTransaction(req.trans, storedNameRange(keys, req.query)).then((query) => ({
      ...req,
      query,
    }));
  return {
    ...down,
    async mutate(req) {
      if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
      const given = req.keys ?? [];
      const work = Promise.all(given.map((k) => storedNameKey(keys, k)));
      // Blind values made ahead (at-rest prepareBlindValues) come through microtasks only: no hold.
      const stored = given.every((k) => nameKeyKnown(keys, k))
        ? await work
        : await holdTransaction(req.trans, work);
      return down.mutate({ ...req, keys: stored });
    },
    async query(req) {
      return down.query(await ranged(req));
    },
    async count(req) {
      return down.count(await ranged(req));
    },
    async openCursor(req) {
      return down.openCursor(await ranged(req));
    },
  };
}

/** The middleware that seals the desk's personal data with these keys. */
export function atRestMiddleware(keys: AtRestKeys): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'AtRest',
    level: -2,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name === NAME_KEY_TABLE) return nameKeyTable(keys, table);
        const spec = SEALED_TABLES[name];
        return spec ? sealedTable(keys, spec, table) : table;
      },
    }),
  };
}

export type { SealedValue };

/** What the v10 upgrade needs of its transaction. */
interface UpgradeTables {
  table(name: string): {
    toArray(): PromiseLike<unknown[]>;
    bulkPut(rows: readonly unknown[]): PromiseLike<unknown>;
    clear(): PromiseLike<unknown>;
  };
}

/**
 * Writes every row stored before sealing again through the middleware (sealed, blind keys). A table
 * whose primary key is blind is cleared first, so no row stays under its plain key. The name index of
 * that time is dropped by v14; v15 builds its successor from the sealed rows.
 */
export async function sealStoredRows(tx: UpgradeTables): Promise<void> {
  for (const [name, spec] of Object.entries(SEALED_TABLES)) {
    const table = tx.table(name);
    const rows = await table.toArray();
    if (rows.length === 0) continue;
    if (spec.blind !== undefined) await table.clear();
    await table.bulkPut(rows);
  }
}
