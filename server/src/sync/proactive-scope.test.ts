// Proactive assistance at the hub (R-PRO-1, 003:30; issue 9 §12): the district department opens a
// case for a recipient of an okrug, and the case is that okrug's: its akimat's desk pulls it, another
// okrug's does not, and an okrug outside the district is refused.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import { samplePath } from '../../../shared/case/testing';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import { DATABASE_KINDS } from '../../test/databases';
import {
  DISTRICT_CODE,
  districtHub,
  enrolledDesk,
  idOf,
  newSigner,
  OKRUG_A,
  OKRUG_B,
  pullAll,
  push,
  STAFF_REGISTERED_AT,
  travelling,
  userOf,
  type Desk,
  type TestHub,
} from '../../test/desks';
import { addMinutes } from '../../../shared/time';
import { officeIdFor } from '../../../shared/office';
import { addDistrict, addOffice } from '../registry/registry';

const DEPARTMENT = 'AKK00';
/** An akimat of another district. */
const OTHER_OKRUG = 'ZRD07';

describe.each(DATABASE_KINDS)('proactive cases of an okrug on %s', (kind) => {
  let t: TestHub;
  let dept: Desk;
  let a: Desk;
  let b: Desk;

  beforeAll(async () => {
    t = await districtHub(kind);
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
    await addDistrict(t.hub.db, { code: 'ZRD', nameKk: 'Зеренді', nameRu: 'Зеренда' }, 'admin');
    await addOffice(
      t.hub.db,
      { districtCode: 'ZRD', code: OTHER_OKRUG, kind: 'akimat', nameKk: 'ЗРД', nameRu: 'ЗРД' },
      'admin',
    );
    dept = await enrolledDesk(t.hub, DEPARTMENT);
    a = await enrolledDesk(t.hub, OKRUG_A);
    b = await enrolledDesk(t.hub, OKRUG_B);
    const head = userOf(dept.officeId, 'districtHead');
    const headKey = await newSigner();
    const registration = (role: 'districtHead' | 'districtSpecialist') => ({
      ...sampleRegistration(role),
      officeId: dept.officeId,
      districtId: dept.districtId,
    });
    const people: DirectoryEvent[] = [
      sampleDirectoryEvent('UserRegistered', {
        id: 'pro-u1',
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
        id: 'pro-u2',
        counter: 2,
        userId: userOf(dept.officeId, 'districtSpecialist'),
        actorId: head,
        actorRole: 'districtHead',
        legalTime: addMinutes(STAFF_REGISTERED_AT, 1),
        payload: registration('districtSpecialist'),
      }),
    ].map((e) => ({
      ...e,
      actor: {
        ...e.actor,
        officeId: dept.officeId,
        districtId: dept.districtId,
        deviceId: dept.deviceId,
      },
    }));
    const receipts = await push(t.hub, dept, travelling('user', people));
    expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
  afterAll(async () => {
    await t.stop();
  });

  /** A proactive case the department's specialist opens for `officeId`, and decides. */
  function proactiveCase(caseId: string, officeId: string): CaseEvent[] {
    return samplePath([
      ['ProactiveCaseOpened', 'districtSpecialist'],
      ['DecisionMade', 'districtSpecialist', 0],
    ]).map((e) => ({
      ...e,
      id: `${caseId}-${e.id}`,
      caseId,
      ...(e.type === 'ProactiveCaseOpened' ? { payload: { ...e.payload, officeId } } : {}),
      actor: {
        ...e.actor,
        userId: userOf(dept.officeId, 'districtSpecialist'),
        officeId: dept.officeId,
        districtId: dept.districtId,
        deviceId: dept.deviceId,
      },
    })) as CaseEvent[];
  }

  test('R-PRO-1: okrug A’s desk pulls the proactive case opened for it; okrug B’s does not', async () => {
    const events = proactiveCase('pro-a1', a.officeId);
    const receipts = await push(t.hub, dept, travelling('case', events));
    expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const { rows } = await t.hub.db.query<{ office_id: string }>(
      'select distinct office_id from hub_events where stream_id = $1',
      ['pro-a1'],
    );
    expect(rows.map((r) => r.office_id)).toEqual([a.officeId]);
    const caseIds = (pulled: Awaited<ReturnType<typeof pullAll>>) =>
      pulled.filter((e) => e.stream === 'case').map((e) => idOf(e.event));
    expect(caseIds(await pullAll(t.hub, a))).toEqual(events.map((e) => e.id));
    expect(caseIds(await pullAll(t.hub, b))).toEqual([]);
    // The department's other laptop sees every case of its district.
    const deptLaptop = await enrolledDesk(t.hub, DEPARTMENT);
    expect(caseIds(await pullAll(t.hub, deptLaptop))).toEqual(events.map((e) => e.id));
  });

  test('R-PRO-1: one batch of cases for two okrugs: each okrug pulls its own', async () => {
    const forA = [...proactiveCase('pro-a2', a.officeId), ...proactiveCase('pro-a3', a.officeId)];
    const forB = proactiveCase('pro-b1', b.officeId);
    const receipts = await push(t.hub, dept, travelling('case', [...forA, ...forB]));
    expect(receipts.every((r) => r.status === 'accepted')).toBe(true);
    const caseIds = async (desk: Desk) =>
      new Set(
        (await pullAll(t.hub, desk))
          .filter((e) => e.stream === 'case')
          .map((e) => (e.event as CaseEvent).caseId),
      );
    expect(await caseIds(a)).toEqual(new Set(['pro-a1', 'pro-a2', 'pro-a3']));
    expect(await caseIds(b)).toEqual(new Set(['pro-b1']));
  });

  test('R-PRO-1: a proactive case for an office that is no akimat of the district (unknown, of another district) is refused', async () => {
    for (const [caseId, officeId] of [
      ['pro-x1', 'office-zzz99'],
      ['pro-x2', officeIdFor(OTHER_OKRUG)],
    ] as const) {
      const [opening] = proactiveCase(caseId, officeId);
      if (!opening) throw new Error('no opening');
      const receipts = await push(t.hub, dept, travelling('case', [opening]));
      expect(receipts).toEqual([
        { id: opening.id, status: 'rejected', reason: 'sync:reject.outOfScope' },
      ]);
    }
  });
});
