import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import {
  foldCase,
  type Actor,
  type CaseEvent,
  type CaseState,
  type PayloadOf,
} from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  exportPublicKey,
  generateSigningKeyPair,
  hashPin,
  publicKeyFingerprint,
  signCanonical,
  type CanonicalSignature,
  type JsonValue,
} from '../../../shared/signing';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { saveOfficeProfile } from './office-repository';
import {
  isSignedCaseEvent,
  matchSignedContent,
  SIGNATURE_PROBLEMS,
  signedEventProblem,
  verifySignedCaseEvent,
  verifyWithRegisteredKey,
  type SignedDocuments,
} from './signatures';
import { SEED_PIN, seedActors, signAsActor } from './testing';
import { resetPin, unlockSigningKey } from './users-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const office = sampleOfficeProfile();
const place = {
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place };
const otherAkim: Actor = { userId: 'u-akim-2', role: 'akim', ...place };
const admin: Actor = { userId: 'u-admin', role: 'admin', ...place };

function context(actor: Actor, legalTime: string): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

/** A stand-in for features/documents: the certificate as the log states it. */
const documents: SignedDocuments = {
  contentsOf: (state, event, desk) =>
    event.type === 'CertificateIssued'
      ? [{ caseId: state.caseId, number: event.payload.number, office: desk.officeId }]
      : [],
};
const contentFor = (number: string): JsonValue => ({
  caseId: 'c1',
  number,
  office: office.officeId,
});

async function desk(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(db, office);
  await seedActors(db, specialist, akim, otherAkim, admin);
  const { registrationNumber: _n, ...draft } = sampleRegistered({
    serviceId: 'asp-recipient-certificate',
    ruleSetId: '002-tsa-certificate-passport',
    route: 'akimLocal',
    receivedAt: '2026-11-23T10:00',
    registrationDate: '2026-11-23',
    dueDate: '2026-11-23',
  });
  const registered = await registerApplication(
    db,
    'c1',
    draft,
    { officeCode: office.code, deviceNo: office.deviceNo },
    context(specialist, '2026-11-23T10:00'),
  );
  expect(registered).toMatchObject({ ok: true });
  return db;
}

function certificate(number: string, signature: CanonicalSignature) {
  const payload: PayloadOf<'CertificateIssued'> = {
    result: 'doesNotBelong',
    number,
    date: '2026-11-23',
    documentDigest: signature.signedDigest,
    quarter: '2026-Q4',
    familyMembers: [],
  };
  return {
    caseId: 'c1',
    type: 'CertificateIssued' as const,
    payload,
    signature: {
      keyId: signature.keyId,
      algorithm: signature.algorithm,
      value: signature.value,
      signedDigest: signature.signedDigest,
    },
  };
}

async function signed(d: DeskDatabase, actor: Actor, number: string): Promise<CanonicalSignature> {
  const result = await signAsActor(
    d,
    actor,
    contentFor(number),
    Date.parse('2026-11-23T10:05:00+05:00'),
  );
  if (!result.ok) throw new Error(result.reason);
  return result.signature;
}

function signedEventOf(state: CaseState) {
  const event = state.events.find(isSignedCaseEvent);
  if (!event) throw new Error('no signed event');
  return event;
}

