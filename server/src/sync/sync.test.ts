import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import {
  decodeBody,
  encodeBody,
  pullReplySchema,
  pushReplySchema,
  SYNC_PROTOCOL_VERSION,
  type PulledEvent,
  type TravellingEvent,
} from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, onClient, type TestDatabase } from '../../test/databases';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { SYNC_MEDIA_TYPE } from '../http/sync-routes';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
  type Device,
} from '../registry/registry';
import { pullEvents, pushEvents } from './event-log';

interface Desk {
  credential: string;
  device: Device;
  officeId: string;
}

async function enrolledDesk(hub: RunningHub, officeCode: string): Promise<Desk> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  const enrolled = await enrollDevice(
    hub.db,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      code: made.value.code,
      devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
      deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
    },
    Date.now(),
  );
  if (!enrolled.ok) throw new Error(enrolled.reason);
  const known = await authenticateDevice(hub.db, enrolled.reply.credential);
  if (!known.ok) throw new Error(known.reason);
  return {
    credential: enrolled.reply.credential,
    device: known.device,
    officeId: enrolled.reply.officeId,
  };
}

/** The people of an office, as the office's desk registers them: the akim first, by themselves. */
function staffOf(officeId: string): TravellingEvent[] {
  const at = (event: DirectoryEvent): TravellingEvent => ({
    stream: 'user',
    event: { ...event, actor: { ...event.actor, officeId, districtId: 'AKK' } },
  });
  const akim = `${officeId}/user-akim`;
  return [
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u1`,
        counter: 1,
        userId: akim,
        actorId: akim,
        payload: { ...sampleRegistration('akim'), officeId, districtId: 'AKK' },
      }),
    ),
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u2`,
        counter: 2,
        userId: `${officeId}/user-specialist`,
        actorId: akim,
        payload: { ...sampleRegistration('specialist'), officeId, districtId: 'AKK' },
      }),
    ),
  ];
}

/** A case's first events, made at `officeId` by its people (staffOf), under the case's own number. */
function caseAt(officeId: string, caseId: string): CaseEvent[] {
  return samplePath(
    [
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
    ],
    { registrationNumber: sampleRegistrationNumber(caseId) },
  ).map((e) => ({
    ...e,
    id: `${caseId}-${e.id}`,
    caseId,
    actor: {
      ...e.actor,
      userId: `${officeId}/user-${e.actor.role}`,
      officeId,
      districtId: 'AKK',
    },
  }));
}

const travelling = (events: readonly CaseEvent[]): TravellingEvent[] =>
  events.map((event) => ({ stream: 'case', event }));

async function post(hub: RunningHub, path: string, desk: Desk, body: unknown) {
  const response = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': SYNC_MEDIA_TYPE, authorization: `Bearer ${desk.credential}` },
    body: Buffer.from(encodeBody(body)),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const decoded =
    response.headers.get('content-type') === SYNC_MEDIA_TYPE
      ? decodeBody(bytes)
      : { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  return { status: response.status, body: decoded.ok ? decoded.value : null };
}

const push = async (hub: RunningHub, desk: Desk, events: TravellingEvent[]) => {
  const r = await post(hub, '/v1/push', desk, { protocol: SYNC_PROTOCOL_VERSION, events });
  expect(r.status).toBe(200);
  return pushReplySchema.parse(r.body).receipts;
};

/** Every event in scope, page by page from the start. */
async function pullAll(hub: RunningHub, desk: Desk, limit = 2): Promise<PulledEvent[]> {
  const out: PulledEvent[] = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const r = await post(hub, '/v1/pull', desk, { protocol: SYNC_PROTOCOL_VERSION, cursor, limit });
    expect(r.status).toBe(200);
    const reply = pullReplySchema.parse(r.body);
    out.push(...reply.events);
    cursor = reply.cursor;
    if (!reply.more) return out;
  }
  throw new Error('pull did not end');
}

const ids = (events: readonly PulledEvent[]) => events.map((e) => (e.event as { id: string }).id);

