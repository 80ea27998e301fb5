import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import { sampleEvent } from '../../../shared/case/testing';
import { foldUser, type DirectoryEvent, type KeyPeriod } from '../../../shared/directory';
import {
  sampleDirectoryEvent,
  sampleJwk,
  sampleRegistration,
} from '../../../shared/directory/testing';
import { sampleRegisterEvent } from '../../../shared/registers/testing';
import {
  canonicalBytes,
  decodeBase64,
  encodeBase64,
  type CanonicalSignature,
  type PublicJwk,
} from '../../../shared/signing';
import { newSigner, type Signer } from '../../test/desks';
import {
  lacksRequiredSignature,
  signatureProblem,
  verifyDigestSignature,
  type SignableEvent,
} from './signatures';

/** The order of P-256's group: s and n − s are both valid for the same message and key. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function flipByte(base64: string, index: number): string {
  const bytes = decodeBase64(base64);
  if (!bytes) throw new Error('not base64');
  bytes[index % bytes.length] = (bytes[index % bytes.length] ?? 0) ^ 0x01;
  return encodeBase64(bytes);
}

/** The same signature with s replaced by n − s (the other of its low-S and high-S forms). */
function otherSForm(value: string): string {
  const bytes = decodeBase64(value);
  if (!bytes) throw new Error('not base64');
  const s = BigInt(`0x${Buffer.from(bytes.slice(32)).toString('hex')}`);
  const other = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  bytes.set(other, 32);
  return encodeBase64(bytes);
}

const DOCUMENT = { kind: 'certificate', number: 'C-3', applicant: 'Сейітова Ә. Қ.' };

