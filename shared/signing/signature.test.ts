import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { canonicalBytes } from './canonical-json';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  shortFingerprint,
  signCanonical,
  verifyCanonical,
} from './signature';
import type { CanonicalSignature, PublicJwk, SigningKey } from './signature';
import type { SubtleCryptoLike } from './subtle';

// Node 20's WebCrypto must fit the structural interface, as Chromium's and Electron's do.
const subtle: SubtleCryptoLike = globalThis.crypto.subtle;

async function newSigner(): Promise<{ signer: SigningKey; jwk: PublicJwk }> {
  const pair = await generateSigningKeyPair(subtle);
  const jwk = await exportPublicKey(subtle, pair.publicKey);
  return {
    signer: { privateKey: pair.privateKey, keyId: await publicKeyFingerprint(subtle, jwk) },
    jwk,
  };
}

const decision = {
  type: 'DecisionMade',
  caseId: 'c-0001',
  payload: { outcome: 'granted', amountKzt: 18_500, members: ['900101300126', '051231600017'] },
  at: '2026-03-02T10:15',
};

describe('keys and fingerprints', () => {
  test('the exported public key holds only kty, crv, x, y', async () => {
    const { jwk, signer } = await newSigner();
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(signer.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(signer.privateKey.type).toBe('private');
  });

  test('the fingerprint is the SHA-256 of the RFC 7638 thumbprint input (RFC 7515 A.3 key)', async () => {
    const jwk: PublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    };
    const input = `{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
    const expected = createHash('sha256').update(input).digest('hex');
    expect(await publicKeyFingerprint(subtle, jwk)).toBe(expected);
    // Extra members of a JWK do not change the fingerprint.
    const withExtras = { ...jwk, key_ops: ['verify'], ext: true } as PublicJwk;
    expect(await publicKeyFingerprint(subtle, withExtras)).toBe(expected);
  });

  test('the short fingerprint is the first 64 bits in groups of four', () => {
    expect(shortFingerprint('0123456789abcdef'.repeat(4))).toBe('0123 4567 89AB CDEF');
    expect(() => shortFingerprint('XYZ')).toThrow(RangeError);
  });

  test('a malformed public JWK has no fingerprint', async () => {
    const bad = { kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' } as unknown as PublicJwk;
    await expect(publicKeyFingerprint(subtle, bad)).rejects.toThrow(TypeError);
  });
});

describe('signCanonical / verifyCanonical', () => {
  test('round trip; the signature record is complete and self-consistent', async () => {
    const { signer, jwk } = await newSigner();
    const signature = await signCanonical(subtle, signer, decision);
    expect(signature.algorithm).toBe('ECDSA-P256-SHA256');
    expect(signature.keyId).toBe(signer.keyId);
    expect(decodeBase64(signature.value)?.length).toBe(64);
    const digest = createHash('sha256').update(canonicalBytes(decision)).digest('base64');
    expect(signature.signedDigest).toBe(digest);
    expect(await verifyCanonical(subtle, jwk, decision, signature)).toBe(true);
  });

  test('the same value with its keys in another order has the same bytes and verifies', async () => {
    const { signer, jwk } = await newSigner();
    const reordered = {
      at: decision.at,
      payload: { members: decision.payload.members, amountKzt: 18_500, outcome: 'granted' },
      caseId: decision.caseId,
      type: decision.type,
    };
    expect(canonicalBytes(reordered)).toEqual(canonicalBytes(decision));
    const signature = await signCanonical(subtle, signer, decision);
    expect(await verifyCanonical(subtle, jwk, reordered, signature)).toBe(true);
  });

  test('a changed value fails', async () => {
    const { signer, jwk } = await newSigner();
    const signature = await signCanonical(subtle, signer, decision);
    const changed = { ...decision, payload: { ...decision.payload, amountKzt: 18_501 } };
    expect(await verifyCanonical(subtle, jwk, changed, signature)).toBe(false);
    const extraMember = { ...decision, note: '' };
    expect(await verifyCanonical(subtle, jwk, extraMember, signature)).toBe(false);
  });

  test('a signature by another key fails, even when its keyId is relabelled', async () => {
    const a = await newSigner();
    const b = await newSigner();
    const byB = await signCanonical(subtle, b.signer, decision);
    expect(await verifyCanonical(subtle, a.jwk, decision, byB)).toBe(false);
    const relabelled: CanonicalSignature = { ...byB, keyId: a.signer.keyId };
    expect(await verifyCanonical(subtle, a.jwk, decision, relabelled)).toBe(false);
  });

  test('tampered or malformed signature records fail without throwing', async () => {
    const { signer, jwk } = await newSigner();
    const good = await signCanonical(subtle, signer, decision);
    const raw = decodeBase64(good.value) ?? new Uint8Array();
    const flipped = Uint8Array.from(raw, (b, i) => (i === 10 ? b ^ 1 : b));
    const cases: CanonicalSignature[] = [
      { ...good, value: encodeBase64(flipped) },
      { ...good, value: encodeBase64(raw.slice(0, 63)) },
      { ...good, value: 'not base64!' },
      { ...good, signedDigest: encodeBase64(new Uint8Array(32)) },
      { ...good, algorithm: 'ECDSA-P384-SHA384' as 'ECDSA-P256-SHA256' },
    ];
    for (const signature of cases) {
      expect(await verifyCanonical(subtle, jwk, decision, signature)).toBe(false);
    }
  });

  test('a malformed key or an unsignable value gives false, not an exception', async () => {
    const { signer, jwk } = await newSigner();
    const signature = await signCanonical(subtle, signer, decision);
    const shortX = { ...jwk, x: 'AAAA' };
    expect(await verifyCanonical(subtle, shortX, decision, signature)).toBe(false);
    expect(await verifyCanonical(subtle, jwk, { bad: NaN }, signature)).toBe(false);
  });

  test('a key that is not a point on the curve gives false', async () => {
    const { signer } = await newSigner();
    const offCurve: PublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: 'A'.repeat(42) + 'E',
      y: 'A'.repeat(42) + 'E',
    };
    const keyId = await publicKeyFingerprint(subtle, offCurve);
    const signature = await signCanonical(subtle, { ...signer, keyId }, decision);
    expect(await verifyCanonical(subtle, offCurve, decision, signature)).toBe(false);
  });

  test('signing a value JSON cannot carry is a bug and throws', async () => {
    const { signer } = await newSigner();
    await expect(signCanonical(subtle, signer, { at: new Date(0) })).rejects.toThrow(TypeError);
  });
});
