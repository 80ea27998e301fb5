// The akim route closed by sync (issue 9), in Node: an akimat desk and a district department's desk,
// each its own database written by its own commands, and a real hub on PostgreSQL between them.
// What it shows:
// - The akimat registers three cases offline, the akim resolves them and signs a covering register,
//   the specialist forwards it, and the desk syncs.
// - The district desk pulls the district's cases, receives the register (one event a case), computes
//   each family's per-capita income (shared/income), grants one, refuses one through the whole
//   hearing of seed 003 (notice, oral objection, protocol, familiarization, remarks: 003:38-47), and
//   returns the third for a missing document; a refusal before the windows close is refused on the
//   desk and again at the hub; the head signs both results with the PIN.
// - The hub queues an SMS notice for each signed result of an applicant in the mobile citizens'
//   database (003:49), in the applicant's language.
// - The akimat syncs, sees both signed results, verifies the head's signatures on them (the hub gives
//   an akimat the district heads' directory events; the notice names the department), takes them
//   back and issues them; the returned case is
//   the akimat's again. At the end the hub's, the akimat's and the district's state hashes are equal
//   (each over its own scope) and are printed so they can be quoted.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor, CaseEventType, PayloadOf } from '../../shared/case';
import { createWorkingCalendar } from '../../shared/calendar';
import type { Due } from '../../shared/deadlines';
import { computePerCapitaIncome, defaultIncomePeriod } from '../../shared/income';
import { RESULT_ARRIVED_STEP, resultArrivalDue } from '../../shared/schedule';
import { signCanonical } from '../../shared/signing';
import { createHubClient } from '../../shared/sync';
import {
  appendEvent,
  caseEventsOf,
  createRegister,
  forwardRegister,
  isSignedCaseEvent,
  loadCase,
  loadHubLink,
  loadRegisterDocument,
  loadToday,
  signAsRegisteredUser,
  signRegister,
  unlockSigningKey,
  verifySignedCaseEvent,
  type ActContext,
  type DeskDatabase,
} from '../../renderer/src/db';
import { receiveRegister, inboundQueue } from '../../renderer/src/db/district-commands';
import { signedDocuments } from '../../renderer/src/features/documents/signature-check';
import {
  recordResultSignature,
  resultDocumentOf,
} from '../../renderer/src/db/result-sign-commands';
import { hubTimesOf } from '../../renderer/src/db/hub-times';
import { loadOfficeProfile } from '../../renderer/src/db/office-repository';
import { localDateTimeAt } from '../../renderer/src/platform';
import { deskCaseStateHash } from '../../renderer/src/db/sync-commands';
import { readHubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice } from '../../server/src/registry/registry';
import { queueSignedResults } from '../../server/src/sms/outbox';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import {
  hubStateHash,
  joinHub,
  registerCase,
  resolveCase,
  setUpDesk,
  setUpDistrictDesk,
  AKIM_PIN,
  DISTRICT_HEAD_PIN,
  type Desk,
  type DistrictDesk,
} from '../support/sync-desks';

const DISTRICT = 'AKK';
const AKIMAT = 'KZL01';
const DEPARTMENT = 'AKK00';

const calendar = createWorkingCalendar();
let cluster: ThrowawayCluster;
let hub: RunningHub;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  hub = await startHub({
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
    database: { kind: 'postgresql', url: cluster.url },
  });
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  await addOffice(
    hub.db,
    { districtCode: DISTRICT, code: AKIMAT, kind: 'akimat', nameKk: AKIMAT, nameRu: AKIMAT },
    'admin',
  );
  await addOffice(
    hub.db,
    {
      districtCode: DISTRICT,
      code: DEPARTMENT,
      kind: 'district',
      nameKk: 'Бөлім',
      nameRu: 'Отдел',
    },
    'admin',
  );
});

afterAll(async () => {
  for (const d of databases) await d.delete();
  await hub?.stop();
  await cluster?.stop();
});

/**
 * An act at a legal time. The district's steps run on 7–15 December 2026: working days but for the
 * weekend of the 12th and 13th (Independence Day is the 16th), after the desks' keys were registered
 * (now), so every signature verifies against a key registered before it.
 */
function at(actor: Actor, legalTime: string): ActContext {
  return { actor, legalTime, nowMs: Date.now(), newId: () => crypto.randomUUID() };
}

