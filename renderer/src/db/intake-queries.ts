// What the intake screen reads and writes besides the case events: the people known from earlier
// cases, and the scans attached to an application. Scans are addressed by their SHA-256, so the same
// file attached twice (to one case or to two) is stored once, and a hub can later ask for it by hash.
import { normalizeText, type Attachment } from '../../../shared/case';
import { sha256, toHex } from '../../../shared/signing';
import type { AttachmentRow, CaseRow, DeskDatabase, PersonRow } from './database';

/** 10 MB: a scanned page as a photo or a multi-page PDF fits; a video does not. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Scans only: any image type the browser can show, or PDF. */
export function isAcceptedAttachmentType(mime: string): boolean {
  return mime.startsWith('image/') || mime === 'application/pdf';
}

/** Message keys (namespace `intake`) for a file that cannot be attached. */
export type AttachmentProblem =
  | 'intake:attachments.errors.empty'
  | 'intake:attachments.errors.tooLarge'
  | 'intake:attachments.errors.wrongType';

/** Why a file cannot be attached, or null when it can. */
export function attachmentProblem(file: {
  readonly size: number;
  readonly type: string;
}): AttachmentProblem | null {
  if (!isAcceptedAttachmentType(file.type)) return 'intake:attachments.errors.wrongType';
  if (file.size === 0) return 'intake:attachments.errors.empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'intake:attachments.errors.tooLarge';
  return null;
}

/** Lower-case hex SHA-256 of a file's bytes: the attachment's address. */
export async function blobSha256(blob: Blob): Promise<string> {
  return toHex(await sha256(crypto.subtle, new Uint8Array(await blob.arrayBuffer())));
}

export interface AttachmentFile {
  readonly name: string;
  readonly blob: Blob;
}

export type StoreAttachmentsResult =
  | { readonly ok: true; readonly attachments: Attachment[] }
  | { readonly ok: false; readonly reason: AttachmentProblem; readonly name: string };

export type PreparedAttachments =
  | { readonly ok: true; readonly rows: AttachmentRow[] }
  | { readonly ok: false; readonly reason: AttachmentProblem; readonly name: string };

/**
 * Checks every file and hashes it, outside any transaction: an IndexedDB transaction commits itself
 * while awaiting crypto. One row per distinct content, in the order given. File names come from the
 * computer's file system, which may spell a letter decomposed (macOS does): they are made NFC here,
 * since the case event only takes NFC text.
 */
export async function prepareAttachments(
  files: readonly AttachmentFile[],
  nowMs: number,
): Promise<PreparedAttachments> {
  for (const file of files) {
    const problem = attachmentProblem({ size: file.blob.size, type: file.blob.type });
    if (problem) return { ok: false, reason: problem, name: file.name };
  }
  const rows: AttachmentRow[] = [];
  for (const file of files) {
    const hash = await blobSha256(file.blob);
    if (rows.some((r) => r.sha256 === hash)) continue;
    rows.push({
      sha256: hash,
      name: normalizeText(file.name),
      mime: file.blob.type,
      size: file.blob.size,
      blob: file.blob,
      addedAtMs: nowMs,
    });
  }
  return { ok: true, rows };
}

/** Stores the rows not yet stored, inside the caller's transaction (which holds db.attachments). */
export async function putAttachmentRows(
  db: DeskDatabase,
  rows: readonly AttachmentRow[],
): Promise<void> {
  const existing = await db.attachments.bulkGet(rows.map((r) => r.sha256));
  const fresh = rows.filter((_, i) => existing[i] === undefined);
  if (fresh.length > 0) await db.attachments.bulkAdd(fresh);
}

/** What a case event says of its scans. */
export function attachmentsOf(rows: readonly AttachmentRow[]): Attachment[] {
  return rows.map((r) => ({ sha256: r.sha256, name: r.name, mime: r.mime, size: r.size }));
}

/**
 * Checks every file, hashes them, then stores those not yet stored in one transaction. Nothing is
 * stored when any file is refused. Returns the metadata for a case event, one entry per distinct
 * content, in the order given. The intake saves its scans with its event instead (submitIntake).
 */
export async function storeAttachments(
  db: DeskDatabase,
  files: readonly AttachmentFile[],
  nowMs: number,
): Promise<StoreAttachmentsResult> {
  const prepared = await prepareAttachments(files, nowMs);
  if (!prepared.ok) return prepared;
  await db.transaction('rw', db.attachments, () => putAttachmentRows(db, prepared.rows));
  return { ok: true, attachments: attachmentsOf(prepared.rows) };
}

/** A stored scan by its hash (for previews on the case page and print views). */
export function loadAttachment(
  db: DeskDatabase,
  sha256Hex: string,
): Promise<AttachmentRow | undefined> {
  return db.attachments.get(sha256Hex);
}

/** The latest known details of the person with this IIN, from their earlier applications. */
export function findPerson(db: DeskDatabase, iin: string): Promise<PersonRow | undefined> {
  return db.people.get(iin);
}

export interface PersonHistory {
  readonly person: PersonRow;
  /** The person's earlier cases as applicant, newest first. */
  readonly cases: readonly CaseRow[];
}

/** A known person and their earlier cases; undefined for an IIN this desk has never seen. */
export async function personHistory(
  db: DeskDatabase,
  iin: string,
): Promise<PersonHistory | undefined> {
  const person = await db.people.get(iin);
  if (!person) return undefined;
  const cases = await db.cases.where('iin').equals(iin).toArray();
  cases.sort(
    (a, b) =>
      (b.receivedAt ?? b.date).localeCompare(a.receivedAt ?? a.date) ||
      b.updatedAtMs - a.updatedAtMs,
  );
  return { person, cases };
}
