// Which scans the desk still owes the hub (ARCHITECTURE.md §4: attachments on their own channel, sent
// after the events that name them, never holding them back). What must stay true:
// - A scan waits to be sent only once an event naming it has left the outbox (the hub took it:
//   accepted or duplicate) and only when its bytes are on this desk; a scan of an unsent or refused
//   event is not sent.
// - A waiting scan stays waiting until the hub holds it (markScanSent); where its upload stopped is
//   kept with it, so the next sync continues there; a failure's reason is kept for the status area.
// - The waiting list is an index (`scanUploads` by state), so a sync round reads no events: it is
//   filled by noteSentEvents when receipts arrive, and once from the whole log by the v5 upgrade.
import type { Table } from 'dexie';
import type { CaseEvent } from '../../../shared/case';
import { attachmentHashesOf } from '../../../shared/documents';
import type { AttachmentRow, DeskDatabase, OutboxRow } from './database';
import { eventOfRow, eventsOfRows, type EventRow } from './event-rows';

/** A scan the hub must be sent (`waiting`) or holds (`sent`). */
export interface ScanUploadRow {
  sha256: string;
  state: 'waiting' | 'sent';
  /** When it began to wait: the oldest are sent first. */
  sinceMs: number;
  /** Where the last try stopped at the hub (tus upload URL), to continue there. */
  uploadUrl?: string;
  /** Why the last try failed (a message key with kk and ru words). */
  lastReason?: string;
  sentAtMs?: number;
}

/** The tables this module reads and writes; the v5 upgrade passes its own transaction's. */
export interface ScanSyncTables {
  readonly events: Table<EventRow, string>;
  readonly outbox: Table<OutboxRow, unknown>;
  readonly attachments: Table<AttachmentRow, string>;
  readonly scanUploads: Table<ScanUploadRow, string>;
}

/** The table of scans owed to the hub (Dexie version 5). */
export const scanUploadsOf = (db: DeskDatabase): Table<ScanUploadRow, string> =>
  db.table('scanUploads');

/** The scan tables of `db`, for a caller's transaction. */
export const scanTablesOf = (db: DeskDatabase): ScanSyncTables => ({
  events: db.table('events'),
  outbox: db.table('outbox'),
  attachments: db.table('attachments'),
  scanUploads: scanUploadsOf(db),
});

/**
 * Puts the scans `events` name, present here and not yet known, on the waiting list, in the caller's
 * transaction (which holds attachments and scanUploads).
 */
export async function noteScansOf(
  t: ScanSyncTables,
  events: readonly CaseEvent[],
  nowMs: number,
): Promise<number> {
  const named = attachmentHashesOf(events);
  if (named.length === 0) return 0;
  const present = new Set(await t.attachments.where(':id').anyOf(named).primaryKeys());
  const known = new Set(await t.scanUploads.where(':id').anyOf(named).primaryKeys());
  const rows = named
    .filter((sha256) => present.has(sha256) && !known.has(sha256))
    .map((sha256): ScanUploadRow => ({ sha256, state: 'waiting', sinceMs: nowMs }));
  await t.scanUploads.bulkAdd(rows);
  return rows.length;
}

/**
 * After the hub's receipts: the scans named by the events it took (accepted or duplicate) begin to
 * wait for upload. Returns how many began to wait.
 */
export function noteSentEvents(
  db: DeskDatabase,
  takenEventIds: readonly string[],
  nowMs: number,
): Promise<number> {
  const t = scanTablesOf(db);
  return db.transaction('rw', [t.events, t.attachments, t.scanUploads], async () => {
    // What the hub took of this desk's push: events made here, stored one a row (eventOfRow).
    const rows = await t.events.bulkGet([...takenEventIds]);
    const events = takenEventIds.flatMap((id, i) => eventOfRow(rows[i], id) ?? []);
    return noteScansOf(t, events, nowMs);
  });
}

/**
 * The whole log at once: the scans of every case event that is no longer in the outbox. Run by the
 * v5 upgrade (events sent before scans had a channel) inside its transaction.
 */
export async function findScansOfSentEvents(t: ScanSyncTables, nowMs: number): Promise<number> {
  const unsent = new Set((await t.outbox.toArray()).map((row) => row.eventId));
  const sent = eventsOfRows(await t.events.toArray()).filter(
    (e) => (e.type === 'Registered' || e.type === 'AcceptanceRefused') && !unsent.has(e.id),
  );
  return noteScansOf(t, sent, nowMs);
}

/** A scan to send: its bytes and where its last try stopped. */
export interface ScanToSend {
  readonly sha256: string;
  readonly blob: Blob;
  readonly uploadUrl: string | null;
}

/** The scans the hub does not hold yet, oldest waiting first, at most `limit`. */
export async function scansToUpload(db: DeskDatabase, limit = 20): Promise<ScanToSend[]> {
  const t = scanTablesOf(db);
  return db.transaction('r', [t.attachments, t.scanUploads], async () => {
    const waiting = (await t.scanUploads.where('state').equals('waiting').toArray())
      .sort((x, y) => x.sinceMs - y.sinceMs || (x.sha256 < y.sha256 ? -1 : 1))
      .slice(0, limit);
    const rows = await t.attachments.bulkGet(waiting.map((w) => w.sha256));
    return waiting.flatMap((w, i) => {
      const row = rows[i];
      return row ? [{ sha256: w.sha256, blob: row.blob, uploadUrl: w.uploadUrl ?? null }] : [];
    });
  });
}

/** How many scans the hub does not hold yet (for the status area). */
export function scansWaiting(db: DeskDatabase): Promise<number> {
  return scanUploadsOf(db).where('state').equals('waiting').count();
}

/** Keeps where a scan's upload is at the hub, so the next try continues there. */
export async function rememberUploadUrl(
  db: DeskDatabase,
  sha256: string,
  uploadUrl: string,
): Promise<void> {
  await scanUploadsOf(db).update(sha256, { uploadUrl });
}

/** Keeps why a scan's last try failed; it keeps waiting. */
export async function recordScanFailure(
  db: DeskDatabase,
  sha256: string,
  reason: string,
): Promise<void> {
  await scanUploadsOf(db).update(sha256, { lastReason: reason });
}

/** The hub holds the scan: it stops waiting. */
export async function markScanSent(db: DeskDatabase, sha256: string, nowMs: number): Promise<void> {
  const table = scanUploadsOf(db);
  await db.transaction('rw', table, async () => {
    const row = await table.get(sha256);
    await table.put({
      sha256,
      sinceMs: row?.sinceMs ?? nowMs,
      state: 'sent',
      sentAtMs: nowMs,
    });
  });
}
