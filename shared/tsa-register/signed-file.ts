import { strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import {
  publicKeyFingerprint,
  signCanonical,
  verifyCanonical,
  type CanonicalSignature,
  type PublicJwk,
  type SigningKey,
} from '../signing/signature';
import { sha256, type Bytes, type SubtleCryptoLike } from '../signing/subtle';
import { toHex } from '../signing/base64';
import { MAX_TSA_FILE_BYTES } from './read-tsa-bytes';
import type { TsaMessage } from './tsa-file';

// A recipients register signed by the district, for a desk that takes the register from a file
// although its hub also delivers it by sync (a week without a link, a correction sent on a stick).
// Who signs: the district hub, with its district's file-signing key (server/src/sync/hub-file-keys.ts)
// — the key that already signs the hub's sync reply files, whose public half every desk of the
// district received at enrollment over its own enrolled link. So a desk needs no new key to trust,
// and what it trusts a file for is exactly what it trusts the hub's sync for: the register the district
// uploaded (npm run hub -- tsa sign writes the file from the same upload). What must stay true:
// - The signature covers the whole file: a clear header (format, version, district, the original
//   file's name, when it was signed, the content's size and SHA-256), signed as canonical JSON, and the
//   content's bytes, bound by their SHA-256. No byte can change unnoticed.
// - A desk joined to a hub takes only a file signed by its own district's key (checked against the
//   key from enrollment, never against a key the file names). A desk not joined has no key to check
//   with: it reads the content as it would read a plain file, and says the signature was not checked.
// - Every refusal is a value with a message key (locales tsaRegister.json), never a throw: a file from
//   a stick is untrusted input.
//
// Layout: MAGIC | u32 header length (big-endian) | header JSON (UTF-8) | content bytes (XLSX or CSV).

const MAGIC = strToU8('AKIMAT-TSA\n');
const FORMAT = 'akimat-desk-tsa-register';
export const TSA_SIGNED_FILE_VERSION = 1;
export const TSA_SIGNED_FILE_EXTENSION = '.akimat-tsa';
const MAX_HEADER_BYTES = 8192;
/** A signed file is its content plus a header of a few kilobytes. */
export const MAX_TSA_SIGNED_FILE_BYTES = MAX_TSA_FILE_BYTES + MAGIC.length + 4 + MAX_HEADER_BYTES;

/** What the district's signature vouches for. */
export interface TsaSignedFacts {
  readonly format: typeof FORMAT;
  readonly version: number;
  /** The district whose hub signed (office districtId, e.g. 'AKK'). */
  readonly districtId: string;
  /** The original file's name, shown as where the rows came from. */
  readonly fileName: string;
  /** ISO time of signing, by the hub's clock. */
  readonly signedAt: string;
  readonly size: number;
  /** Lowercase hex SHA-256 of the content. */
  readonly sha256: string;
}

const signatureSchema = z.object({
  algorithm: z.literal('ECDSA-P256-SHA256'),
  value: z.string().max(200),
  signedDigest: z.string().max(100),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
});
const headerSchema = z.object({
  facts: z.object({
    format: z.literal(FORMAT),
    version: z.number().int().min(1),
    districtId: z.string().min(1).max(32),
    fileName: z.string().min(1).max(255),
    signedAt: z.string().max(40),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  signature: signatureSchema,
});

export interface TsaSignInput {
  readonly districtId: string;
  readonly fileName: string;
  readonly signedAt: string;
  readonly content: Bytes;
}

/** Writes the signed file: the content with the district's signed header before it. */
export async function signTsaFile(
  subtle: SubtleCryptoLike,
  signer: SigningKey,
  input: TsaSignInput,
): Promise<Bytes> {
  const facts: TsaSignedFacts = {
    format: FORMAT,
    version: TSA_SIGNED_FILE_VERSION,
    districtId: input.districtId,
    fileName: input.fileName,
    signedAt: input.signedAt,
    size: input.content.length,
    sha256: toHex(await sha256(subtle, input.content)),
  };
  const signature = await signCanonical(subtle, signer, facts);
  const header = strToU8(JSON.stringify({ facts, signature }));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + input.content.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length);
  out.set(header, MAGIC.length + 4);
  out.set(input.content, MAGIC.length + 4 + header.length);
  return out;
}

/** Is this a signed register file (by its first bytes)? A plain XLSX or CSV is not. */
export function isSignedTsaFile(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** What a desk checks a file against: its hub's district and signing key from enrollment. */
export interface TsaTrust {
  readonly districtId: string;
  readonly hubSigningKey: PublicJwk;
}

export type OpenedTsaFile =
  | {
      readonly ok: true;
      /** The XLSX or CSV bytes to read. */
      readonly content: Uint8Array;
      /** How the file was signed: checked against the hub's key, not checked, or not signed. */
      readonly signature:
        | { readonly kind: 'verified'; readonly keyId: string; readonly facts: TsaSignedFacts }
        | { readonly kind: 'unchecked'; readonly facts: TsaSignedFacts }
        | { readonly kind: 'none' };
    }
  | { readonly ok: false; readonly error: TsaMessage };

const refuse = (key: string): OpenedTsaFile => ({ ok: false, error: { key } });

/**
 * Opens a file picked for import. `trust` is null on a desk not joined to a hub (a plain file is
 * taken, a signed one read unchecked); on a joined desk only a file signed by `trust` is taken.
 */
export async function openTsaFile(
  subtle: SubtleCryptoLike,
  bytes: Uint8Array,
  trust: TsaTrust | null,
): Promise<OpenedTsaFile> {
  if (!isSignedTsaFile(bytes)) {
    // A joined desk gets the register from its district: a file nobody vouches for could put anyone
    // on the list of recipients (and the certificate is issued from it on the spot).
    if (trust !== null) return refuse('tsaRegister:signed.unsigned');
    return { ok: true, content: bytes, signature: { kind: 'none' } };
  }
  if (bytes.length < MAGIC.length + 4) return refuse('tsaRegister:signed.damaged');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    MAGIC.length,
  );
  const start = MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || start + headerLength > bytes.length) {
    return refuse('tsaRegister:signed.damaged');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(bytes.subarray(start, start + headerLength)));
  } catch {
    return refuse('tsaRegister:signed.damaged');
  }
  // A newer format is named as such, whatever else changed in it: the person updates the desk.
  const version = (raw as { facts?: { version?: unknown } } | null)?.facts?.version;
  if (typeof version === 'number' && version > TSA_SIGNED_FILE_VERSION) {
    return refuse('tsaRegister:signed.newerVersion');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) return refuse('tsaRegister:signed.damaged');
  const { facts, signature } = parsed.data;
  const content = bytes.slice(start + headerLength);
  if (content.length !== facts.size) return refuse('tsaRegister:signed.damaged');
  if (toHex(await sha256(subtle, content)) !== facts.sha256) {
    return refuse('tsaRegister:signed.tampered');
  }
  const signedFacts: TsaSignedFacts = facts;
  if (trust === null) {
    return { ok: true, content, signature: { kind: 'unchecked', facts: signedFacts } };
  }
  if (facts.districtId !== trust.districtId) return refuse('tsaRegister:signed.otherDistrict');
  const verified = await verifyCanonical(
    subtle,
    trust.hubSigningKey,
    signedFacts,
    signature as CanonicalSignature,
  );
  if (!verified) return refuse('tsaRegister:signed.tampered');
  return {
    ok: true,
    content,
    signature: {
      kind: 'verified',
      keyId: await publicKeyFingerprint(subtle, trust.hubSigningKey),
      facts: signedFacts,
    },
  };
}
