// A tus DataStore over PostgreSQL (PGlite alike): an upload's state and bytes are rows
// (0005_attachments.sql), so any hub process continues any upload. What must stay true:
// - The offset moves only together with the bytes that move it, in one transaction, and only from
//   the offset the writer started at: two writers of one upload (one per hub process, or a half-open
//   connection and its retry) can never both append at one offset; the loser gets 409 and the desk
//   asks for the offset again.
// - Bytes that arrived before a connection broke are kept: the desk resumes from them.
// - When the last byte is in, the bytes' SHA-256 must be the hash the upload declared, else the
//   upload and its bytes are dropped and the desk is told `sync:attachments.hashMismatch`. A match
//   makes it the district's copy of the scan, unless the district holds that hash already: then its
//   bytes are dropped (stored once). The check runs in the request that writes the last byte, and
//   again on the next HEAD if that request died before it ended, so no upload looks finished to a
//   desk without having been checked.
// - No transaction is held open while waiting for the network (PGlite has one connection).
// - An upload left unfinished longer than UPLOAD_EXPIRY_MS (a desk reinstalled, a scan withdrawn) is
//   swept with its pieces (deleteExpiredUploads); a desk that comes back to it is told it is gone
//   (410) and starts the scan again. A finished upload never expires: it may hold the district's copy.
// - A scan that came in a sync file (storeAttachment) is kept the way a checked upload is: its bytes
//   checked against its hash, stored in pieces as an upload of the desk that brought it, and made the
//   district's copy by the same function as a finished upload (keepForDistrict), so stored once.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { SHA256_HEX } from '../../../shared/sync/attachments';
import type { ErrorBody } from '../../../shared/sync';
import type { HubDatabase, Queryable } from '../db';

/**
 * How long an unfinished upload is kept from its creation: longer than the weeks a village may spend
 * without a link, far longer than a scan takes on the slowest line (50 MB at 25 KB/s is 35 minutes).
 */
export const UPLOAD_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;

/** Deletes the uploads unfinished for longer than `expiryMs`, with their pieces; how many. */
export async function deleteExpiredUploads(db: Queryable, expiryMs: number): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `delete from attachment_uploads u
     where u.completed_at is null
       and u.created_at < now() - make_interval(secs => $1::float8 / 1000)
       and not exists (select 1 from attachments a where a.upload_id = u.id)
     returning u.id`,
    [expiryMs],
  );
  return rows.length;
}

/** Bytes per stored piece: large enough for few rows, small enough to lose little on a cut. */
export const PIECE_BYTES = 256 * 1024;

/** The metadata the hub keeps with an upload; set by the hub (routes.ts), never taken from a desk. */
export interface UploadOwner {
  readonly districtId: string;
  readonly deviceId: string;
}

/** A refusal tus sends as the response: a status and a `{ code }` body. */
export interface TusRefusal {
  status_code: number;
  body: string;
}

export function refusal(status: number, code: string): TusRefusal {
  return { status_code: status, body: JSON.stringify({ code } satisfies ErrorBody) };
}

interface UploadRow {
  id: string;
  district_id: string;
  device_id: string;
  sha256: string;
  size: string | number;
  upload_offset: string | number;
  created_at: Date | string;
  completed_at: Date | string | null;
}

export class PostgresUploadStore extends DataStore {
  constructor(
    private readonly db: HubDatabase,
    private readonly expiryMs: number = UPLOAD_EXPIRY_MS,
  ) {
    super();
    // No 'creation-defer-length' (the length is known: it is the scan's size), no 'termination'
    // (a desk never deletes at the hub).
    this.extensions = ['creation', 'creation-with-upload', 'expiration'];
  }

  /** tus answers Upload-Expires from this, and refuses (410) an unfinished upload past it. */
  override getExpiration(): number {
    return this.expiryMs;
  }

  override deleteExpired(): Promise<number> {
    return deleteExpiredUploads(this.db, this.expiryMs);
  }

