import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, CaseEventType, PayloadOf } from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import type { CanonicalSignature } from '../../../shared/signing';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import {
  cancelRegister,
  createRegister,
  forwardableCases,
  forwardRegister,
  loadRegisterBundle,
  setRegisterCases,
  storeRegisterSignature,
} from './registers-queries';

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
const numbering = { officeCode: 'KZL01', deviceNo: 2 };

function context(actor: Actor, legalTime = '2026-11-23T10:00'): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

type Draft = Omit<PayloadOf<'Registered'>, 'registrationNumber'>;

function draft(overrides: Partial<Draft> = {}): Draft {
  const { registrationNumber: _n, ...rest } = sampleRegistered({
    ruleSetId: '001-timiryazev-2012-n302',
    receivedAt: '2026-11-16T10:00',
    registrationDate: '2026-11-16',
    dueDate: '2026-12-16',
  });
  return { ...rest, ...overrides };
}

async function append<T extends CaseEventType>(
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
  actor: Actor,
) {
  const result = await appendEvent(database(), { caseId, type, payload }, context(actor));
  expect(result).toMatchObject({ ok: true });
}

/** A case registered and brought to `stage` along the akim route. */
async function caseAt(
  caseId: string,
  stage: 'registered' | 'resolutionImposed' | 'atCommission' | 'commissionDone',
  overrides: Partial<Draft> = {},
) {
  const result = await registerApplication(
    database(),
    caseId,
    draft(overrides),
    numbering,
    context(specialist, '2026-11-16T10:05'),
  );
  expect(result.ok).toBe(true);
  if (stage === 'registered') return;
  await append(
    caseId,
    'ResolutionImposed',
    { executorUserId: 'u-spec', text: 'Рассмотреть и принять меры' },
    akim,
  );
  if (stage === 'resolutionImposed') return;
  await append(caseId, 'SentToCommission', {}, specialist);
  if (stage === 'atCommission') return;
  await append(
    caseId,
    'CommissionActRecorded',
    {
      actDate: '2026-11-18',
      members: [{ name: 'Ахметов Б.' }],
      findings: 'Отбасының жағдайы тексерілді',
      conclusion: 'needed',
    },
    specialist,
  );
}

const fakeSignature: CanonicalSignature = {
  algorithm: 'ECDSA-P256-SHA256',
  value: 'c2lnbmF0dXJl',
  signedDigest: 'ZGlnZXN0',
  keyId: 'a'.repeat(64),
};
const signer = { signerId: 'u-akim', signedAt: '2026-11-23T11:00' };

function newRegister(caseIds: string[], date = '2026-11-23') {
  return createRegister(database(), {
    id: crypto.randomUUID(),
    caseIds,
    date,
    createdBy: 'u-spec',
    numbering,
  });
}

