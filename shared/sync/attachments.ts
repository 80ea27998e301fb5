// Scans on their own channel: what the desk and the hub agree on. What must stay true:
// - A scan is addressed by the SHA-256 of its bytes (lowercase hex), the same key the case events
//   name (shared/case attachmentSchema) and the desk stores it under.
// - Uploads speak tus 1.0 (resumable, chunked) at ATTACHMENT_UPLOADS_PATH with the declared hash in
//   the upload's metadata (`sha256`) and nothing else: a file name may hold a person's name, and the
//   event already carries it.
// - A download is one GET per byte range of ATTACHMENT_PATH; a desk that may not see the scan gets
//   404 `sync:attachments.notFound` whether or not the hub holds it.
// - Every reason below has words in locales/{kk,ru}/sync.json.

/** Where a desk creates uploads (POST) and continues them (HEAD, PATCH on the returned location). */
export const ATTACHMENT_UPLOADS_PATH = '/v1/attachments/uploads';

/** Where a desk fetches a scan by its hash (GET with Range). */
export function attachmentPath(sha256: string): string {
  return `/v1/attachments/${sha256}`;
}

/** A scan's address: the SHA-256 of its bytes as 64 lowercase hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The largest scan a hub takes by default (HUB_ATTACHMENT_MAX_MB). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;

/** How many bytes a desk sends in one PATCH or asks for in one Range request. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

/** Why a scan did not travel; the code of the hub's error body or the desk's own. */
export const ATTACHMENT_REASONS = [
  /** The bytes that arrived are not the scan the hash names: nothing of them was kept. */
  'sync:attachments.hashMismatch',
  /** Larger than the hub takes. */
  'sync:attachments.tooLarge',
  /** Not at the hub, or in no case this desk may see. */
  'sync:attachments.notFound',
  /** The link broke: the next try continues from the bytes already across. */
  'sync:attachments.interrupted',
] as const;
export type AttachmentReason = (typeof ATTACHMENT_REASONS)[number];