  /** Creates the upload row from the hub-set metadata (sha256, districtId, deviceId). */
  override async create(upload: Upload): Promise<Upload> {
    const sha256 = upload.metadata?.['sha256'] ?? '';
    const districtId = upload.metadata?.['districtId'] ?? '';
    const deviceId = upload.metadata?.['deviceId'] ?? '';
    if (!SHA256_HEX.test(sha256) || districtId === '' || deviceId === '') {
      throw refusal(400, 'sync:errors.badBody');
    }
    if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
    const { rows } = await this.db.query<{ created_at: Date | string }>(
      `insert into attachment_uploads (id, district_id, device_id, sha256, size)
       values ($1, $2, $3, $4, $5) returning created_at`,
      [upload.id, districtId, deviceId, sha256, upload.size],
    );
    upload.creation_date = new Date(rows[0]?.created_at ?? Date.now()).toISOString();
    // An empty scan is complete at once: no PATCH will come to check it.
    if (upload.size === 0) await this.finishIfComplete(upload.id);
    // What HEAD answers with: the hash alone, never who sent it.
    upload.metadata = { sha256 };
    return upload;
  }

  /** Appends the request body from `offset`, piece by piece; returns the new offset. */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    let position = offset;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      const bytes = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.append(id, position, bytes);
      position += bytes.length;
    };
    try {
      for await (const chunk of readable as AsyncIterable<Buffer | Uint8Array>) {
        pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= PIECE_BYTES) await flush();
      }
    } catch (error) {
      // The connection broke: what arrived is a true prefix of the scan, keep it for the resume.
      await flush().catch(() => undefined);
      throw error;
    }
    await flush();
    await this.finishIfComplete(id);
    return position;
  }

  /** The upload's state; an upload whose last byte is in but was never checked is checked now. */
  override async getUpload(id: string): Promise<Upload> {
    let row = await this.row(id);
    if (row === null) throw ERRORS.FILE_NOT_FOUND;
    if (row.completed_at === null && Number(row.upload_offset) === Number(row.size)) {
      await this.finishIfComplete(id);
      row = await this.row(id);
      if (row === null) throw ERRORS.FILE_NOT_FOUND;
    }
    return new Upload({
      id: row.id,
      size: Number(row.size),
      offset: Number(row.upload_offset),
      metadata: { sha256: row.sha256 },
      // tus judges expiry by the creation date: a finished upload has none to judge.
      ...(row.completed_at === null
        ? { creation_date: new Date(row.created_at).toISOString() }
        : {}),
    });
  }

  override async declareUploadLength(): Promise<void> {
    throw ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION;
  }

  /** Drops an unfinished upload and its bytes (never a finished one: its bytes may be the scan). */
  override async remove(id: string): Promise<void> {
    await this.db.query('delete from attachment_uploads where id = $1 and completed_at is null', [
      id,
    ]);
  }

  /** The device that created an upload, or null when there is no such upload. */
  async ownerOf(id: string): Promise<string | null> {
    const { rows } = await this.db.query<{ device_id: string }>(
      'select device_id from attachment_uploads where id = $1',
      [id],
    );
    return rows[0]?.device_id ?? null;
  }

  private async row(id: string): Promise<UploadRow | null> {
    const { rows } = await this.db.query<UploadRow>(
      `select id, district_id, device_id, sha256, size, upload_offset, created_at, completed_at
       from attachment_uploads where id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Stores one piece at `at`, moving the offset from exactly `at`; 409 when another writer moved it. */
  private async append(id: string, at: number, bytes: Buffer): Promise<void> {
    await this.db.transaction(async (tx) => {
      const moved = await tx.query(
        `update attachment_uploads set upload_offset = upload_offset + $3
         where id = $1 and upload_offset = $2 and completed_at is null
           and upload_offset + $3 <= size
         returning id`,
        [id, at, bytes.length],
      );
      if (moved.rows.length === 0) throw ERRORS.INVALID_OFFSET;
      await tx.query(
        'insert into attachment_chunks (upload_id, chunk_offset, bytes) values ($1, $2, $3)',
        [id, at, bytes],
      );
    });
  }

  /** The SHA-256 of an upload's bytes, read piece by piece in order (null: a gap, never expected). */
  private async sha256Of(id: string): Promise<string | null> {
    const hash = createHash('sha256');
    let next = 0;
    for (;;) {
      const { rows } = await this.db.query<{ chunk_offset: string | number; bytes: Uint8Array }>(
        `select chunk_offset, bytes from attachment_chunks
         where upload_id = $1 and chunk_offset >= $2 order by chunk_offset limit 16`,
        [id, next],
      );
      if (rows.length === 0) return hash.digest('hex');
      for (const piece of rows) {
        if (Number(piece.chunk_offset) !== next) return null;
        hash.update(piece.bytes);
        next += piece.bytes.byteLength;
      }
    }
  }

  /**
   * Checks a complete upload once: a wrong hash drops it (and throws the refusal), a right one makes
   * it the district's copy of the scan or, when the district has it already, drops its bytes.
   */
  private async finishIfComplete(id: string): Promise<void> {
    const row = await this.row(id);
    if (row === null || row.completed_at !== null) return;
    if (Number(row.upload_offset) !== Number(row.size)) return;
    // Nothing can be appended any more (the offset is at the size), so the bytes read are final.
    const actual = await this.sha256Of(id);
    if (actual !== row.sha256) {
      await this.db.query('delete from attachment_uploads where id = $1 and completed_at is null', [
        id,
      ]);
      throw refusal(460, 'sync:attachments.hashMismatch');
    }
    await this.db.transaction((tx) =>
      keepForDistrict(tx, { id, districtId: row.district_id, sha256: row.sha256, size: row.size }),
    );
  }
}

/**
 * Makes a complete upload whose bytes match its hash the district's copy of the scan, or drops its
 * bytes when the district holds that hash already (stored once). Runs in the caller's transaction;
 * an upload another request finished meanwhile is left as that request left it.
 */
async function keepForDistrict(
  tx: Queryable,
  upload: { id: string; districtId: string; sha256: string; size: string | number },
): Promise<void> {
  const done = await tx.query(
    `update attachment_uploads set completed_at = now()
     where id = $1 and completed_at is null returning id`,
    [upload.id],
  );
  if (done.rows.length === 0) return; // another request checked it meanwhile
  const stored = await tx.query(
    `insert into attachments (district_id, sha256, size, upload_id) values ($1, $2, $3, $4)
     on conflict (district_id, sha256) do nothing returning sha256`,
    [upload.districtId, upload.sha256, upload.size, upload.id],
  );
  if (stored.rows.length === 0) {
    await tx.query('delete from attachment_chunks where upload_id = $1', [upload.id]);
  }
}

/** The upload id of a scan kept from a sync file: one per district and hash, never a tus id (hex). */
function fileUploadId(districtId: string, sha256: string): string {
  return `file:${districtId}:${sha256}`;
}

/**
 * Keeps a scan a sync file carried as the district's copy (the hub's StoreScan, sync-file-import.ts),
 * inside the caller's transaction `tx`. The bytes must be the scan `sha256` names: anything else is a
 * bug of the caller (the file's scans are checked when it is opened) and throws, keeping nothing.
 * Idempotent per (district, hash): when the district has the scan, by upload or by an earlier file,
 * nothing is written. Otherwise the bytes are stored in pieces of PIECE_BYTES as a finished upload
 * of `deviceId` and made the district's copy.
 */
export async function storeAttachment(
  tx: Queryable,
  districtId: string,
  sha256: string,
  bytes: Uint8Array,
  deviceId: string,
): Promise<void> {
  if (!SHA256_HEX.test(sha256) || createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new RangeError('sync:attachments.hashMismatch');
  }
  const held = await tx.query('select 1 from attachments where district_id = $1 and sha256 = $2', [
    districtId,
    sha256,
  ]);
  if (held.rows.length > 0) return;
  const id = fileUploadId(districtId, sha256);
  // A concurrent import of the same scan waits here on the row of the first and then finds it.
  const created = await tx.query(
    `insert into attachment_uploads (id, district_id, device_id, sha256, size, upload_offset)
     values ($1, $2, $3, $4, $5, $5) on conflict (id) do nothing returning id`,
    [id, districtId, deviceId, sha256, bytes.byteLength],
  );
  if (created.rows.length === 0) return;
  for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) {
    const piece = bytes.subarray(at, at + PIECE_BYTES);
    await tx.query(
      'insert into attachment_chunks (upload_id, chunk_offset, bytes) values ($1, $2, $3)',
      [id, at, Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)],
    );
  }
  await keepForDistrict(tx, { id, districtId, sha256, size: bytes.byteLength });
}