describe('verifyDigestSignature: a WebCrypto signature checked over the signed digest', () => {
  test('a signature crypto.subtle made over the canonical bytes verifies over their digest', async () => {
    const signer = await newSigner();
    const signature = await signer.sign(DOCUMENT);
    const digest = encodeBase64(
      new Uint8Array(await crypto.subtle.digest('SHA-256', canonicalBytes(DOCUMENT))),
    );
    expect(signature.signedDigest).toBe(digest);
    expect(verifyDigestSignature(signer.publicKey, signature.signedDigest, signature.value)).toBe(
      true,
    );
  });

  test('both s forms verify, as WebCrypto accepts them (it makes high-S signatures half the time)', async () => {
    const signer = await newSigner();
    const signature = await signer.sign(DOCUMENT);
    const other = otherSForm(signature.value);
    const key = await crypto.subtle.importKey(
      'jwk',
      { ...signer.publicKey },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const byWebCrypto = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      decodeBase64(other) ?? new Uint8Array(),
      canonicalBytes(DOCUMENT),
    );
    expect(byWebCrypto).toBe(true);
    expect(verifyDigestSignature(signer.publicKey, signature.signedDigest, other)).toBe(true);
  });

  test('a flipped byte in the signature or the digest, or another key, is refused', async () => {
    const signer = await newSigner();
    const stranger = await newSigner();
    const { value, signedDigest } = await signer.sign(DOCUMENT);
    for (const index of [0, 31, 32, 63]) {
      expect(verifyDigestSignature(signer.publicKey, signedDigest, flipByte(value, index))).toBe(
        false,
      );
    }
    for (const index of [0, 17, 31]) {
      expect(verifyDigestSignature(signer.publicKey, flipByte(signedDigest, index), value)).toBe(
        false,
      );
    }
    expect(verifyDigestSignature(stranger.publicKey, signedDigest, value)).toBe(false);
  });

  test('malformed signatures, digests and keys give false, never an exception', async () => {
    const signer = await newSigner();
    const { value, signedDigest } = await signer.sign(DOCUMENT);
    // Coordinates of the right length that are no point on the curve.
    expect(verifyDigestSignature(sampleJwk(7), signedDigest, value)).toBe(false);
    expect(verifyDigestSignature(signer.publicKey, signedDigest, 'MEUCIQDx')).toBe(false);
    expect(verifyDigestSignature(signer.publicKey, 'not base64!', value)).toBe(false);
    const zeros = encodeBase64(new Uint8Array(64));
    expect(verifyDigestSignature(signer.publicKey, signedDigest, zeros)).toBe(false);
    const jwk = fc.record({
      kty: fc.constant('EC' as const),
      crv: fc.constant('P-256' as const),
      x: fc.string(),
      y: fc.string(),
    });
    fc.assert(
      fc.property(
        fc.oneof(jwk, fc.constant(signer.publicKey)),
        fc.oneof(fc.string(), fc.base64String(), fc.constant(signedDigest)),
        fc.oneof(fc.string(), fc.base64String(), fc.constant(value)),
        (key: PublicJwk, digest, signature) => {
          const verified = verifyDigestSignature(key, digest, signature);
          expect(typeof verified).toBe('boolean');
          if (digest !== signedDigest || signature !== value) expect(verified).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- signatureProblem: the key registered for the actor at the event's legal time ---------------

const AKIM = 'user-akim';
const REGISTERED_AT = '2025-01-06T09:00';
const REPLACED_AT = '2025-06-02T09:00';
const DEACTIVATED_AT = '2025-09-01T09:00';

/** The akim's directory log: registered with `first`, then `second` replaces it, then deactivated. */
function akimHistory(first: Signer, second: Signer): readonly KeyPeriod[] {
  const events: DirectoryEvent[] = [
    sampleDirectoryEvent('UserRegistered', {
      counter: 1,
      userId: AKIM,
      actorId: AKIM,
      legalTime: REGISTERED_AT,
      payload: { ...sampleRegistration('akim'), publicKey: first.publicKey, keyId: first.keyId },
    }),
    sampleDirectoryEvent('UserKeyReplaced', {
      counter: 2,
      userId: AKIM,
      actorId: AKIM,
      legalTime: REPLACED_AT,
      payload: { publicKey: second.publicKey, keyId: second.keyId, reason: 'pinReset' },
    }),
    sampleDirectoryEvent('UserDeactivated', {
      counter: 3,
      userId: AKIM,
      actorId: AKIM,
      legalTime: DEACTIVATED_AT,
      payload: {},
    }),
  ];
  const state = foldUser(events);
  expect(state.conflicts).toEqual([]);
  return state.user?.keys ?? [];
}

/** A certificate the akim signed with `signer` at `legalTime`. */
async function certificate(
  signer: Signer,
  legalTime: string,
  document: object = DOCUMENT,
): Promise<CaseEvent> {
  const signature = await signer.sign({ ...document });
  const event = sampleEvent('CertificateIssued', { role: 'akim', counter: 2 });
  return {
    ...event,
    legalTime,
    payload: { ...event.payload, documentDigest: signature.signedDigest },
    signature,
  };
}

const asSignable = (event: unknown) => event as SignableEvent;

describe('signatureProblem: checked against the hub’s own directory log', () => {
  test('a signature by the key registered for the actor at the event’s legal time holds', async () => {
    const [first, second] = [await newSigner(), await newSigner()];
    const keys = akimHistory(first, second);
    const keysOf = (userId: string) => Promise.resolve(userId === AKIM ? keys : []);
    const before = await certificate(first, '2025-03-03T10:00');
    expect(await signatureProblem('case', asSignable(before), keysOf)).toBeNull();
    const after = await certificate(second, '2025-07-01T10:00');
    expect(await signatureProblem('case', asSignable(after), keysOf)).toBeNull();
  });

  test('a key not yet registered, already replaced, or its owner deactivated then is refused', async () => {
    const [first, second] = [await newSigner(), await newSigner()];
    const keys = akimHistory(first, second);
    const keysOf = () => Promise.resolve(keys);
    const cases: [Signer, string][] = [
      [first, '2025-01-06T08:59'], // before the registration
      [first, REPLACED_AT], // the old key, from the moment it was replaced
      [second, '2025-05-30T10:00'], // the new key, before it was registered
      [second, '2025-09-02T10:00'], // the owner deactivated
    ];
    for (const [signer, at] of cases) {
      const event = await certificate(signer, at);
      expect(await signatureProblem('case', asSignable(event), keysOf)).toBe(
        'sync:reject.signatureKey',
      );
    }
  });

  test('another person’s key is refused, though its signature verifies', async () => {
    const [akimKey, otherKey] = [await newSigner(), await newSigner()];
    const akimKeys = akimHistory(akimKey, await newSigner());
    const otherKeys = akimHistory(otherKey, await newSigner());
    const keysOf = (userId: string) => Promise.resolve(userId === AKIM ? akimKeys : otherKeys);
    // Signed by the other person, under the akim's name.
    const event = await certificate(otherKey, '2025-03-03T10:00');
    expect(await signatureProblem('case', asSignable(event), keysOf)).toBe(
      'sync:reject.signatureKey',
    );
  });

  test('a registration naming a key under another key’s fingerprint verifies nothing', async () => {
    const [named, actual] = [await newSigner(), await newSigner()];
    // The directory says keyId `named` is the public key of `actual` (the fold does no crypto).
    const keys: KeyPeriod[] = [
      { keyId: named.keyId, publicKey: actual.publicKey, from: REGISTERED_AT, to: null },
    ];
    const signature = await actual.sign(DOCUMENT);
    const event = await certificate(actual, '2025-03-03T10:00');
    const misnamed = { ...event, signature: { ...signature, keyId: named.keyId } };
    expect(await signatureProblem('case', asSignable(misnamed), () => Promise.resolve(keys))).toBe(
      'sync:reject.signatureKey',
    );
  });

  test('a forged signature, a flipped byte, or another digest than the event names is refused', async () => {
    const [akimKey, forger] = [await newSigner(), await newSigner()];
    const keys = akimHistory(akimKey, await newSigner());
    const keysOf = () => Promise.resolve(keys);
    const event = await certificate(akimKey, '2025-03-03T10:00');
    if (!event.signature) throw new Error('no signature');
    const forged = await forger.sign(DOCUMENT);
    const refusals: CanonicalSignature[] = [
      // The forger's signature under the akim's key id.
      { ...forged, keyId: akimKey.keyId },
      { ...event.signature, value: flipByte(event.signature.value, 40) },
      { ...event.signature, algorithm: 'ECDSA-P384-SHA384' as 'ECDSA-P256-SHA256' },
    ];
    for (const signature of refusals) {
      expect(await signatureProblem('case', asSignable({ ...event, signature }), keysOf)).toBe(
        'sync:reject.signatureInvalid',
      );
    }
    // The event names one document; the signature covers another.
    const other = await akimKey.sign({ ...DOCUMENT, number: 'C-4' });
    expect(await signatureProblem('case', asSignable({ ...event, signature: other }), keysOf)).toBe(
      'sync:reject.signatureInvalid',
    );
  });

  test('an event the law wants signed is refused without a signature; others need none', async () => {
    const keysOf = () => Promise.resolve([] as KeyPeriod[]);
    const { signature: _s, ...unsigned } = sampleEvent('ResultSigned', {
      role: 'districtHead',
      counter: 1,
    });
    expect(await signatureProblem('case', asSignable(unsigned), keysOf)).toBe(
      'sync:reject.signatureMissing',
    );
    const { signature: _r, ...unsignedRegister } = sampleRegisterEvent('RegisterSigned', {
      role: 'akim',
      counter: 1,
    });
    expect(await signatureProblem('register', asSignable(unsignedRegister), keysOf)).toBe(
      'sync:reject.signatureMissing',
    );
    const registered = sampleEvent('Registered', { role: 'specialist', counter: 1 });
    expect(await signatureProblem('case', asSignable(registered), keysOf)).toBeNull();
    // What the log's schema refused for it is named as what it is.
    expect(lacksRequiredSignature('case', unsigned)).toBe(true);
    expect(lacksRequiredSignature('register', unsignedRegister)).toBe(true);
    expect(lacksRequiredSignature('case', registered)).toBe(false);
    expect(lacksRequiredSignature('case', { ...unsigned, signature: 'junk' })).toBe(false);
    expect(lacksRequiredSignature('user', null)).toBe(false);
  });

  test('a register’s signature is checked the same way', async () => {
    const akimKey = await newSigner();
    const keys = akimHistory(akimKey, await newSigner());
    const keysOf = () => Promise.resolve(keys);
    const signature = await akimKey.sign({ register: 'KZL01-1-R0001/2025', cases: ['c1'] });
    const base = sampleRegisterEvent('RegisterSigned', { role: 'akim', counter: 1 });
    const signed = {
      ...base,
      legalTime: '2025-03-03T10:00',
      payload: { ...base.payload, documentDigest: signature.signedDigest },
      signature,
    };
    expect(await signatureProblem('register', asSignable(signed), keysOf)).toBeNull();
    const forged = { ...signed, signature: { ...signature, value: flipByte(signature.value, 3) } };
    expect(await signatureProblem('register', asSignable(forged), keysOf)).toBe(
      'sync:reject.signatureInvalid',
    );
    const late = { ...signed, legalTime: '2025-09-02T10:00' };
    expect(await signatureProblem('register', asSignable(late), keysOf)).toBe(
      'sync:reject.signatureKey',
    );
  });
});
