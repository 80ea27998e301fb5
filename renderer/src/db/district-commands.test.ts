import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor, CaseEvent } from '../../../shared/case';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import { createWorkingCalendar } from '../../../shared/calendar';
import { perCapitaIncomeDue } from '../../../shared/deadlines';
import { rowDue } from '../../../shared/journal';
import { formatStamp } from '../../../shared/clock';
import type { DirectoryEvent } from '../../../shared/directory';
import { EVENT_SCHEMA_VERSION } from '../../../shared/events/envelope';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import type { RegisterEvent } from '../../../shared/registers';
import { sampleRegisterEvent } from '../../../shared/registers/testing';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
} from '../../../shared/signing';
import { importCaseEvents, loadCase, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { inboundCount, inboundQueue, receiveRegister } from './district-commands';
import { journalOfficeIds, journalOfficeTallies, queryJournal } from './journal-queries';
import { saveOfficeProfile } from './office-repository';
import { applyPulledPage } from './sync-commands';
import { seedActors } from './testing';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

function database(): DeskDatabase {
  if (!db) throw new Error('no database in this test');
  return db;
}

const district = sampleOfficeProfile({
  officeId: 'office-akk',
  kind: 'district',
  code: 'AKK',
  deviceId: 'desk-akk-1',
});
const place = { officeId: district.officeId, districtId: district.districtId };
const districtSpecialist: Actor = {
  userId: 'u-dist',
  role: 'districtSpecialist',
  ...place,
  deviceId: 'desk-akk-1',
};
/** An akimat's specialist registered on the district desk: the role, not the desk, must refuse. */
const akimatSpecialist: Actor = {
  userId: 'u-akimat',
  role: 'specialist',
  ...place,
  deviceId: 'desk-akk-1',
};

// Thursday 06.03.2025: the documents arrive at the district (R-ROUTE-2's example day).
const RECEIVED_AT = '2025-03-06T10:00';

function context(actor: Actor, legalTime = RECEIVED_AT): ActContext {
  let n = 0;
  return {
    actor,
    legalTime,
    nowMs: Date.parse(`${legalTime}:00+05:00`),
    newId: () => `receipt-${actor.userId}-${++n}-${crypto.randomUUID()}`,
  };
}

/**
 * The events of a case an akimat registered, the akim resolved and the specialist forwarded in a
 * register, as the district desk pulls them from the hub (sample events, each case its own device).
 */
function forwardedCase(
  caseId: string,
  officeId: string,
  register: { id: string; number: string },
): CaseEvent[] {
  const events = samplePath(
    [
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['ForwardedToDistrict', 'specialist'],
    ],
    { deviceId: `desk-${caseId}`, registrationNumber: sampleRegistrationNumber(caseId) },
  );
  return events.map((e): CaseEvent => {
    const moved = {
      ...e,
      caseId,
      actor: { ...e.actor, officeId, districtId: district.districtId },
    };
    return moved.type === 'ForwardedToDistrict'
      ? { ...moved, payload: { registerId: register.id, registerNumber: register.number } }
      : moved;
  });
}

const R1 = { id: 'register-kzl-1', number: 'KZL01-1-R0001/2025' };
const R2 = { id: 'register-kzl-2', number: 'KZL01-1-R0002/2025' };
const R3 = { id: 'register-zhn-1', number: 'ZHN02-1-R0001/2025' };

/** A district desk that pulled five forwarded cases of two okrugs, in three registers. */
async function districtDesk(): Promise<DeskDatabase> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  await saveOfficeProfile(db, district);
  await seedActors(db, districtSpecialist, akimatSpecialist);
  const imported = await importCaseEvents(
    db,
    [
      ...forwardedCase('case-a', 'office-kzl01', R1),
      ...forwardedCase('case-b', 'office-kzl01', R1),
      ...forwardedCase('case-c', 'office-kzl01', R2),
      ...forwardedCase('case-d', 'office-zhn02', R3),
      ...forwardedCase('case-e', 'office-zhn02', R3),
    ],
    Date.parse('2025-03-05T12:00:00+05:00'),
  );
  expect(imported.stored).toBe(15);
  return db;
}

