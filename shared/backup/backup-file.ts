// A desk's backup file (issue 11 §2): the whole desk, compressed and encrypted, readable only with the
// office's recovery passphrase. What must stay true:
// - The file is `MAGIC ‖ u32 header length ‖ header (UTF-8 JSON) ‖ AES-GCM(zip)`. The header is
//   readable without the passphrase (what the file is, whose office, when, made by which format and
//   schema) and is AUTHENTICATED: its exact bytes are the cipher's additional data, so a changed
//   header (a date, an office, the KDF's parameters) fails to open like a changed body.
// - The key comes from the recovery passphrase by argon2id (RFC 9106), never from anything kept on
//   the desk: the desk keeps only the recovery PUBLIC key (X25519) derived from the passphrase. A
//   backup is sealed to that public key (ephemeral X25519, HKDF-SHA-256 → AES-256-GCM), so anybody on
//   duty can make a backup without knowing the passphrase, and only the passphrase opens one. The
//   public key doubles as the passphrase's verifier: a passphrase is right when it derives it.
// - Opening is all or nothing and changes nothing: every failure (not a backup, a newer format, a
//   wrong passphrase, a damaged byte anywhere) is a value with a message key, before anything is
//   written; writing is the caller's, after this returned ok.
// - The argon2id parameters travel in the header and are bounded before use: a forged header cannot
//   make a desk allocate gigabytes.
// shared/ stays pure: argon2id (hash-wasm, WebAssembly), X25519 and the random source are passed in.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { decodeBase64, encodeBase64 } from '../signing/base64';
import type {
  AesGcm256KeyParams,
  AesGcmParamsLike,
  Bytes,
  CryptoKeyLike,
  KeyUsageLike,
} from '../signing/subtle';

/** The first bytes of every backup file: a person opening it in a text editor sees what it is. */
export const BACKUP_MAGIC = 'AKIMAT-DESK-BACKUP\n';
/** The format this code writes; it opens this one and every older one it knows (none yet). */
export const BACKUP_FORMAT_VERSION = 1;
/** A backup's file name ends so. */
export const BACKUP_EXTENSION = '.akimat-backup';

/**
 * argon2id's cost. RFC 9106 §4, second recommended option ("if much less memory is available"): 64
 * MiB, t = 3, p = 4. 64 MiB is what a village laptop with 4 GB and a browser open affords in about a
 * second (the first option's 2 GiB is not); every guess costs an attacker the same 64 MiB, which
 * is what makes GPUs slow at it. p = 4 lanes are computed one after another in WebAssembly, so the
 * desk pays no more than with p = 1, and the parameters match the RFC's option exactly.
 */
export interface Argon2idParams {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}
export const RECOVERY_KDF: Argon2idParams = { memoryKiB: 65_536, iterations: 3, parallelism: 4 };

/** What a header may ask for: enough for the RFC's options and cheap tests, never a memory bomb. */
const kdfSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  memoryKiB: z
    .number()
    .int()
    .min(8 * 4)
    .max(1_048_576),
  iterations: z.number().int().min(1).max(16),
  parallelism: z.number().int().min(1).max(8),
  /** base64, 16 bytes: fixed when the passphrase is set (the public key depends on it). */
  salt: z.string().min(1),
});
export type RecoveryKdf = z.infer<typeof kdfSchema>;

/** What the desk keeps of the recovery passphrase: its parameters and the public key it derives. */
export const recoveryVerifierSchema = z.strictObject({
  kdf: kdfSchema,
  /** base64, X25519, 32 bytes. */
  publicKey: z.string().min(1),
});
export type RecoveryVerifier = z.infer<typeof recoveryVerifierSchema>;

