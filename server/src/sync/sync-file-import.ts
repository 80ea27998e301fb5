// Sync by file at the hub (ARCHITECTURE §4): a desk's file from a USB stick is taken in as an online
// push, and answered with a reply file the desk imports as a pull. What must stay true:
// - The receipts and the idempotence are exactly an online push's: the file's events go through
//   pushEvents (event-log.ts), in the file's order, in batches of MAX_BATCH_EVENTS. Importing the same
//   file twice stores nothing new: the second time every event is a duplicate.
// - Nothing is taken in before the whole file checks: its version, that it is a desk's file for a
//   district this hub keeps, written by a desk enrolled there and not revoked, encrypted to the
//   district's key, signed with that desk's key, unchanged (shared/sync/sync-file). A refusal is a
//   named reason and leaves the database as it was.
// - The reply holds only what that desk may see: pullEvents in its device's scope, after the cursor
//   the file carried.
// - Scans in the file are handed to `storeScan` after the events; a scan never holds events back.
//   Without a store, scans are not kept and the reply does not list them, so the desk sends them again.
//   A scan larger than the hub takes online (HUB_ATTACHMENT_MAX_MB, `maxScanBytes`) is not kept from a
//   file either: the same limit on both channels.
import { isPublicJwk, type PublicJwk } from '../../../shared/signing';
import {
  buildReplyFile,
  MAX_BATCH_EVENTS,
  MAX_REPLY_EVENTS,
  OLDEST_DESK_PROTOCOL,
  openDeskFile,
  protocolMismatch,
  readSyncFileHeader,
  SYNC_PROTOCOL_VERSION,
  syncFileDigest,
  type ProtocolMismatch,
  type PulledEvent,
  type Receipt,
  type SyncFileRefusal,
} from '../../../shared/sync';
import type { OfficeKind } from '../../../shared/office';
import type { HubDatabase, Queryable } from '../db';
import { markDeviceSeen, type Device } from '../registry/registry';
import { pullEvents, pushEvents } from './event-log';
import { hubFileKeys, hubSubtle } from './hub-file-keys';

/**
 * Keeps one scan a file carried, addressed by its SHA-256 within its district (the attachment
 * store's job; the hash is already checked against the bytes; `deviceId` is the desk that brought
 * it, as an upload records it). Storing a scan the district already has must change nothing.
 */
export type StoreScan = (
  tx: Queryable,
  districtId: string,
  sha256: string,
  bytes: Uint8Array,
  deviceId: string,
) => Promise<void>;

export interface ImportCounts {
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
}

export type SyncFileImport =
  | {
      readonly ok: true;
      readonly deviceId: string;
      readonly receipts: readonly Receipt[];
      readonly counts: ImportCounts;
      /** Scans of the file the hub keeps now; the rest stay with the desk. */
      readonly scansKept: number;
      readonly scansLeft: number;
      /** The reply file for the desk: receipts and its scope's events after the file's cursor. */
      readonly reply: Uint8Array;
      /** More of the scope waits than one reply carries. */
      readonly more: boolean;
    }
  | { readonly ok: false; readonly reason: SyncFileRefusal | ProtocolMismatch };

interface FileDevice {
  readonly device: Device;
  readonly revoked: boolean;
  readonly signingKey: PublicJwk | null;
  readonly agreementKey: PublicJwk | null;
}