describe.each(DATABASE_KINDS)('push and pull on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  /** A hub with district AKK and two okrug akimats, A (KZL01) and B (BTR02), one desk each. */
  async function twoOkrugs(): Promise<{ h: RunningHub; a: Desk; b: Desk }> {
    testDb = await freshDatabase(kind);
    const h = await startHub({
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    });
    hub = h;
    await addDistrict(h.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    for (const code of ['KZL01', 'BTR02']) {
      await addOffice(
        h.db,
        { districtCode: 'AKK', code, kind: 'akimat', nameKk: code, nameRu: code },
        'admin',
      );
    }
    const a = await enrolledDesk(h, 'KZL01');
    const b = await enrolledDesk(h, 'BTR02');
    for (const desk of [a, b]) {
      const receipts = await push(h, desk, staffOf(desk.officeId));
      expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    }
    return { h, a, b };
  }

  test('each event is stored once: a retry gets duplicates, another content under an id is refused', async () => {
    const { h, a } = await twoOkrugs();
    const events = caseAt(a.officeId, 'case-a');
    expect((await push(h, a, travelling(events))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    // The answer was lost; the desk pushes the same batch again: nothing changes.
    expect(await push(h, a, travelling(events))).toEqual(
      events.map((e) => ({ id: e.id, status: 'duplicate' })),
    );
    const [first] = events;
    if (!first) throw new Error('no event');
    const forged = { ...first, legalTime: '2026-01-05T09:00' } as CaseEvent;
    expect(await push(h, a, travelling([forged]))).toEqual([
      { id: first.id, status: 'rejected', reason: 'sync:reject.idReused' },
    ]);
    expect(await push(h, a, [{ stream: 'case', event: { id: 'junk', type: 'Nope' } }])).toEqual([
      { id: 'junk', status: 'rejected', reason: 'sync:reject.schema' },
    ]);
    // Another laptop of the office gets each stored event once; the desk that pushed them holds
    // them and is not sent them back.
    const laptop2 = await enrolledDesk(h, 'KZL01');
    expect(ids(await pullAll(h, laptop2))).toEqual([
      ...staffOf(a.officeId).map((t) => (t.event as { id: string }).id),
      ...events.map((e) => e.id),
    ]);
    expect(await pullAll(h, a)).toEqual([]);
  });

  test('the hub takes no actor on its word: unregistered people and foreign roles are refused', async () => {
    const { h, a } = await twoOkrugs();
    const [registered] = caseAt(a.officeId, 'case-x');
    if (!registered) throw new Error('no event');
    const stranger = { ...registered, actor: { ...registered.actor, userId: 'nobody' } };
    expect(await push(h, a, travelling([stranger]))).toEqual([
      { id: registered.id, status: 'rejected', reason: 'sync:reject.actorUnknown' },
    ]);
    // A role of the district department, claimed from an akimat's desk.
    const districtRole = {
      ...registered,
      actor: { ...registered.actor, role: 'districtSpecialist' },
    } as CaseEvent;
    expect(await push(h, a, travelling([districtRole]))).toEqual([
      { id: registered.id, status: 'rejected', reason: 'sync:reject.actorRole' },
    ]);
    // The specialist is registered as a specialist, not as the akim.
    const promoted = {
      ...registered,
      actor: { ...registered.actor, userId: `${a.officeId}/user-specialist`, role: 'akim' },
    } as CaseEvent;
    expect((await push(h, a, travelling([promoted])))[0]).toMatchObject({
      status: 'rejected',
      reason: 'sync:reject.actorRole',
    });
    // A specialist may not register people.
    const [, specialistReg] = staffOf(a.officeId);
    const byClerk = {
      stream: 'user' as const,
      event: {
        ...(specialistReg?.event as DirectoryEvent),
        id: 'u-new',
        userId: 'someone-new',
        actor: {
          ...(specialistReg?.event as DirectoryEvent).actor,
          userId: `${a.officeId}/user-specialist`,
          role: 'specialist',
        },
      },
    };
    expect((await push(h, a, [byClerk]))[0]).toMatchObject({
      status: 'rejected',
      reason: 'sync:reject.actorRole',
    });
  });

  test('the transition table is checked against the hub’s own fold of the case', async () => {
    const { h, a } = await twoOkrugs();
    const [registered, resolution] = caseAt(a.officeId, 'case-t');
    if (!registered || !resolution) throw new Error('no events');
    // A resolution on a case the hub has never seen opened.
    const [early] = await push(h, a, travelling([resolution]));
    expect(early).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^case:rejections\./),
    });
    expect((await push(h, a, travelling([registered, resolution]))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
  });

  test('a desk pushes only what its own office made, about its own cases', async () => {
    const { h, a, b } = await twoOkrugs();
    const ofA = caseAt(a.officeId, 'case-a');
    await push(h, a, travelling(ofA.slice(0, 1)));
    // B's desk sends an event that claims to be made at A.
    expect((await push(h, b, travelling(ofA.slice(1))))[0]).toMatchObject({
      status: 'rejected',
      reason: 'sync:reject.otherOffice',
    });
    // B's desk acts on A's case under its own office.
    const onA = caseAt(b.officeId, 'case-a').map((e) => ({ ...e, id: `${e.id}-b` }));
    expect((await push(h, b, travelling(onA.slice(1))))[0]).toMatchObject({
      status: 'rejected',
      reason: 'sync:reject.outOfScope',
    });
  });

  test('each desk pulls only its own office, page by page, every event once', async () => {
    const { h, a, b } = await twoOkrugs();
    const ofA = [...caseAt(a.officeId, 'a1'), ...caseAt(a.officeId, 'a2')];
    const ofB = caseAt(b.officeId, 'b1');
    await push(h, a, travelling(ofA));
    await push(h, b, travelling(ofB));
    // Each office's second laptop pulls (a desk is not sent back what it pushed itself).
    const a2 = await enrolledDesk(h, 'KZL01');
    const b2 = await enrolledDesk(h, 'BTR02');
    const cases = (events: PulledEvent[]) => events.filter((e) => e.stream === 'case');
    expect(ids(cases(await pullAll(h, a2, 3)))).toEqual(ofA.map((e) => e.id));
    expect(ids(cases(await pullAll(h, b2, 1)))).toEqual(ofB.map((e) => e.id));
    // People of the other office are out of scope too.
    expect(
      (await pullAll(h, a2, 50)).filter((e) => e.stream === 'user').map((e) => ids([e])[0]),
    ).toEqual(staffOf(a.officeId).map((t) => (t.event as { id: string }).id));
    // What the pushing desk still gets: only what another desk of its office pushed since.
    const [later] = caseAt(a.officeId, 'a3');
    if (!later) throw new Error('no event');
    await push(h, a2, travelling([later]));
    expect(ids(await pullAll(h, a, 50))).toEqual([later.id]);
  });

  test('bad cursor, other protocol, a body that is not gzip, a revoked desk: each gets its code', async () => {
    const { h, a } = await twoOkrugs();
    const badCursor = await post(h, '/v1/pull', a, {
      protocol: SYNC_PROTOCOL_VERSION,
      cursor: 'x',
      limit: 5,
    });
    expect(badCursor).toEqual({ status: 400, body: { code: 'sync:errors.badCursor' } });
    const newer = await post(h, '/v1/push', a, { protocol: SYNC_PROTOCOL_VERSION + 1, events: [] });
    expect(newer).toEqual({ status: 426, body: { code: 'sync:protocol.hubOlder' } });
    const plain = await fetch(`${h.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': SYNC_MEDIA_TYPE, authorization: `Bearer ${a.credential}` },
      body: '{"protocol":1,"events":[]}',
    });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toEqual({ code: 'sync:errors.badBody' });
    await revokeDevice(h.db, a.device.id, 'admin', Date.now());
    const revoked = await post(h, '/v1/pull', a, {
      protocol: SYNC_PROTOCOL_VERSION,
      cursor: '',
      limit: 5,
    });
    expect(revoked).toEqual({ status: 401, body: { code: 'sync:errors.deviceRevoked' } });
  });
});

describe('a pull never skips a late commit (PostgreSQL, overlapping transactions)', () => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  test('the slow writer takes the lower number, the fast one commits first: both are delivered, once', async () => {
    testDb = await freshDatabase('postgresql');
    const h = await startHub({
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    });
    hub = h;
    await addDistrict(h.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    await addOffice(
      h.db,
      { districtCode: 'AKK', code: 'KZL01', kind: 'akimat', nameKk: 'К', nameRu: 'К' },
      'admin',
    );
    const desk = await enrolledDesk(h, 'KZL01');
    // The office's other laptop pulls what this one pushes.
    const reader = await enrolledDesk(h, 'KZL01');
    await pushEvents(h.db, desk.device, staffOf(desk.officeId), Date.now());
    // Two cases opened at once by two specialists' pushes.
    const [slowEvent] = caseAt(desk.officeId, 'c1');
    const [fastEvent] = caseAt(desk.officeId, 'c2');
    if (!slowEvent || !fastEvent) throw new Error('no events');
    if (testDb.config.kind !== 'postgresql') throw new Error('PostgreSQL only');
    const slow = new pg.Client({ connectionString: testDb.config.url });
    const fast = new pg.Client({ connectionString: testDb.config.url });
    await slow.connect();
    await fast.connect();
    const pushOn = (client: pg.Client, event: CaseEvent) =>
      pushEvents(onClient(client), desk.device, [{ stream: 'case', event }], Date.now());
    try {
      await slow.query('begin');
      await pushOn(slow, slowEvent); // takes seq n, stays open
      await fast.query('begin');
      await pushOn(fast, fastEvent); // takes seq n + 1
      await fast.query('commit');

      // A log read by sequence number alone would hand out n + 1 now and never n.
      const bySeq = await h.db.query<{ id: string }>(
        "select id from hub_events where stream = 'case' order by seq",
      );
      expect(bySeq.rows.map((r) => r.id)).toEqual([fastEvent.id]);
      const early = await pullEvents(h.db, reader.device, '', 10);
      if (!early.ok) throw new Error(early.reason);
      expect(early.events.filter((e) => e.stream === 'case')).toEqual([]);

      await slow.query('commit');
      const late = await pullEvents(h.db, reader.device, early.cursor, 10);
      if (!late.ok) throw new Error(late.reason);
      expect(ids(late.events)).toEqual([slowEvent.id, fastEvent.id]);
      const after = await pullEvents(h.db, reader.device, late.cursor, 10);
      expect(after.ok && after.events).toEqual([]);
    } finally {
      await slow.end();
      await fast.end();
    }
  });
});

describe('two hubs on one PostgreSQL (nothing is kept in a hub process)', () => {
  let testDb: TestDatabase;
  const hubs: RunningHub[] = [];
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.stop();
    await testDb.dispose();
  });

  test('a desk enrolled at one hub pushes to the other and pulls from either, each event once', async () => {
    testDb = await freshDatabase('postgresql');
    const config = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    };
    const one = await startHub(config);
    hubs.push(one);
    const two = await startHub(config);
    hubs.push(two);
    await addDistrict(one.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    await addOffice(
      two.db,
      { districtCode: 'AKK', code: 'KZL01', kind: 'akimat', nameKk: 'К', nameRu: 'К' },
      'admin',
    );
    const desk = await enrolledDesk(one, 'KZL01');
    const events = [...staffOf(desk.officeId), ...travelling(caseAt(desk.officeId, 'c1'))];
    expect((await push(two, desk, events)).map((r) => r.status)).toEqual(
      events.map(() => 'accepted'),
    );
    // The answer was lost on the way back; the desk retries at the other hub.
    expect((await push(one, desk, events)).map((r) => r.status)).toEqual(
      events.map(() => 'duplicate'),
    );
    const expected = events.map((t) => (t.event as { id: string }).id);
    const laptop2 = await enrolledDesk(two, 'KZL01');
    expect(ids(await pullAll(one, laptop2))).toEqual(expected);
    expect(ids(await pullAll(two, laptop2, 1))).toEqual(expected);
  });
});
