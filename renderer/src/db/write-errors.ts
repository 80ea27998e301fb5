// What a person is told when the desk could not write: one mapping from whatever IndexedDB or Dexie
// threw to a message key, used by every screen that saves. What must stay true:
// - No raw error text reaches the screen: the message says what happened in words a specialist
//   understands, and what to do. The raw error goes to the console for support.
// - The cause is looked for through the wrappers: Dexie reports a transaction that the disk refused as
//   an AbortError whose `inner` is the QuotaExceededError, and a bulk write as a BulkError with its
//   `failures`.
// - A failed write keeps what was typed: the screens only show the message; they never reset a form.
import Dexie from 'dexie';

/** Message keys of the `common` namespace, one per thing a person can do something about. */
export type WriteFailureReason =
  /** The disk (or the browser's share of it) is full. */
  | 'common:writeErrors.diskFull'
  /** The database was closed under the screen: another window of the desk upgraded it, or it is closing. */
  | 'common:writeErrors.closed'
  /** The write was interrupted and nothing was saved; trying again usually works. */
  | 'common:writeErrors.aborted'
  /** Anything else: try again, then call support. */
  | 'common:writeErrors.unknown';

const E = Dexie.errnames;

const DISK_FULL = new Set<string>([E.QuotaExceeded]);
const CLOSED = new Set<string>([
  E.DatabaseClosed,
  E.InvalidState,
  E.VersionChange,
  E.OpenFailed,
  E.MissingAPI,
]);
const ABORTED = new Set<string>([E.Abort, E.TransactionInactive, E.Timeout]);

/** The error and every cause it wraps (Dexie's `inner`, the standard `cause`, a bulk's failures). */
function causes(error: unknown, depth = 0): unknown[] {
  if (depth > 8 || error === null || typeof error !== 'object') return [error];
  const found: unknown[] = [error];
  const record = error as { inner?: unknown; cause?: unknown; failures?: unknown };
  if (record.inner !== undefined) found.push(...causes(record.inner, depth + 1));
  if (record.cause !== undefined) found.push(...causes(record.cause, depth + 1));
  const failures = Array.isArray(record.failures)
    ? record.failures
    : record.failures !== null && typeof record.failures === 'object'
      ? Object.values(record.failures)
      : [];
  for (const failure of failures) found.push(...causes(failure, depth + 1));
  return found;
}

function nameOf(error: unknown): string {
  if (error === null || typeof error !== 'object') return '';
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

/**
 * The message key for a write that threw. The most specific cause wins: a full disk anywhere in the
 * chain is a full disk, whatever wrapped it; then a closed database; then an interrupted write.
 */
export function writeFailureReason(error: unknown): WriteFailureReason {
  const names = causes(error).map(nameOf);
  if (names.some((n) => DISK_FULL.has(n))) return 'common:writeErrors.diskFull';
  if (names.some((n) => CLOSED.has(n))) return 'common:writeErrors.closed';
  if (names.some((n) => ABORTED.has(n))) return 'common:writeErrors.aborted';
  return 'common:writeErrors.unknown';
}

/** A write that threw, as a value: what a screen shows instead of the exception. */
export interface WriteFailure {
  readonly ok: false;
  readonly reason: WriteFailureReason;
}

/** A write's exception as a value, logged for support: `await write().catch(writeFailure)`. */
export function writeFailure(error: unknown): WriteFailure {
  console.error('The desk could not save', error);
  return { ok: false, reason: writeFailureReason(error) };
}

/**
 * Runs a write and turns an exception into a WriteFailure (logged for support); a write's own
 * refusals (`{ ok: false, reason }`) pass through unchanged.
 */
export async function attemptWrite<T>(write: () => Promise<T>): Promise<T | WriteFailure> {
  try {
    return await write();
  } catch (error) {
    return writeFailure(error);
  }
}

// ---- opening the database at start ------------------------------------------------------------------

/** Why the desk's database did not open; message keys of the `common` namespace. */
export type OpenFailureReason =
  /** Another window (or tab) of the desk holds the database open with an older version. */
  | 'common:startup.reasons.blocked'
  /** The data on this computer was written by a newer version of the desk. */
  | 'common:startup.reasons.newerVersion'
  | 'common:startup.reasons.diskFull'
  /** The browser or profile gives no database at all (e.g. a private window). */
  | 'common:startup.reasons.unavailable'
  /** Anything else: the data may be damaged. */
  | 'common:startup.reasons.unknown';

export function openFailureReason(error: unknown): OpenFailureReason {
  const names = causes(error).map(nameOf);
  if (names.some((n) => DISK_FULL.has(n))) return 'common:startup.reasons.diskFull';
  if (names.includes(E.Version)) return 'common:startup.reasons.newerVersion';
  if (names.includes(E.MissingAPI)) return 'common:startup.reasons.unavailable';
  return 'common:startup.reasons.unknown';
}

export type OpenResult = { readonly ok: true } | { readonly ok: false; reason: OpenFailureReason };

/**
 * How long an upgrade may stay blocked before the desk says so: another window that closes its
 * connection when asked (every desk does) lets go within this, and so does Dexie's own reopening
 * when it repairs a table.
 */
export const BLOCKED_GRACE_MS = 2_000;

/**
 * Opens the desk's database at start. A version upgrade blocked by another open window would wait
 * for ever: after a short grace the desk says so instead (the open goes on in the background, and a
 * retry after the other window is closed succeeds).
 */
export function openDeskDatabase(db: Dexie, graceMs = BLOCKED_GRACE_MS): Promise<OpenResult> {
  return new Promise<OpenResult>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onBlocked = () => {
      timer ??= setTimeout(
        () => resolve({ ok: false, reason: 'common:startup.reasons.blocked' }),
        graceMs,
      );
    };
    const settle = (result: OpenResult) => {
      clearTimeout(timer);
      db.on('blocked').unsubscribe(onBlocked);
      resolve(result);
    };
    db.on('blocked', onBlocked);
    db.open().then(
      () => settle({ ok: true }),
      (error: unknown) => {
        console.error('The desk database did not open', error);
        settle({ ok: false, reason: openFailureReason(error) });
      },
    );
  });
}
