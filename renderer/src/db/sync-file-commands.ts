// Sync by file on the desk (ARCHITECTURE §4, issue 8 §4): when a village has no link, the desk's push
// travels to the district as a file on a USB stick, and the hub's reply comes back the same way and is
// taken in as a pull. The file format and its crypto are shared/sync/sync-file; this module decides
// what goes into a file and what a reply does to the desk. What must stay true:
// - Exporting writes nothing: no outbox row is deleted or marked. An event leaves the outbox only on
//   the hub's receipt, when its reply is imported; a second export carries the same events again and
//   the hub's idempotence (one event id, one row) makes that harmless.
// - A file carries what an online push would send, in the same order (pushQueue: the directory, then
//   registers, then cases nearest their deadline), cut to what one file may hold; what does not fit
//   goes with the next file or the next online sync. Then the scans: those the exported events name,
//   and those the hub still lacks for events it already took, oldest first, while they fit.
// - A reply changes the desk all at once or not at all: it is opened and checked whole first (signed
//   by the district hub's key received at enrollment, encrypted to this desk's agreement key, for this
//   desk and district), then its receipts, its events and cursor, the scans the hub kept and the time
//   of the sync are written in ONE transaction. A refused reply changes nothing.
// - A receipt counts only for an event still in this desk's outbox (applyReceiptsIn), so a reply cannot
//   make the desk forget an event it holds and the hub does not.
// - Every failure is a message key with words in kk and ru, never an exception thrown at the UI.
import type { CaseEvent } from '../../../shared/case';
import { attachmentHashesOf } from '../../../shared/documents';
import { publicKeyFingerprint, toHex } from '../../../shared/signing';
import {
  buildDeskFile,
  MAX_FILE_EVENTS,
  MAX_FILE_SCANS,
  MAX_SCAN_BYTES,
  openReplyFile,
  SYNC_FILE_EXTENSION,
  SYNC_PROTOCOL_VERSION,
  type FileScan,
  type SyncFileSubtle,
  type TravellingEvent,
} from '../../../shared/sync';
import { localDateTimeAt } from '../platform';
import { noteSentEvents, markScanSent, scanUploadsOf } from './attachment-sync';
import type { DeskDatabase } from './database';
import {
  applyPreparedPage,
  preparePulledPage,
  applyReceiptsIn,
  devicePublicKeys,
  ensureDeviceKeys,
  loadHubLink,
  loadPullCursor,
  PULL_WRITE_TABLES,
  pushQueue,
  recordSyncSuccess,
} from './sync-commands';
import { writeFailureReason } from './write-errors';

/**
 * How much of a file its events may take, as JSON before compression. The hub refuses a file whose
 * content unpacks to more than MAX_FILE_CONTENT_BYTES (256 MiB); this leaves room for everything else.
 */
export const FILE_EVENT_BYTES = 96 * 1024 * 1024;
/**
 * How much of a file its scans may take. With the events' share and the frame this stays under
 * MAX_SYNC_FILE_BYTES (512 MiB), so buildDeskFile never meets a file too large to write.
 */
export const FILE_SCAN_BYTES = 384 * 1024 * 1024;

/** The MIME type a file lists for a scan whose stored type the format does not take. */
const UNKNOWN_MIME = 'application/octet-stream';
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/;

export type SyncFileExport =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      /** `<officeCode>-<deviceNo>-<yyyyMMdd-HHmm>.akimat-sync`, the office's wall clock. */
      readonly fileName: string;
      readonly events: number;
      readonly scans: number;
    }
  | { readonly ok: false; readonly reason: string };

export type ReplyFileImport =
  | {
      readonly ok: true;
      readonly accepted: number;
      readonly duplicates: number;
      readonly rejected: number;
      /** Events new to this desk from the hub. */
      readonly received: number;
      /** More of the scope waits at the hub than one reply carries: the next file's reply brings it. */
      readonly more: boolean;
    }
  | { readonly ok: false; readonly reason: string };

const subtle = (): SyncFileSubtle => crypto.subtle as unknown as SyncFileSubtle;

/** The name a desk's file gets: its office, its device number and when it was written. */
export function syncFileName(officeCode: string, deviceNo: number, nowMs: number): string {
  const at = localDateTimeAt(nowMs); // 'YYYY-MM-DDTHH:mm' at the office
  const stamp = `${at.slice(0, 4)}${at.slice(5, 7)}${at.slice(8, 10)}-${at.slice(11, 13)}${at.slice(14, 16)}`;
  return `${officeCode}-${deviceNo}-${stamp}${SYNC_FILE_EXTENSION}`;
}

/**
 * The desk's sync file for the district hub: its unsent, not refused events in push order and the
 * scans they name (plus those the hub still lacks), the pull cursor, signed with the device key and
 * encrypted to the hub's agreement key from the hub link. Writes nothing to the database.
 * An export with no event is still a file: its reply brings the scope's news (and what `more` left).
 */