/** The readable, authenticated part of a backup file. */
export const backupHeaderSchema = z.strictObject({
  format: z.number().int().min(1),
  /** When the desk made the file (epoch ms) and the desk's database schema version then. */
  createdAtMs: z.number().int(),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string(),
  office: z.strictObject({
    officeId: z.string(),
    code: z.string(),
    nameKk: z.string(),
    nameRu: z.string(),
    deviceNo: z.number().int(),
  }),
  /** How many rows of each table and how many scans: shown before restoring, checked after opening. */
  counts: z.record(z.string(), z.number().int().min(0)),
  recovery: recoveryVerifierSchema,
  seal: z.strictObject({
    algorithm: z.literal('X25519-HKDF-SHA256-A256GCM'),
    /** base64: the ephemeral X25519 public key and the 12-byte nonce. */
    ephemeralKey: z.string().min(1),
    iv: z.string().min(1),
  }),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/**
 * The desk as the db layer hands it over: each table's rows (JSON values; a table whose key is not in
 * its rows gives `[key, value]` pairs) and the scans' bytes by name.
 */
export interface BackupContents {
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
  readonly files: Readonly<Record<string, Bytes>>;
}

export interface HkdfSha256Params {
  name: 'HKDF';
  hash: 'SHA-256';
  salt: Bytes;
  info: Bytes;
}

/** The part of WebCrypto a backup uses (globalThis.crypto.subtle fits). */
export interface BackupSubtle {
  importKey(
    format: 'raw',
    keyData: Bytes,
    algorithm: 'HKDF',
    extractable: false,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  deriveKey(
    algorithm: HkdfSha256Params,
    baseKey: CryptoKeyLike,
    derivedKeyType: AesGcm256KeyParams,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  encrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParamsLike, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
}

/** What the caller provides: WebCrypto, argon2id, X25519, randomness. */
export interface BackupPrimitives {
  readonly subtle: BackupSubtle;
  /** argon2id of the passphrase's UTF-8 bytes: 32 bytes. */
  argon2id(passphrase: string, salt: Bytes, params: Argon2idParams): Promise<Bytes>;
  x25519PublicKey(privateKey: Bytes): Bytes;
  x25519SharedSecret(privateKey: Bytes, publicKey: Bytes): Bytes;
  randomBytes(length: number): Bytes;
}

/** Why a file did not open (message keys, kk and ru in locales/*\/backup.json). */
export type BackupOpenFailure =
  | 'backup:errors.notABackup'
  | 'backup:errors.damaged'
  | 'backup:errors.newerFormat'
  | 'backup:errors.wrongPassphrase';

export type OpenedBackup =
  | { readonly ok: true; readonly header: BackupHeader; readonly contents: BackupContents }
  | { readonly ok: false; readonly reason: BackupOpenFailure };

const MAGIC_BYTES = strToU8(BACKUP_MAGIC);
const SEAL_INFO = strToU8('akimat-desk backup v1');
const MIN_PASSPHRASE_LENGTH = 12;

/**
 * A recovery passphrase a person can keep on paper yet nobody guesses: at least 12 characters and
 * at least 3 different ones (a length-only rule lets "111111111111" in). Null when acceptable.
 */
export function passphraseProblem(passphrase: string): 'backup:passphrase.tooShort' | null {
  const text = passphrase.normalize('NFC').trim();
  if ([...text].length < MIN_PASSPHRASE_LENGTH || new Set(text).size < 3) {
    return 'backup:passphrase.tooShort';
  }
  return null;
}

/** The same passphrase typed on any keyboard layout gives the same bytes. */
function normalized(passphrase: string): string {
  return passphrase.normalize('NFC').trim();
}

function bytes(view: Uint8Array): Bytes {
  return new Uint8Array(view);
}

/** The X25519 private key a passphrase gives with the verifier's KDF. */
async function recoveryPrivateKey(
  p: BackupPrimitives,
  passphrase: string,
  kdf: RecoveryKdf,
): Promise<Bytes | null> {
  const salt = decodeBase64(kdf.salt);
  if (salt === null) return null;
  return p.argon2id(normalized(passphrase), salt, kdf);
}

/** Sets a passphrase: a fresh salt, RECOVERY_KDF (or cheaper parameters in tests), its public key. */
export async function makeRecoveryVerifier(
  p: BackupPrimitives,
  passphrase: string,
  params: Argon2idParams = RECOVERY_KDF,
): Promise<RecoveryVerifier> {
  const kdf: RecoveryKdf = {
    algorithm: 'argon2id',
    ...params,
    salt: encodeBase64(p.randomBytes(16)),
  };
  const privateKey = await recoveryPrivateKey(p, passphrase, kdf);
  if (privateKey === null) throw new Error('a salt just made does not decode');
  return { kdf, publicKey: encodeBase64(p.x25519PublicKey(privateKey)) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The recovery private key when `passphrase` is the verifier's, null otherwise. */
async function unlockRecovery(
  p: BackupPrimitives,
  passphrase: string,
  verifier: RecoveryVerifier,
): Promise<Bytes | null> {
  const expected = decodeBase64(verifier.publicKey);
  const privateKey = await recoveryPrivateKey(p, passphrase, verifier.kdf);
  if (expected === null || privateKey === null) return null;
  return sameBytes(p.x25519PublicKey(privateKey), expected) ? privateKey : null;
}

/** Whether `passphrase` is the one the verifier was made from (the akim's "check" button). */
export async function passphraseMatches(
  p: BackupPrimitives,
  passphrase: string,
  verifier: RecoveryVerifier,
): Promise<boolean> {
  return (await unlockRecovery(p, passphrase, verifier)) !== null;
}

function sealKey(
  p: BackupPrimitives,
  shared: Bytes,
  ephemeralPublic: Bytes,
  recoveryPublic: Bytes,
): Promise<CryptoKeyLike> {
  const salt = new Uint8Array(ephemeralPublic.length + recoveryPublic.length);
  salt.set(ephemeralPublic);
  salt.set(recoveryPublic, ephemeralPublic.length);
  return p.subtle
    .importKey('raw', shared, 'HKDF', false, ['deriveKey'])
    .then((base) =>
      p.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt, info: bytes(SEAL_INFO) },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    );
}

/** The zip inside: desk.json (the tables) and one entry per scan, stored, not recompressed. */
function pack(contents: BackupContents): Bytes {
  const zippable: Zippable = {
    'desk.json': [strToU8(JSON.stringify(contents.tables)), { level: 6 }],
  };
  for (const [name, data] of Object.entries(contents.files)) {
    // Scans are JPEG or PDF: already compressed.
    zippable[`files/${name}`] = [data, { level: 0 }];
  }
  return bytes(zipSync(zippable));
}

const tablesSchema = z.record(z.string(), z.array(z.unknown()));

function unpack(zip: Uint8Array): BackupContents | null {
  try {
    const entries = unzipSync(zip);
    const desk = entries['desk.json'];
    if (desk === undefined) return null;
    const tables = tablesSchema.safeParse(JSON.parse(strFromU8(desk)));
    if (!tables.success) return null;
    const files: Record<string, Bytes> = {};
    for (const [name, data] of Object.entries(entries)) {
      if (name.startsWith('files/')) files[name.slice('files/'.length)] = bytes(data);
    }
    return { tables: tables.data, files };
  } catch {
    return null;
  }
}

/** Header fields the caller states; the seal and the counts are added here. */
export type BackupHeaderInput = Omit<BackupHeader, 'format' | 'seal' | 'counts' | 'recovery'>;

/** Counts of a backup's contents: each table's rows and the files. */
export function countsOf(contents: BackupContents): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(contents.tables)) counts[table] = rows.length;
  counts['files'] = Object.keys(contents.files).length;
  return counts;
}

/** Writes a backup file of `contents`, sealed to the recovery verifier's public key. */
export async function sealBackup(
  p: BackupPrimitives,
  input: BackupHeaderInput,
  verifier: RecoveryVerifier,
  contents: BackupContents,
): Promise<Bytes> {
  const recoveryPublic = decodeBase64(verifier.publicKey);
  if (recoveryPublic === null) throw new Error('the recovery public key does not decode');
  const ephemeralPrivate = p.randomBytes(32);
  const ephemeralPublic = bytes(p.x25519PublicKey(ephemeralPrivate));
  const shared = bytes(p.x25519SharedSecret(ephemeralPrivate, recoveryPublic));
  const key = await sealKey(p, shared, ephemeralPublic, recoveryPublic);
  const iv = p.randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT_VERSION,
    ...input,
    counts: countsOf(contents),
    recovery: verifier,
    seal: {
      algorithm: 'X25519-HKDF-SHA256-A256GCM',
      ephemeralKey: encodeBase64(ephemeralPublic),
      iv: encodeBase64(iv),
    },
  };
  const headerBytes = bytes(strToU8(JSON.stringify(header)));
  const sealed = new Uint8Array(
    await p.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: headerBytes },
      key,
      pack(contents),
    ),
  );
  const out = new Uint8Array(MAGIC_BYTES.length + 4 + headerBytes.length + sealed.length);
  out.set(MAGIC_BYTES);
  new DataView(out.buffer).setUint32(MAGIC_BYTES.length, headerBytes.length);
  out.set(headerBytes, MAGIC_BYTES.length + 4);
  out.set(sealed, MAGIC_BYTES.length + 4 + headerBytes.length);
  return out;
}

