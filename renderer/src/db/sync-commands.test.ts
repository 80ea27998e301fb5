import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor, CaseEvent } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { parseStamp, type HlcState } from '../../../shared/clock';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  planPushBatches,
  streamIdOf,
  type EnrollReply,
  type PulledEvent,
  type TravellingEvent,
} from '../../../shared/sync';
import { appendEvent, loadCase, registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { hubTimesOf } from './hub-times';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';
import {
  applyPulledPage,
  applyReceipts,
  deskCaseStateHash,
  devicePublicKeys,
  ensureDeviceKeys,
  JOIN_OTHER_OFFICE,
  loadHubLink,
  loadPullCursor,
  loadPushBatch,
  nextPushBatch,
  overdueFromOf,
  pushOrder,
  pushQueue,
  recordSyncFailure,
  recordSyncSuccess,
  rejectedEventsOfCase,
  restartPull,
  retryRejected,
  saveHubLink,
  SYNC_SETTINGS,
  syncStatus,
} from './sync-commands';
import { seedActors } from './testing';
import { loadTsaVersion, TSA_VERSION_SETTING } from './tsa-reference';
import { createUser } from './users-queries';

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const PROFILE = sampleOfficeProfile({ deviceNo: 2, deviceId: 'desk-kzl01-2' });
const place = { officeId: PROFILE.officeId, districtId: PROFILE.districtId };
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  ...place,
  deviceId: 'desk-kzl01-2',
};
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place, deviceId: 'desk-kzl01-2' };
const numbering = { officeCode: PROFILE.code, deviceNo: PROFILE.deviceNo };
const T0 = Date.UTC(2025, 2, 3, 5);

async function newDesk(profile = PROFILE): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  opened.push(d);
  await saveOfficeProfile(d, profile);
  await seedActors(d, specialist, akim);
  return d;
}

function ctx(actor: Actor, nowMs: number): ActContext {
  return { actor, legalTime: '2025-03-03T10:00', nowMs, newId: () => crypto.randomUUID() };
}

