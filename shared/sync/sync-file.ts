// Sync by file, for a village with no link (ARCHITECTURE §4): the same push and pull as the wire,
// carried on a USB stick. A desk writes its unsent events and their scans to one file, signed by the
// device and encrypted to the district hub; the hub answers with a reply file (receipts and the
// events of the desk's scope), signed by the hub and encrypted to the desk. What must stay true:
// - Only the named recipient can read a file, and only the named signer can have written it: the
//   content is signed (ECDSA P-256 / SHA-256) and then encrypted (ECDH P-256 with a fresh ephemeral
//   key → HKDF-SHA-256 → AES-256-GCM). The clear header is bound twice, as the AEAD's additional data
//   and inside the signed bytes, so no byte of a file can change unnoticed.
// - Every refusal is a value with a named reason (words in locales/{kk,ru}/sync.json), never an
//   exception: a file from a USB stick is untrusted input.
// - The format is versioned (SYNC_FILE_VERSION). A file of a newer version is refused as such, so the
//   person is told to update, not that the file is broken.
// - WebCrypto only, injected (shared/ has no Node, no clock and no randomness): the only randomness
//   is the ephemeral key subtle.generateKey makes, and the AES key and nonce both come from HKDF over
//   that fresh key's shared secret, so a (key, nonce) pair is never used twice.
//
// Layout of a file:
//   MAGIC | u32 header length | header JSON | AES-GCM( signature(64) | payload )
//   payload = u32 content length | gzip(content JSON) | scan bytes, in the order content.scans lists
//   additional data = MAGIC | u32 | header JSON;  signed bytes = additional data | payload
import { strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { publicKeyFingerprint, type PublicJwk, type SigningKey } from '../signing/signature';
import {
  sha256,
  type AesGcmParamsLike,
  type Bytes,
  type CryptoKeyLike,
  type CryptoKeyPairLike,
  type JsonWebKeyLike,
  type KeyUsageLike,
  type SubtleCryptoLike,
} from '../signing/subtle';
import { toHex } from '../signing/base64';
import {
  cursorSchema,
  DEVICE_REFUSALS,
  p256PublicJwkSchema,
  pulledEventSchema,
  receiptSchema,
  travellingEventSchema,
  type DeviceRefusal,
  type PulledEvent,
  type Receipt,
  type TravellingEvent,
} from './protocol';
import { decodeBody, encodeBody } from './wire';

/** The file format's version; a reader refuses a newer one by name ('sync:file.newerVersion'). */
export const SYNC_FILE_VERSION = 1;

/** What a file on the stick is called by default (the desk's save dialog, the hub's reply). */
export const SYNC_FILE_EXTENSION = '.akimat-sync';

/** The first bytes of every sync file. */
const MAGIC = strToU8('AKIMAT-SYNC\n');
const FORMAT = 'akimat-desk-sync-file';

/** A whole file, scans included, may be this large (a USB stick, read into memory once). */
export const MAX_SYNC_FILE_BYTES = 512 * 1024 * 1024;
/** The JSON inside a file may unpack to this much; a larger claim is refused while unpacking. */
export const MAX_FILE_CONTENT_BYTES = 256 * 1024 * 1024;
/** A desk's file carries at most this many events (weeks without a link fit many times over). */
export const MAX_FILE_EVENTS = 100_000;
/** A reply carries at most this many events of the scope; `more` says another round trip is due. */
export const MAX_REPLY_EVENTS = 20_000;
export const MAX_FILE_SCANS = 10_000;
const MAX_HEADER_BYTES = 4096;
const SIGNATURE_BYTES = 64;
const NONCE_BYTES = 12;

/** Why a sync file is refused. Each has words in locales/{kk,ru}/sync.json. */
export const SYNC_FILE_REFUSALS = [
  /** Not a sync file at all, or damaged (cut short, bytes lost). */
  'sync:file.damaged',
  /** Its signature or its encryption does not check: changed since it was written, or forged. */
  'sync:file.tampered',
  /** Written for another district's hub. */
  'sync:file.otherDistrict',
  /** A reply written for another desk. */
  'sync:file.otherDesk',
  /** A reply given to the hub, or a desk's file given to a desk. */
  'sync:file.wrongKind',
  /** Written by a newer version of the program: update this one. */
  'sync:file.newerVersion',
  /** Larger than a sync file may be. */
  'sync:file.tooLarge',
] as const;
export type SyncFileRefusal = (typeof SYNC_FILE_REFUSALS)[number] | DeviceRefusal;
/** Every reason an import of a file can give (the device refusals are the online ones). */
export const SYNC_FILE_REASONS = [...SYNC_FILE_REFUSALS, ...DEVICE_REFUSALS] as const;

// ---- WebCrypto, the part sync files use beyond signing -------------------------------------------

export interface EcdhP256Params {
  name: 'ECDH';
  namedCurve: 'P-256';
}
export interface EcdhDeriveParams {
  name: 'ECDH';
  public: CryptoKeyLike;
}
export interface HkdfSha256Params {
  name: 'HKDF';
  hash: 'SHA-256';
  salt: Bytes;
  info: Bytes;
}

/** What sync files need of SubtleCrypto besides signing; `globalThis.crypto.subtle` has it. */
export interface SyncFileCryptoExtras {
  generateKey(
    algorithm: EcdhP256Params,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyPairLike>;
  importKey(
    format: 'jwk',
    keyData: JsonWebKeyLike,
    algorithm: EcdhP256Params,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  importKey(
    format: 'raw',
    keyData: Bytes,
    algorithm: 'HKDF' | { name: 'AES-GCM' },
    extractable: false,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  deriveBits(
    algorithm: EcdhDeriveParams,
    baseKey: CryptoKeyLike,
    length: 256,
  ): Promise<ArrayBuffer>;
  deriveBits(
    algorithm: HkdfSha256Params,
    baseKey: CryptoKeyLike,
    length: number,
  ): Promise<ArrayBuffer>;
  encrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
}

/** The SubtleCrypto a sync file is made and opened with (pass `globalThis.crypto.subtle`). */
export type SyncFileSubtle = SubtleCryptoLike & SyncFileCryptoExtras;

const ECDH_P256: EcdhP256Params = { name: 'ECDH', namedCurve: 'P-256' };
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * A new key agreement pair (ECDH P-256): the desk's, whose public half it sends at enrollment
 * (enrollRequestSchema deviceAgreementKey), or the hub's. Not extractable: the public key is
 * exported all the same (exportPublicKey), the private key never.
 */
export function generateAgreementKeyPair(subtle: SyncFileSubtle): Promise<CryptoKeyPairLike> {
  return subtle.generateKey(ECDH_P256, false, ['deriveBits']);
}

/** A private key and the public JWK that goes with it. */
export interface KeyWithPublic {
  readonly privateKey: CryptoKeyLike;
  readonly publicKey: PublicJwk;
}

// ---- schemas ---------------------------------------------------------------------------------------

const idSchema = z.string().min(1).max(100);
const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const FILE_KINDS = ['desk', 'reply'] as const;

/** The clear header: what a reader needs before it can decrypt, bound to the content. */
export const syncFileHeaderSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int().min(1),
  /** desk: a desk's push to the hub; reply: the hub's answer to the desk. */
  kind: z.enum(FILE_KINDS),
  districtId: idSchema,
  /** The desk that wrote the file (desk) or that the reply is for (reply). */
  deviceId: idSchema,
  /** Fingerprint of the signer's public key (the device's, or the hub's signing key). */
  signerKeyId: fingerprintSchema,
  /** Fingerprint of the recipient's agreement key (the district hub's, or the desk's). */
  recipientKeyId: fingerprintSchema,
  /** The sender's one-time ECDH public key. */
  ephemeralKey: p256PublicJwkSchema,
  createdAtMs: z.number().int().nonnegative(),
});
export type SyncFileHeader = z.infer<typeof syncFileHeaderSchema>;

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const MAX_SCAN_BYTES = 100 * 1024 * 1024;

/** A scan as a desk's file lists it; its bytes follow the content. */
export const fileScanSchema = z.object({
  sha256: sha256HexSchema,
  mime: z
    .string()
    .max(100)
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  size: z.number().int().nonnegative().max(MAX_SCAN_BYTES),
});

/** What a desk's file says: the same as an online push, plus where its pull stands. */
export const deskFileContentSchema = z.object({
  protocol: z.number().int().min(1),
  districtId: idSchema,
  deviceId: idSchema,
  /** The desk's pull cursor: the reply carries the scope's events after it. */
  cursor: cursorSchema,
  events: z.array(travellingEventSchema).max(MAX_FILE_EVENTS),
  scans: z.array(fileScanSchema).max(MAX_FILE_SCANS),
});
export type DeskFileContent = z.infer<typeof deskFileContentSchema>;

/** What a reply says: the receipts of the desk's file and a pull after its cursor. */
export const replyFileContentSchema = z.object({
  protocol: z.number().int().min(1),
  districtId: idSchema,
  deviceId: idSchema,
  /** syncFileDigest of the desk's file this answers. */
  answers: sha256HexSchema,
  /** One per event of that file, in its order. */
  receipts: z.array(receiptSchema).max(MAX_FILE_EVENTS),
  events: z.array(pulledEventSchema).max(MAX_REPLY_EVENTS),
  /** The scans of that file the hub now keeps; the desk sends the others again (online or by file). */
  scansKept: z.array(sha256HexSchema).max(MAX_FILE_SCANS),
  /** The desk's new pull cursor. */
  cursor: cursorSchema,
  /** More events of the scope wait: the next file's reply carries them. */
  more: z.boolean(),
  hubTimeMs: z.number().int().nonnegative(),
});
export type ReplyFileContent = z.infer<typeof replyFileContentSchema>;

export interface FileScan {
  readonly sha256: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** A desk's file as the hub reads it. */
export interface DeskFile {
  readonly header: SyncFileHeader;
  readonly protocol: number;
  readonly cursor: string;
  readonly events: TravellingEvent[];
  readonly scans: FileScan[];
}

/** A reply as the desk reads it. */
export interface ReplyFile {
  readonly header: SyncFileHeader;
  readonly answers: string;
  readonly receipts: Receipt[];
  readonly events: PulledEvent[];
  readonly scansKept: string[];
  readonly cursor: string;
  readonly more: boolean;
  readonly hubTimeMs: number;
}

export type Opened<T> =
  | { readonly ok: true; readonly file: T }
  | { readonly ok: false; readonly reason: SyncFileRefusal };

// ---- writing ---------------------------------------------------------------------------------------

export interface DeskFileInput {
  readonly protocol: number;
  readonly districtId: string;
  readonly deviceId: string;
  readonly cursor: string;
  readonly createdAtMs: number;
  readonly events: readonly TravellingEvent[];
  readonly scans: readonly FileScan[];
}

/**
 * A desk's sync file: its unsent events and scans, signed with the device key registered at
 * enrollment (`device`: the ECDSA private key and its fingerprint) and encrypted to the district
 * hub's agreement key (enrollReply hubFileKeys.agreement). Throws only on a bug: a scan whose bytes
 * do not have its hash, or more events or scans than a file carries.
 */
export async function buildDeskFile(
  subtle: SyncFileSubtle,
  input: DeskFileInput,
  keys: { readonly device: SigningKey; readonly hubAgreementKey: PublicJwk },
): Promise<Bytes> {
  for (const scan of input.scans) {
    if (toHex(await sha256(subtle, asBytes(scan.bytes))) !== scan.sha256) {
      throw new RangeError(`Scan bytes do not match their hash ${scan.sha256}`);
    }
  }
  const content: DeskFileContent = deskFileContentSchema.parse({
    protocol: input.protocol,
    districtId: input.districtId,
    deviceId: input.deviceId,
    cursor: input.cursor,
    events: input.events,
    scans: input.scans.map((s) => ({ sha256: s.sha256, mime: s.mime, size: s.bytes.length })),
  });
  return seal(
    subtle,
    {
      kind: 'desk',
      districtId: input.districtId,
      deviceId: input.deviceId,
      createdAtMs: input.createdAtMs,
    },
    content,
    input.scans.map((s) => s.bytes),
    keys.device,
    keys.hubAgreementKey,
  );
}

export interface ReplyFileInput {
  readonly protocol: number;
  readonly districtId: string;
  readonly deviceId: string;
  readonly answers: string;
  readonly receipts: readonly Receipt[];
  readonly events: readonly PulledEvent[];
  readonly scansKept: readonly string[];
  readonly cursor: string;
  readonly more: boolean;
  readonly hubTimeMs: number;
}

/** The hub's reply, signed with the district hub's signing key and encrypted to the desk. */
export async function buildReplyFile(
  subtle: SyncFileSubtle,
  input: ReplyFileInput,
  keys: { readonly hub: SigningKey; readonly deskAgreementKey: PublicJwk },
): Promise<Bytes> {
  const content: ReplyFileContent = replyFileContentSchema.parse(input);
  return seal(
    subtle,
    {
      kind: 'reply',
      districtId: input.districtId,
      deviceId: input.deviceId,
      createdAtMs: input.hubTimeMs,
    },
    content,
    [],
    keys.hub,
    keys.deskAgreementKey,
  );
}

/** The SHA-256 (hex) of a whole file: a reply names the desk's file it answers by it. */
export async function syncFileDigest(subtle: SubtleCryptoLike, bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(subtle, asBytes(bytes)));
}

async function seal(
  subtle: SyncFileSubtle,
  about: Pick<SyncFileHeader, 'kind' | 'districtId' | 'deviceId' | 'createdAtMs'>,
  content: unknown,
  scans: readonly Uint8Array[],
  signer: SigningKey,
  recipient: PublicJwk,
): Promise<Bytes> {
  const ephemeral = await subtle.generateKey(ECDH_P256, false, ['deriveBits']);
  const ephemeralJwk = await subtle.exportKey('jwk', ephemeral.publicKey);
  const header: SyncFileHeader = syncFileHeaderSchema.parse({
    format: FORMAT,
    version: SYNC_FILE_VERSION,
    ...about,
    signerKeyId: signer.keyId,
    recipientKeyId: await publicKeyFingerprint(subtle, recipient),
    ephemeralKey: {
      kty: ephemeralJwk.kty,
      crv: ephemeralJwk.crv,
      x: ephemeralJwk.x,
      y: ephemeralJwk.y,
    },
  });
  const prefix = framePrefix(strToU8(JSON.stringify(header)));
  const packed = encodeBody(content);
  const payload = concat([u32(packed.length), packed, ...scans]);
  const signature = new Uint8Array(
    await subtle.sign(ECDSA_SHA256, signer.privateKey, concat([prefix, payload])),
  );
  const recipientKey = await subtle.importKey('jwk', jwkOf(recipient), ECDH_P256, false, []);
  const secret = await subtle.deriveBits(
    { name: 'ECDH', public: recipientKey },
    ephemeral.privateKey,
    256,
  );
  const { key, nonce } = await aeadKey(subtle, new Uint8Array(secret), header, ['encrypt']);
  const sealed = await subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: prefix },
    key,
    concat([signature, payload]),
  );
  if (prefix.length + sealed.byteLength > MAX_SYNC_FILE_BYTES) {
    throw new RangeError('The sync file would be larger than MAX_SYNC_FILE_BYTES');
  }
  return concat([prefix, new Uint8Array(sealed)]);
}