async function receiptsOf(caseId: string): Promise<number> {
  const state = await loadCase(database(), caseId);
  return state.events.filter((e) => e.type === 'ReceivedByDistrict').length;
}

describe('the inbound queue', () => {
  test('groups the forwarded cases by register, okrug first, from their ForwardedToDistrict', async () => {
    const d = await districtDesk();
    const queue = await inboundQueue(d);
    expect(queue.map((r) => [r.officeId, r.registerNumber, r.waiting.map((c) => c.id)])).toEqual([
      ['office-kzl01', R1.number, ['case-a', 'case-b']],
      ['office-kzl01', R2.number, ['case-c']],
      ['office-zhn02', R3.number, ['case-d', 'case-e']],
    ]);
    // No register row pulled: the date is the day the akimat forwarded it.
    expect(queue[0]?.date).toBe('2025-03-03');
    expect(queue[0]?.signer).toBeNull();
    expect(await inboundCount(d)).toBe(5);
  });
});

/** The akim of Kyzylsai as the district's directory knows him, and his register R1, as pulled. */
async function akimAndRegister(): Promise<{ user: DirectoryEvent; register: RegisterEvent[] }> {
  const kzl = { officeId: 'office-kzl01', districtId: district.districtId };
  // A signer is registered with the public half of their key.
  const pair = await generateSigningKeyPair(crypto.subtle);
  const publicKey = await exportPublicKey(crypto.subtle, pair.publicKey);
  const keyId = await publicKeyFingerprint(crypto.subtle, publicKey);
  const user: DirectoryEvent = {
    id: 'dir-akim-kzl01',
    v: EVENT_SCHEMA_VERSION,
    actor: { userId: 'user-akim', role: 'akim', ...kzl, deviceId: 'desk-kzl01-1' },
    legalTime: '2025-01-10T09:00',
    hlc: formatStamp({ wallMs: 1, counter: 0, nodeId: 'desk-kzl01-1' }),
    userId: 'user-akim',
    type: 'UserRegistered',
    payload: { name: 'Жақсылықов Ерлан', role: 'akim', ...kzl, publicKey, keyId },
  };
  const init = { registerId: R1.id, officeId: kzl.officeId, deviceId: 'desk-kzl01-1' };
  const register = [
    sampleRegisterEvent('RegisterCreated', {
      ...init,
      role: 'specialist',
      counter: 1,
      payload: {
        number: R1.number,
        date: '2025-03-03',
        caseIds: ['case-a', 'case-b'],
        officeId: kzl.officeId,
      },
    }),
    sampleRegisterEvent('RegisterSigned', {
      ...init,
      role: 'akim',
      counter: 2,
      payload: {
        documentDigest: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
        // The events of each case the akim signed over (forwardedCase's Registered and resolution).
        signedCases: ['case-a', 'case-b'].map((caseId) => ({
          caseId,
          eventIds: [`desk-${caseId}-1`, `desk-${caseId}-2`],
        })),
      },
    }),
    sampleRegisterEvent('RegisterForwarded', { ...init, role: 'specialist', counter: 3 }),
  ].map((e): RegisterEvent => ({ ...e, actor: { ...e.actor, districtId: kzl.districtId } }));
  return { user, register };
}