async function register(
  d: DeskDatabase,
  caseId: string,
  receivedAt: string,
  nowMs: number,
): Promise<CaseEvent> {
  const result = await registerApplication(
    d,
    caseId,
    sampleRegistrationDraft({ receivedAt }),
    numbering,
    ctx(specialist, nowMs),
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

async function resolve(d: DeskDatabase, caseId: string, nowMs: number): Promise<CaseEvent> {
  const result = await appendEvent(
    d,
    {
      caseId,
      type: 'ResolutionImposed',
      payload: { executorUserId: specialist.userId, text: 'Қарауға' },
    },
    ctx(akim, nowMs),
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

const idOf = (t: TravellingEvent) => (t.event as { id: string }).id;

describe('push order', () => {
  test('the directory first, then cases nearest their deadline, each case in its log order', async () => {
    const d = await newDesk();
    // Case "late" is registered first but is due a month after case "soon".
    const late = await register(d, 'case-late', '2025-03-03T10:00', T0);
    const soon = await register(d, 'case-soon', '2025-02-03T10:00', T0 + 1000);
    // The resolution is made with the clock set back: its outbox entry is older than the case's
    // registration, but the log (the HLC) still puts it after.
    const resolution = await resolve(d, 'case-soon', T0 - 60_000);
    const user = await createUser(
      d,
      { name: 'Әлиева Гүлнар', role: 'specialist', pin: '4826' },
      { nowMs: T0 + 5000, iterations: 1, by: akim.userId },
    );
    // A case whose term does not run (its row has no overdueFrom: suspended or closed) goes last,
    // though it waits the longest.
    const idle = await register(d, 'case-idle', '2025-01-06T10:00', T0 - 120_000);
    await d.cases.update('case-idle', { overdueFrom: undefined });
    const queue = await pushQueue(d);
    expect(queue.map((t) => t.stream)).toEqual(['user', 'case', 'case', 'case', 'case']);
    expect((queue[0]?.event as { userId: string }).userId).toBe(user.id);
    expect(queue.slice(1).map(idOf)).toEqual([soon.id, resolution.id, late.id, idle.id]);
    expect((await nextPushBatch(d, 2)).map(idOf)).toEqual(queue.slice(0, 2).map(idOf));
  });
});

describe('push order, urgency read either way', () => {
  test('the journal rows and a walk of the overdueFrom index give the same first overdue moment of each case', async () => {
    const d = await newDesk();
    await register(d, 'case-late', '2025-03-03T10:00', T0);
    await register(d, 'case-soon', '2025-02-03T10:00', T0 + 1000);
    await register(d, 'case-idle', '2025-01-06T10:00', T0 + 2000);
    await register(d, 'case-other', '2025-01-07T10:00', T0 + 3000);
    await d.cases.update('case-idle', { overdueFrom: undefined });
    const asked = ['case-late', 'case-soon', 'case-idle', 'case-none'];
    const rows = await d.transaction('r', [d.cases, d.counters], () =>
      overdueFromOf(d, asked, 'rows'),
    );
    expect([...rows.keys()]).toEqual(asked);
    expect(rows.get('case-late')).toBe((await d.cases.get('case-late'))?.overdueFrom);
    expect(rows.get('case-soon')).toMatch(/^2025-03-/);
    expect(rows.get('case-idle')).toBeNull();
    expect(rows.get('case-none')).toBeNull();
    for (const way of ['walk', 'cheaper'] as const) {
      const other = await d.transaction('r', [d.cases, d.counters], () =>
        overdueFromOf(d, asked, way),
      );
      expect(Object.fromEntries(other)).toEqual(Object.fromEntries(rows));
    }
  });
});

describe('push order, read batch by batch', () => {
  test('a case’s events are read just before their batch, in the log’s order; a case a plan may cut is read whole, in order, at once', async () => {
    const d = await newDesk();
    await register(d, 'case-a', '2025-03-03T10:00', T0);
    // Made with the clock set back: its outbox entry is older than the registration's.
    await resolve(d, 'case-a', T0 - 60_000);
    await register(d, 'case-b', '2025-03-04T10:00', T0 + 1000);
    const whole = (await pushQueue(d)).map(idOf);
    expect(whole).toHaveLength(3);

    // Batches of whole cases: nothing is read yet; each batch reads its own, in the log's order.
    const order = await pushOrder(d, 10);
    expect(order.events.every((t) => 'unread' in (t.event as object))).toBe(true);
    const plan = planPushBatches(order.events, 2);
    const batches = await Promise.all(plan.map((b) => loadPushBatch(d, b.events)));
    expect(batches.flat().map(idOf)).toEqual(whole);
    expect(batches.flat().every((t) => 'payload' in (t.event as object))).toBe(true);

    // A case with more waiting events than a batch takes is read whole, in its log's order.
    const cut = await pushOrder(d, 1);
    const read = (t: TravellingEvent) => 'payload' in (t.event as object);
    expect(cut.events.map(read)).toEqual([true, true, false]);
    expect(cut.events.map(idOf)).toEqual(whole);
    const cutBatches = planPushBatches(cut.events, 1);
    const loaded = await Promise.all(cutBatches.map((b) => loadPushBatch(d, b.events)));
    expect(loaded.flat().map(idOf)).toEqual(whole);

    // An event whose body is gone is left out of its batch (its outbox row stays, unsent).
    const [first] = whole;
    if (first) await d.events.delete(first);
    expect((await loadPushBatch(d, order.events)).map(idOf)).toEqual(whole.slice(1));
    expect(await d.outbox.get({ eventId: first ?? '' })).toBeDefined();
  });
});

describe('receipts', () => {
  test('accepted and duplicate events leave the outbox; a refused one stays with its reason until a person acts', async () => {
    const d = await newDesk();
    const a = await register(d, 'case-a', '2025-03-03T10:00', T0);
    const b = await register(d, 'case-b', '2025-03-03T11:00', T0 + 1);
    const c = await register(d, 'case-c', '2025-03-03T12:00', T0 + 2);
    const applied = await applyReceipts(
      d,
      [
        { id: a.id, status: 'accepted', receivedAtMs: T0 + 10 },
        { id: b.id, status: 'duplicate' },
        { id: c.id, status: 'rejected', reason: 'sync:reject.actorUnknown' },
        // A receipt for nothing this desk sent changes nothing.
        { id: 'not-here', status: 'accepted', receivedAtMs: T0 },
      ],
      T0 + 20,
    );
    expect(applied).toEqual({ accepted: 1, duplicates: 1, rejected: 1 });
    expect((await d.outbox.toArray()).map((r) => r.eventId)).toEqual([c.id]);
    // The hub's receipt time is kept beside the event's legal time and stamp.
    expect(await hubTimesOf(d, a.caseId, [a.id, b.id, c.id])).toEqual({ [a.id]: T0 + 10 });
    expect(await d.hubTimes.count()).toBe(1);
    // Not sent again on its own...
    expect(await pushQueue(d)).toEqual([]);
    const item = {
      eventId: c.id,
      stream: 'case',
      streamId: 'case-c',
      caseId: 'case-c',
      reason: 'sync:reject.actorUnknown',
      rejectedAtMs: T0 + 20,
      // Named for people: what the event recorded, and the case's number.
      eventType: 'Registered',
      caseNumber: (await d.cases.get('case-c'))?.number ?? 'missing',
    };
    expect(await rejectedEventsOfCase(d, 'case-c')).toEqual([item]);
    const status = await syncStatus(d, T0 + 100);
    expect(status.rejected).toEqual([item]);
    expect(status.waiting).toBe(0);
    expect(status.oldestWaitingAgeMs).toBeNull();
    // ...until a person asks for it.
    expect(await retryRejected(d, c.id)).toBe(true);
    expect(await retryRejected(d, c.id)).toBe(false);
    expect(await retryRejected(d, 'not-here')).toBe(false);
    expect((await pushQueue(d)).map(idOf)).toEqual([c.id]);
    expect(await d.outbox.get({ eventId: c.id })).toEqual({
      eventId: c.id,
      stream: 'case',
      streamId: 'case-c',
      caseId: 'case-c',
      createdAtMs: T0 + 2,
    });
  });
});

describe('receipts, a log at a time', () => {
  test('a log the hub took whole leaves in one range delete; a row it did not take is never in a range deleted', async () => {
    const d = await newDesk();
    const row = (streamId: string, eventId: string, at: number) => ({
      eventId,
      stream: 'case' as const,
      streamId,
      caseId: streamId,
      createdAtMs: T0 + at,
    });
    await d.outbox.bulkAdd([
      ...['a1', 'a2', 'a3', 'a4'].map((id, i) => row('case-a', id, i)),
      // case-b: b4 was added after the push read the outbox; b5 is refused in this batch.
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id, i) => row('case-b', id, i)),
      row('case-c', 'c1', 0),
    ]);
    const byKey = vi.spyOn(d.outbox, 'bulkDelete');
    const applied = await applyReceipts(
      d,
      [
        ...['a1', 'a2', 'a3'].map((id) => ({ id, status: 'accepted' as const, receivedAtMs: T0 })),
        { id: 'a4', status: 'duplicate' },
        { id: 'b1', status: 'accepted', receivedAtMs: T0 },
        { id: 'b2', status: 'duplicate' },
        { id: 'b3', status: 'accepted', receivedAtMs: T0 },
        { id: 'b5', status: 'rejected', reason: 'sync:reject.actorUnknown' },
      ],
      T0 + 50,
    );
    expect(applied).toEqual({ accepted: 5, duplicates: 2, rejected: 1 });
    // Unsent and refused rows stay; the other log is untouched.
    expect((await d.outbox.toArray()).map((r) => r.eventId)).toEqual(['b4', 'b5', 'c1']);
    // case-a went by its range; only case-b's taken rows were deleted one by one.
    expect(byKey.mock.calls).toEqual([
      [
        [
          ['case-b', 'b1'],
          ['case-b', 'b2'],
          ['case-b', 'b3'],
        ],
      ],
    ]);
  });
});

describe('status', () => {
  test('last success, waiting events, the age of the oldest, why the last sync stopped', async () => {
    const d = await newDesk();
    expect(await syncStatus(d, T0)).toEqual({
      hub: null,
      lastSuccessMs: null,
      lastFailure: null,
      waiting: 0,
      oldestWaitingAgeMs: null,
      rejected: [],
    });
    await register(d, 'case-a', '2025-03-03T10:00', T0);
    await resolve(d, 'case-a', T0 + 5000);
    await recordSyncFailure(d, 'sync:errors.offline', T0 + 6000);
    expect(await syncStatus(d, T0 + 60_000)).toMatchObject({
      lastSuccessMs: null,
      lastFailure: { reason: 'sync:errors.offline', atMs: T0 + 6000 },
      waiting: 2,
      oldestWaitingAgeMs: 60_000,
    });
    await recordSyncSuccess(d, T0 + 70_000);
    expect(await syncStatus(d, T0 + 70_000)).toMatchObject({
      lastSuccessMs: T0 + 70_000,
      lastFailure: null,
    });
  });
});

describe('status, read from the outbox itself', () => {
  test('the oldest waiting event is the oldest not refused; refusals come newest first', async () => {
    const d = await newDesk();
    // Written out of their creation order; refused rows are older than every waiting one.
    const a = await register(d, 'case-a', '2025-03-03T10:00', T0 + 30_000);
    const b = await register(d, 'case-b', '2025-03-03T11:00', T0 + 10_000);
    const c = await register(d, 'case-c', '2025-03-03T12:00', T0);
    const e = await register(d, 'case-e', '2025-03-03T13:00', T0 + 1);
    await applyReceipts(
      d,
      [{ id: c.id, status: 'rejected', reason: 'sync:reject.actorUnknown' }],
      T0 + 40_000,
    );
    await applyReceipts(
      d,
      [{ id: e.id, status: 'rejected', reason: 'sync:reject.actorRole' }],
      T0 + 50_000,
    );
    const status = await syncStatus(d, T0 + 70_000);
    expect(status.waiting).toBe(2);
    expect(status.oldestWaitingAgeMs).toBe(60_000);
    expect(status.rejected.map((r) => r.eventId)).toEqual([e.id, c.id]);
    // Push order among cases without a running term follows their oldest waiting event.
    await d.cases.update('case-a', { overdueFrom: undefined });
    await d.cases.update('case-b', { overdueFrom: undefined });
    expect((await pushQueue(d)).map(idOf)).toEqual([b.id, a.id]);
  });
});

describe('joining a hub', () => {
  const reply: EnrollReply = {
    deviceId: '5b0d3d8e-2f7e-4c55-9a58-0e3b1b7f3f10',
    deviceNo: 7,
    officeId: PROFILE.officeId,
    officeCode: PROFILE.code,
    districtId: PROFILE.districtId,
    credential: 'x'.repeat(43),
    hubKeyPin: '',
    hubFileKeys: {
      agreement: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
      signing: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
    },
  };

  test("the hub's device number and id become the desk's; the clock keeps counting under the new id", async () => {
    const d = await newDesk();
    await register(d, 'case-a', '2025-03-03T10:00', T0);
    const before = (await d.settings.get('hlc'))?.value as HlcState;
    await d.settings.put({ key: SYNC_SETTINGS.cursor, value: '99.1' });
    await d.settings.put({ key: TSA_VERSION_SETTING, value: 42 });
    const joined = await saveHubLink(d, 'http://127.0.0.1:7300', reply, T0 + 1);
    expect(joined.ok).toBe(true);
    expect(await loadHubLink(d)).toEqual({
      ...reply,
      url: 'http://127.0.0.1:7300',
      joinedAtMs: T0 + 1,
    });
    expect(await loadOfficeProfile(d)).toMatchObject({ deviceNo: 7, deviceId: reply.deviceId });
    expect((await d.settings.get('hlc'))?.value).toEqual({ ...before, nodeId: reply.deviceId });
    // What the desk had from a hub (events, the TSA register's version) is fetched again from this
    // one: its numbering may be another's (a rebuilt hub); what arrives twice changes nothing.
    expect(await loadPullCursor(d)).toBe('');
    expect(await loadTsaVersion(d)).toBe(0);
    expect((await syncStatus(d, T0)).hub).toEqual({
      url: 'http://127.0.0.1:7300',
      officeCode: 'KZL01',
      districtId: 'AKK',
      deviceNo: 7,
    });
    // The next case is numbered with the hub's device number.
    const next = await registerApplication(
      d,
      'case-b',
      sampleRegistrationDraft(),
      { officeCode: 'KZL01', deviceNo: 7 },
      ctx(specialist, T0 + 2),
    );
    expect(
      next.ok && next.event.type === 'Registered' && next.event.payload.registrationNumber,
    ).toBe('KZL01-7-0002/2025');
  });

  test('a code made for another office is refused and nothing changes', async () => {
    const d = await newDesk();
    const result = await saveHubLink(
      d,
      'http://127.0.0.1:7300',
      { ...reply, officeId: 'office-btr02', officeCode: 'BTR02' },
      T0,
    );
    expect(result).toEqual({ ok: false, reason: JOIN_OTHER_OFFICE });
    expect(await loadHubLink(d)).toBeNull();
    expect((await loadOfficeProfile(d))?.deviceNo).toBe(2);
  });

  test('device keys are made once, kept non-extractable, and only their public halves leave', async () => {
    const d = await newDesk();
    const keys = await ensureDeviceKeys(d);
    expect(keys.signing.privateKey.extractable).toBe(false);
    expect(keys.agreement.privateKey.extractable).toBe(false);
    expect(keys.signing.privateKey.algorithm.name).toBe('ECDSA');
    expect(keys.agreement.privateKey.algorithm.name).toBe('ECDH');
    const again = await ensureDeviceKeys(d);
    const publics = await devicePublicKeys(keys);
    expect(await devicePublicKeys(again)).toEqual(publics);
    expect(publics.devicePublicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(publics.deviceAgreementKey.x).not.toBe(publics.devicePublicKey.x);
    // What is stored signs, and the public half verifies it.
    const data = new TextEncoder().encode('sync file');
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      again.signing.privateKey,
      data,
    );
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        keys.signing.publicKey,
        signature,
        data,
      ),
    ).toBe(true);
  });
});