/** The desk a file names, with the public keys it enrolled with (registry.ts enrollDevice). */
async function fileDevice(db: Queryable, deviceId: string): Promise<FileDevice | null> {
  const { rows } = await db.query<{
    id: string;
    office_id: string;
    district_id: string;
    kind: OfficeKind;
    device_no: number;
    revoked_at: Date | null;
    public_key: { signing?: unknown; agreement?: unknown } | null;
  }>(
    `select d.id, d.office_id, d.district_id, o.kind, d.device_no, d.revoked_at, d.public_key
     from devices d join offices o on o.district_id = d.district_id and o.id = d.office_id
     where d.id = $1`,
    [deviceId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const signing = row.public_key?.signing;
  const agreement = row.public_key?.agreement;
  return {
    device: {
      id: row.id,
      officeId: row.office_id,
      districtId: row.district_id,
      officeKind: row.kind,
      deviceNo: row.device_no,
    },
    revoked: row.revoked_at !== null,
    signingKey: isPublicJwk(signing) ? signing : null,
    agreementKey: isPublicJwk(agreement) ? agreement : null,
  };
}

const HUB_PROTOCOL = { protocol: SYNC_PROTOCOL_VERSION, oldestDeskProtocol: OLDEST_DESK_PROTOCOL };

/**
 * Imports a desk's sync file: checks it whole, takes its events in as an online push and its scans
 * through `storeScan`, and builds the reply file. `nowMs` is the hub's receipt time.
 */
export async function importSyncFile(
  db: HubDatabase,
  bytes: Uint8Array,
  nowMs: number,
  options: { readonly storeScan?: StoreScan; readonly maxScanBytes?: number } = {},
): Promise<SyncFileImport> {
  const framed = readSyncFileHeader(bytes);
  if (!framed.ok) return framed;
  const { header } = framed;
  if (header.kind !== 'desk') return { ok: false, reason: 'sync:file.wrongKind' };
  const keys = await hubFileKeys(db, header.districtId);
  if (keys === null) return { ok: false, reason: 'sync:file.otherDistrict' };
  const known = await fileDevice(db, header.deviceId);
  if (
    known === null ||
    known.device.districtId !== header.districtId ||
    known.signingKey === null ||
    known.agreementKey === null
  ) {
    return { ok: false, reason: 'sync:errors.unknownDevice' };
  }
  if (known.revoked) return { ok: false, reason: 'sync:errors.deviceRevoked' };
  const opened = await openDeskFile(hubSubtle, bytes, {
    districtId: header.districtId,
    hub: keys.agreement,
    devicePublicKey: known.signingKey,
  });
  if (!opened.ok) return opened;
  const file = opened.file;
  const mismatch = protocolMismatch(file.protocol, HUB_PROTOCOL);
  if (mismatch) return { ok: false, reason: mismatch };
  const { device } = known;
  // The desk synced, by file: the district admin's screen shows when (registry.ts markDeviceSeen).
  await markDeviceSeen(db, device.id, nowMs);

  const receipts: Receipt[] = [];
  for (let at = 0; at < file.events.length; at += MAX_BATCH_EVENTS) {
    receipts.push(
      ...(await pushEvents(db, device, file.events.slice(at, at + MAX_BATCH_EVENTS), nowMs)),
    );
  }

  const scansKept: string[] = [];
  const { storeScan, maxScanBytes = Number.POSITIVE_INFINITY } = options;
  if (storeScan) {
    for (const scan of file.scans) {
      if (scan.bytes.byteLength > maxScanBytes) continue;
      await db.transaction((tx) =>
        storeScan(tx, device.districtId, scan.sha256, scan.bytes, device.id),
      );
      scansKept.push(scan.sha256);
    }
  }

  const pulled = await pullScope(db, device, file.cursor);
  const reply = await buildReplyFile(
    hubSubtle,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      districtId: device.districtId,
      deviceId: device.id,
      answers: await syncFileDigest(hubSubtle, bytes),
      receipts,
      events: pulled.events,
      scansKept,
      cursor: pulled.cursor,
      more: pulled.more,
      hubTimeMs: nowMs,
    },
    { hub: keys.signing, deskAgreementKey: known.agreementKey },
  );
  return {
    ok: true,
    deviceId: device.id,
    receipts,
    counts: {
      accepted: receipts.filter((r) => r.status === 'accepted').length,
      duplicate: receipts.filter((r) => r.status === 'duplicate').length,
      rejected: receipts.filter((r) => r.status === 'rejected').length,
    },
    scansKept: scansKept.length,
    scansLeft: file.scans.length - scansKept.length,
    reply,
    more: pulled.more,
  };
}

/**
 * Pages of the device's scope after `cursor`, up to what one reply carries. A cursor this hub never
 * gave is read as the beginning, as online (sync:errors.badCursor): the desk takes events in once.
 */
async function pullScope(
  db: Queryable,
  device: Device,
  cursor: string,
): Promise<{ events: PulledEvent[]; cursor: string; more: boolean }> {
  const events: PulledEvent[] = [];
  let at = cursor;
  for (;;) {
    const room = MAX_REPLY_EVENTS - events.length;
    const page = await pullEvents(db, device, at, Math.min(MAX_BATCH_EVENTS, room));
    if (!page.ok) {
      at = '';
      continue;
    }
    events.push(...page.events);
    at = page.cursor;
    if (!page.more) return { events, cursor: at, more: false };
    if (events.length >= MAX_REPLY_EVENTS) return { events, cursor: at, more: true };
  }
}
