import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../shared/case';
import { sampleApplicant, sampleRegistered } from '../../../shared/case/testing';
import { appendEvent, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentProblem,
  blobSha256,
  findPerson,
  loadAttachment,
  personHistory,
  storeAttachments,
} from './intake-queries';
import { seedActors } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** A fresh database on which the specialist is an active user (the store checks who acts). */
async function freshDb(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(db, specialist);
  return db;
}

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'AKK',
  deviceId: 'desk-1',
};

function context(legalTime: string, nowMs: number): ActContext {
  return { actor: specialist, legalTime, nowMs, newId: () => crypto.randomUUID() };
}

const numbering = { officeCode: 'KZL01', deviceNo: 1 };

function registration(overrides: Partial<PayloadOf<'Registered'>> = {}) {
  const { registrationNumber: _n, ...rest } = sampleRegistered(overrides);
  return rest;
}

const pdf = (text: string) => new Blob([`%PDF-1.4\n${text}`], { type: 'application/pdf' });
/** Computed here straight from Web Crypto, independently of the code under test. */
async function hexOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`%PDF-1.4\n${text}`),
  );
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('people known from earlier cases', () => {
  test('an IIN never seen on this desk is unknown', async () => {
    const d = await freshDb();
    expect(await findPerson(d, sampleApplicant.iin)).toBeUndefined();
    expect(await personHistory(d, sampleApplicant.iin)).toBeUndefined();
  });

  test('a registered applicant is found by IIN with the details of the latest case', async () => {
    const d = await freshDb();
    await registerApplication(
      d,
      'case-1',
      registration({
        receivedAt: '2025-03-03T10:00',
        registrationDate: '2025-03-03',
        dueDate: '2025-04-02',
      }),
      numbering,
      context('2025-03-03T10:00', 1_000),
    );
    const moved = {
      ...sampleApplicant,
      address: 'Қызылсай ауылы, Абай көшесі, 3',
      phone: '+77471234567',
    };
    await registerApplication(
      d,
      'case-2',
      registration({
        applicant: moved,
        receivedAt: '2025-06-02T11:00',
        registrationDate: '2025-06-02',
        dueDate: '2025-07-02',
      }),
      numbering,
      context('2025-06-02T11:00', 2_000),
    );

    const person = await findPerson(d, sampleApplicant.iin);
    expect(person).toMatchObject({
      lastName: sampleApplicant.lastName,
      firstName: sampleApplicant.firstName,
      birthDate: sampleApplicant.birthDate,
      address: moved.address,
      phone: moved.phone,
      inMobileCitizensDb: true,
    });
    const history = await personHistory(d, sampleApplicant.iin);
    expect(history?.cases.map((c) => c.id)).toEqual(['case-2', 'case-1']);
    expect(history?.cases[0]?.number).toBe('KZL01-1-0002/2025');
  });

  test('R-REG-6: an applicant refused at acceptance is known too, with a not-accepted case', async () => {
    const d = await freshDb();
    const { consents: _c, familyMembers: _f, applicantIncomes: _i, ...intake } = registration();
    const refused = await appendEvent(
      d,
      {
        caseId: 'case-r',
        type: 'AcceptanceRefused',
        payload: {
          serviceId: intake.serviceId,
          ruleSetId: intake.ruleSetId,
          route: intake.route,
          channel: intake.channel,
          applicant: { ...sampleApplicant, phone: undefined, inMobileCitizensDb: false },
          documents: [{ documentId: 'family-income', state: 'expired' }],
          receivedAt: intake.receivedAt,
          refusalDate: '2025-03-03',
        },
      },
      context('2025-03-03T10:00', 1_000),
    );
    expect(refused.ok).toBe(true);
    const history = await personHistory(d, sampleApplicant.iin);
    expect(history?.person.inMobileCitizensDb).toBe(false);
    expect(history?.person.phone).toBeUndefined();
    expect(history?.cases.map((c) => c.stage)).toEqual(['notAccepted']);
  });
});

describe('attachments', () => {
  test('are stored as blobs under their SHA-256 and read back byte for byte', async () => {
    const d = await freshDb();
    const result = await storeAttachments(d, [{ name: 'заявление.pdf', blob: pdf('one') }], 5);
    expect(result).toEqual({
      ok: true,
      attachments: [
        { sha256: await hexOf('one'), name: 'заявление.pdf', mime: 'application/pdf', size: 12 },
      ],
    });
    const row = await loadAttachment(d, await hexOf('one'));
    expect(row?.addedAtMs).toBe(5);
    expect(await row?.blob.text()).toBe('%PDF-1.4\none');
    expect(await blobSha256(pdf('one'))).toBe(await hexOf('one'));
    // The standard test vector: SHA-256("abc").
    expect(await blobSha256(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('the same content is stored once, whether attached twice now or again later', async () => {
    const d = await freshDb();
    const first = await storeAttachments(
      d,
      [
        { name: 'a.pdf', blob: pdf('same') },
        { name: 'a-copy.pdf', blob: pdf('same') },
        {
          name: 'photo.jpg',
          blob: new Blob([new Uint8Array([0xff, 0xd8, 1])], { type: 'image/jpeg' }),
        },
      ],
      1,
    );
    expect(first.ok && first.attachments.map((a) => a.name)).toEqual(['a.pdf', 'photo.jpg']);
    const again = await storeAttachments(d, [{ name: 'renamed.pdf', blob: pdf('same') }], 2);
    expect(again.ok && again.attachments[0]?.name).toBe('renamed.pdf');
    expect(await d.attachments.count()).toBe(2);
    // The first stored copy is kept as it was.
    expect((await loadAttachment(d, await hexOf('same')))?.addedAtMs).toBe(1);
  });

  test('a file over 10 MB or not a scan is refused and nothing of the batch is stored', async () => {
    const d = await freshDb();
    const big = new Blob([new Uint8Array(ATTACHMENT_MAX_BYTES + 1)], { type: 'image/png' });
    const tooLarge = await storeAttachments(
      d,
      [
        { name: 'ok.pdf', blob: pdf('ok') },
        { name: 'huge.png', blob: big },
      ],
      1,
    );
    expect(tooLarge).toEqual({
      ok: false,
      reason: 'intake:attachments.errors.tooLarge',
      name: 'huge.png',
    });
    const word = new Blob(['x'], { type: 'application/msword' });
    expect(await storeAttachments(d, [{ name: 'a.doc', blob: word }], 1)).toMatchObject({
      ok: false,
      reason: 'intake:attachments.errors.wrongType',
    });
    expect(await d.attachments.count()).toBe(0);
  });

  test('exactly 10 MB is accepted; empty files are not', () => {
    expect(attachmentProblem({ size: ATTACHMENT_MAX_BYTES, type: 'application/pdf' })).toBeNull();
    expect(attachmentProblem({ size: 0, type: 'image/png' })).toBe(
      'intake:attachments.errors.empty',
    );
    expect(attachmentProblem({ size: 10, type: '' })).toBe('intake:attachments.errors.wrongType');
  });
});