// ---- reading ---------------------------------------------------------------------------------------

/**
 * The clear header of a file, before anything is decrypted: the hub reads it to find the district's
 * keys and the device that signed it. Nothing in it is trusted until open… checks the whole file.
 */
export function readSyncFileHeader(
  bytes: Uint8Array,
):
  | { readonly ok: true; readonly header: SyncFileHeader }
  | { readonly ok: false; readonly reason: SyncFileRefusal } {
  const framed = splitFrame(bytes);
  return framed.ok ? { ok: true, header: framed.header } : framed;
}

/**
 * Opens a desk's file at the hub: `hub` is the district's agreement key pair; `devicePublicKey` the
 * device key registered when the desk in the header enrolled (the caller looks it up and refuses an
 * unknown or revoked desk before this).
 */
export async function openDeskFile(
  subtle: SyncFileSubtle,
  bytes: Uint8Array,
  keys: {
    readonly districtId: string;
    readonly hub: KeyWithPublic;
    readonly devicePublicKey: PublicJwk;
  },
): Promise<Opened<DeskFile>> {
  const opened = await unseal(subtle, bytes, 'desk', keys.hub, keys.devicePublicKey, (h) =>
    h.districtId === keys.districtId ? null : 'sync:file.otherDistrict',
  );
  if (!opened.ok) return opened;
  const { header, json, rest } = opened;
  const parsed = deskFileContentSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'sync:file.damaged' };
  const content = parsed.data;
  if (content.districtId !== header.districtId || content.deviceId !== header.deviceId) {
    return { ok: false, reason: 'sync:file.tampered' };
  }
  const total = content.scans.reduce((sum, s) => sum + s.size, 0);
  if (total !== rest.length) return { ok: false, reason: 'sync:file.damaged' };
  const scans: FileScan[] = [];
  let at = 0;
  for (const scan of content.scans) {
    const scanBytes = rest.subarray(at, at + scan.size);
    at += scan.size;
    if (toHex(await sha256(subtle, scanBytes)) !== scan.sha256) {
      return { ok: false, reason: 'sync:file.damaged' };
    }
    scans.push({ sha256: scan.sha256, mime: scan.mime, bytes: scanBytes });
  }
  return {
    ok: true,
    file: {
      header,
      protocol: content.protocol,
      cursor: content.cursor,
      events: content.events,
      scans,
    },
  };
}

