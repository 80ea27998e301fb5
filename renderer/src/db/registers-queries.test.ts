import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, CaseEventType, PayloadOf } from '../../../shared/case';
import { sampleRegistered } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { foldRegister, registerEventSchema } from '../../../shared/registers';
import { signCanonical, type CanonicalSignature } from '../../../shared/signing';
import { loadAkimInbox } from './akim-queries';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { saveOfficeProfile } from './office-repository';
import {
  cancelRegister,
  createRegister,
  forwardableCases,
  forwardRegister,
  listRegisters,
  loadRegister,
  loadRegisterBundle,
  loadRegisterDocument,
  registerEventsOf,
  setRegisterCases,
  signRegister,
} from './registers-queries';
import { seedActors } from './testing';
import { createUser, unlockSigningKey } from './users-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const office = sampleOfficeProfile({ officeId: 'office-1', code: 'KZL01', deviceNo: 2 });
const place = { officeId: office.officeId, districtId: office.districtId, deviceId: 'desk-1' };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
let akim: Actor = { userId: 'u-akim', role: 'akim', ...place };
const AKIM_PIN = '258013';
const numbering = { officeCode: 'KZL01', deviceNo: 2 };

function context(actor: Actor, legalTime = '2026-11-23T10:00'): ActContext {
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => crypto.randomUUID(),
  };
}

/** A desk set up with its office, a specialist and an akim who holds a signing key. */
async function desk(): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(d, office);
  const user = await createUser(
    d,
    { name: 'Жақсылықов Ерлан', role: 'akim', pin: AKIM_PIN },
    { nowMs: Date.UTC(2026, 0, 5), iterations: 1000 },
  );
  akim = { ...akim, userId: user.id };
  await seedActors(d, specialist);
  return d;
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

function newRegister(
  caseIds: string[],
  legalTime = '2026-11-23T09:30',
  id: string = crypto.randomUUID(),
) {
  return createRegister(database(), { id, caseIds, numbering }, context(specialist, legalTime));
}

/** The akim's signature over what the register gives now, made with the PIN-wrapped key. */
async function akimSignature(registerId: string): Promise<CanonicalSignature> {
  const built = await loadRegisterDocument(database(), registerId);
  if (!built.ok) throw new Error(built.reason);
  const unlocked = await unlockSigningKey(database(), akim.userId, AKIM_PIN, Date.now());
  if (!unlocked.ok) throw new Error(unlocked.reason);
  return signCanonical(crypto.subtle, unlocked.signer, built.document);
}

async function sign(registerId: string, legalTime = '2026-11-23T11:00') {
  const signature = await akimSignature(registerId);
  return signRegister(database(), registerId, signature, context(akim, legalTime));
}

