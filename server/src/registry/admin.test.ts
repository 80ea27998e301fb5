// The district admin's API at the hub (issue 9 §1; shared/sync/admin.ts), on the embedded database and
// on PostgreSQL: who may use it is read from the hub's own registry and directory log, its scope is the
// desk's district, its changes are logged with the person and the desk, and over HTTP it answers with
// the shared schemas, `{ code }` refusals and no cache.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import type { ActorRole } from '../../../shared/events/envelope';
import {
  ADMIN_PATHS,
  ADMIN_REFUSALS,
  addOfficeReplySchema,
  enrollmentCodeReplySchema,
  registryReplySchema,
  revokeDeviceReplySchema,
  SYNC_PROTOCOL_VERSION,
  type RegistryReply,
} from '../../../shared/sync';
import { addMinutes } from '../../../shared/time';
import { DATABASE_KINDS } from '../../test/databases';
import {
  DISTRICT_CODE,
  districtHub,
  enrolledDesk,
  newSigner,
  OKRUG_A,
  OKRUG_B,
  post,
  pullAll,
  pullRequest,
  push,
  STAFF_REGISTERED_AT,
  travelling,
  type Desk,
  type TestHub,
} from '../../test/desks';
import { authorizeAdmin, makeEnrollmentCode, type AdminActor } from './admin';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  enrollDevice,
  markDeviceSeen,
  sha256Hex,
  type Device,
} from './registry';

const DEPARTMENT = 'AKK00';
/** Another district, with its own department and okrug. */
const OTHER_DISTRICT = 'ZRD';
const OTHER_DEPARTMENT = 'ZRD00';
const OTHER_OKRUG = 'ZRD07';

const devicePublicKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'LjiAHHuiJ_KncVatEgALNtw6YkyFgp4l4bnsiBA-G2g',
  y: 'a-mu7RiA-uVbsiYX3ylkJKM5FGqha-ZuT9X9Vi9iZ9w',
} as const;

const enrollRequest = (code: string) => ({
  protocol: SYNC_PROTOCOL_VERSION,
  code,
  devicePublicKey,
  deviceAgreementKey: devicePublicKey,
});

describe('the admin refusals in kk and ru (locales/*/hub.json)', () => {
  test('every refusal the API gives has a text in both languages', () => {
    const texts = (['kk', 'ru'] as const).map(
      (lang) =>
        JSON.parse(
          readFileSync(new URL(`../../../locales/${lang}/hub.json`, import.meta.url), 'utf8'),
        ) as Record<string, Record<string, string>>,
    );
    for (const key of ADMIN_REFUSALS) {
      const [group = '', name = ''] = key.replace(/^hub:/, '').split('.');
      const [kk, ru] = texts.map((t) => t[group]?.[name] ?? '');
      expect(kk, key).not.toBe('');
      expect(ru, key).not.toBe('');
      expect(kk, key).not.toBe(ru);
    }
    // A person whose entry has not reached the hub is told to sync, in both languages.
    expect(texts[0]?.admin?.notAdmin).toMatch(/синхрондаңыз/);
    expect(texts[1]?.admin?.notAdmin).toMatch(/синхронизируйтесь/);
  });
});