/**
 * Opens the hub's reply at the desk: `desk` is this desk's agreement key pair and ids; the reply must
 * be for this desk and district and signed with the hub key the desk received at enrollment.
 */
export async function openReplyFile(
  subtle: SyncFileSubtle,
  bytes: Uint8Array,
  keys: {
    readonly districtId: string;
    readonly deviceId: string;
    readonly desk: KeyWithPublic;
    readonly hubSigningKey: PublicJwk;
  },
): Promise<Opened<ReplyFile>> {
  const opened = await unseal(subtle, bytes, 'reply', keys.desk, keys.hubSigningKey, (h) =>
    h.districtId !== keys.districtId
      ? 'sync:file.otherDistrict'
      : h.deviceId !== keys.deviceId
        ? 'sync:file.otherDesk'
        : null,
  );
  if (!opened.ok) return opened;
  const { header, json, rest } = opened;
  const parsed = replyFileContentSchema.safeParse(json);
  if (!parsed.success || rest.length !== 0) return { ok: false, reason: 'sync:file.damaged' };
  const content = parsed.data;
  if (content.districtId !== header.districtId || content.deviceId !== header.deviceId) {
    return { ok: false, reason: 'sync:file.tampered' };
  }
  return {
    ok: true,
    file: {
      header,
      answers: content.answers,
      receipts: content.receipts,
      events: content.events,
      scansKept: content.scansKept,
      cursor: content.cursor,
      more: content.more,
      hubTimeMs: content.hubTimeMs,
    },
  };
}

