// The district's stored scans as a desk may fetch them. What must stay true:
// - A desk sees a scan only when an event in its scope names the hash: an akimat's desk, a case event
//   of its own office; the district department's desk, one of its district (the scope of pull,
//   server/src/sync/event-log.ts). Anything else is "not found", whether or not the hub holds it.
// - Bytes are read piece by piece, never a whole scan in memory.
// - One byte range per request (RFC 9110 §14): `bytes=a-b`, `bytes=a-`, `bytes=-n`; anything else
//   is answered with the whole scan, which a server may always do.
import type { Queryable } from '../db';
import type { Device } from '../registry/registry';

export interface StoredAttachment {
  readonly uploadId: string;
  readonly size: number;
}

/** The district's copy of a scan if `device` may see it (an event in its scope names it), else null. */
export async function visibleAttachment(
  db: Queryable,
  device: Device,
  sha256: string,
): Promise<StoredAttachment | null> {
  const office = device.officeKind === 'district' ? null : device.officeId;
  const { rows } = await db.query<{ upload_id: string; size: string | number }>(
    `select a.upload_id, a.size from attachments a
     where a.district_id = $1 and a.sha256 = $2
       and exists (
         select 1 from hub_events e
         where e.district_id = $1 and e.stream = 'case'
           and (e.body -> 'payload' -> 'attachments') @> $3::jsonb
           and ($4::text is null or e.office_id = $4)
       )`,
    [device.districtId, sha256, JSON.stringify([{ sha256 }]), office],
  );
  const row = rows[0];
  return row ? { uploadId: row.upload_id, size: Number(row.size) } : null;
}

export type ByteRange =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/** The one byte range a Range header asks of a `size`-byte scan (end inclusive). */
export function byteRangeOf(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // The last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'whole' };
  return { kind: 'part', start, end };
}

/** The bytes `start`..`end` (inclusive) of an upload's stored pieces, in order. */
export async function* readAttachmentBytes(
  db: Queryable,
  uploadId: string,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  if (end < start) return;
  // The piece holding `start`, then the ones after it.
  const first = await db.query<{ chunk_offset: string | number }>(
    `select chunk_offset from attachment_chunks
     where upload_id = $1 and chunk_offset <= $2 order by chunk_offset desc limit 1`,
    [uploadId, start],
  );
  let from = Number(first.rows[0]?.chunk_offset ?? 0);
  for (;;) {
    const { rows } = await db.query<{ chunk_offset: string | number; bytes: Uint8Array }>(
      `select chunk_offset, bytes from attachment_chunks
       where upload_id = $1 and chunk_offset >= $2 and chunk_offset <= $3
       order by chunk_offset limit 8`,
      [uploadId, from, end],
    );
    if (rows.length === 0) return;
    for (const piece of rows) {
      const at = Number(piece.chunk_offset);
      const bytes = piece.bytes;
      const lo = Math.max(start - at, 0);
      const hi = Math.min(end - at + 1, bytes.byteLength);
      if (hi > lo) yield bytes.subarray(lo, hi);
      from = at + bytes.byteLength;
      if (from > end) return;
    }
  }
}
