import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, EventSignature } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import {
  CERTIFICATE_NUMBER_TAKEN,
  formatCertificateNumber,
  loadCasePage,
  nextCertificateNumber,
  recordCertificate,
  signingHeads,
} from './case-page-queries';
import { registerApplication, type ActContext } from './case-store';
import { applyReceipts } from './sync-commands';
import { DeskDatabase } from './database';
import { seedActors, signAsActor } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const desk = { officeCode: 'KZL01', deviceNo: 2 };
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'o1',
  districtId: 'KZL',
  deviceId: 'd1',
};
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };
const signature: EventSignature = {
  keyId: 'key-akim',
  algorithm: 'ECDSA-P256-SHA256',
  value: 'MEUCIQDx',
  signedDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
};

function context(actor: Actor, legalTime = '2026-11-23T10:05'): ActContext {
  return { actor, legalTime, nowMs: 1_800_000_000_000, newId: () => crypto.randomUUID() };
}

async function certificateCase(d: DeskDatabase, caseId: string): Promise<void> {
  await seedActors(d, specialist, akim);
  const draft = sampleRegistrationDraft({
    serviceId: 'asp-recipient-certificate',
    route: 'akimLocal',
    receivedAt: '2026-11-23T10:00',
  });
  const result = await registerApplication(
    d,
    caseId,
    draft,
    { officeCode: 'KZL01', deviceNo: 2 },
    context(specialist, '2026-11-23T10:00'),
  );
  expect(result.ok).toBe(true);
}

async function certificateDesk(): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(d, specialist, akim);
  return d;
}

const payload = (number: string, digest = signature.signedDigest) => ({
  result: 'belongs' as const,
  number,
  date: '2026-11-23',
  documentDigest: digest,
});

/** The certificate as the akim signs it: a real signature with the akim's registered key. */
async function signed(d: DeskDatabase, number: string) {
  const made = await signAsActor(d, akim, { certificate: number }, Date.UTC(2026, 10, 23, 5, 5));
  if (!made.ok) throw new Error(made.reason);
  const s = made.signature;
  return {
    payload: payload(number, s.signedDigest),
    signature: {
      keyId: s.keyId,
      algorithm: s.algorithm,
      value: s.value,
      signedDigest: s.signedDigest,
    },
  };
}

describe('certificate numbers', () => {
  test('format: office code, device number, C and a 4-digit sequence per year', () => {
    expect(formatCertificateNumber(desk, 7, 2026)).toBe('KZL01-2-C0007/2026');
    expect(formatCertificateNumber(desk, 12345, 2026)).toBe('KZL01-2-C12345/2026');
    expect(() => formatCertificateNumber(desk, 0, 2026)).toThrow(RangeError);
  });

  test('R-CERT-3: each signed certificate takes the next number of the desk, apart from registrations', async () => {
    db = await certificateDesk();
    await certificateCase(db, 'c1');
    await certificateCase(db, 'c2');
    const first = await nextCertificateNumber(db, desk, 2026);
    expect(first.number).toBe('KZL01-2-C0001/2026');
    const saved = await recordCertificate(
      db,
      { caseId: 'c1', ...(await signed(db, first.number)) },
      desk,
      context(akim),
    );
    expect(saved.ok && saved.state.stage).toBe('signed');
    expect(saved.ok && saved.state.certificate?.number).toBe('KZL01-2-C0001/2026');
    expect((await nextCertificateNumber(db, desk, 2026)).number).toBe('KZL01-2-C0002/2026');
    // Another year starts again at 1; registrations keep their own counter.
    expect((await nextCertificateNumber(db, desk, 2027)).number).toBe('KZL01-2-C0001/2027');
    expect((await db.counters.get('registration:2026'))?.value).toBe(2);
  });

  test('a number taken since the preview is refused and nothing is written', async () => {
    db = await certificateDesk();
    await certificateCase(db, 'c1');
    await certificateCase(db, 'c2');
    const preview = await nextCertificateNumber(db, desk, 2026);
    const a = await recordCertificate(
      db,
      { caseId: 'c1', ...(await signed(db, preview.number)) },
      desk,
      context(akim),
    );
    expect(a.ok).toBe(true);
    const eventsBefore = await db.events.count();
    const b = await recordCertificate(
      db,
      { caseId: 'c2', ...(await signed(db, preview.number)) },
      desk,
      context(akim),
    );
    expect(b).toEqual({ ok: false, reason: CERTIFICATE_NUMBER_TAKEN });
    expect(await db.events.count()).toBe(eventsBefore);
    expect((await db.counters.get('certificate:2026'))?.value).toBe(1);
  });

  test('a certificate the case rules refuse (not the akim) uses no number', async () => {
    db = await certificateDesk();
    await certificateCase(db, 'c1');
    const preview = await nextCertificateNumber(db, desk, 2026);
    const refused = await recordCertificate(
      db,
      { caseId: 'c1', payload: payload(preview.number), signature },
      desk,
      context(specialist),
    );
    expect(refused).toEqual({ ok: false, reason: 'case:rejections.roleNotAllowed' });
    expect(await db.counters.get('certificate:2026')).toBeUndefined();
    expect((await loadCasePage(db, 'c1')).state.stage).toBe('registered');
  });
});