describe('a pulled page', () => {
  /**
   * What the hub holds of this office: the desk as it was before a reinstall (device 2, which had
   * already given its journal numbers 0001 to 0007 of 2025), with a case it registered and resolved.
   */
  async function hubPage(): Promise<{ page: PulledEvent[]; events: CaseEvent[] }> {
    const before = await newDesk();
    await before.counters.put({ key: 'registration:2025', value: 6 });
    const registered = await register(before, 'case-old', '2025-03-03T10:00', T0 + 50_000_000);
    const resolved = await resolve(before, 'case-old', T0 + 50_000_001);
    const userEvents = await before.userEvents.toArray();
    const page: PulledEvent[] = [
      ...userEvents.map((event) => ({ stream: 'user' as const, event, receivedAtMs: T0 })),
      ...[registered, resolved].map((event, i) => ({
        stream: 'case' as const,
        event,
        receivedAtMs: T0 + 100 + i,
      })),
    ];
    return { page, events: [registered, resolved] };
  }

  test('is stored with its cursor: events, journal row, clock and counters move together, nothing is queued back', async () => {
    const { page, events } = await hubPage();
    const d = await newDesk();
    const applied = await applyPulledPage(d, { events: page, cursor: '812.4' }, T0);
    // The two users are the same people (seeded identically on both desks): duplicates.
    expect(applied).toEqual({ stored: 2, duplicates: 2, held: 0, invalid: [] });
    expect(await loadPullCursor(d)).toBe('812.4');
    expect(await d.outbox.count()).toBe(0);
    // Each event keeps the hub's receipt time that came with it.
    // One row for the whole page (hub-times.ts), found by the case and by each person.
    expect(
      await hubTimesOf(
        d,
        'case-old',
        events.map((e) => e.id),
      ),
    ).toEqual(Object.fromEntries(events.map((e, i) => [e.id, T0 + 100 + i])));
    const people = page.flatMap((p) => (p.stream === 'user' ? [streamIdOf('user', p.event)] : []));
    expect(await d.hubTimes.count()).toBe(1);
    expect((await d.hubTimes.toArray())[0]?.streamIds).toEqual([...new Set(people), 'case-old']);
    const row = await d.cases.get('case-old');
    expect(row?.number).toBe('KZL01-2-0007/2025');
    expect(row?.stage).toBe((await loadCase(d, 'case-old')).stage);
    // The desk's clock moved past the remote stamps: its next event sorts after them.
    const hlc = (await d.settings.get('hlc'))?.value as HlcState;
    const remote = parseStamp(events[1]?.hlc ?? '');
    expect(hlc.wallMs).toBeGreaterThanOrEqual(remote?.wallMs ?? Infinity);
    // The counter moved past 0007: the next registration of device 2 is 0008, never a repeat.
    expect((await d.counters.get('registration:2025'))?.value).toBe(7);
    const next = await register(d, 'case-new', '2025-03-04T10:00', T0 + 1);
    expect(next.type === 'Registered' && next.payload.registrationNumber).toBe('KZL01-2-0008/2025');
    // The same page again changes nothing.
    expect(await applyPulledPage(d, { events: page, cursor: '812.4' }, T0)).toEqual({
      stored: 0,
      duplicates: 4,
      held: 0,
      invalid: [],
    });
  });

  test('a desk stopped in the middle of a page has none of it', async () => {
    const { page } = await hubPage();
    const d = await newDesk();
    await d.settings.put({ key: SYNC_SETTINGS.cursor, value: '700.1' });
    const hlcBefore = (await d.settings.get('hlc'))?.value;
    const put = d.settings.put.bind(d.settings);
    // The cursor is written last, after every event, row and counter of the page: fail there.
    d.settings.put = ((row: { key: string; value: unknown }) =>
      row.key === SYNC_SETTINGS.cursor
        ? Promise.reject(new Error('killed'))
        : put(row)) as typeof d.settings.put;
    await expect(applyPulledPage(d, { events: page, cursor: '812.4' }, T0)).rejects.toThrow(
      'killed',
    );
    d.settings.put = put;
    expect(await d.events.count()).toBe(0);
    expect(await d.cases.count()).toBe(0);
    expect(await d.counters.get('registration:2025')).toBeUndefined();
    expect((await d.settings.get('hlc'))?.value).toEqual(hlcBefore);
    expect(await loadPullCursor(d)).toBe('700.1');
    // Applied again, it all arrives.
    expect((await applyPulledPage(d, { events: page, cursor: '812.4' }, T0)).stored).toBe(2);
    expect(await loadPullCursor(d)).toBe('812.4');
  });

  test('a full resync moves the cursor only: unsent and refused events stay', async () => {
    const { page } = await hubPage();
    const d = await newDesk();
    const mine = await register(d, 'case-mine', '2025-03-03T10:00', T0);
    const refused = await resolve(d, 'case-mine', T0 + 1);
    await applyReceipts(
      d,
      [{ id: refused.id, status: 'rejected', reason: 'sync:reject.actorRole' }],
      T0 + 2,
    );
    await applyPulledPage(d, { events: page, cursor: '812.4' }, T0);
    const hashBefore = await deskCaseStateHash(d);
    await restartPull(d);
    expect(await loadPullCursor(d)).toBe('');
    expect((await d.outbox.toArray()).map((r) => r.eventId).sort()).toEqual(
      [mine.id, refused.id].sort(),
    );
    await applyPulledPage(d, { events: page, cursor: '812.4' }, T0);
    expect(await d.outbox.count()).toBe(2);
    expect(await deskCaseStateHash(d)).toBe(hashBefore);
  });
});