type Unsealed =
  | { ok: true; header: SyncFileHeader; json: unknown; rest: Bytes }
  | { ok: false; reason: SyncFileRefusal };

/** Checks, in order: frame and version, kind, addressee, keys, AEAD, signature, then unpacks. */
async function unseal(
  subtle: SyncFileSubtle,
  bytes: Uint8Array,
  kind: SyncFileHeader['kind'],
  recipient: KeyWithPublic,
  signerPublicKey: PublicJwk,
  addressee: (header: SyncFileHeader) => SyncFileRefusal | null,
): Promise<Unsealed> {
  const framed = splitFrame(bytes);
  if (!framed.ok) return framed;
  const { header, prefix, sealed } = framed;
  if (header.kind !== kind) return { ok: false, reason: 'sync:file.wrongKind' };
  const elsewhere = addressee(header);
  if (elsewhere) return { ok: false, reason: elsewhere };
  if (header.recipientKeyId !== (await publicKeyFingerprint(subtle, recipient.publicKey))) {
    // Encrypted to a key this reader does not hold: another hub's district, or another desk.
    return {
      ok: false,
      reason: kind === 'desk' ? 'sync:file.otherDistrict' : 'sync:file.otherDesk',
    };
  }
  if (header.signerKeyId !== (await publicKeyFingerprint(subtle, signerPublicKey))) {
    return { ok: false, reason: 'sync:file.tampered' };
  }

  let plain: Bytes;
  try {
    const ephemeral = await subtle.importKey(
      'jwk',
      jwkOf(header.ephemeralKey),
      ECDH_P256,
      false,
      [],
    );
    const secret = await subtle.deriveBits(
      { name: 'ECDH', public: ephemeral },
      recipient.privateKey,
      256,
    );
    const { key, nonce } = await aeadKey(subtle, new Uint8Array(secret), header, ['decrypt']);
    plain = new Uint8Array(
      await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: prefix }, key, sealed),
    );
  } catch {
    // A key off the curve, or an authentication tag that does not check: changed or forged.
    return { ok: false, reason: 'sync:file.tampered' };
  }
  if (plain.length < SIGNATURE_BYTES + 4) return { ok: false, reason: 'sync:file.tampered' };
  const signature = plain.subarray(0, SIGNATURE_BYTES);
  const payload = plain.subarray(SIGNATURE_BYTES);
  let signed: boolean;
  try {
    const signerKey = await subtle.importKey('jwk', jwkOf(signerPublicKey), ECDSA_P256, false, [
      'verify',
    ]);
    signed = await subtle.verify(ECDSA_SHA256, signerKey, signature, concat([prefix, payload]));
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, reason: 'sync:file.tampered' };

  const contentLength = readU32(payload, 0);
  if (4 + contentLength > payload.length) return { ok: false, reason: 'sync:file.damaged' };
  const decoded = decodeBody(payload.subarray(4, 4 + contentLength), MAX_FILE_CONTENT_BYTES);
  if (!decoded.ok) {
    return {
      ok: false,
      reason:
        decoded.reason === 'sync:errors.tooLarge' ? 'sync:file.tooLarge' : 'sync:file.damaged',
    };
  }
  return { ok: true, header, json: decoded.value, rest: payload.subarray(4 + contentLength) };
}