describe('case page data', () => {
  test("carries the hub's receipt time of the case's events it took in, and of no other case", async () => {
    db = await certificateDesk();
    const d = db;
    await certificateCase(d, 'case-a');
    await certificateCase(d, 'case-b');
    const [a, b] = await Promise.all([loadCasePage(d, 'case-a'), loadCasePage(d, 'case-b')]);
    expect(a.hubReceivedAtMs).toEqual({});
    const registeredA = a.state.events[0]?.id ?? '';
    const registeredB = b.state.events[0]?.id ?? '';
    const at = Date.UTC(2026, 10, 23, 5, 30);
    await applyReceipts(
      d,
      [
        { id: registeredA, status: 'accepted', receivedAtMs: at },
        { id: registeredB, status: 'accepted', receivedAtMs: at + 60_000 },
      ],
      at + 90_000,
    );
    expect((await loadCasePage(d, 'case-a')).hubReceivedAtMs).toEqual({ [registeredA]: at });
  });

  test('names a person of another office by the directory events sync brought (not a user id)', async () => {
    db = await certificateDesk();
    const d = db;
    await certificateCase(d, 'c1');
    const registered = (await loadCasePage(d, 'c1')).state.events[0];
    const userId = registered?.actor.userId ?? '';
    const known = (await loadCasePage(d, 'c1')).actors[userId];
    expect(known?.name).toBeTruthy();
    // On another office's desk the person is no user of the desk: only their directory events are.
    await d.users.delete(userId);
    expect(await d.userEvents.where('userId').equals(userId).count()).toBeGreaterThan(0);
    expect((await loadCasePage(d, 'c1')).actors[userId]).toEqual(known);
  });

  test('folds the case and names its actors; lists the heads who can sign', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const key = {
      publicKey: { kty: 'EC' as const, crv: 'P-256' as const, x: 'x', y: 'y' },
      keyId: 'k',
      wrapped: {} as never,
    };
    const pinHash = {} as never;
    await db.users.bulkAdd([
      {
        id: 'u-spec',
        name: 'Омарова А.',
        role: 'specialist',
        pinHash,
        signingKey: null,
        createdAt: '',
        active: true,
      },
      {
        id: 'u-akim',
        name: 'Жұмабеков Б.',
        role: 'akim',
        pinHash,
        signingKey: key,
        createdAt: '',
        active: true,
      },
      {
        id: 'u-old',
        name: 'Бұрынғы әкім',
        role: 'akim',
        pinHash,
        signingKey: key,
        createdAt: '',
        active: false,
      },
      {
        id: 'u-nokey',
        name: 'Кілтсіз әкім',
        role: 'akim',
        pinHash,
        signingKey: null,
        createdAt: '',
        active: true,
      },
    ]);
    await certificateCase(db, 'c1');
    const page = await loadCasePage(db, 'c1');
    expect(page.state.registrationNumber).toBe('KZL01-2-0001/2026');
    expect(page.actors['u-spec']).toEqual({ name: 'Омарова А.', role: 'specialist' });
    expect(await signingHeads(db, 'akimat')).toEqual([{ id: 'u-akim', name: 'Жұмабеков Б.' }]);
    // The head of the other kind of office is another role: none of these users.
    expect(await signingHeads(db, 'district')).toEqual([]);
  });
});