describe('signatures at append', () => {
  test('the akim signs on the desk; the store saves it and it verifies against the log', async () => {
    const d = await desk();
    const signature = await signed(d, akim, 'KZL01-1-C0001/2026');
    const result = await appendEvent(
      d,
      certificate('KZL01-1-C0001/2026', signature),
      context(akim, '2026-11-23T10:05'),
    );
    expect(result).toMatchObject({ ok: true });
    const state = await loadCase(d, 'c1');
    expect(await verifySignedCaseEvent(d, state, signedEventOf(state), documents)).toMatchObject({
      ok: true,
      key: { userId: akim.userId, keyId: signature.keyId },
      content: contentFor('KZL01-1-C0001/2026'),
    });
  });

  test.each([
    [
      "another akim's key, under this akim's name",
      (d: DeskDatabase) => signed(d, otherAkim, 'N1'),
      'session:signature.keyNotRegistered',
    ],
    [
      'a key nobody registered, even over the right content',
      async () => {
        const pair = await generateSigningKeyPair(crypto.subtle);
        const keyId = await publicKeyFingerprint(
          crypto.subtle,
          await exportPublicKey(crypto.subtle, pair.publicKey),
        );
        return signCanonical(
          crypto.subtle,
          { privateKey: pair.privateKey, keyId },
          contentFor('N1'),
        );
      },
      'session:signature.keyNotRegistered',
    ],
    [
      'a signature this desk never checked (made around the desk)',
      async (d: DeskDatabase) => {
        const row = await d.users.get(akim.userId);
        // A look-alike: the akim's keyId with a value nobody verified.
        const real = await signed(d, akim, 'N1');
        return {
          ...real,
          keyId: row?.signingKey?.keyId ?? '',
          // Another first character (a random value may already start with 'A').
          value: (real.value.startsWith('A') ? 'B' : 'A') + real.value.slice(1),
        };
      },
      'session:signature.notChecked',
    ],
  ] as const)('refused: %s; nothing is written', async (_what, make, reason) => {
    const d = await desk();
    const signature = await make(d);
    const before = await d.events.count();
    const result = await appendEvent(
      d,
      certificate('N1', signature),
      context(akim, '2026-11-23T10:05'),
    );
    expect(result).toEqual({ ok: false, reason });
    expect(await d.events.count()).toBe(before);
    expect(await d.outbox.count()).toBe(1);
  });

  test('a digest in the event that is not the signed one is refused', async () => {
    const d = await desk();
    const signature = await signed(d, akim, 'N1');
    const draft = certificate('N1', signature);
    const result = await appendEvent(
      d,
      {
        ...draft,
        payload: {
          ...draft.payload,
          documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
        },
      },
      context(akim, '2026-11-23T10:05'),
    );
    expect(result).toEqual({ ok: false, reason: 'session:signature.digestMismatch' });
  });

  test('a key replaced by a PIN reset signs nothing after the reset, and stays good before it', async () => {
    const d = await desk();
    const old = await signed(d, akim, 'N1');
    // The admin, whose PIN is 8051, resets the akim's PIN at 11:00: a new key from then on.
    await d.users.update(admin.userId, {
      pinHash: await hashPin(crypto.subtle, '8051', new Uint8Array(16), 1),
    });
    const reset = await resetPin(
      d,
      { userId: akim.userId, newPin: '620417', managerId: admin.userId, managerPin: '8051' },
      { nowMs: Date.parse('2026-11-23T11:00:00+05:00'), iterations: 1 },
    );
    expect(reset).toEqual({ ok: true, newSigningKey: true });
    // Dated after the reset, the old key is no longer the akim's.
    expect(await appendEvent(d, certificate('N1', old), context(akim, '2026-11-23T11:05'))).toEqual(
      { ok: false, reason: 'session:signature.keyNotRegistered' },
    );
    // Dated when it was made, it is.
    expect(
      await appendEvent(d, certificate('N1', old), context(akim, '2026-11-23T10:05')),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('signatures when shown', () => {
  test('a document changed since signing, or a log that gives no document, does not verify', async () => {
    const d = await desk();
    const signature = await signed(d, akim, 'N1');
    expect(
      await appendEvent(d, certificate('N1', signature), context(akim, '2026-11-23T10:05')),
    ).toMatchObject({ ok: true });
    const state = await loadCase(d, 'c1');
    const event = signedEventOf(state);
    const changed: SignedDocuments = { contentsOf: () => [contentFor('N2')] };
    expect(await verifySignedCaseEvent(d, state, event, changed)).toEqual({
      ok: false,
      reason: 'session:signature.contentMismatch',
    });
    expect(await verifySignedCaseEvent(d, state, event, { contentsOf: () => [] })).toEqual({
      ok: false,
      reason: 'session:signature.cannotRebuild',
    });
    // A signature value that is not the akim's over the right content.
    const forged = {
      ...event,
      signature: { ...event.signature, value: (await signed(d, otherAkim, 'N1')).value },
    };
    expect(await verifySignedCaseEvent(d, foldCase(state.events), forged, documents)).toEqual({
      ok: false,
      reason: 'session:signature.invalid',
    });
  });

  test('a check is refused inside a transaction, where crypto would commit it half-way', async () => {
    const d = await desk();
    const signature = await signed(d, akim, 'N1');
    await expect(
      d.transaction('r', d.users, () =>
        verifyWithRegisteredKey(d, akim.userId, '2026-11-23T10:05', contentFor('N1'), signature),
      ),
    ).rejects.toThrow('inside a transaction');
  });
});

describe('what a content check says', () => {
  test('without a registered key the content may match, but it is never called verified', async () => {
    const d = await desk();
    // The akim's own key, used around the desk's signing path: nothing remembers a check of it.
    const unlocked = await unlockSigningKey(d, akim.userId, SEED_PIN, Date.now());
    if (!unlocked.ok) throw new Error(unlocked.reason);
    const signature = await signCanonical(crypto.subtle, unlocked.signer, contentFor('N1'));
    const candidates = [contentFor('N2'), contentFor('N1')];
    expect(
      await matchSignedContent(crypto.subtle, candidates, signature, signature.signedDigest, null),
    ).toEqual({ status: 'keyUnknown', content: contentFor('N1') });
    const event = {
      ...certificate('N1', signature),
      id: 'e1',
      v: 2,
      actor: akim,
      legalTime: '2026-11-23T10:05',
      hlc: '',
    } as unknown as CaseEvent;
    // Not verified, so not remembered: the store still refuses it.
    expect(await signedEventProblem(d, event)).toBe('session:signature.notChecked');
    const key = (await d.users.get(akim.userId))?.signingKey?.publicKey ?? null;
    expect(
      await matchSignedContent(crypto.subtle, candidates, signature, signature.signedDigest, key),
    ).toEqual({ status: 'verified', content: contentFor('N1') });
    expect(await signedEventProblem(d, event)).toBeNull();
  });

  test.each(['kk', 'ru'])('every reason has words in %s', async (lang) => {
    const { readFileSync } = await import('node:fs');
    const url = new URL(`../../../locales/${lang}/session.json`, import.meta.url);
    const session = JSON.parse(readFileSync(url, 'utf8')) as { signature: Record<string, string> };
    for (const key of SIGNATURE_PROBLEMS) {
      expect(session.signature[key.replace('session:signature.', '')], key).toBeTruthy();
    }
  });
});