type Framed =
  | { ok: true; header: SyncFileHeader; prefix: Bytes; sealed: Bytes }
  | { ok: false; reason: SyncFileRefusal };

function splitFrame(input: Uint8Array): Framed {
  if (input.length > MAX_SYNC_FILE_BYTES) return { ok: false, reason: 'sync:file.tooLarge' };
  const bytes = asBytes(input);
  const damaged = { ok: false, reason: 'sync:file.damaged' } as const;
  if (bytes.length < MAGIC.length + 4) return damaged;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return damaged;
  const headerLength = readU32(bytes, MAGIC.length);
  const headerStart = MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength > bytes.length) return damaged;
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(bytes.subarray(headerStart, headerStart + headerLength)));
  } catch {
    return damaged;
  }
  // The version first: a newer file is refused as newer even if its header has grown new members.
  const versioned = z
    .object({ format: z.literal(FORMAT), version: z.number().int().min(1) })
    .safeParse(raw);
  if (!versioned.success) return damaged;
  if (versioned.data.version > SYNC_FILE_VERSION) {
    return { ok: false, reason: 'sync:file.newerVersion' };
  }
  const header = syncFileHeaderSchema.safeParse(raw);
  if (!header.success) return damaged;
  return {
    ok: true,
    header: header.data,
    prefix: bytes.subarray(0, headerStart + headerLength),
    sealed: bytes.subarray(headerStart + headerLength),
  };
}