describe('the inbound queue with the register pulled', () => {
  test("the register's own date, akimat and signer; its cases received elsewhere shown as received", async () => {
    const d = await districtDesk();
    const { user, register } = await akimAndRegister();
    const applied = await applyPulledPage(
      d,
      {
        events: [
          { stream: 'user', event: user, receivedAtMs: 1 },
          ...register.map((event) => ({ stream: 'register' as const, event, receivedAtMs: 2 })),
        ],
        cursor: 'test-1',
      },
      Date.parse('2025-03-05T12:00:00+05:00'),
    );
    expect(applied).toMatchObject({ stored: 4, invalid: [] });
    expect(await d.registers.get(R1.id)).toMatchObject({ status: 'forwarded', conflicts: 0 });
    expect((await d.registers.get(R1.id))?.signature?.signerId).toBe('user-akim');
    const [first] = await inboundQueue(d);
    expect(first).toMatchObject({
      registerId: R1.id,
      registerNumber: R1.number,
      date: '2025-03-03',
      officeId: 'office-kzl01',
      signer: { name: 'Жақсылықов Ерлан', signedAt: '2026-11-23T09:02' },
    });
    // Another desk of the district received case-a already, and its receipt came by sync: the case
    // stays on the register's card as received, case-b still waits.
    const [, , forwarding] = forwardedCase('case-a', 'office-kzl01', R1);
    if (!forwarding) throw new Error('no forwarding');
    await importCaseEvents(
      d,
      [
        {
          ...forwarding,
          id: 'desk-akk-2-receipt',
          type: 'ReceivedByDistrict',
          payload: { incomingNumber: '5' },
          actor: { ...districtSpecialist, userId: 'u-dist-2', deviceId: 'desk-akk-2' },
          legalTime: '2025-03-05T15:00',
          hlc: formatStamp({ wallMs: 10_000, counter: 0, nodeId: 'desk-akk-2' }),
        },
      ],
      Date.parse('2025-03-05T15:00:00+05:00'),
    );
    const after = await inboundQueue(d);
    expect(after[0]?.waiting.map((c) => c.id)).toEqual(['case-b']);
    expect(after[0]?.received.map((c) => c.id)).toEqual(['case-a']);
  });
});

describe('receiving a register (R-ROUTE-2, 003:35)', () => {
  test('records one ReceivedByDistrict per case of the register, in one transaction', async () => {
    const d = await districtDesk();
    const transaction = vi.spyOn(d, 'transaction');
    const result = await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: ' 01-15/342 ' },
      context(districtSpecialist),
    );
    expect(result).toEqual({ ok: true, caseIds: ['case-a', 'case-b'] });
    expect(transaction).toHaveBeenCalledTimes(1);
    for (const id of ['case-a', 'case-b']) {
      const state = await loadCase(d, id);
      expect(state.stage).toBe('atDistrict');
      const receipt = state.events.find((e) => e.type === 'ReceivedByDistrict');
      expect(receipt?.payload).toEqual({ incomingNumber: '01-15/342' });
      expect(receipt?.legalTime).toBe(RECEIVED_AT);
      expect(receipt?.actor.userId).toBe(districtSpecialist.userId);
    }
    // Each receipt waits in the outbox for the hub, so the akimat sees it.
    expect(await d.outbox.where('caseId').anyOf(['case-a', 'case-b']).count()).toBe(2);
    // The other registers still wait; the received ones left the queue.
    const queue = await inboundQueue(d);
    expect(queue.map((r) => r.registerNumber)).toEqual([R2.number, R3.number]);
    expect(await inboundCount(d)).toBe(3);
  });

  test('R-ROUTE-2: received Thursday, the per-capita income step is due Friday', async () => {
    const d = await districtDesk();
    await receiveRegister(
      d,
      { registerId: R3.id, incomingNumber: '' },
      context(districtSpecialist),
    );
    const row = await d.cases.get('case-d');
    expect(row?.stage).toBe('atDistrict');
    expect(row?.stepOwner).toBe('district');
    expect(row?.holder).toBe('district');
    const stepDue = row?.stepDue ? rowDue({ due: row.stepDue }) : null;
    expect(stepDue).toEqual({
      kind: 'date',
      date: perCapitaIncomeDue('2025-03-06', createWorkingCalendar()),
    });
    expect(stepDue).toEqual({ kind: 'date', date: '2025-03-07' });
  });

  test('a case already received is not received twice', async () => {
    const d = await districtDesk();
    await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: '1' },
      context(districtSpecialist),
    );
    const again = await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: '2' },
      context(districtSpecialist, '2025-03-06T11:00'),
    );
    expect(again).toEqual({ ok: false, reason: 'inbound:errors.nothingToReceive' });
    expect(await receiptsOf('case-a')).toBe(1);
    expect(await receiptsOf('case-b')).toBe(1);
  });

  test('a specialist of an akimat cannot receive: nothing of the register is written', async () => {
    const d = await districtDesk();
    const events = await d.events.count();
    const result = await receiveRegister(
      d,
      { registerId: R3.id, incomingNumber: '7' },
      context(akimatSpecialist),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^case:rejections\./),
    });
    expect(await d.events.count()).toBe(events);
    expect(await receiptsOf('case-d')).toBe(0);
    expect(await inboundCount(d)).toBe(5);
  });

  test('one case refused and nothing of the register is kept (one transaction)', async () => {
    const d = await districtDesk();
    // A case of the register that this district may not receive (opened in another district): the
    // store refuses it after case-a's receipt was already appended in the transaction.
    const foreign = forwardedCase('case-x', 'office-kzl01', R1).map((e): CaseEvent => ({
      ...e,
      actor: { ...e.actor, districtId: 'OTHER' },
    }));
    await importCaseEvents(d, foreign, Date.parse('2025-03-05T12:00:00+05:00'));
    const events = await d.events.count();
    const outbox = await d.outbox.count();
    const result = await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: '9' },
      context(districtSpecialist),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'case:rejections.otherDistrict',
      caseNumber: sampleRegistrationNumber('case-x'),
    });
    expect(await d.events.count()).toBe(events);
    expect(await d.outbox.count()).toBe(outbox);
    expect(await receiptsOf('case-a')).toBe(0);
    expect((await d.cases.get('case-a'))?.stage).toBe('forwarded');
  });

  test('an incoming number too long is refused with its own message, nothing written', async () => {
    const d = await districtDesk();
    const result = await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: '1'.repeat(41) },
      context(districtSpecialist),
    );
    expect(result).toEqual({ ok: false, reason: 'inbound:errors.incomingNumberTooLong' });
    expect(await receiptsOf('case-a')).toBe(0);
  });
});

