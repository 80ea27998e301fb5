// R-DEC-2 (003:49) end to end at the hub: a case pushed by the akimat and the district department's
// desks through POST /v1/push, up to the district head's signed result (a real P-256 signature), is
// queued once in the SMS outbox, in the applicant's language, and a retried push queues nothing more.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import { addMinutes } from '../../../shared/time';
import { DATABASE_KINDS } from '../../test/databases';
import {
  caseAt,
  DISTRICT_CODE,
  districtHub,
  enrolledDesk,
  newSigner,
  OKRUG_A,
  push,
  staffOf,
  STAFF_REGISTERED_AT,
  travelling,
  userOf,
  type Desk,
  type Signer,
  type TestHub,
} from '../../test/desks';
import { addOffice } from '../registry/registry';
import { queueSignedResults } from './outbox';

/** The district department's people as its desk registers them: the head with a key, a specialist. */
function districtStaffOf(desk: Desk, headKey: Signer): DirectoryEvent[] {
  const { officeId, districtId } = desk;
  const head = userOf(officeId, 'districtHead');
  const at = (event: DirectoryEvent): DirectoryEvent => ({
    ...event,
    actor: { ...event.actor, officeId, districtId, deviceId: desk.deviceId },
  });
  return [
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u1`,
        counter: 1,
        userId: head,
        actorId: head,
        actorRole: 'districtHead',
        legalTime: STAFF_REGISTERED_AT,
        payload: {
          ...sampleRegistration('districtHead'),
          officeId,
          districtId,
          publicKey: headKey.publicKey,
          keyId: headKey.keyId,
        },
      }),
    ),
    at(
      sampleDirectoryEvent('UserRegistered', {
        id: `${officeId}-u2`,
        counter: 2,
        userId: userOf(officeId, 'districtSpecialist'),
        actorId: head,
        actorRole: 'districtHead',
        legalTime: addMinutes(STAFF_REGISTERED_AT, 1),
        payload: { ...sampleRegistration('districtSpecialist'), officeId, districtId },
      }),
    ),
  ];
}

describe.each(DATABASE_KINDS)('pushed signed results reach the SMS outbox on %s', (kind) => {
  let t: TestHub;
  let a: Desk;
  let district: Desk;
  let headKey: Signer;

  beforeAll(async () => {
    t = await districtHub(kind);
    const added = await addOffice(
      t.hub.db,
      {
        districtCode: DISTRICT_CODE,
        code: 'AKKD',
        kind: 'district',
        nameKk: 'Ақкөл ББ',
        nameRu: 'Акколь ОЗ',
      },
      'admin',
    );
    if (!added.ok) throw new Error(added.reason);
    a = await enrolledDesk(t.hub, OKRUG_A);
    district = await enrolledDesk(t.hub, 'AKKD');
    headKey = await newSigner();
    const akimat = await push(t.hub, a, travelling('user', staffOf(a, await newSigner())));
    expect(akimat.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const dept = await push(
      t.hub,
      district,
      travelling('user', districtStaffOf(district, headKey)),
    );
    expect(dept.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('R-DEC-2: the head’s signed result, accepted by push, is queued once in the applicant’s language', async () => {
    const caseId = `${kind}-pushed`;
    const path = caseAt(a, caseId, [
      ['Registered', 'specialist'],
      ['ResolutionImposed', 'akim'],
      ['ForwardedToDistrict', 'specialist'],
      ['ReceivedByDistrict', 'districtSpecialist'],
      ['IncomeComputed', 'districtSpecialist'],
      ['DecisionMade', 'districtSpecialist', 0],
      ['ResultSigned', 'districtHead'],
    ]);
    const events: CaseEvent[] = [];
    for (const e of path) {
      if (e.type === 'Registered') {
        events.push({
          ...e,
          payload: { ...e.payload, applicant: { ...e.payload.applicant, language: 'ru' } },
        });
      } else if (e.actor.role === 'districtSpecialist' || e.actor.role === 'districtHead') {
        const actor = {
          ...e.actor,
          userId: userOf(district.officeId, e.actor.role),
          officeId: district.officeId,
          deviceId: district.deviceId,
        };
        if (e.type === 'ResultSigned') {
          const signature = await headKey.sign({ notice: 'app6', caseId });
          events.push({
            ...e,
            actor,
            payload: { documentDigest: signature.signedDigest },
            signature,
          });
        } else events.push({ ...e, actor });
      } else events.push(e);
    }
    const byAkimat = await push(t.hub, a, travelling('case', events.slice(0, 3)));
    expect(byAkimat.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const byDistrict = await push(t.hub, district, travelling('case', events.slice(3)));
    expect(byDistrict.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(await queueSignedResults(t.hub.db)).toBe(1);
    // The district desk pushes again after a lost answer: duplicates, and no second message.
    const again = await push(t.hub, district, travelling('case', events.slice(3)));
    expect(again.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await queueSignedResults(t.hub.db)).toBe(0);
    const { rows } = await t.hub.db.query<{
      event_id: string;
      office_id: string;
      language: string;
      body: string;
    }>('select event_id, office_id, language, body from sms_messages where case_id = $1', [caseId]);
    expect(rows).toEqual([
      {
        event_id: events[6]?.id,
        office_id: a.officeId,
        language: 'ru',
        body: expect.stringMatching(
          /^Акколь ОЗ: по вашему заявлению № .* принято решение об оказании социальной помощи/,
        ),
      },
    ]);
  });
});