// ---- pieces ----------------------------------------------------------------------------------------

/** The AES-256-GCM key and nonce of one file: HKDF-SHA-256 over the ECDH secret. */
async function aeadKey(
  subtle: SyncFileSubtle,
  secret: Bytes,
  header: SyncFileHeader,
  usages: KeyUsageLike[],
): Promise<{ key: CryptoKeyLike; nonce: Bytes }> {
  const base = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = new Uint8Array(
    await subtle.deriveBits(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: new Uint8Array(0),
        info: new Uint8Array(strToU8(`${FORMAT} v${header.version} ${header.kind}`)),
      },
      base,
      (32 + NONCE_BYTES) * 8,
    ),
  );
  const key = await subtle.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, usages);
  return { key, nonce: bits.slice(32) };
}

function jwkOf(jwk: PublicJwk | SyncFileHeader['ephemeralKey']): JsonWebKeyLike {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

function framePrefix(header: Uint8Array): Bytes {
  if (header.length > MAX_HEADER_BYTES) throw new RangeError('Sync file header too long');
  return concat([MAGIC, u32(header.length), header]);
}

function u32(n: number): Bytes {
  const out = new Uint8Array(4);
  out[0] = (n >>> 24) & 0xff;
  out[1] = (n >>> 16) & 0xff;
  out[2] = (n >>> 8) & 0xff;
  out[3] = n & 0xff;
  return out;
}

function readU32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) return Number.MAX_SAFE_INTEGER;
  return (
    (bytes[at] ?? 0) * 0x1000000 +
    (bytes[at + 1] ?? 0) * 0x10000 +
    (bytes[at + 2] ?? 0) * 0x100 +
    (bytes[at + 3] ?? 0)
  );
}

function concat(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The bytes as WebCrypto takes them (backed by a plain ArrayBuffer), copied only when not. */
function asBytes(bytes: Uint8Array): Bytes {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Bytes) : new Uint8Array(bytes);
}
