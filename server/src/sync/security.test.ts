// The hub's security matrix (issue 8, "Security matrix"): one test per row, each through the running
// hub's HTTP routes as a desk would talk to it, on both database kinds. One hub per database kind
// serves every row; each row works on its own cases, registers and desks, so the rows stay
// independent.
//
// Not here: "a device of okrug A cannot fetch okrug B's scans" belongs with the attachments channel
// (its own routes and tests); add its row there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import { sampleRegisterPath } from '../../../shared/registers/testing';
import { DATABASE_KINDS } from '../../test/databases';
import {
  caseAt,
  DISTRICT_CODE,
  enroll,
  enrolledDesk,
  enrollmentCode,
  idOf,
  newSigner,
  OKRUG_A,
  OKRUG_B,
  post,
  pullAll,
  pullRequest,
  push,
  pushRequest,
  STAFF_REGISTERED_AT,
  staffOf,
  travelling,
  userOf,
  districtHub,
  type Desk,
  type Signer,
  type TestHub,
} from '../../test/desks';
import type { PulledEvent } from '../../../shared/sync';
import { addMinutes } from '../../../shared/time';
import { addDistrict, addOffice, revokeDevice } from '../registry/registry';

/** The district department of the district: its heads sign the results the akimats hand out. */
const DEPARTMENT = 'AKK00';

/** The steps of an akimat's own case that ends in the akim's signed certificate (route akimLocal). */
const CERTIFICATE_CASE = [
  ['Registered', 'specialist', 1],
  ['CertificateIssued', 'akim'],
] as const;

