// The part of WebCrypto's SubtleCrypto that shared/ uses, described structurally. shared/ has neither DOM
// nor Node types; callers pass `globalThis.crypto.subtle` (Chromium, Electron renderer, Node 20+) and it
// fits this interface. Keep the parameter types to exactly the algorithms used here, so a call with an
// unsupported algorithm does not compile.

/**
 * Bytes backed by a plain ArrayBuffer: what the DOM's BufferSource accepts (a SharedArrayBuffer view is
 * not). `new Uint8Array(n)` and `new Uint8Array(otherBytes)` give this type.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

/** A WebCrypto key handle. Opaque to shared/: only WebCrypto reads its material. */
export interface CryptoKeyLike {
  readonly type: 'public' | 'private' | 'secret';
  readonly extractable: boolean;
  readonly usages: readonly string[];
}

export interface CryptoKeyPairLike {
  readonly publicKey: CryptoKeyLike;
  readonly privateKey: CryptoKeyLike;
}

export type KeyUsageLike =
  'sign' | 'verify' | 'deriveBits' | 'deriveKey' | 'wrapKey' | 'unwrapKey' | 'encrypt' | 'decrypt';

/** The members of a JWK that this code reads; WebCrypto returns more. */
export interface JsonWebKeyLike {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
}

export interface EcP256Params {
  name: 'ECDSA';
  namedCurve: 'P-256';
}

export interface EcdsaSha256Params {
  name: 'ECDSA';
  hash: 'SHA-256';
}

export interface Pbkdf2Sha256Params {
  name: 'PBKDF2';
  hash: 'SHA-256';
  salt: Bytes;
  iterations: number;
}

export interface AesGcm256KeyParams {
  name: 'AES-GCM';
  length: 256;
}

export interface AesGcmParamsLike {
  name: 'AES-GCM';
  iv: Bytes;
  additionalData?: Bytes;
}

export interface SubtleCryptoLike {
  generateKey(
    algorithm: EcP256Params,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyPairLike>;
  exportKey(format: 'jwk', key: CryptoKeyLike): Promise<JsonWebKeyLike>;
  importKey(
    format: 'jwk',
    keyData: JsonWebKeyLike,
    algorithm: EcP256Params,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  importKey(
    format: 'raw',
    keyData: Bytes,
    algorithm: 'PBKDF2',
    extractable: false,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  sign(algorithm: EcdsaSha256Params, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
  verify(
    algorithm: EcdsaSha256Params,
    key: CryptoKeyLike,
    signature: Bytes,
    data: Bytes,
  ): Promise<boolean>;
  digest(algorithm: 'SHA-256', data: Bytes): Promise<ArrayBuffer>;
  deriveBits(
    algorithm: Pbkdf2Sha256Params,
    baseKey: CryptoKeyLike,
    length: number,
  ): Promise<ArrayBuffer>;
  deriveKey(
    algorithm: Pbkdf2Sha256Params,
    baseKey: CryptoKeyLike,
    derivedKeyType: AesGcm256KeyParams,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
  wrapKey(
    format: 'pkcs8',
    key: CryptoKeyLike,
    wrappingKey: CryptoKeyLike,
    wrapAlgorithm: AesGcmParamsLike,
  ): Promise<ArrayBuffer>;
  unwrapKey(
    format: 'pkcs8',
    wrappedKey: Bytes,
    unwrappingKey: CryptoKeyLike,
    unwrapAlgorithm: AesGcmParamsLike,
    unwrappedKeyAlgorithm: EcP256Params,
    extractable: boolean,
    keyUsages: KeyUsageLike[],
  ): Promise<CryptoKeyLike>;
}

export async function sha256(subtle: SubtleCryptoLike, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle.digest('SHA-256', data));
}