export async function exportSyncFile(db: DeskDatabase, nowMs: number): Promise<SyncFileExport> {
  try {
    const link = await loadHubLink(db);
    if (link === null) return { ok: false, reason: 'sync:errors.notJoined' };
    // The keys were made before the desk enrolled (the engine's join), so these are the stored ones.
    const keys = await ensureDeviceKeys(db);
    const { devicePublicKey } = await devicePublicKeys(keys);

    const events = fitEvents(await pushQueue(db));
    const cursor = await loadPullCursor(db);
    const scans = await scansFor(db, events);

    const bytes = await buildDeskFile(
      subtle(),
      {
        protocol: SYNC_PROTOCOL_VERSION,
        districtId: link.districtId,
        deviceId: link.deviceId,
        cursor,
        createdAtMs: nowMs,
        events,
        scans,
      },
      {
        device: {
          privateKey: keys.signing.privateKey,
          keyId: await publicKeyFingerprint(subtle(), devicePublicKey),
        },
        hubAgreementKey: link.hubFileKeys.agreement,
      },
    );
    return {
      ok: true,
      bytes,
      fileName: syncFileName(link.officeCode, link.deviceNo, nowMs),
      events: events.length,
      scans: scans.length,
    };
  } catch (error) {
    console.error('sync file export failed', error);
    return { ok: false, reason: writeFailureReason(error) };
  }
}

/** The longest head of the push queue one file holds (count and size), order kept. */
function fitEvents(queue: readonly TravellingEvent[]): TravellingEvent[] {
  const encoder = new TextEncoder();
  let bytes = 0;
  let n = 0;
  for (; n < queue.length && n < MAX_FILE_EVENTS; n++) {
    bytes += encoder.encode(JSON.stringify(queue[n])).length + 1;
    if (bytes > FILE_EVENT_BYTES) break;
  }
  return queue.slice(0, n);
}

/**
 * The scans the file carries: first those the file's case events name, then those waiting for the
 * hub (their events it already took), oldest first; each once, only when its bytes are here and have
 * its hash, while they fit in FILE_SCAN_BYTES.
 */
async function scansFor(db: DeskDatabase, events: readonly TravellingEvent[]): Promise<FileScan[]> {
  const named = attachmentHashesOf(
    events.filter((t) => t.stream === 'case').map((t) => t.event as CaseEvent),
  );
  const waiting = (await scanUploadsOf(db).where('state').equals('waiting').toArray())
    .sort((x, y) => x.sinceMs - y.sinceMs || (x.sha256 < y.sha256 ? -1 : 1))
    .map((w) => w.sha256);
  const wanted = [...new Set([...named, ...waiting])];
  const rows = await db.attachments.bulkGet(wanted);
  const scans: FileScan[] = [];
  let total = 0;
  for (const row of rows) {
    if (!row || scans.length >= MAX_FILE_SCANS) continue;
    if (row.size > MAX_SCAN_BYTES || total + row.size > FILE_SCAN_BYTES) continue;
    const bytes = new Uint8Array(await row.blob.arrayBuffer());
    // Bytes that lost their hash on this disk cannot be sent (the hub would refuse the whole file);
    // they are left out and the scan stays missing at the hub, as it would online.
    const hash = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    if (hash !== row.sha256) continue;
    const mime = row.mime.toLowerCase();
    scans.push({ sha256: row.sha256, mime: MIME.test(mime) ? mime : UNKNOWN_MIME, bytes });
    total += bytes.length;
  }
  return scans;
}

/**
 * Takes in the hub's reply file (see the header): checked whole, then in one transaction the
 * receipts for events still in the outbox, the scans named by events the hub took put on the upload
 * list and those the hub kept marked sent, the scope's events and the new cursor (applyPulledPage),
 * and the sync's time. A refusal (sync:file.*, or the desk not joined) changes nothing.
 */
export async function importReplyFile(
  db: DeskDatabase,
  bytes: Uint8Array,
  nowMs: number,
): Promise<ReplyFileImport> {
  try {
    const link = await loadHubLink(db);
    if (link === null) return { ok: false, reason: 'sync:errors.notJoined' };
    const keys = await ensureDeviceKeys(db);
    const { deviceAgreementKey } = await devicePublicKeys(keys);
    // Opened outside the transaction: WebCrypto's promises would let IndexedDB commit it early.
    const opened = await openReplyFile(subtle(), bytes, {
      districtId: link.districtId,
      deviceId: link.deviceId,
      desk: { privateKey: keys.agreement.privateKey, publicKey: deviceAgreementKey },
      hubSigningKey: link.hubFileKeys.signing,
    });
    if (!opened.ok) return { ok: false, reason: opened.reason };
    const reply = opened.file;
    // Its case events sealed ahead, outside the transaction, for the same reason.
    const page = await preparePulledPage(db, { events: reply.events, cursor: reply.cursor });

    const tables = [...PULL_WRITE_TABLES(db), db.attachments, scanUploadsOf(db)];
    return await db.transaction('rw', tables, async (): Promise<ReplyFileImport> => {
      const { taken, ...receipts } = await applyReceiptsIn(db, reply.receipts, nowMs);
      await noteSentEvents(db, taken, nowMs);
      for (const sha256 of reply.scansKept) await markScanSent(db, sha256, nowMs);
      const applied = await applyPreparedPage(db, page, nowMs);
      await recordSyncSuccess(db, nowMs);
      return { ok: true, ...receipts, received: applied.stored, more: reply.more };
    });
  } catch (error) {
    console.error('sync reply import failed', error);
    return { ok: false, reason: writeFailureReason(error) };
  }
}
