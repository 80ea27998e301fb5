// Citizens' data at rest (issue 11 §1, ARCHITECTURE.md §5): every personal field the desk keeps in
// IndexedDB is sealed with AES-256-GCM under a data key, and what the desk searches by (an IIN, the
// prefixes of a name's words) is kept only as a keyed hash, a blind index. What must stay true:
// - One random 32-byte secret per desk (the root). In Electron the OS secret store keeps it
//   (electron/main/data-key-store.ts, safeStorage); in a browser it is kept as a non-extractable
//   CryptoKey in its own IndexedDB database (at-rest-keys.ts), which protects nothing against a copy
//   of the profile: the desk says so (system page, frame).
// - The keys the desk uses are derived from the root with HKDF-SHA-256, one label each, and are
//   never extractable: AES-GCM for sealing, HMAC-SHA-256 for blind indexes.
// - A sealed value is {iv, data}: a fresh 96-bit IV per seal (random), the fields' JSON (and one
//   blob's bytes) as the plaintext. A row's clear fields stay searchable and sortable; nothing
//   personal is among them.
// - A blind value starts with BLIND_MARK, which no IIN or folded name word holds, so blinding is
//   idempotent: a key read back from an index (already blind) is never hashed twice.
// - WebCrypto is asynchronous: at-rest-middleware.ts holds the IndexedDB transaction open while it
//   runs (the DBCore middleware the desk's database uses), so callers keep their one transaction.

/** What the desk holds the data key with: the OS secret store, or nothing (a browser profile). */
export type AtRestProtection = 'osSecretStore' | 'browserProfile';

export interface AtRestKeys {
  readonly seal: CryptoKey;
  readonly blind: CryptoKey;
  readonly protection: AtRestProtection;
}

export interface SealedValue {
  readonly iv: Uint8Array;
  readonly data: ArrayBuffer;
}

/** The first character of every blind value (never a digit or a letter a search token holds). */
export const BLIND_MARK = '#';
/** Bytes of the HMAC kept in a blind value: 128 bits, 22 base64url characters. */
const BLIND_BYTES = 16;

const SEAL_LABEL = 'akimat-desk/at-rest/seal/v1';
const BLIND_LABEL = 'akimat-desk/at-rest/blind-index/v1';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The root key a desk's keys derive from: HKDF input, never extractable. */
export function importRootSecret(secret: Uint8Array): Promise<CryptoKey> {
  if (secret.byteLength !== 32) throw new Error('The data key must be 32 bytes');
  return crypto.subtle.importKey('raw', secret as BufferSource, 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
}

function hkdf(label: string) {
  return {
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(32),
    info: encoder.encode(label),
  } as const;
}

/** The desk's sealing and blind-index keys from its root key. */
export async function deriveAtRestKeys(
  root: CryptoKey,
  protection: AtRestProtection,
): Promise<AtRestKeys> {
  const [seal, blind] = await Promise.all([
    crypto.subtle.deriveKey(hkdf(SEAL_LABEL), root, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(
      hkdf(BLIND_LABEL),
      root,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
  ]);
  return { seal, blind, protection };
}

/** Keys from a raw 32-byte secret (the OS secret store's answer, a test's fixed key). */
export async function atRestKeysFromSecret(
  secret: Uint8Array,
  protection: AtRestProtection,
): Promise<AtRestKeys> {
  return deriveAtRestKeys(await importRootSecret(secret), protection);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isBlind(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(BLIND_MARK);
}

/** Blind values made lately, per key set: a search typed again, a name's prefixes written again. */
const recentBlinds = new WeakMap<AtRestKeys, Map<string, string>>();
// A pulled page (up to 500 events, so at most 500 cases of about 30 values each) fits.
const RECENT_BLINDS = 16_384;

/** The blind index value of a text (an IIN, a name prefix): a keyed hash, never the text. */
export async function blindValue(keys: AtRestKeys, text: string): Promise<string> {
  if (isBlind(text)) return text;
  let recent = recentBlinds.get(keys);
  const known = recent?.get(text);
  if (known !== undefined) return known;
  const mac = await crypto.subtle.sign('HMAC', keys.blind, encoder.encode(text));
  const blind = BLIND_MARK + base64url(new Uint8Array(mac, 0, BLIND_BYTES));
  if (!recent) recentBlinds.set(keys, (recent = new Map()));
  if (recent.size >= RECENT_BLINDS) recent.clear();
  recent.set(text, blind);
  return blind;
}

/** Whether blindValue answers this text from memory (no WebCrypto call: only microtasks). */
export function isBlindKnown(keys: AtRestKeys, text: string): boolean {
  return isBlind(text) || recentBlinds.get(keys)?.has(text) === true;
}

/** Every prefix of a word (its 1st letter, its first two, …, the whole word). */
export function prefixesOf(word: string): string[] {
  const chars = [...word];
  return chars.map((_, i) => chars.slice(0, i + 1).join(''));
}

/** The blind values of every prefix of every word (a name's words): what a prefix search meets. */
export async function blindPrefixes(keys: AtRestKeys, words: readonly string[]): Promise<string[]> {
  const prefixes = [...new Set(words.flatMap(prefixesOf))];
  return Promise.all(prefixes.map((p) => blindValue(keys, p)));
}

/**
 * Makes, ahead of a write or a search, the blind values it will need (a new case's IIN and its name's
 * prefixes, a typed IIN), so that WebCrypto works while IndexedDB is still being read: the at-rest
 * layer then finds them in memory. Never needed for correctness; a failure is left to the write or
 * the search, which makes them again.
 */
export function prepareBlindValues(
  keys: AtRestKeys | null,
  values: readonly string[],
  words: readonly string[],
): void {
  void blindValuesAhead(keys, values, words).catch(() => undefined);
}

/**
 * prepareBlindValues, awaited: before a transaction that writes many rows (a pulled page), so its
 * writes find every blind value in memory and hold nothing.
 */
export async function blindValuesAhead(
  keys: AtRestKeys | null,
  values: readonly string[],
  words: readonly string[],
): Promise<void> {
  if (keys === null) return;
  await Promise.all([...values.map((v) => blindValue(keys, v)), blindPrefixes(keys, words)]);
}

/** Seals a JSON value and, optionally, a blob's bytes appended after it. */
export async function sealValue(
  keys: AtRestKeys,
  value: unknown,
  bytes?: Uint8Array,
): Promise<SealedValue> {
  const json = encoder.encode(JSON.stringify(value));
  const plain = new Uint8Array(4 + json.byteLength + (bytes?.byteLength ?? 0));
  new DataView(plain.buffer).setUint32(0, json.byteLength);
  plain.set(json, 4);
  if (bytes) plain.set(bytes, 4 + json.byteLength);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.seal, plain);
  return { iv, data };
}

/** Opens a sealed value: its JSON value and the bytes after it (empty when none were sealed). */
export async function openValue(
  keys: AtRestKeys,
  sealed: SealedValue,
): Promise<{ value: unknown; bytes: Uint8Array }> {
  const plain = new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv as BufferSource },
      keys.seal,
      sealed.data,
    ),
  );
  const length = new DataView(plain.buffer).getUint32(0);
  const value: unknown = JSON.parse(decoder.decode(plain.subarray(4, 4 + length)));
  return { value, bytes: plain.subarray(4 + length) };
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { iv?: unknown }).iv instanceof Uint8Array &&
    (value as { data?: unknown }).data instanceof ArrayBuffer
  );
}