describe.each(DATABASE_KINDS)('security matrix on %s', (kind) => {
  let t: TestHub;
  let a: Desk;
  let b: Desk;
  let akimA: Signer;
  let akimB: Signer;

  beforeAll(async () => {
    t = await districtHub(kind);
    a = await enrolledDesk(t.hub, OKRUG_A);
    b = await enrolledDesk(t.hub, OKRUG_B);
    akimA = await newSigner();
    akimB = await newSigner();
    for (const [desk, key] of [
      [a, akimA],
      [b, akimB],
    ] as const) {
      const receipts = await push(t.hub, desk, travelling('user', staffOf(desk, key)));
      expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    }
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Whether the hub holds an event id at all. */
  async function stored(id: string): Promise<boolean> {
    const { rows } = await t.hub.db.query<{ id: string }>(
      'select id from hub_events where id = $1',
      [id],
    );
    return rows.length > 0;
  }

  /** A's akimLocal case up to the certificate, with the certificate signed by `signer`. */
  async function certificateCase(
    caseId: string,
    signer: Signer,
    overrides: Partial<CaseEvent> = {},
  ): Promise<{ registered: CaseEvent; certificate: CaseEvent }> {
    const [registered, unsigned] = caseAt(a, caseId, CERTIFICATE_CASE);
    if (!registered || !unsigned) throw new Error('no events');
    const signature = await signer.sign({ certificate: 'C-3', caseId });
    const certificate = {
      ...unsigned,
      payload: { ...unsigned.payload, documentDigest: signature.signedDigest },
      signature: { ...signature, keyId: akimA.keyId },
      ...overrides,
    } as CaseEvent;
    return { registered, certificate };
  }

  test('a desk of okrug A cannot pull okrug B’s cases (nor its people)', async () => {
    const ofA = caseAt(a, 'pull-a1');
    const ofB = caseAt(b, 'pull-b1');
    expect((await push(t.hub, a, travelling('case', ofA))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    expect((await push(t.hub, b, travelling('case', ofB))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    // Another laptop of okrug A (the desk that pushed is not sent its own events back).
    const laptopA = await enrolledDesk(t.hub, OKRUG_A);
    const pulledByA = await pullAll(t.hub, laptopA, 3);
    const pulledIds = pulledByA.map((e) => idOf(e.event));
    expect(pulledIds).toEqual(expect.arrayContaining(ofA.map((e) => e.id)));
    for (const event of pulledByA) {
      expect((event.event as { actor: { officeId: string } }).actor.officeId).toBe(a.officeId);
    }
    expect(pulledIds).not.toContain(ofB[0]?.id);
    // B's desk, by contrast, has its case: it is on the hub, only not in A's scope.
    const laptopB = await enrolledDesk(t.hub, OKRUG_B);
    expect((await pullAll(t.hub, laptopB)).map((e) => idOf(e.event))).toEqual(
      expect.arrayContaining(ofB.map((e) => e.id)),
    );
  });

  test('a desk of okrug A cannot push an event for a case of okrug B', async () => {
    const [registeredAtB, resolutionAtB] = caseAt(b, 'push-b1');
    if (!registeredAtB || !resolutionAtB) throw new Error('no events');
    expect((await push(t.hub, b, travelling('case', [registeredAtB])))[0]?.status).toBe('accepted');
    // A's akim imposes a resolution on B's case, under A's own office.
    const [, resolutionByA] = caseAt(a, 'push-b1');
    if (!resolutionByA) throw new Error('no event');
    const onB = { ...resolutionByA, id: 'push-b1-by-a' };
    // A's desk passes on an event made at B (as if it had B's events to relay).
    const asB = { ...resolutionAtB, id: 'push-b1-as-b' };
    expect(await push(t.hub, a, travelling('case', [onB, asB]))).toEqual([
      { id: onB.id, status: 'rejected', reason: 'sync:reject.outOfScope' },
      { id: asB.id, status: 'rejected', reason: 'sync:reject.otherOffice' },
    ]);
    expect(await stored(onB.id)).toBe(false);
    expect(await stored(asB.id)).toBe(false);
  });

  test('a desk of okrug A cannot push an event only a district role may make', async () => {
    const steps = [
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['ForwardedToDistrict', 'specialist'],
      ['ReceivedByDistrict', 'districtSpecialist'],
    ] as const;
    const events = caseAt(a, 'district-a1', steps);
    const received = events[3];
    if (!received) throw new Error('no event');
    const receipts = await push(t.hub, a, travelling('case', events.slice(0, 3)));
    expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    // The district department's act, claimed under a district role from the akimat's desk.
    expect(await push(t.hub, a, travelling('case', [received]))).toEqual([
      { id: received.id, status: 'rejected', reason: 'sync:reject.actorRole' },
    ]);
    // The same act by the akimat's own specialist: the transition table refuses it.
    const bySpecialist = {
      ...received,
      id: `${received.id}-s`,
      actor: { ...received.actor, role: 'specialist', userId: userOf(a.officeId, 'specialist') },
    } as CaseEvent;
    const [refused] = await push(t.hub, a, travelling('case', [bySpecialist]));
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^case:rejections\./),
    });
    expect(await stored(received.id)).toBe(false);
    expect(await stored(bySpecialist.id)).toBe(false);
  });

  test('a desk of okrug A cannot push an event whose actor is not a registered user of its office', async () => {
    const [registered] = caseAt(a, 'actor-a1');
    if (!registered) throw new Error('no event');
    const as = (id: string, userId: string) =>
      ({ ...registered, id, actor: { ...registered.actor, userId } }) as CaseEvent;
    // Nobody the hub knows.
    const stranger = as('actor-a1-stranger', `${a.officeId}/user-nobody`);
    // B's specialist, registered at the hub, but at B.
    const fromB = as('actor-a1-from-b', userOf(b.officeId, 'specialist'));
    // A's own specialist once deactivated by the akim.
    const leaver: DirectoryEvent[] = [
      sampleDirectoryEvent('UserRegistered', {
        id: 'actor-a1-u1',
        counter: 10,
        userId: `${a.officeId}/user-leaver`,
        actorId: userOf(a.officeId, 'akim'),
        payload: {
          ...sampleRegistration('specialist'),
          officeId: a.officeId,
          districtId: a.districtId,
        },
      }),
      sampleDirectoryEvent('UserDeactivated', {
        id: 'actor-a1-u2',
        counter: 11,
        userId: `${a.officeId}/user-leaver`,
        actorId: userOf(a.officeId, 'akim'),
        payload: {},
      }),
    ].map((e) => ({ ...e, actor: { ...e.actor, officeId: a.officeId, districtId: a.districtId } }));
    expect((await push(t.hub, a, travelling('user', leaver))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    const deactivated = as('actor-a1-leaver', `${a.officeId}/user-leaver`);
    expect(await push(t.hub, a, travelling('case', [stranger, fromB, deactivated]))).toEqual([
      { id: stranger.id, status: 'rejected', reason: 'sync:reject.actorUnknown' },
      { id: fromB.id, status: 'rejected', reason: 'sync:reject.actorRole' },
      { id: deactivated.id, status: 'rejected', reason: 'sync:reject.actorUnknown' },
    ]);
    for (const id of [stranger.id, fromB.id, deactivated.id]) expect(await stored(id)).toBe(false);
  });

  test('a forged signature is refused where one is required', async () => {
    const forger = await newSigner();
    // Signed by someone else's key, under the key id registered for A's akim.
    const { registered, certificate } = await certificateCase('sig-forged', forger);
    expect(await push(t.hub, a, travelling('case', [registered, certificate]))).toEqual([
      { id: registered.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: certificate.id, status: 'rejected', reason: 'sync:reject.signatureInvalid' },
    ]);
    // A genuine signature whose bytes were altered on the way.
    const genuine = (await certificateCase('sig-forged', akimA)).certificate;
    if (!genuine.signature) throw new Error('no signature');
    const value = Buffer.from(genuine.signature.value, 'base64');
    value[10] = (value[10] ?? 0) ^ 0xff;
    const altered = {
      ...genuine,
      id: `${genuine.id}-x`,
      signature: { ...genuine.signature, value: value.toString('base64') },
    };
    expect((await push(t.hub, a, travelling('case', [altered])))[0]).toMatchObject({
      reason: 'sync:reject.signatureInvalid',
    });
    expect(await stored(certificate.id)).toBe(false);
    expect(await stored(altered.id)).toBe(false);
    // The akim's own signature goes through: the refusals above were for the signature alone.
    expect((await push(t.hub, a, travelling('case', [genuine])))[0]?.status).toBe('accepted');
  });

  test('a missing signature is refused where one is required', async () => {
    const { registered, certificate } = await certificateCase('sig-missing', akimA);
    const { signature: _signature, ...unsigned } = certificate;
    const [created, signedRegister] = sampleRegisterPath([
      ['RegisterCreated', 'specialist'],
      ['RegisterSigned', 'akim'],
    ]).map((e) => ({
      ...e,
      id: `sig-missing-${e.id}`,
      registerId: 'sig-missing-register',
      actor: {
        ...e.actor,
        userId: userOf(a.officeId, e.actor.role),
        officeId: a.officeId,
        districtId: a.districtId,
      },
    }));
    if (!created || !signedRegister) throw new Error('no register events');
    const { signature: _s, ...unsignedRegister } = signedRegister as typeof signedRegister & {
      signature?: unknown;
    };
    expect(await push(t.hub, a, travelling('case', [registered, unsigned]))).toEqual([
      { id: registered.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: certificate.id, status: 'rejected', reason: 'sync:reject.signatureMissing' },
    ]);
    expect(
      await push(t.hub, a, [
        { stream: 'register', event: created },
        { stream: 'register', event: unsignedRegister },
      ]),
    ).toEqual([
      { id: created.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: signedRegister.id, status: 'rejected', reason: 'sync:reject.signatureMissing' },
    ]);
    expect(await stored(certificate.id)).toBe(false);
    expect(await stored(signedRegister.id)).toBe(false);
  });

  test('a wrongly-keyed signature is refused where one is required', async () => {
    // B's akim signs A's certificate with their own registered key, under their own key id.
    const { registered, certificate } = await certificateCase('sig-keyed', akimB);
    const byB = {
      ...certificate,
      signature: { ...certificate.signature, keyId: akimB.keyId },
    } as CaseEvent;
    // A's akim's own key, at a legal time before it was registered at the hub.
    const early = (await certificateCase('sig-keyed', akimA)).certificate;
    const beforeRegistration = { ...early, id: `${early.id}-early`, legalTime: '2025-01-06T08:00' };
    // A key nobody registered, named by its own fingerprint.
    const unregistered = await newSigner();
    const stray = (await certificateCase('sig-keyed', unregistered)).certificate;
    const strayKey = {
      ...stray,
      id: `${stray.id}-stray`,
      signature: { ...stray.signature, keyId: unregistered.keyId },
    } as CaseEvent;
    expect(
      await push(t.hub, a, travelling('case', [registered, byB, beforeRegistration, strayKey])),
    ).toEqual([
      { id: registered.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: byB.id, status: 'rejected', reason: 'sync:reject.signatureKey' },
      { id: beforeRegistration.id, status: 'rejected', reason: 'sync:reject.signatureKey' },
      { id: strayKey.id, status: 'rejected', reason: 'sync:reject.signatureKey' },
    ]);
    // A register signed by B's akim for A's office is refused the same way.
    const registerEvents = sampleRegisterPath([
      ['RegisterCreated', 'specialist'],
      ['RegisterSigned', 'akim'],
    ]).map((e) => ({
      ...e,
      id: `sig-keyed-${e.id}`,
      registerId: 'sig-keyed-register',
      actor: {
        ...e.actor,
        userId: userOf(a.officeId, e.actor.role),
        officeId: a.officeId,
        districtId: a.districtId,
      },
    }));
    const [created, signedRegister] = registerEvents;
    if (!created || signedRegister?.type !== 'RegisterSigned') throw new Error('no register');
    const signWith = async (signer: Signer, id: string) => {
      const signature = await signer.sign({ register: 'sig-keyed-register', by: id });
      return {
        ...signedRegister,
        id,
        payload: { ...signedRegister.payload, documentDigest: signature.signedDigest },
        signature,
      };
    };
    const registerByB = await signWith(akimB, 'sig-keyed-register-by-b');
    const registerByA = await signWith(akimA, 'sig-keyed-register-by-a');
    expect(
      await push(t.hub, a, travelling('register', [created, registerByB, registerByA])),
    ).toEqual([
      { id: created.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: registerByB.id, status: 'rejected', reason: 'sync:reject.signatureKey' },
      { id: registerByA.id, status: 'accepted', receivedAtMs: expect.any(Number) },
    ]);
    for (const id of [byB.id, beforeRegistration.id, strayKey.id, registerByB.id])
      expect(await stored(id)).toBe(false);
  });

  test('a desk of okrug A cannot read okrug B’s SMS messages (nor widen its scope by the query)', async () => {
    // A message of each okrug's case, as the hub's outbox queues them (server/src/sms).
    for (const [desk, caseId] of [
      [a, 'sms-a1'],
      [b, 'sms-b1'],
    ] as const) {
      await t.hub.db.query(
        `insert into sms_messages (district_id, event_id, case_id, office_id, phone, language,
           outcome, decision_date, body)
         values ($1, $2, $3, $4, '+77011234567', 'kk', 'grant', '2025-04-21', 'text')`,
        [desk.districtId, `${caseId}-signed`, caseId, desk.officeId],
      );
    }
    const read = async (desk: Desk, query = '') => {
      const response = await fetch(`${t.hub.url}/v1/sms${query}`, {
        headers: { authorization: `Bearer ${desk.credential}` },
      });
      const body = (await response.json()) as { messages?: { caseId: string }[] };
      return { status: response.status, cases: body.messages?.map((m) => m.caseId) ?? null };
    };
    expect(await read(a)).toEqual({ status: 200, cases: ['sms-a1'] });
    expect(await read(b)).toEqual({ status: 200, cases: ['sms-b1'] });
    // Nothing in the query names an office or a district: it is refused, not obeyed.
    expect(await read(a, `?office=${b.officeId}`)).toEqual({ status: 400, cases: null });
    expect(await read(a, `?districtId=${b.districtId}`)).toEqual({ status: 400, cases: null });
  });

  test('a desk sees only its own district’s offices in the directory it is given', async () => {
    await addDistrict(t.hub.db, { code: 'ZRD', nameKk: 'Зеренді', nameRu: 'Зеренда' }, 'admin');
    await addOffice(
      t.hub.db,
      {
        districtCode: 'ZRD',
        code: 'ZRD07',
        kind: 'akimat',
        nameKk: 'Қонысбай',
        nameRu: 'Конысбай',
      },
      'admin',
    );
    const other = await enrolledDesk(t.hub, 'ZRD07');
    const officeIds = async (desk: Desk) => {
      const response = await fetch(`${t.hub.url}/v1/reference/offices`, {
        headers: { authorization: `Bearer ${desk.credential}` },
      });
      const body = (await response.json()) as { offices?: { id: string }[] };
      return { status: response.status, ids: body.offices?.map((o) => o.id) ?? null };
    };
    const ofA = await officeIds(a);
    expect(ofA.status).toBe(200);
    expect(ofA.ids).toEqual(expect.arrayContaining([a.officeId, b.officeId]));
    expect(ofA.ids).not.toContain(other.officeId);
    expect(await officeIds(other)).toEqual({ status: 200, ids: [other.officeId] });
  });

  test('a revoked device is refused at once, and told so', async () => {
    const desk = await enrolledDesk(t.hub, OKRUG_A);
    const [registered] = caseAt(desk, 'revoked-a1');
    if (!registered) throw new Error('no event');
    expect((await post(t.hub, '/v1/pull', desk.credential, pullRequest('', 5))).status).toBe(200);
    await revokeDevice(t.hub.db, desk.deviceId, 'admin', Date.now());
    // The very next requests, to every route a desk uses.
    const refused = { status: 401, body: { code: 'sync:errors.deviceRevoked' } };
    expect(
      await post(t.hub, '/v1/push', desk.credential, pushRequest(travelling('case', [registered]))),
    ).toEqual(refused);
    expect(await post(t.hub, '/v1/pull', desk.credential, pullRequest('', 5))).toEqual(refused);
    const whoAmI = await fetch(`${t.hub.url}/v1/device`, {
      headers: { authorization: `Bearer ${desk.credential}` },
    });
    expect({ status: whoAmI.status, body: (await whoAmI.json()) as unknown }).toEqual(refused);
    const outbox = await fetch(`${t.hub.url}/v1/sms`, {
      headers: { authorization: `Bearer ${desk.credential}` },
    });
    expect({ status: outbox.status, body: (await outbox.json()) as unknown }).toEqual(refused);
    expect(await stored(registered.id)).toBe(false);
    // The office's other desk is not touched.
    expect((await post(t.hub, '/v1/pull', a.credential, pullRequest('', 1))).status).toBe(200);
  });

  test('a used enrollment code is refused', async () => {
    const code = await enrollmentCode(t.hub, OKRUG_A);
    expect((await enroll(t.hub, code)).status).toBe(200);
    expect(await enroll(t.hub, code)).toEqual({
      status: 403,
      body: { code: 'sync:enroll.codeUsed' },
    });
  });

  test('an expired enrollment code is refused', async () => {
    const code = await enrollmentCode(t.hub, OKRUG_A, Date.now() - 25 * 3_600_000, 24);
    expect(await enroll(t.hub, code)).toEqual({
      status: 403,
      body: { code: 'sync:enroll.codeExpired' },
    });
  });

  // Last: the department's head is then in every akimat's scope, which the first row does not expect.
  test('R-DEC-5 an akimat pulls the district heads’ registrations and keys, not the department’s other people nor okrug B’s', async () => {
    await addOffice(
      t.hub.db,
      {
        districtCode: DISTRICT_CODE,
        code: DEPARTMENT,
        kind: 'district',
        nameKk: 'Бөлім',
        nameRu: 'Отдел',
      },
      'admin',
    );
    const dept = await enrolledDesk(t.hub, DEPARTMENT);
    const headKey = await newSigner();
    const nextKey = await newSigner();
    const head = userOf(dept.officeId, 'districtHead');
    const place = (event: DirectoryEvent): DirectoryEvent => ({
      ...event,
      actor: {
        ...event.actor,
        officeId: dept.officeId,
        districtId: dept.districtId,
        deviceId: dept.deviceId,
      },
    });
    const registration = (role: 'districtHead' | 'districtSpecialist' | 'admin') => ({
      ...sampleRegistration(role),
      officeId: dept.officeId,
      districtId: dept.districtId,
    });
    const people = [
      sampleDirectoryEvent('UserRegistered', {
        id: 'dept-u1',
        counter: 1,
        userId: head,
        actorId: head,
        actorRole: 'districtHead',
        legalTime: STAFF_REGISTERED_AT,
        payload: {
          ...registration('districtHead'),
          publicKey: headKey.publicKey,
          keyId: headKey.keyId,
        },
      }),
      sampleDirectoryEvent('UserRegistered', {
        id: 'dept-u2',
        counter: 2,
        userId: userOf(dept.officeId, 'districtSpecialist'),
        actorId: head,
        actorRole: 'districtHead',
        legalTime: addMinutes(STAFF_REGISTERED_AT, 1),
        payload: registration('districtSpecialist'),
      }),
      sampleDirectoryEvent('UserRegistered', {
        id: 'dept-u3',
        counter: 3,
        userId: userOf(dept.officeId, 'admin'),
        actorId: head,
        actorRole: 'districtHead',
        legalTime: addMinutes(STAFF_REGISTERED_AT, 2),
        payload: registration('admin'),
      }),
      // The admin resets the head's forgotten PIN: the head's new key (R-DEC-5 checks it by time).
      sampleDirectoryEvent('UserKeyReplaced', {
        id: 'dept-u4',
        counter: 4,
        userId: head,
        actorId: userOf(dept.officeId, 'admin'),
        actorRole: 'admin',
        legalTime: addMinutes(STAFF_REGISTERED_AT, 3),
        payload: { publicKey: nextKey.publicKey, keyId: nextKey.keyId, reason: 'pinReset' },
      }),
    ].map(place);
    expect((await push(t.hub, dept, travelling('user', people))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    /** The directory events pulled that were not made at `officeId`, by id. */
    const othersPulled = (pulled: readonly PulledEvent[], officeId: string) =>
      pulled
        .filter((e) => e.stream === 'user')
        .map((e) => e.event as DirectoryEvent)
        .filter((e) => e.actor.officeId !== officeId)
        .map((e) => e.id)
        .sort();
    // A new laptop of okrug A (pages of 2, so the merge of its two parts is walked page by page): of
    // other offices' people, only the department head's registration and key; not the department's
    // specialist or admin, and none of okrug B's people.
    const laptopA = await enrolledDesk(t.hub, OKRUG_A);
    const pulledByA = await pullAll(t.hub, laptopA, 2);
    expect(othersPulled(pulledByA, a.officeId)).toEqual(['dept-u1', 'dept-u4']);
    expect(pulledByA.map((e) => idOf(e.event))).toEqual(
      expect.arrayContaining(staffOf(a, akimA).map((e) => e.id)),
    );
    // Okrug B likewise gets the head, and nothing of okrug A.
    const laptopB = await enrolledDesk(t.hub, OKRUG_B);
    expect(othersPulled(await pullAll(t.hub, laptopB), b.officeId)).toEqual(['dept-u1', 'dept-u4']);
    // The department's own desk (another laptop) sees the whole district's people.
    const deptLaptop = await enrolledDesk(t.hub, DEPARTMENT);
    expect((await pullAll(t.hub, deptLaptop)).map((e) => idOf(e.event))).toEqual(
      expect.arrayContaining([...people, ...staffOf(b, akimB)].map((e) => e.id)),
    );
  });
});