describe.each(DATABASE_KINDS)('the district admin’s API on %s', (kind) => {
  let t: TestHub;
  /** The district department's desk, okrug A's desk, and the other district's department's desk. */
  let dept: Desk;
  let okrugA: Desk;
  let otherDept: Desk;
  let deptDevice: Device;
  let okrugADevice: Device;
  let otherDeptDevice: Device;

  const person = (desk: Desk, role: ActorRole, tag = '') => `${desk.officeId}/${role}${tag}`;
  const head = () => person(dept, 'districtHead');
  const admin = () => person(dept, 'admin');

  /**
   * People as `desk` registers them: the first person by themselves (a signer, with a key), then the
   * others by that person; `deactivated` are then deactivated by them.
   */
  async function registerPeople(
    desk: Desk,
    people: readonly { userId: string; role: ActorRole }[],
    deactivated: readonly string[] = [],
  ): Promise<void> {
    const [first] = people;
    if (first === undefined) return;
    const key = await newSigner();
    const events: DirectoryEvent[] = people.map((p, i) =>
      sampleDirectoryEvent('UserRegistered', {
        id: `${desk.deviceId}-u${i + 1}`,
        counter: i + 1,
        deviceId: desk.deviceId,
        userId: p.userId,
        actorId: first.userId,
        actorRole: first.role,
        legalTime: addMinutes(STAFF_REGISTERED_AT, i),
        payload: {
          ...sampleRegistration(p.role),
          officeId: desk.officeId,
          districtId: desk.districtId,
          ...(i === 0 ? { publicKey: key.publicKey, keyId: key.keyId } : {}),
        },
      }),
    );
    deactivated.forEach((userId, i) => {
      const n = people.length + i + 1;
      events.push(
        sampleDirectoryEvent('UserDeactivated', {
          id: `${desk.deviceId}-u${n}`,
          counter: n,
          deviceId: desk.deviceId,
          userId,
          actorId: first.userId,
          actorRole: first.role,
          legalTime: addMinutes(STAFF_REGISTERED_AT, n),
          payload: {},
        }),
      );
    });
    const placed = events.map((e) => ({
      ...e,
      actor: {
        ...e.actor,
        officeId: desk.officeId,
        districtId: desk.districtId,
        deviceId: desk.deviceId,
      },
    }));
    const receipts = await push(t.hub, desk, travelling('user', placed));
    expect(receipts.map((r) => r.status)).toEqual(placed.map(() => 'accepted'));
  }

  async function deviceOf(desk: Desk): Promise<Device> {
    const known = await authenticateDevice(t.hub.db, desk.credential);
    if (!known.ok) throw new Error(known.reason);
    return known.device;
  }

  /** An admin request as the desk sends it: JSON with its bearer credential. */
  async function adminPost(
    path: string,
    desk: Desk,
    body: unknown,
  ): Promise<{ status: number; body: unknown; text: string; cacheControl: string | null }> {
    const response = await fetch(`${t.hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.credential}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: JSON.parse(text) as unknown,
      text,
      cacheControl: response.headers.get('cache-control'),
    };
  }

  async function registry(asUser = admin()): Promise<RegistryReply> {
    const answer = await adminPost(ADMIN_PATHS.registry, dept, { actorUserId: asUser });
    expect(answer.status).toBe(200);
    return registryReplySchema.parse(answer.body);
  }

  async function adminActor(): Promise<AdminActor> {
    const actor = await authorizeAdmin(t.hub.db, deptDevice, admin());
    if (!actor.ok) throw new Error(actor.reason);
    return actor.value;
  }

  beforeAll(async () => {
    t = await districtHub(kind);
    const db = t.hub.db;
    await addOffice(
      db,
      {
        districtCode: DISTRICT_CODE,
        code: DEPARTMENT,
        kind: 'district',
        nameKk: 'Бөлім',
        nameRu: 'Отдел',
      },
      'admin',
    );
    await addDistrict(db, { code: OTHER_DISTRICT, nameKk: 'Зеренді', nameRu: 'Зеренда' }, 'admin');
    for (const [code, officeKind] of [
      [OTHER_DEPARTMENT, 'district'],
      [OTHER_OKRUG, 'akimat'],
    ] as const) {
      await addOffice(
        db,
        { districtCode: OTHER_DISTRICT, code, kind: officeKind, nameKk: code, nameRu: code },
        'admin',
      );
    }
    dept = await enrolledDesk(t.hub, DEPARTMENT);
    okrugA = await enrolledDesk(t.hub, OKRUG_A);
    otherDept = await enrolledDesk(t.hub, OTHER_DEPARTMENT);
    deptDevice = await deviceOf(dept);
    okrugADevice = await deviceOf(okrugA);
    otherDeptDevice = await deviceOf(otherDept);
    await registerPeople(
      dept,
      [
        { userId: head(), role: 'districtHead' },
        { userId: person(dept, 'districtSpecialist'), role: 'districtSpecialist' },
        { userId: admin(), role: 'admin' },
        { userId: person(dept, 'admin', '-lapsed'), role: 'admin' },
      ],
      [person(dept, 'admin', '-lapsed')],
    );
    await registerPeople(okrugA, [
      { userId: person(okrugA, 'akim'), role: 'akim' },
      { userId: person(okrugA, 'admin'), role: 'admin' },
    ]);
    await registerPeople(otherDept, [
      { userId: person(otherDept, 'districtHead'), role: 'districtHead' },
      { userId: person(otherDept, 'admin'), role: 'admin' },
    ]);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('an akimat’s desk is refused, even for its akim and its admin', async () => {
    for (const userId of [person(okrugA, 'akim'), person(okrugA, 'admin')]) {
      expect(await authorizeAdmin(t.hub.db, okrugADevice, userId)).toEqual({
        ok: false,
        reason: 'hub:admin.notDistrictDesk',
      });
    }
    const answer = await adminPost(ADMIN_PATHS.registry, okrugA, {
      actorUserId: person(okrugA, 'akim'),
    });
    expect(answer).toMatchObject({
      status: 403,
      body: { code: 'hub:admin.notDistrictDesk' },
      cacheControl: 'no-store',
    });
  });

  test('the person is who the hub’s directory says: an unknown person, a specialist, a deactivated admin, an admin of an okrug or of another district are refused', async () => {
    for (const userId of [
      person(dept, 'admin', '-not-synced-yet'),
      person(dept, 'districtSpecialist'),
      person(dept, 'admin', '-lapsed'),
      person(okrugA, 'admin'),
      person(otherDept, 'admin'),
      person(otherDept, 'districtHead'),
    ]) {
      expect(await authorizeAdmin(t.hub.db, deptDevice, userId), userId).toEqual({
        ok: false,
        reason: 'hub:admin.notAdmin',
      });
    }
    for (const path of Object.values(ADMIN_PATHS)) {
      const answer = await adminPost(path, dept, {
        actorUserId: person(dept, 'districtSpecialist'),
        ...(path === ADMIN_PATHS.addOffice ? { code: 'QQQ09', nameKk: 'Q', nameRu: 'Q' } : {}),
        ...(path === ADMIN_PATHS.enrollmentCode ? { officeId: 'office-kzl01' } : {}),
        ...(path === ADMIN_PATHS.revokeDevice ? { deviceId: okrugA.deviceId } : {}),
      });
      expect(answer, path).toMatchObject({ status: 403, body: { code: 'hub:admin.notAdmin' } });
    }
    // Nothing of the refused requests was done.
    const { rows } = await t.hub.db.query<{ n: string }>(
      `select count(*)::text as n from registry_log where actor like 'user:%'`,
    );
    expect(rows[0]?.n).toBe('0');
    expect((await registry()).offices.map((o) => o.code)).not.toContain('QQQ09');
  });

  test('the district head and the admin are served; the registry is the district’s alone, with no code or digest', async () => {
    for (const userId of [head(), admin()]) {
      expect(await authorizeAdmin(t.hub.db, deptDevice, userId)).toEqual({
        ok: true,
        value: {
          device: deptDevice,
          userId,
          logActor: `user:${userId}@device:${dept.deviceId}`,
        },
      });
    }
    // The other district's head is served on their own desk, for their own district.
    expect(
      (await authorizeAdmin(t.hub.db, otherDeptDevice, person(otherDept, 'districtHead'))).ok,
    ).toBe(true);
    const reply = await registry(head());
    expect(reply.districtId).toBe(DISTRICT_CODE);
    expect(reply.thisDeviceId).toBe(dept.deviceId);
    expect(reply.offices.map((o) => [o.code, o.kind])).toEqual(
      expect.arrayContaining([
        [DEPARTMENT, 'district'],
        [OKRUG_A, 'akimat'],
        [OKRUG_B, 'akimat'],
      ]),
    );
    const officeIds = new Set(reply.offices.map((o) => o.id));
    expect(reply.devices.every((d) => officeIds.has(d.officeId))).toBe(true);
    expect(reply.devices.map((d) => d.id)).toEqual(
      expect.arrayContaining([dept.deviceId, okrugA.deviceId]),
    );
    expect(reply.devices.map((d) => d.id)).not.toContain(otherDept.deviceId);
    expect(reply.codes.length).toBeGreaterThan(0);
    expect(reply.codes.every((c) => officeIds.has(c.officeId))).toBe(true);
    const digests = await t.hub.db.query<{ code_hash: string }>(
      'select code_hash from enrollment_codes',
    );
    const text = JSON.stringify(reply);
    for (const { code_hash } of digests.rows) expect(text).not.toContain(code_hash);
  });

  test('an okrug’s akimat is added, as an akimat, once; a bad code is refused', async () => {
    const added = await adminPost(ADMIN_PATHS.addOffice, dept, {
      actorUserId: admin(),
      code: 'zhn03',
      nameKk: 'Жаңаталап ауылдық округі әкімінің аппараты',
      nameRu: 'Аппарат акима Жанаталапского сельского округа',
    });
    expect(added).toMatchObject({ status: 200, cacheControl: 'no-store' });
    expect(addOfficeReplySchema.parse(added.body)).toEqual({ officeId: 'office-zhn03' });
    const listed = (await registry()).offices.find((o) => o.id === 'office-zhn03');
    expect(listed).toMatchObject({ code: 'ZHN03', kind: 'akimat' });
    const again = await adminPost(ADMIN_PATHS.addOffice, dept, {
      actorUserId: admin(),
      code: 'ZHN03',
      nameKk: 'Басқа',
      nameRu: 'Другое',
    });
    expect(again).toMatchObject({ status: 403, body: { code: 'hub:registry.officeExists' } });
    const bad = await adminPost(ADMIN_PATHS.addOffice, dept, {
      actorUserId: admin(),
      code: 'ZHN-04',
      nameKk: 'Ж',
      nameRu: 'Ж',
    });
    expect(bad).toMatchObject({ status: 403, body: { code: 'hub:registry.officeCode' } });
  });

  test('a code made on the admin screen enrolls one desk, then is listed used, with that desk', async () => {
    const before = Date.now();
    const made = await adminPost(ADMIN_PATHS.enrollmentCode, dept, {
      actorUserId: admin(),
      officeId: 'office-btr02',
    });
    expect(made).toMatchObject({ status: 200, cacheControl: 'no-store' });
    const reply = enrollmentCodeReplySchema.parse(made.body);
    expect(reply.officeId).toBe('office-btr02');
    expect(reply.expiresAtMs).toBeGreaterThanOrEqual(before + 72 * 3_600_000);
    expect(reply.expiresAtMs).toBeLessThanOrEqual(Date.now() + 72 * 3_600_000);
    const listedOpen = (await registry()).codes.filter((c) => c.expiresAtMs === reply.expiresAtMs);
    expect(listedOpen).toEqual([
      expect.objectContaining({ officeId: 'office-btr02', state: 'open', usedByDevice: null }),
    ]);

    const enrolled = await enrollDevice(t.hub.db, enrollRequest(reply.code), Date.now());
    if (!enrolled.ok) throw new Error(enrolled.reason);
    expect(enrolled.reply.officeId).toBe('office-btr02');
    expect(await enrollDevice(t.hub.db, enrollRequest(reply.code), Date.now())).toEqual({
      ok: false,
      reason: 'sync:enroll.codeUsed',
    });
    const listed = await registry();
    const code = listed.codes.find((c) => c.expiresAtMs === reply.expiresAtMs);
    expect(code).toMatchObject({ state: 'used', usedByDevice: enrolled.reply.deviceId });
    expect(code?.usedAtMs).toBeGreaterThanOrEqual(before);
    expect(listed.devices.find((d) => d.id === enrolled.reply.deviceId)).toMatchObject({
      officeId: 'office-btr02',
      revokedAtMs: null,
      lastSeenAtMs: null,
    });
    expect(JSON.stringify(listed)).not.toContain(reply.code);
    expect(JSON.stringify(listed)).not.toContain(sha256Hex(reply.code));
  });

  test('a code whose hours ran out is listed expired, one still valid open', async () => {
    const nowMs = Date.now();
    const actor = await adminActor();
    const old = await makeEnrollmentCode(
      t.hub.db,
      actor,
      { actorUserId: admin(), officeId: 'office-kzl01', hours: 1 },
      nowMs - 2 * 3_600_000,
    );
    const fresh = await makeEnrollmentCode(
      t.hub.db,
      actor,
      { actorUserId: admin(), officeId: 'office-kzl01', hours: 2 },
      nowMs - 1 * 3_600_000,
    );
    if (!old.ok || !fresh.ok) throw new Error('no code');
    const { codes } = await registry();
    expect(codes.find((c) => c.expiresAtMs === old.value.expiresAtMs)).toMatchObject({
      state: 'expired',
      usedAtMs: null,
      createdAtMs: nowMs - 2 * 3_600_000,
    });
    expect(codes.find((c) => c.expiresAtMs === fresh.value.expiresAtMs)?.state).toBe('open');
    // Newest first.
    const created = codes.map((c) => c.createdAtMs);
    expect(created).toEqual([...created].sort((x, y) => y - x));
    expect(await enrollDevice(t.hub.db, enrollRequest(old.value.code), nowMs)).toEqual({
      ok: false,
      reason: 'sync:enroll.codeExpired',
    });
  });

  test('scope: another district’s office and desk are unknown, as is a desk that never was', async () => {
    const code = await adminPost(ADMIN_PATHS.enrollmentCode, dept, {
      actorUserId: admin(),
      officeId: `office-${OTHER_OKRUG.toLowerCase()}`,
    });
    expect(code).toMatchObject({ status: 403, body: { code: 'hub:registry.officeUnknown' } });
    for (const deviceId of [otherDept.deviceId, 'no-such-device']) {
      const revoked = await adminPost(ADMIN_PATHS.revokeDevice, dept, {
        actorUserId: admin(),
        deviceId,
      });
      expect(revoked).toMatchObject({ status: 403, body: { code: 'hub:registry.deviceUnknown' } });
    }
    // The other district's desk still syncs.
    expect((await post(t.hub, '/v1/pull', otherDept.credential, pullRequest('', 10))).status).toBe(
      200,
    );
  });

  test('the desk the admin is using cannot be revoked; another desk of the district is, once', async () => {
    const own = await adminPost(ADMIN_PATHS.revokeDevice, dept, {
      actorUserId: head(),
      deviceId: dept.deviceId,
    });
    expect(own).toMatchObject({ status: 403, body: { code: 'hub:admin.ownDevice' } });
    const spare = await enrolledDesk(t.hub, OKRUG_B);
    const before = Date.now();
    const revoked = await adminPost(ADMIN_PATHS.revokeDevice, dept, {
      actorUserId: head(),
      deviceId: spare.deviceId,
    });
    expect(revoked).toMatchObject({ status: 200, cacheControl: 'no-store' });
    expect(revokeDeviceReplySchema.parse(revoked.body)).toEqual({ deviceId: spare.deviceId });
    expect(await post(t.hub, '/v1/pull', spare.credential, pullRequest('', 10))).toEqual({
      status: 401,
      body: { code: 'sync:errors.deviceRevoked' },
    });
    const again = await adminPost(ADMIN_PATHS.revokeDevice, dept, {
      actorUserId: head(),
      deviceId: spare.deviceId,
    });
    expect(again).toMatchObject({ status: 403, body: { code: 'hub:registry.deviceUnknown' } });
    const listed = (await registry()).devices.find((d) => d.id === spare.deviceId);
    expect(listed?.revokedAtMs).toBeGreaterThanOrEqual(before);
    // The admin's own desk still works.
    expect((await registry()).thisDeviceId).toBe(dept.deviceId);
  });

  test('registry_log names the person and the desk of every change', async () => {
    const { rows } = await t.hub.db.query<{ actor: string; action: string; subject: string }>(
      `select actor, action, subject from registry_log where actor like 'user:%' order by seq`,
    );
    const byAdmin = `user:${admin()}@device:${dept.deviceId}`;
    const byHead = `user:${head()}@device:${dept.deviceId}`;
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor: byAdmin, action: 'office.add', subject: `${DISTRICT_CODE}/office-zhn03` },
        { actor: byAdmin, action: 'enrollment.code', subject: `${DISTRICT_CODE}/office-btr02` },
        { actor: byAdmin, action: 'enrollment.code', subject: `${DISTRICT_CODE}/office-kzl01` },
        { actor: byHead, action: 'device.revoke', subject: expect.any(String) as string },
      ]),
    );
    expect(rows.every((r) => r.actor === byAdmin || r.actor === byHead)).toBe(true);
    const revokedBy = await t.hub.db.query<{ revoked_by: string }>(
      'select revoked_by from devices where revoked_at is not null',
    );
    expect(revokedBy.rows.map((r) => r.revoked_by)).toEqual([byHead]);
  });

  test('a desk’s last sync is noted by a real pull and push over HTTP, at most once a minute', async () => {
    const lastSeen = async (desk: Desk) =>
      (await registry()).devices.find((d) => d.id === desk.deviceId)?.lastSeenAtMs;
    const puller = await enrolledDesk(t.hub, OKRUG_B);
    const pusher = await enrolledDesk(t.hub, OKRUG_B);
    expect(await lastSeen(puller)).toBeNull();
    expect(await lastSeen(pusher)).toBeNull();

    const beforePull = Date.now();
    await pullAll(t.hub, puller);
    const pulledAt = await lastSeen(puller);
    expect(pulledAt).toBeGreaterThanOrEqual(beforePull);
    expect(pulledAt).toBeLessThanOrEqual(Date.now());
    const beforePush = Date.now();
    expect(await push(t.hub, pusher, [])).toEqual([]);
    const pushedAt = await lastSeen(pusher);
    expect(pushedAt).toBeGreaterThanOrEqual(beforePush);
    expect(pushedAt).toBeLessThanOrEqual(Date.now());

    // Within the minute the row is not written again; after it, it is.
    await pullAll(t.hub, puller);
    expect(await lastSeen(puller)).toBe(pulledAt);
    const seen = pulledAt ?? 0;
    await markDeviceSeen(t.hub.db, puller.deviceId, seen + 59_000);
    expect(await lastSeen(puller)).toBe(seen);
    await markDeviceSeen(t.hub.db, puller.deviceId, seen + 61_000);
    expect(await lastSeen(puller)).toBe(seen + 61_000);
    // An earlier time never moves it back.
    await markDeviceSeen(t.hub.db, puller.deviceId, seen);
    expect(await lastSeen(puller)).toBe(seen + 61_000);
  });

  test('a bad body gets 400 `{ code }`, never an echo; no credential gets 401', async () => {
    const marker = 'ECHO-950101300123';
    const bodies: unknown[] = [
      { actorUserId: admin(), extra: marker },
      `{"actorUserId": "${marker}`,
      { actorUserId: '' },
      [marker],
    ];
    for (const body of bodies) {
      const answer = await adminPost(ADMIN_PATHS.registry, dept, body);
      expect(answer, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { code: 'sync:errors.badBody' },
        cacheControl: 'no-store',
      });
      expect(answer.text).not.toContain(marker);
    }
    for (const [path, body] of [
      [ADMIN_PATHS.enrollmentCode, { actorUserId: admin(), officeId: 'office-kzl01', hours: 0 }],
      [ADMIN_PATHS.enrollmentCode, { actorUserId: admin(), officeId: 'office-kzl01', hours: 721 }],
      [ADMIN_PATHS.addOffice, { actorUserId: admin(), code: marker, nameKk: ' ', nameRu: 'Р' }],
      [ADMIN_PATHS.revokeDevice, { actorUserId: admin() }],
    ] as const) {
      const answer = await adminPost(path, dept, body);
      expect(answer, path).toMatchObject({ status: 400, body: { code: 'sync:errors.badBody' } });
      expect(answer.text).not.toContain(marker);
    }
    // A control character (NUL, which PostgreSQL text cannot hold) is refused as a bad body, not
    // failed on.
    const nul = (text: string) => `${text}\u0000${marker}`;
    for (const [path, body] of [
      [ADMIN_PATHS.registry, { actorUserId: nul(admin()) }],
      [ADMIN_PATHS.addOffice, { actorUserId: admin(), code: nul('Q'), nameKk: 'Q', nameRu: 'Q' }],
      [ADMIN_PATHS.addOffice, { actorUserId: admin(), code: 'QQ1', nameKk: nul('Q'), nameRu: 'Q' }],
      [ADMIN_PATHS.enrollmentCode, { actorUserId: admin(), officeId: nul('office-kzl01') }],
      [ADMIN_PATHS.revokeDevice, { actorUserId: admin(), deviceId: nul(okrugA.deviceId) }],
    ] as const) {
      const answer = await adminPost(path, dept, body);
      expect(answer, path).toMatchObject({ status: 400, body: { code: 'sync:errors.badBody' } });
      expect(answer.text).not.toContain(marker);
    }
    const tooLarge = await adminPost(ADMIN_PATHS.registry, dept, {
      actorUserId: admin(),
      padding: 'x'.repeat(8 * 1024),
    });
    expect(tooLarge).toMatchObject({ status: 413, cacheControl: 'no-store' });
    const anonymous = await fetch(`${t.hub.url}${ADMIN_PATHS.registry}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actorUserId: admin() }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: 'sync:errors.unknownDevice' });
  });
});
