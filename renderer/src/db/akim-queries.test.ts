import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import {
  sampleEvent,
  sampleRegistered,
  sampleRegistrationDraft,
} from '../../../shared/case/testing';
import { activeSpecialists, loadAkimInbox, resolutionStepOf } from './akim-queries';
import {
  appendEvent,
  importCaseEvents,
  registerApplication,
  type ActContext,
  type RegistrationDraft,
} from './case-store';
import { DeskDatabase, type RegisterRow, type UserRow } from './database';
import { seedActors } from './testing';

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
  districtId: 'KZL',
  deviceId: 'desk-1',
};
/** The desk's akim as the inbox asks: the akim of this office. */
const inboxOf = (database: DeskDatabase) =>
  loadAkimInbox(database, { role: 'akim', officeId: 'office-1', districtId: 'KZL' });

async function openDb(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await seedActors(db, specialist, akim);
  return db;
}
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

type Draft = RegistrationDraft;

function tsaDraft(receivedAt: string, lastName: string, serviceId?: string): Draft {
  const rest = sampleRegistrationDraft({
    receivedAt,
    applicant: { ...sampleRegistered().applicant, lastName },
    ...(serviceId ? { serviceId } : {}),
  });
  return rest;
}

function certificateDraft(receivedAt: string): Draft {
  return {
    ...tsaDraft(receivedAt, 'Анықтамашы'),
    serviceId: 'asp-recipient-certificate',
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
  test('lists registered cases awaiting a resolution, earliest deadline first, and drops them once resolved', async () => {
    await openDb();
    await register('case-late', tsaDraft('2026-11-20T15:00', 'Кейінов'));
    await register('case-early', tsaDraft('2026-11-19T10:00', 'Ертеев'));

    let inbox = await inboxOf(database());
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['case-early', 'case-late']);
    // The resolution's own term from the case's rule-set (001:11262 table: 30 minutes).
    expect(inbox.resolutions[0]?.resolutionDue).toEqual({
      kind: 'dateTime',
      at: '2026-11-19T10:30',
    });
    expect(inbox.resolutions[0]?.registeredAt).toBe('2026-11-19T10:00');
    expect(inbox.certificates).toEqual([]);

    const resolved = await appendEvent(
      database(),
      {
        caseId: 'case-early',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Рассмотреть и принять меры' },
      },
      context(akim, '2026-11-19T10:20'),
    );
    expect(resolved.ok).toBe(true);
    inbox = await inboxOf(database());
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['case-late']);
  });

  test('lists resolutions nearest deadline first, the late first, not oldest first; a case with no timed step last', async () => {
    await openDb();
    // The oldest: the child benefit, whose resolution step has no term of its own (001 №9): listed by
    // its whole term, 30 calendar days (a day due, long after the others).
    await register(
      'child-oldest',
      tsaDraft('2026-11-18T09:00', 'Балаев', 'child-benefit-under-18'),
    );
    // TSA: the resolution within 30 minutes (001:11262); the one of the 19th is late on the 20th.
    await register('tsa-late', tsaDraft('2026-11-19T10:00', 'Кешіккен'));
    await register('tsa-next', tsaDraft('2026-11-20T09:40', 'Келесі'));
    await register('tsa-soon', tsaDraft('2026-11-20T09:20', 'Жақын'));

    const inbox = await inboxOf(database());
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual([
      'tsa-late',
      'tsa-soon',
      'tsa-next',
      'child-oldest',
    ]);
    expect(inbox.resolutions.map((c) => c.deadline)).toEqual([
      { kind: 'dateTime', at: '2026-11-19T10:30' },
      { kind: 'dateTime', at: '2026-11-20T09:50' },
      { kind: 'dateTime', at: '2026-11-20T10:10' },
      expect.objectContaining({ kind: 'date' }),
    ]);
  });

  test('a certificate waits for the resolution first only where its regulation has that step', async () => {
    await openDb();
    // Seed 001 №15: resolution (2 min), then the akim signs the certificate. Registered under that
    // rule-set on another desk and received as events: today's registrations fall under seed 002.
    const older = sampleEvent('Registered', {
      role: 'specialist',
      counter: 1,
      caseId: 'cert-001',
      payload: sampleRegistered({
        serviceId: 'asp-recipient-certificate',
        ruleSetId: '001-timiryazev-2012-n302',
        route: 'akimLocal',
        receivedAt: '2026-11-23T09:30',
        registrationDate: '2026-11-23',
        registrationNumber: 'KZL01-2-0001/2026',
        dueDate: '2026-11-23',
      }),
    });
    const imported = await importCaseEvents(
      database(),
      [{ ...older, actor: { ...older.actor, officeId: 'office-1', districtId: 'KZL' } }],
      Date.UTC(2026, 10, 23, 4, 30),
    );
    expect(imported.stored).toBe(1);
    // Seed 002: the akim issues the certificate straight away.
    await register('cert-002', certificateDraft('2026-11-23T09:40'));
    expect(resolutionStepOf('001-timiryazev-2012-n302', 'asp-recipient-certificate')).not.toBe(
      null,
    );
    expect(resolutionStepOf('002-tsa-certificate-passport', 'asp-recipient-certificate')).toBe(
      null,
    );

    let inbox = await inboxOf(database());
    expect(inbox.resolutions.map((c) => c.row.id)).toEqual(['cert-001']);
    expect(inbox.certificates.map((c) => c.row.id)).toEqual(['cert-002']);

    await appendEvent(
      database(),
      {
        caseId: 'cert-001',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Анықтама дайындауға' },
      },
      context(akim, '2026-11-23T09:31'),
    );
    inbox = await inboxOf(database());
    expect(inbox.resolutions).toEqual([]);
    expect(inbox.certificates.map((c) => c.row.id)).toEqual(['cert-001', 'cert-002']);
    expect(inbox.certificates[0]?.resolution?.text).toBe('Анықтама дайындауға');
  });

  test('a suspended case is not offered for a resolution', async () => {
    await openDb();
    await register(
      'case-a',
      tsaDraft('2026-11-19T10:00', 'Тоқтатов', 'fuel-aid-rural-social-specialists'),
    );
    expect((await inboxOf(database())).resolutions.map((c) => c.row.id)).toEqual(['case-a']);
    const suspended = await appendEvent(
      database(),
      {
        caseId: 'case-a',
        type: 'TermSuspended',
        payload: { reason: 'Ауылдан көшіп кетті', groundCode: 'moved-away' },
      },
      context(specialist, '2026-11-19T11:00'),
    );
    expect(suspended.ok).toBe(true);
    expect((await inboxOf(database())).resolutions).toEqual([]);
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
    expect((await inboxOf(db)).registers.map((r) => r.id)).toEqual(['r1', 'r2']);
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
