import { afterEach, describe, expect, test } from 'vitest';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { enrollReplySchema, SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import {
  addDistrict,
  addOffice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
} from './registry';

const devicePublicKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'LjiAHHuiJ_KncVatEgALNtw6YkyFgp4l4bnsiBA-G2g',
  y: 'a-mu7RiA-uVbsiYX3ylkJKM5FGqha-ZuT9X9Vi9iZ9w',
} as const;

describe.each(DATABASE_KINDS)('enrollment on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  /** A hub with district AKK and its okrug akimat KZL01. */
  async function districtHub(): Promise<RunningHub> {
    testDb = await freshDatabase(kind);
    hub = await startHub({
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database: testDb.config,
    });
    const district = await addDistrict(
      hub.db,
      { code: 'AKK', nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
      'admin',
    );
    expect(district.ok).toBe(true);
    const office = await addOffice(
      hub.db,
      {
        districtCode: 'AKK',
        code: 'KZL01',
        kind: 'akimat',
        nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
        nameRu: 'Аппарат акима Кызылсайского сельского округа',
      },
      'admin',
    );
    expect(office.ok).toBe(true);
    return hub;
  }

  async function code(h: RunningHub, nowMs = Date.now(), ttlHours?: number): Promise<string> {
    const made = await createEnrollmentCode(
      h.db,
      { officeCode: 'KZL01' },
      'admin',
      nowMs,
      ttlHours,
    );
    if (!made.ok) throw new Error(made.reason);
    return made.value.code;
  }

  const enroll = (h: RunningHub, body: unknown) =>
    fetch(`${h.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const request = (enrollmentCode: string) => ({
    protocol: SYNC_PROTOCOL_VERSION,
    code: enrollmentCode,
    devicePublicKey,
    deviceAgreementKey: devicePublicKey,
  });

  const whoAmI = (h: RunningHub, credential: string) =>
    fetch(`${h.url}/v1/device`, { headers: { authorization: `Bearer ${credential}` } });

  test('a desk trades a one-time code for a credential of its office and the next desk number', async () => {
    const h = await districtHub();
    const response = await enroll(h, request(await code(h)));
    expect(response.status).toBe(200);
    const reply = enrollReplySchema.parse(await response.json());
    expect(reply).toMatchObject({ deviceNo: 1, officeCode: 'KZL01' });
    const me = await whoAmI(h, reply.credential);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      deviceId: reply.deviceId,
      officeId: reply.officeId,
      districtId: reply.districtId,
      deviceNo: 1,
    });
    // Who did what, when: the code and the enrollment are both on record.
    const { rows } = await h.db.query<{ action: string }>(
      'select action from registry_log order by seq',
    );
    expect(rows.map((r) => r.action)).toEqual([
      'district.add',
      'office.add',
      'enrollment.code',
      // The district's first desk: the hub makes its keys for sync files.
      'fileKeys.create',
      'device.enroll',
    ]);
  });

  test('a used code is refused, and so is an expired or an unknown one', async () => {
    const h = await districtHub();
    const once = await code(h);
    expect((await enroll(h, request(once))).status).toBe(200);
    const again = await enroll(h, request(once));
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ code: 'sync:enroll.codeUsed' });

    const stale = await code(h, Date.now() - 73 * 3_600_000, 72);
    const expired = await enroll(h, request(stale));
    expect(await expired.json()).toEqual({ code: 'sync:enroll.codeExpired' });

    const unknown = await enroll(h, request('K7QM-2WXP-9HTR-C3DF'));
    expect(await unknown.json()).toEqual({ code: 'sync:enroll.codeUnknown' });
  });

  test('two desks racing with one code: exactly one enrolls', async () => {
    const h = await districtHub();
    const shared = await code(h);
    const results = await Promise.all([
      enrollDevice(h.db, request(shared), Date.now()),
      enrollDevice(h.db, request(shared), Date.now()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'sync:enroll.codeUsed' });
  });

  test('a reinstalled laptop gets a new number, never one given before, even after a revocation', async () => {
    const h = await districtHub();
    const first = enrollReplySchema.parse(await (await enroll(h, request(await code(h)))).json());
    const second = enrollReplySchema.parse(await (await enroll(h, request(await code(h)))).json());
    expect([first.deviceNo, second.deviceNo]).toEqual([1, 2]);
    expect(await revokeDevice(h.db, second.deviceId, 'admin', Date.now())).toEqual({
      ok: true,
      value: null,
    });
    const reinstalled = enrollReplySchema.parse(
      await (await enroll(h, request(await code(h)))).json(),
    );
    expect(reinstalled.deviceNo).toBe(3);
  });

  test('a revoked device is refused at once and told so', async () => {
    const h = await districtHub();
    const reply = enrollReplySchema.parse(await (await enroll(h, request(await code(h)))).json());
    expect((await whoAmI(h, reply.credential)).status).toBe(200);
    await revokeDevice(h.db, reply.deviceId, 'admin', Date.now());
    const refused = await whoAmI(h, reply.credential);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 'sync:errors.deviceRevoked' });
    const stranger = await whoAmI(h, 'x'.repeat(43));
    expect(await stranger.json()).toEqual({ code: 'sync:errors.unknownDevice' });
  });

  test('a desk of another protocol is told which side must update; a bad body gets a code, no echo', async () => {
    const h = await districtHub();
    const newer = await enroll(h, {
      ...request(await code(h)),
      protocol: SYNC_PROTOCOL_VERSION + 1,
    });
    expect(newer.status).toBe(426);
    expect(await newer.json()).toEqual({ code: 'sync:protocol.hubOlder' });
    const older = await enroll(h, { ...request(await code(h)), protocol: 0 });
    expect(await older.json()).toEqual({ code: 'sync:protocol.updateDesk' });
    const bad = await enroll(h, { protocol: SYNC_PROTOCOL_VERSION, code: 'Сейітова 850315400124' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text)).toEqual({ code: 'sync:errors.badBody' });
    expect(text).not.toContain('850315400124');
  });
});