type HeaderRead =
  | { ok: true; header: BackupHeader; headerBytes: Bytes; body: Bytes }
  | { ok: false; reason: BackupOpenFailure };

/** The header of a file, without the passphrase (what the restore screen shows before asking). */
export function readBackupHeader(file: Uint8Array): HeaderRead {
  if (
    file.length < MAGIC_BYTES.length + 4 ||
    !sameBytes(file.subarray(0, MAGIC_BYTES.length), MAGIC_BYTES)
  ) {
    return { ok: false, reason: 'backup:errors.notABackup' };
  }
  const length = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(
    MAGIC_BYTES.length,
  );
  const start = MAGIC_BYTES.length + 4;
  if (length === 0 || start + length > file.length)
    return { ok: false, reason: 'backup:errors.damaged' };
  const headerBytes = bytes(file.subarray(start, start + length));
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(headerBytes));
  } catch {
    return { ok: false, reason: 'backup:errors.damaged' };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > BACKUP_FORMAT_VERSION) {
    return { ok: false, reason: 'backup:errors.newerFormat' };
  }
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'backup:errors.damaged' };
  return { ok: true, header: parsed.data, headerBytes, body: bytes(file.subarray(start + length)) };
}

/**
 * Opens a backup file with the recovery passphrase: the header read and bounded, the passphrase
 * checked against the header's public key (wrong → wrongPassphrase), then the body decrypted and
 * authenticated with the header as additional data (any changed byte → damaged), unzipped and its
 * counts checked against the header's.
 */