describe('registers', () => {
  test('numbers registers per desk and per year from the desk counter, one padding for all', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'resolutionImposed');
    await caseAt('c', 'resolutionImposed');
    const first = await newRegister(['a']);
    const second = await newRegister(['b']);
    const nextYear = await newRegister(['c'], '2027-01-05T09:00');
    expect(first.ok && first.register.number).toBe('KZL01-2-R0001/2026');
    expect(second.ok && second.register.number).toBe('KZL01-2-R0002/2026');
    expect(nextYear.ok && nextYear.register).toMatchObject({
      number: 'KZL01-2-R0001/2027',
      date: '2027-01-05',
    });
    expect((await db.counters.get('register:2026'))?.value).toBe(2);
  });

  test('every command is an event of the register, queued for the hub; the row is its projection', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'commissionDone');
    const made = await newRegister(['a'], '2026-11-23T09:30', 'reg-1');
    expect(made.ok).toBe(true);
    expect(await setRegisterCases(db, 'reg-1', ['a', 'b'], context(specialist))).toMatchObject({
      ok: true,
      register: { caseIds: ['a', 'b'], status: 'draft' },
    });
    expect(await sign('reg-1')).toMatchObject({ ok: true, register: { status: 'signed' } });
    expect(
      await forwardRegister(db, 'reg-1', context(specialist, '2026-11-23T15:30')),
    ).toMatchObject({
      ok: true,
      register: { status: 'forwarded', forwardedAt: '2026-11-23T15:30' },
    });

    const events = await registerEventsOf(db, 'reg-1');
    expect(events.map((e) => e.type).sort()).toEqual([
      'RegisterCasesChanged',
      'RegisterCreated',
      'RegisterForwarded',
      'RegisterSigned',
    ]);
    for (const e of events) expect(registerEventSchema.safeParse(e).success).toBe(true);
    const outbox = (await db.outbox.toArray()).filter((r) => r.stream === 'register');
    expect(outbox.map((o) => o.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    expect(outbox.every((o) => o.streamId === 'reg-1' && o.caseId === undefined)).toBe(true);

    // The row is what the fold gives, field for field.
    const state = foldRegister(events);
    const row = await db.registers.get('reg-1');
    expect(row).toMatchObject({
      id: 'reg-1',
      number: state.number,
      caseIds: ['a', 'b'],
      createdBy: 'u-spec',
      status: 'forwarded',
      officeId: 'office-1',
      cancelled: null,
      signature: { signerId: akim.userId, signedAt: '2026-11-23T11:00' },
    });
    expect(state.signature?.signedCases.map((c) => c.caseId)).toEqual(['a', 'b']);
  });

  test('R-ROUTE-1: offers cases after the resolution or the commission act, on the district route only', async () => {
    db = await desk();
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
      number: 'KZL01-2-R0001/2026',
    });
  });

  test('refuses a case that may not be forwarded or already sits in an open register, and uses no number', async () => {
    db = await desk();
    await caseAt('registered', 'registered');
    await caseAt('resolved', 'resolutionImposed');

    const notYet = await newRegister(['resolved', 'registered']);
    expect(notYet).toMatchObject({
      ok: false,
      reason: 'registers:errors.casesBlocked',
      blocked: [{ caseId: 'registered', reason: 'case:rejections.notAllowedInStage' }],
    });
    expect(await db.registers.count()).toBe(0);
    expect(await db.registerEvents.count()).toBe(0);
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
          registerNumber: 'KZL01-2-R0001/2026',
        },
      ],
    });
    expect(await db.registers.count()).toBe(1);
  });

  test('only the specialist builds and changes, only the akim signs, and only active users of this desk', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    const byAkim = await createRegister(
      db,
      { id: 'r-akim', caseIds: ['a'], numbering },
      context(akim),
    );
    expect(byAkim).toEqual({ ok: false, reason: 'registers:rejections.roleNotAllowed' });
    const stranger = { ...specialist, userId: 'u-unknown' };
    expect(
      await createRegister(db, { id: 'r-x', caseIds: ['a'], numbering }, context(stranger)),
    ).toEqual({ ok: false, reason: 'case:rejections.unknownActor' });
    expect(await db.counters.get('register:2026')).toBeUndefined();

    const made = await newRegister(['a'], '2026-11-23T09:30', 'reg-1');
    expect(made.ok).toBe(true);
    const signature = await akimSignature('reg-1');
    expect(await signRegister(db, 'reg-1', signature, context(specialist))).toMatchObject({
      ok: false,
      // The specialist holds no key of the akim's: the registry refuses before the table does.
      reason: 'registers:errors.signerKeyUnknown',
    });
    expect(await setRegisterCases(db, 'reg-1', ['a'], context(akim))).toEqual({
      ok: false,
      reason: 'registers:rejections.roleNotAllowed',
    });
  });

  test('a signed register can no longer change its cases, and the signature covers the current case logs', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'commissionDone');
    const made = await newRegister(['a']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;

    // A signature over the register before its cases changed is not attached to the new list.
    const stale = await akimSignature(id);
    const edited = await setRegisterCases(db, id, ['a', 'b'], context(specialist));
    expect(edited.ok && edited.register.caseIds).toEqual(['a', 'b']);
    expect(await signRegister(db, id, stale, context(akim))).toEqual({
      ok: false,
      reason: 'registers:rejections.changedSinceSigning',
    });
    // ...nor to a case whose log changed since (a second resolution after the akim read the register).
    const beforeResolution = await akimSignature(id);
    await append('a', 'ResolutionImposed', { executorUserId: 'u-spec', text: 'Қайта қарау' }, akim);
    expect(await signRegister(db, id, beforeResolution, context(akim))).toEqual({
      ok: false,
      reason: 'registers:rejections.changedSinceSigning',
    });
    // A forged signature over the right content does not verify with the akim's registered key.
    const good = await akimSignature(id);
    expect(await signRegister(db, id, { ...good, value: stale.value }, context(akim))).toEqual({
      ok: false,
      reason: 'registers:errors.signatureInvalid',
    });

    const signed = await signRegister(db, id, good, context(akim, '2026-11-23T11:00'));
    expect(signed.ok && signed.register.signature).toMatchObject({
      ...good,
      signerId: akim.userId,
      signedAt: '2026-11-23T11:00',
    });
    expect(await setRegisterCases(db, id, ['a'], context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.signed',
    });
    expect(await signRegister(db, id, good, context(akim))).toEqual({
      ok: false,
      reason: 'registers:rejections.signed',
    });
    const stored = await db.registers.get(id);
    expect(stored?.caseIds).toEqual(['a', 'b']);
    expect(stored?.signature?.value).toBe(good.value);
  });

  test('forwards all cases of a signed register in one transaction, or none, naming the case that blocked it', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'commissionDone');
    const made = await newRegister(['a', 'b']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;

    expect(await forwardRegister(db, id, context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.notSigned',
    });
    expect((await sign(id)).ok).toBe(true);

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

    // A signed register is cancelled only with a reason; it stays, shown as cancelled.
    expect(await cancelRegister(db, id, '  ', context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.reasonRequired',
    });
    const cancelled = await cancelRegister(
      db,
      id,
      'Іс b қайтарып алынды',
      context(specialist, '2026-11-23T12:00'),
    );
    expect(cancelled).toMatchObject({
      ok: true,
      register: {
        status: 'cancelled',
        cancelled: {
          at: '2026-11-23T12:00',
          byUserId: 'u-spec',
          reason: 'Іс b қайтарып алынды',
          wasSigned: true,
        },
      },
    });
    expect((await listRegisters(db)).map((r) => [r.number, r.status])).toEqual([
      ['KZL01-2-R0001/2026', 'cancelled'],
    ]);
    expect(await forwardRegister(db, id, context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.cancelled',
    });

    // Its cases are free again; the new register takes the next number.
    const fresh = await newRegister(['a']);
    if (!fresh.ok) throw new Error(fresh.reason);
    expect(fresh.register.number).toBe('KZL01-2-R0002/2026');
    expect((await sign(fresh.register.id)).ok).toBe(true);
    // The akim cannot forward: the register's table gives it to the specialist.
    expect(await forwardRegister(db, fresh.register.id, context(akim))).toEqual({
      ok: false,
      reason: 'registers:rejections.roleNotAllowed',
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
    expect((await loadRegister(db, fresh.register.id)).status).toBe('forwarded');

    expect(await forwardRegister(db, fresh.register.id, context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.forwarded',
    });
    expect(await cancelRegister(db, fresh.register.id, 'x', context(specialist))).toEqual({
      ok: false,
      reason: 'registers:rejections.forwarded',
    });
  });

  test('a cancelled draft stays listed, frees its cases and waits for no signature', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    const made = await newRegister(['a']);
    if (!made.ok) throw new Error(made.reason);
    expect((await loadAkimInbox(db, akim)).registers.map((r) => r.id)).toEqual([made.register.id]);
    const cancelled = await cancelRegister(db, made.register.id, '', context(specialist));
    expect(cancelled).toMatchObject({
      ok: true,
      register: { status: 'cancelled', cancelled: { reason: null, wasSigned: false } },
    });
    expect((await loadAkimInbox(db, akim)).registers).toEqual([]);
    expect((await forwardableCases(db)).find((c) => c.row.id === 'a')?.inRegister).toBeNull();
    expect(await db.registers.count()).toBe(1);
  });

  test('a forwarding the register refuses inside the transaction leaves every case as it was', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    await caseAt('b', 'resolutionImposed');
    const made = await newRegister(['a', 'b']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;
    expect((await sign(id)).ok).toBe(true);
    const outboxBefore = await db.outbox.count();
    // Another window cancels the register while this one forwards it: the forwarding read a signed
    // register, its case events pass, and the register's own check refuses them all together.
    const [forwarded, cancelled] = await Promise.all([
      forwardRegister(db, id, context(specialist)),
      cancelRegister(db, id, 'Қате жасалды', context(specialist)),
    ]);
    expect(cancelled.ok).toBe(true);
    expect(forwarded).toEqual({ ok: false, reason: 'registers:rejections.cancelled' });
    for (const caseId of ['a', 'b']) {
      expect((await loadCase(db, caseId)).stage).toBe('resolutionImposed');
      expect((await db.cases.get(caseId))?.stage).toBe('resolutionImposed');
      expect(await db.events.where('caseId').equals(caseId).count()).toBe(2);
    }
    // Only the cancellation reached the outbox.
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
  });

  test('forwarding twice at once forwards once', async () => {
    db = await desk();
    await caseAt('a', 'resolutionImposed');
    const made = await newRegister(['a']);
    if (!made.ok) throw new Error(made.reason);
    const id = made.register.id;
    expect((await sign(id)).ok).toBe(true);
    const results = await Promise.all([
      forwardRegister(db, id, context(specialist)),
      forwardRegister(db, id, context(specialist)),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(await db.events.where('caseId').equals('a').count()).toBe(3);
    expect(
      (await registerEventsOf(db, id)).filter((e) => e.type === 'RegisterForwarded'),
    ).toHaveLength(1);
  });

  test('a register bundle carries the register log, the events and the attachments of its cases', async () => {
    db = await desk();
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
    expect((await sign(made.register.id)).ok).toBe(true);
    const bundle = await loadRegisterBundle(db, made.register.id);
    expect(bundle?.registerEvents.map((e) => e.type).sort()).toEqual([
      'RegisterCreated',
      'RegisterSigned',
    ]);
    expect(
      bundle?.cases.map((c) => `${c.caseId}:${c.events.map((e) => e.type).join(',')}`),
    ).toEqual([
      'b:Registered,ResolutionImposed,SentToCommission,CommissionActRecorded',
      'a:Registered,ResolutionImposed',
    ]);
    expect(bundle?.attachments.map((a) => a.sha256)).toEqual([hash]);
    expect(bundle?.missingAttachments).toEqual(['a'.repeat(64)]);
    expect(bundle?.signer).toMatchObject({ userId: akim.userId, name: 'Жақсылықов Ерлан' });
    expect(bundle?.signer?.publicKey).not.toBeNull();
  });
});