async function act<T extends CaseEventType>(
  desk: { db: DeskDatabase },
  actor: Actor,
  legalTime: string,
  caseId: string,
  type: T,
  payload: PayloadOf<T>,
) {
  return appendEvent(desk.db, { caseId, type, payload }, at(actor, legalTime));
}

async function sync(desk: Desk | DistrictDesk): Promise<void> {
  expect(await desk.engine.syncNow()).toMatchObject({ ok: true });
}

describe('the akim route closed by sync: akimat desk, district desk and a hub on PostgreSQL', () => {
  test('forward, receive, compute, grant, hear and refuse, return, sign, notify by SMS, issue; every state hash agrees', async () => {
    const akimat = await setUpDesk(DISTRICT, AKIMAT, 'akimat', databases);
    const district = await setUpDistrictDesk(DISTRICT, DEPARTMENT, 'district', databases);

    // The akimat, offline: three applications, the akim's resolutions, a signed covering register.
    const cases = [];
    for (const n of [1, 2, 3]) cases.push(await registerCase(akimat, n));
    for (const c of cases) await resolveCase(akimat, c.caseId);
    const profile = await loadOfficeProfile(akimat.db);
    if (!profile) throw new Error('no office');
    const numbering = { officeCode: profile.code, deviceNo: profile.deviceNo };
    const made = await createRegister(
      akimat.db,
      { id: crypto.randomUUID(), caseIds: cases.map((c) => c.caseId), numbering },
      at(akimat.specialist, '2026-12-07T09:30'),
    );
    if (!made.ok) throw new Error(made.reason);
    const registerId = made.register.id;
    const built = await loadRegisterDocument(akimat.db, registerId);
    if (!built.ok) throw new Error(built.reason);
    const unlocked = await unlockSigningKey(akimat.db, akimat.akim.userId, AKIM_PIN, Date.now());
    if (!unlocked.ok) throw new Error(unlocked.reason);
    const registerSignature = await signCanonical(crypto.subtle, unlocked.signer, built.document);
    expect(
      await signRegister(
        akimat.db,
        registerId,
        registerSignature,
        at(akimat.akim, '2026-12-07T10:00'),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await forwardRegister(akimat.db, registerId, at(akimat.specialist, '2026-12-07T11:00')),
    ).toMatchObject({ ok: true });

    // Online: the akimat pushes; the district desk joins and pulls the district's cases.
    await joinHub(akimat, hub.db, hub.url);
    akimat.link.online = true;
    await sync(akimat);
    await joinHub(district, hub.db, hub.url);
    district.link.online = true;
    await sync(district);

    const queue = await inboundQueue(district.db);
    expect(queue.map((r: { registerId: string }) => r.registerId)).toEqual([registerId]);
    const received = await receiveRegister(
      district.db,
      { registerId, incomingNumber: 'К-17' },
      at(district.specialist, '2026-12-08T09:00'),
    );
    expect(received).toMatchObject({ ok: true });
    expect(await inboundQueue(district.db)).toEqual([]);

    // R-ROUTE-2: per-capita income within a working day of receipt, from the case's application.
    const [granted, refused, returned] = cases.map((c) => c.caseId) as [string, string, string];
    for (const caseId of [granted, refused]) {
      const state = await loadCase(district.db, caseId);
      if (state.application === null || state.registrationDate === null)
        throw new Error('no application');
      const period = defaultIncomePeriod(state.application, state.registrationDate);
      const computed = computePerCapitaIncome(state.application, period);
      if (!computed.ok) throw new Error(computed.reason);
      const { familySize, totalIncomeTiyn, perCapitaIncomeTiyn } = computed.value;
      expect(familySize).toBe(1 + state.application.familyMembers.length);
      expect(
        await act(district, district.specialist, '2026-12-08T10:00', caseId, 'IncomeComputed', {
          familySize,
          totalIncomeTiyn,
          perCapitaIncomeTiyn,
          ...period,
        }),
      ).toMatchObject({ ok: true });
    }

    // A grant needs no hearing (R-HEAR-7).
    expect(
      await act(district, district.specialist, '2026-12-09T10:00', granted, 'DecisionMade', {
        outcome: 'grant',
        number: '41',
        date: '2026-12-09',
        amountTiyn: 18_500_00,
        periodFrom: '2027-01-01',
        periodTo: '2027-03-31',
      }),
    ).toMatchObject({ ok: true });

    // The refusal hearing (003:38-47): notice received the same day, oral objection, protocol.
    expect(
      await act(
        district,
        district.specialist,
        '2026-12-09T11:00',
        refused,
        'PreliminaryRefusalNoticed',
        {
          grounds: [
            {
              code: 'income-above-line',
              text: 'Жан басына шаққандағы табыс кедейлік шегінен жоғары',
            },
          ],
          noticeDate: '2026-12-09',
          receivedOn: '2026-12-09',
          hearing: { at: '2026-12-10T15:00', mode: 'video' },
        },
      ),
    ).toMatchObject({ ok: true });
    expect(
      await act(district, district.specialist, '2026-12-10T15:00', refused, 'ObjectionFiled', {
        form: 'oral',
        date: '2026-12-10',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await act(
        district,
        district.specialist,
        '2026-12-10T15:40',
        refused,
        'HearingProtocolRecorded',
        {
          date: '2026-12-10',
          number: 'Х-3',
          summary: 'Өтініш беруші жұбайының табысын даулады',
        },
      ),
    ).toMatchObject({ ok: true });
    expect(
      await act(
        district,
        district.specialist,
        '2026-12-10T16:00',
        refused,
        'ProtocolFamiliarized',
        {
          date: '2026-12-10',
        },
      ),
    ).toMatchObject({ ok: true });
    const refusal: PayloadOf<'DecisionMade'> = {
      outcome: 'refuse',
      number: '42',
      date: '2026-12-14',
      justification: 'Жан басына шаққандағы орташа табыс кедейлік шегінен асады',
      groundCodes: ['income-above-line'],
    };
    // R-HEAR-6: the remarks window (3 working days from familiarization on the 10th, to the 15th) is open and no
    // remarks are filed: the desk refuses the decision, and so does the hub (below).
    const early = await act(
      district,
      district.specialist,
      '2026-12-14T10:00',
      refused,
      'DecisionMade',
      refusal,
    );
    expect(early.ok).toBe(false);
    expect(early).toMatchObject({ reason: 'case:rejections.remarksWindowOpen' });
    // The hub asks again with its own calendar: a desk that skipped its check (an old or broken one)
    // pushes the same refusal with its own credential, and the hub refuses it for the same reason.
    await sync(district);
    const link = await loadHubLink(district.db);
    if (!link) throw new Error('not joined');
    const client = createHubClient({ baseUrl: link.url, fetch, credential: link.credential });
    const log = await caseEventsOf(district.db, refused);
    const last = log.at(-1);
    if (!last) throw new Error('no log');
    const forged = {
      ...last,
      id: crypto.randomUUID(),
      type: 'DecisionMade',
      legalTime: '2026-12-14T10:00',
      payload: refusal,
    };
    const pushed = await client.push([{ stream: 'case', event: forged }]);
    if (!pushed.ok) throw new Error(pushed.reason);
    expect(pushed.value.receipts).toEqual([
      { id: forged.id, status: 'rejected', reason: 'case:rejections.remarksWindowOpen' },
    ]);
    expect(
      await act(district, district.specialist, '2026-12-11T10:00', refused, 'RemarksFiled', {
        date: '2026-12-11',
        text: 'Жұбайының табысы уақытша',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await act(district, district.specialist, '2026-12-14T11:00', refused, 'DecisionMade', {
        ...refusal,
        date: '2026-12-14',
        remarksConsideration: 'Ескертулер қаралды, табыс тұрақты',
      }),
    ).toMatchObject({ ok: true });

    // The third goes back to the akimat for a missing document (R-ROUTE-6).
    expect(
      await act(
        district,
        district.specialist,
        '2026-12-08T11:00',
        returned,
        'ReturnedForCompletion',
        {
          missingDocuments: [{ text: 'Жұбайының табысы туралы анықтама' }],
        },
      ),
    ).toMatchObject({ ok: true });

    // The head signs both results with the PIN (R-DEC-5).
    const office = await loadOfficeProfile(district.db);
    if (!office) throw new Error('no office');
    for (const caseId of [granted, refused]) {
      const document = resultDocumentOf(await loadCase(district.db, caseId), office);
      if (!document) throw new Error('no result document');
      const made = await signAsRegisteredUser(
        district.db,
        district.head.userId,
        DISTRICT_HEAD_PIN,
        document,
        Date.now(),
      );
      if (!made.ok) throw new Error(made.reason);
      const signature = made.signature;
      const signed = await recordResultSignature(
        district.db,
        { caseId, document, signature },
        at(district.head, '2026-12-14T14:00'),
      );
      expect(signed, JSON.stringify(signed)).toMatchObject({ ok: true });
    }
    await sync(district);

    // 003:49: one SMS a signed result of an applicant in the mobile citizens' database.
    await queueSignedResults(hub.db);
    const { rows: sms } = await hub.db.query<{ case_id: string; language: string; body: string }>(
      `select case_id, language, body from sms_messages order by case_id`,
    );
    expect(sms.map((m) => m.case_id).sort()).toEqual([granted, refused].sort());

    // The akimat syncs: both results signed, the third back at the akimat.
    await sync(akimat);
    expect((await loadCase(akimat.db, granted)).stage).toBe('signed');
    expect((await loadCase(akimat.db, refused)).stage).toBe('signed');
    expect((await loadCase(akimat.db, returned)).stage).toBe('returnedForCompletion');
    // R-DEC-5 on the akimat's desk: each signed result verifies against the head's key (the hub gave
    // the akimat the head's directory events) over the notice rebuilt with the office the event
    // carries (the department's, not the akimat's), exactly as the head signed it.
    for (const caseId of [granted, refused]) {
      const state = await loadCase(akimat.db, caseId);
      const event = state.events.find(isSignedCaseEvent);
      if (!event) throw new Error('no ResultSigned at the akimat');
      const verdict = await verifySignedCaseEvent(akimat.db, state, event, signedDocuments([]));
      expect(verdict, JSON.stringify(verdict)).toMatchObject({
        ok: true,
        key: { userId: district.head.userId },
        content: resultDocumentOf(state, office),
      });
    }
    // Issue 9 §8: on the akimat specialist's today list each arrived result waits to be taken back
    // and announced, due from the hub's receipt of the head's ResultSigned (the time the pull kept).
    const arrivals = new Map<string, Due>();
    for (const caseId of [granted, refused]) {
      const signedEvent = (await loadCase(akimat.db, caseId)).events.find(isSignedCaseEvent);
      if (!signedEvent) throw new Error('no ResultSigned');
      const receivedMs = (await hubTimesOf(akimat.db, caseId, [signedEvent.id]))[signedEvent.id];
      if (receivedMs === undefined) throw new Error('no hub time for the signed result');
      arrivals.set(caseId, resultArrivalDue(localDateTimeAt(receivedMs), calendar));
    }
    const arrivalDay = [...arrivals.values()].map((d) => (d.kind === 'date' ? d.date : ''))[0];
    const todayAtArrival = await loadToday(
      akimat.db,
      `${arrivalDay ?? ''}T10:00`,
      'specialist',
      calendar,
    );
    expect(
      todayAtArrival
        .filter((e) => e.item.stepId === RESULT_ARRIVED_STEP)
        .map((e) => [e.row.id, e.item.status, e.item.due])
        .sort(),
    ).toEqual([...arrivals].map(([caseId, due]) => [caseId, 'dueToday', due]).sort());
    for (const caseId of [granted, refused]) {
      expect(
        await act(akimat, akimat.specialist, '2026-12-14T16:00', caseId, 'ReturnedToAkimat', {}),
      ).toMatchObject({ ok: true });
      expect(
        await act(akimat, akimat.specialist, '2026-12-15T10:00', caseId, 'ResultIssued', {
          date: '2026-12-15',
          way: 'inPerson',
          to: { kind: 'applicant', name: 'Сейітова Әйгерім' },
        }),
      ).toMatchObject({ ok: true });
    }
    // Issued: nothing of them is left on the akimat's today list.
    expect(
      (await loadToday(akimat.db, '2026-12-16T10:00', 'specialist', calendar)).filter(
        (e) => e.item.stepId === RESULT_ARRIVED_STEP,
      ),
    ).toEqual([]);
    await sync(akimat);
    await sync(district);

    const hubAkimat = await hubStateHash(hub.db, DISTRICT, AKIMAT);
    const hubDistrict = await hubStateHash(hub.db, DISTRICT, null);
    const akimatHash = await deskCaseStateHash(akimat.db);
    const districtHash = await deskCaseStateHash(district.db);
    console.log(
      `district loop state hashes: hub/akimat ${hubAkimat.hash}, akimat ${akimatHash}; hub/district ${hubDistrict.hash}, district ${districtHash}`,
    );
    expect(akimatHash).toBe(hubAkimat.hash);
    expect(districtHash).toBe(hubDistrict.hash);
    expect((await loadCase(district.db, granted)).stage).toBe('issued');
  });
});
