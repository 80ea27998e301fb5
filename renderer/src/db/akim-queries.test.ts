import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, PayloadOf } from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import { activeSpecialists, loadAkimInbox, resolutionStepOf } from './akim-queries';
import { appendEvent, registerApplication, type ActContext } from './case-store';
import { DeskDatabase, type RegisterRow, type UserRow } from './database';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'office-1',
  deviceId: 'desk-1',
};
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };
const numbering = { officeCode: 'KZL01', deviceNo: 1 };

function context(actor: Actor, legalTime: string): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

type Draft = Omit<PayloadOf<'Registered'>, 'registrationNumber'>;

function tsaDraft(receivedAt: string, lastName: string): Draft {
  const { registrationNumber: _n, ...rest } = sampleRegistered({
    ruleSetId: '001-timiryazev-2012-n302',
    receivedAt,
    registrationDate: receivedAt.slice(0, 10),
    dueDate: '2026-12-31',
    applicant: { ...sampleRegistered().applicant, lastName },
  });
  return rest;
}

function certificateDraft(ruleSetId: string, receivedAt: string): Draft {
  return {
    ...tsaDraft(receivedAt, 'Анықтамашы'),
    serviceId: 'asp-recipient-certificate',
    ruleSetId,
    route: 'akimLocal',
  };
}

async function register(caseId: string, d: Draft) {
  const result = await registerApplication(
    database(),
    caseId,
    d,
    numbering,
    context(specialist, d.receivedAt),
  );
  expect(result.ok).toBe(true);
}

function user(id: string, name: string, role: UserRow['role'], active = true): UserRow {
  return {
    id,
    name,
    role,
    active,
    pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: 'AAAA', hash: 'AAAA' },
    signingKey: null,
    createdAt: '2026-01-05T09:00',
  };
}

describe('akim inbox', () => {
  test('lists registered cases awaiting a resolution, oldest first, and drops them once resolved', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await register('case-late', tsaDraft('2026-11-20T15:00', 'Кейінов'));
    await register('case-early', tsaDraft('2026-11-19T10:00', 'Ертеев'));

    let inbox = await loadAkimInbox(db);
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['case-early', 'case-late']);
    expect(inbox.resolutions[0]?.registeredAt).toBe('2026-11-19T10:00');
    expect(inbox.certificates).toEqual([]);

    const resolved = await appendEvent(
      db,
      {
        caseId: 'case-early',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Рассмотреть и принять меры' },
      },
      context(akim, '2026-11-19T10:20'),
    );
    expect(resolved.ok).toBe(true);
    inbox = await loadAkimInbox(db);
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['case-late']);
  });

  test('a certificate waits for the resolution first only where its regulation has that step', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    // Seed 001 №15: resolution (2 min), then the akim signs the certificate.
    await register('cert-001', certificateDraft('001-timiryazev-2012-n302', '2026-11-23T09:30'));
    // Seed 002: the akim issues the certificate straight away.
    await register(
      'cert-002',
      certificateDraft('002-tsa-certificate-passport', '2026-11-23T09:40'),
    );
    expect(resolutionStepOf('001-timiryazev-2012-n302', 'asp-recipient-certificate')).not.toBe(
      null,
    );
    expect(resolutionStepOf('002-tsa-certificate-passport', 'asp-recipient-certificate')).toBe(
      null,
    );

    let inbox = await loadAkimInbox(db);
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['cert-001']);
    expect(inbox.certificates.map((c) => c.row.id)).toEqual(['cert-002']);

    await appendEvent(
      db,
      {
        caseId: 'cert-001',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Анықтама дайындауға' },
      },
      context(akim, '2026-11-23T09:31'),
    );
    inbox = await loadAkimInbox(db);
    expect(inbox.resolutions).toEqual([]);
    expect(inbox.certificates.map((c) => c.row.id)).toEqual(['cert-001', 'cert-002']);
    expect(inbox.certificates[0]?.resolution?.text).toBe('Анықтама дайындауға');
  });

  test('a suspended case is not offered for a resolution', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await register('case-a', tsaDraft('2026-11-19T10:00', 'Тоқтатов'));
    await appendEvent(
      db,
      { caseId: 'case-a', type: 'TermSuspended', payload: { reason: 'Өтініш беруші сұрауы' } },
      context(specialist, '2026-11-19T11:00'),
    );
    expect((await loadAkimInbox(db)).resolutions).toEqual([]);
  });

  test('lists the registers that wait for a signature, oldest first', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const base: RegisterRow = {
      id: 'r1',
      number: 'KZL01-1-R1/2026',
      date: '2026-11-20',
      caseIds: ['x'],
      createdBy: 'u-spec',
      signature: null,
      forwardedAt: null,
    };
    await db.registers.bulkAdd([
      { ...base, id: 'r2', number: 'KZL01-1-R2/2026', date: '2026-11-23' },
      base,
      {
        ...base,
        id: 'r3',
        number: 'KZL01-1-R3/2026',
        signature: {
          algorithm: 'ECDSA-P256-SHA256',
          value: 'AA==',
          signedDigest: 'AA==',
          keyId: 'k',
          signerId: 'u-akim',
          signedAt: '2026-11-23T10:00',
        },
      },
    ]);
    expect((await loadAkimInbox(db)).registers.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  test('offers only active specialists as executors', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await db.users.bulkAdd([
      user('u1', 'Сәрсенова Д.', 'specialist'),
      user('u2', 'Әбенов Қ.', 'specialist'),
      user('u3', 'Ахметов Б.', 'specialist', false),
      user('u4', 'Жақсылықов Е.', 'akim'),
    ]);
    expect((await activeSpecialists(db)).map((u) => u.id).sort()).toEqual(['u1', 'u2']);
  });
});