export async function openBackup(
  p: BackupPrimitives,
  file: Uint8Array,
  passphrase: string,
): Promise<OpenedBackup> {
  const read = readBackupHeader(file);
  if (!read.ok) return read;
  const { header, headerBytes, body } = read;
  const privateKey = await unlockRecovery(p, passphrase, header.recovery);
  if (privateKey === null) return { ok: false, reason: 'backup:errors.wrongPassphrase' };
  const ephemeralPublic = decodeBase64(header.seal.ephemeralKey);
  const recoveryPublic = decodeBase64(header.recovery.publicKey);
  const iv = decodeBase64(header.seal.iv);
  if (ephemeralPublic === null || recoveryPublic === null || iv === null || iv.length !== 12) {
    return { ok: false, reason: 'backup:errors.damaged' };
  }
  let plain: Uint8Array;
  try {
    const shared = bytes(p.x25519SharedSecret(privateKey, ephemeralPublic));
    const key = await sealKey(p, shared, ephemeralPublic, recoveryPublic);
    plain = new Uint8Array(
      await p.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, key, body),
    );
  } catch {
    return { ok: false, reason: 'backup:errors.damaged' };
  }
  const contents = unpack(plain);
  if (contents === null) return { ok: false, reason: 'backup:errors.damaged' };
  const counts = countsOf(contents);
  const expected = header.counts;
  const keys = new Set([...Object.keys(counts), ...Object.keys(expected)]);
  for (const k of keys) {
    if (counts[k] !== expected[k]) return { ok: false, reason: 'backup:errors.damaged' };
  }
  return { ok: true, header, contents };
}

/** A backup's file name: `<office code>-<device no>-<yyyyMMdd-HHmm>.akimat-backup` (office time). */
export function backupFileName(
  officeCode: string,
  deviceNo: number,
  localDateTime: string,
): string {
  const stamp = localDateTime.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${officeCode}-${deviceNo}-${stamp}${BACKUP_EXTENSION}`;
}

/** How old a backup may get before the frame reminds (issue 11 §2). */
export const BACKUP_REMINDER_DAYS = 7;

/**
 * Whether the frame reminds to make a backup: the last backup (or, before the first one, the moment
 * the office started working on this desk) is older than BACKUP_REMINDER_DAYS.
 */
export function backupReminderDue(input: {
  readonly lastBackupMs: number | null;
  readonly sinceMs: number;
  readonly nowMs: number;
}): boolean {
  const from = input.lastBackupMs ?? input.sinceMs;
  return input.nowMs - from > BACKUP_REMINDER_DAYS * 86_400_000;
}