describe("the district's view across okrugs", () => {
  test('the okrug filter reads the officeId index and combines with the other filters', async () => {
    const d = await districtDesk();
    await receiveRegister(
      d,
      { registerId: R1.id, incomingNumber: '' },
      context(districtSpecialist),
    );
    const now = '2025-03-06T12:00';
    const ctx = { now, calendar: createWorkingCalendar() };
    expect(await journalOfficeIds(d)).toEqual(['office-kzl01', 'office-zhn02']);
    const ids = async (query: Parameters<typeof queryJournal>[1]) => {
      const result = await queryJournal(d, query, ctx);
      return (await result.window(0, 100)).map((r) => r.id).sort();
    };
    expect(await ids({ officeId: 'office-kzl01' })).toEqual(['case-a', 'case-b', 'case-c']);
    expect(await ids({ officeId: 'office-zhn02' })).toEqual(['case-d', 'case-e']);
    expect(await ids({ officeId: 'office-kzl01', stage: 'forwarded' })).toEqual(['case-c']);
    expect(await ids({ officeId: 'office-none' })).toEqual([]);
    // Read through the index, never a scan of every row.
    const where = vi.spyOn(d.cases, 'where');
    const toArray = vi.spyOn(d.cases, 'toArray');
    await ids({ officeId: 'office-zhn02' });
    expect(where).toHaveBeenCalledWith('officeId');
    expect(toArray).not.toHaveBeenCalled();
  });

  test("each okrug's outstanding and overdue cases, as the journal's filters count them", async () => {
    const d = await districtDesk();
    const calendar = createWorkingCalendar();
    // Long after: every open term is late by then.
    const late = { now: '2025-06-02T10:00', calendar };
    const tallies = await journalOfficeTallies(d, late);
    expect(tallies).toEqual([
      { officeId: 'office-kzl01', outstanding: 3, overdue: 3 },
      { officeId: 'office-zhn02', outstanding: 2, overdue: 2 },
    ]);
    for (const tally of tallies) {
      const open = await queryJournal(d, { officeId: tally.officeId, stage: 'open' }, late);
      const overdue = await queryJournal(
        d,
        { officeId: tally.officeId, deadline: 'overdue' },
        late,
      );
      expect([open.total, overdue.total]).toEqual([tally.outstanding, tally.overdue]);
    }
    const early = await journalOfficeTallies(d, { now: '2025-03-04T10:00', calendar });
    expect(early.map((t) => t.overdue)).toEqual([0, 0]);
  });
});