describe('registers', () => {
  test('numbers registers per desk and per year from the desk counter', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'resolutionImposed');
    await caseAt('c', 'resolutionImposed');
    const first = await newRegister(['a']);
    const second = await newRegister(['b']);
    const nextYear = await newRegister(['c'], '2027-01-05');
    expect(first.ok && first.register.number).toBe('KZL01-2-R1/2026');
    expect(second.ok && second.register.number).toBe('KZL01-2-R2/2026');
    expect(nextYear.ok && nextYear.register.number).toBe('KZL01-2-R1/2027');
    expect((await db.counters.get('register:2026'))?.value).toBe(2);
  });

  test('R-ROUTE-1: offers cases after the resolution or the commission act, on the district route only', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('registered', 'registered');
    await caseAt('resolved', 'resolutionImposed');
    await caseAt('at-commission', 'atCommission');
    await caseAt('commission-done', 'commissionDone');
    await caseAt('certificate', 'resolutionImposed', {
      serviceId: 'asp-recipient-certificate',
      route: 'akimLocal',
    });
    const offered = await forwardableCases(db);
    expect(offered.map((c) => c.row.id).sort()).toEqual(['commission-done', 'resolved']);
    expect(offered.find((c) => c.row.id === 'commission-done')?.commissionAct?.conclusion).toBe(
      'needed',
    );

    const made = await newRegister(['resolved']);
    const again = await forwardableCases(db);
    expect(again.find((c) => c.row.id === 'resolved')?.inRegister).toEqual({
      id: made.ok ? made.register.id : '',
      number: 'KZL01-2-R1/2026',
    });
  });

  test('refuses a case that may not be forwarded or already sits in an open register, and uses no number', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('registered', 'registered');
    await caseAt('resolved', 'resolutionImposed');

    const notYet = await newRegister(['resolved', 'registered']);
    expect(notYet).toMatchObject({
      ok: false,
      reason: 'registers:errors.casesBlocked',
      blocked: [{ caseId: 'registered', reason: 'case:rejections.notAllowedInStage' }],
    });
    expect(await db.registers.count()).toBe(0);
    expect(await db.counters.get('register:2026')).toBeUndefined();

    expect(await newRegister([])).toMatchObject({ ok: false, reason: 'registers:errors.empty' });
    expect(await newRegister(['resolved', 'resolved'])).toMatchObject({
      ok: false,
      reason: 'registers:errors.duplicateCase',
    });
    expect(await newRegister(['nope'])).toMatchObject({
      ok: false,
      blocked: [{ caseId: 'nope', reason: 'registers:errors.unknownCase' }],
    });

    const first = await newRegister(['resolved']);
    expect(first.ok).toBe(true);
    const twice = await newRegister(['resolved']);
    expect(twice).toMatchObject({
      ok: false,
      blocked: [
        {
          caseId: 'resolved',
          reason: 'registers:errors.inOtherRegister',
          registerNumber: 'KZL01-2-R1/2026',
        },
      ],
    });
    expect(await db.registers.count()).toBe(1);
  });

  test('a signed register can no longer change its cases', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'commissionDone');
    const made = await newRegister(['a']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;

    const edited = await setRegisterCases(db, id, ['a', 'b']);
    expect(edited.ok && edited.register.caseIds).toEqual(['a', 'b']);

    // A signature over an older list of cases is not attached to the new one.
    expect(await storeRegisterSignature(db, id, ['a'], fakeSignature, signer)).toMatchObject({
      ok: false,
      reason: 'registers:errors.changedSinceSigning',
    });
    const signed = await storeRegisterSignature(db, id, ['a', 'b'], fakeSignature, signer);
    expect(signed.ok && signed.register.signature).toMatchObject({
      ...fakeSignature,
      signerId: 'u-akim',
      signedAt: '2026-11-23T11:00',
    });

    expect(await setRegisterCases(db, id, ['a'])).toMatchObject({
      ok: false,
      reason: 'registers:errors.signed',
    });
    expect(
      await storeRegisterSignature(
        db,
        id,
        ['a', 'b'],
        { ...fakeSignature, value: 'b3RoZXI=' },
        signer,
      ),
    ).toMatchObject({ ok: false, reason: 'registers:errors.signed' });
    const stored = await db.registers.get(id);
    expect(stored?.caseIds).toEqual(['a', 'b']);
    expect(stored?.signature?.value).toBe(fakeSignature.value);
  });

  test('forwards all cases of a signed register in one transaction, or none, naming the case that blocked it', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'commissionDone');
    const made = await newRegister(['a', 'b']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;

    expect(await forwardRegister(db, id, context(specialist))).toMatchObject({
      ok: false,
      reason: 'registers:errors.notSigned',
    });
    await storeRegisterSignature(db, id, ['a', 'b'], fakeSignature, signer);

    // The applicant withdraws case b after the akim signed: nothing may be forwarded.
    await append(
      'b',
      'Withdrawn',
      { reason: 'Өтініш беруші қайтарып алды', requestDate: '2026-11-23' },
      specialist,
    );
    const outboxBefore = await db.outbox.count();
    const blocked = await forwardRegister(db, id, context(specialist));
    expect(blocked).toMatchObject({
      ok: false,
      reason: 'registers:errors.casesBlocked',
      blocked: [{ caseId: 'b', reason: 'case:rejections.caseClosed' }],
    });
    expect((await loadCase(db, 'a')).stage).toBe('resolutionImposed');
    expect((await db.registers.get(id))?.forwardedAt).toBeNull();
    expect(await db.outbox.count()).toBe(outboxBefore);

    // The akim cannot forward: the transition table gives it to the specialist.
    await cancelRegister(db, id);
    const fresh = await newRegister(['a']);
    if (!fresh.ok) throw new Error(fresh.reason);
    await storeRegisterSignature(db, fresh.register.id, ['a'], fakeSignature, signer);
    expect(await forwardRegister(db, fresh.register.id, context(akim))).toMatchObject({
      ok: false,
      blocked: [{ caseId: 'a', reason: 'case:rejections.roleNotAllowed' }],
    });

    const done = await forwardRegister(
      db,
      fresh.register.id,
      context(specialist, '2026-11-23T15:30'),
    );
    expect(done.ok && done.register.forwardedAt).toBe('2026-11-23T15:30');
    const state = await loadCase(db, 'a');
    expect(state.stage).toBe('forwarded');
    expect(state.forwarding).toEqual({
      registerId: fresh.register.id,
      registerNumber: fresh.register.number,
    });
    expect((await db.cases.get('a'))?.stage).toBe('forwarded');
    expect((await db.registers.get(fresh.register.id))?.forwardedAt).toBe('2026-11-23T15:30');

    expect(await forwardRegister(db, fresh.register.id, context(specialist))).toMatchObject({
      ok: false,
      reason: 'registers:errors.forwarded',
    });
    expect(await cancelRegister(db, fresh.register.id)).toMatchObject({
      ok: false,
      reason: 'registers:errors.forwarded',
    });
  });

  test('a batch that fails half-way inside the transaction leaves every case and the register as they were', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'resolutionImposed');
    // A corrupt row (written around the queries) lists case b twice: both pass the pre-check, the
    // second append fails inside the transaction, and the first must be rolled back with it.
    await db.registers.add({
      id: 'corrupt',
      number: 'KZL01-2-R9/2026',
      date: '2026-11-23',
      caseIds: ['a', 'b', 'b'],
      createdBy: 'u-spec',
      signature: { ...fakeSignature, ...signer },
      forwardedAt: null,
    });
    const result = await forwardRegister(db, 'corrupt', context(specialist));
    expect(result).toMatchObject({ ok: false, reason: 'case:rejections.notAllowedInStage' });
    expect((await loadCase(db, 'a')).stage).toBe('resolutionImposed');
    expect((await loadCase(db, 'b')).stage).toBe('resolutionImposed');
    expect((await db.cases.get('a'))?.stage).toBe('resolutionImposed');
    expect(await db.events.where('caseId').equals('a').count()).toBe(2);
    expect((await db.registers.get('corrupt'))?.forwardedAt).toBeNull();
  });

  test('a register bundle carries the events and attachments of its cases', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    const hash = 'b'.repeat(64);
    await caseAt('a', 'resolutionImposed', {
      attachments: [{ sha256: hash, name: 'өтініш.pdf', mime: 'application/pdf', size: 3 }],
    });
    await caseAt('b', 'commissionDone');
    await db.attachments.add({
      sha256: hash,
      name: 'өтініш.pdf',
      mime: 'application/pdf',
      size: 3,
      blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'application/pdf' }),
      addedAtMs: 0,
    });
    const made = await newRegister(['b', 'a']);
    if (!made.ok) throw new Error(made.reason);
    const bundle = await loadRegisterBundle(db, made.register.id);
    expect(bundle?.rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(bundle?.events.map((e) => `${e.caseId}:${e.type}`)).toEqual([
      'b:Registered',
      'b:ResolutionImposed',
      'b:SentToCommission',
      'b:CommissionActRecorded',
      'a:Registered',
      'a:ResolutionImposed',
    ]);
    expect(bundle?.attachments.map((a) => a.sha256)).toEqual([hash]);
    expect(bundle?.missingAttachments).toEqual(['a'.repeat(64)]);
  });
});
