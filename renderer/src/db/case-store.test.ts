import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleApplicant, sampleRegistered } from '../../../shared/case/testing';
import { DeskDatabase } from './database';
import {
  appendEvent,
  appendEvents,
  loadCase,
  registerApplication,
  type ActContext,
} from './case-store';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  deviceId: 'desk-1',
};
const akim: Actor = { ...specialist, userId: 'u-akim', role: 'akim' };

function context(actor: Actor, legalTime = '2025-03-03T10:00'): ActContext {
  let n = 0;
  return {
    actor,
    legalTime,
    nowMs: Date.UTC(2025, 2, 3, 5, n),
    newId: () => `${actor.userId}-${++n}-${crypto.randomUUID()}`,
  };
}

const numbering = { officeCode: 'KZL01', deviceNo: 1 };

function draft() {
  const { registrationNumber: _n, ...rest } = sampleRegistered({
    registrationDate: '2025-03-03',
    dueDate: '2025-04-02',
  });
  return rest;
}

describe('case store', () => {
  test('R-STAT-1: registration numbers follow the desk counter and never repeat', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const a = await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const b = await registerApplication(db, 'case-b', draft(), numbering, context(specialist));
    expect(a.ok && a.state.registrationNumber).toBe('KZL01-1-0001/2025');
    expect(b.ok && b.state.registrationNumber).toBe('KZL01-1-0002/2025');
    const rows = await db.cases.orderBy('number').toArray();
    expect(rows.map((r) => r.number)).toEqual(['KZL01-1-0001/2025', 'KZL01-1-0002/2025']);
    expect(await db.outbox.count()).toBe(2);
  });

  test('a registration the schema refuses uses no number and writes nothing', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const bad = { ...draft(), consents: { personalData: false, protectedInformation: true } };
    const result = await registerApplication(db, 'case-x', bad, numbering, context(specialist));
    expect(result.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    const good = await registerApplication(db, 'case-y', draft(), numbering, context(specialist));
    expect(good.ok && good.state.registrationNumber).toBe('KZL01-1-0001/2025');
  });

  test('the transition table is checked before saving', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const bySpecialist = await appendEvent(
      db,
      {
        caseId: 'case-a',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Қарауға' },
      },
      context(specialist),
    );
    expect(bySpecialist).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^case:rejections\./),
    });
    const byAkim = await appendEvent(
      db,
      {
        caseId: 'case-a',
        type: 'ResolutionImposed',
        payload: { executorUserId: 'u-spec', text: 'Қарауға' },
      },
      context(akim),
    );
    expect(byAkim.ok).toBe(true);
    const state = await loadCase(db, 'case-a');
    expect(state.stage).toBe('resolutionImposed');
    expect((await db.cases.get('case-a'))?.stage).toBe('resolutionImposed');
  });

  test('a batch is saved whole or not at all', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const result = await appendEvents(
      db,
      [
        {
          caseId: 'case-a',
          type: 'ResolutionImposed',
          payload: { executorUserId: 'u-spec', text: 'Орындауға' },
        },
        // Not allowed for an akim: the whole batch must roll back.
        { caseId: 'case-a', type: 'SentToCommission', payload: { date: '2025-03-03' } as never },
      ],
      context(akim),
    );
    expect(result.ok).toBe(false);
    expect((await loadCase(db, 'case-a')).stage).toBe('registered');
  });

  test('journal rows are searchable by folded name words and list open due dates', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await registerApplication(db, 'case-a', draft(), numbering, context(specialist));
    const byName = await db.cases.where('nameTokens').startsWith('айге').toArray();
    expect(byName.map((r) => r.id)).toEqual(['case-a']);
    expect(await db.cases.where('openDueDate').below('2025-04-03').count()).toBe(1);
    expect((await db.people.get(sampleApplicant.iin))?.firstName).toBe(sampleApplicant.firstName);
  });
});
