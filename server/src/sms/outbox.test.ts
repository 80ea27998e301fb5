// The hub's SMS outbox (R-DEC-2, 003:49) on both database kinds: one message per signed result whose
// applicant is in the mobile citizens' database, in the applicant's language; the outbox adapter and
// the HTTP adapter against a real fake gateway (an HTTP server in the test); and the outbox route's
// scope (a district department sees its district, an akimat its own office only).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Applicant, CaseEvent } from '../../../shared/case';
import type { SampleStep } from '../../../shared/case/testing';
import { smsOutboxReplySchema } from '../../../shared/sync/sms';
import { DATABASE_KINDS } from '../../test/databases';
import {
  caseAt,
  DISTRICT_CODE,
  districtHub,
  enrolledDesk,
  OKRUG_A,
  OKRUG_B,
  type Desk,
  type TestHub,
} from '../../test/desks';
import { addOffice } from '../registry/registry';
import { httpGateway, outboxGateway } from './gateway';
import { queueSignedResults, sendDue } from './outbox';
import { startSmsSender, type SmsSenderLog } from './sender';

// The hub's own logger is a sender log: hub.ts hands `app.log` to startSmsSender.
const _hubLogFits = (log: FastifyBaseLogger): SmsSenderLog => log;

const DISTRICT_OFFICE = 'AKKD';
const DISTRICT_NAMES = {
  kk: 'Ақкөл ауданының жұмыспен қамту бөлімі',
  ru: 'Отдел занятости Аккольского района',
};

const TO_SIGNING: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
  ['IncomeComputed', 'districtSpecialist'],
  ['DecisionMade', 'districtSpecialist', 0],
  ['ResultSigned', 'districtHead'],
];

/** A case of `desk`'s office up to the head's signature, the district's steps made at the district. */
function signedCase(
  desk: Desk,
  district: Desk,
  caseId: string,
  applicant: Partial<Applicant>,
  steps: readonly SampleStep[] = TO_SIGNING,
): CaseEvent[] {
  return caseAt(desk, caseId, steps).map((e) => {
    const atDistrict = e.actor.role === 'districtSpecialist' || e.actor.role === 'districtHead';
    const moved = atDistrict
      ? {
          ...e,
          actor: { ...e.actor, officeId: district.officeId, deviceId: district.deviceId },
        }
      : e;
    return moved.type === 'Registered'
      ? {
          ...moved,
          payload: { ...moved.payload, applicant: { ...moved.payload.applicant, ...applicant } },
        }
      : moved;
  });
}

describe.each(DATABASE_KINDS)('SMS outbox on %s', (kind) => {
  let t: TestHub;
  let a: Desk;
  let b: Desk;
  let district: Desk;

  /** Stores events as the push stores accepted ones (the outbox reads the log, however they came). */
  async function store(desk: Desk, events: readonly CaseEvent[]) {
    await t.hub.db.transaction(async (tx) => {
      for (const e of events) {
        await tx.query(
          `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
           values ($1, $2, 'case', $3, $4, $5, $6::jsonb)`,
          [desk.districtId, e.id, e.caseId, desk.officeId, e.actor.deviceId, JSON.stringify(e)],
        );
      }
    });
  }

  async function messages() {
    const { rows } = await t.hub.db.query<{
      event_id: string;
      case_id: string;
      office_id: string;
      language: string;
      body: string;
      phone: string;
      state: string;
      attempts: number;
      gateway_id: string | null;
      failure: string | null;
      handed: boolean;
    }>(
      `select event_id, case_id, office_id, language, body, phone, state, attempts, gateway_id,
         failure, handed_at is not null as handed from sms_messages order by seq`,
    );
    return rows;
  }

  beforeAll(async () => {
    t = await districtHub(kind);
    const added = await addOffice(
      t.hub.db,
      {
        districtCode: DISTRICT_CODE,
        code: DISTRICT_OFFICE,
        kind: 'district',
        nameKk: DISTRICT_NAMES.kk,
        nameRu: DISTRICT_NAMES.ru,
      },
      'admin',
    );
    if (!added.ok) throw new Error(added.reason);
    a = await enrolledDesk(t.hub, OKRUG_A);
    b = await enrolledDesk(t.hub, OKRUG_B);
    district = await enrolledDesk(t.hub, DISTRICT_OFFICE);
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.hub.db.exec('delete from sms_messages');
  });

  test('R-DEC-2: a signed result of an applicant in the mobile citizens database queues one message, in their language', async () => {
    const ru = signedCase(a, district, `${kind}-ru`, { language: 'ru' });
    const kk = signedCase(b, district, `${kind}-kk`, {});
    const noSms = signedCase(a, district, `${kind}-paper`, { inMobileCitizensDb: false });
    await store(a, ru);
    await store(b, kk);
    await store(a, noSms);
    expect(await queueSignedResults(t.hub.db)).toBe(2);
    const rows = await messages();
    expect(rows.map((r) => [r.event_id, r.case_id, r.office_id, r.language, r.state])).toEqual([
      [ru[6]?.id, `${kind}-ru`, a.officeId, 'ru', 'queued'],
      [kk[6]?.id, `${kind}-kk`, b.officeId, 'kk', 'queued'],
    ]);
    expect(rows[0]?.phone).toBe('+77011234567');
    expect(rows[0]?.body).toContain(`${DISTRICT_NAMES.ru}: по вашему заявлению`);
    expect(rows[0]?.body).toContain('(№ D-12 от 21.04.2025)');
    // No language given: Kazakh, the state language.
    expect(rows[1]?.body).toContain(`${DISTRICT_NAMES.kk}: `);
    expect(rows[1]?.body).toContain('шешім қабылданды (№ D-12, 21.04.2025)');
    for (const r of rows) expect(r.body).not.toContain('850315400124');
  });

  test('a second look, or a second process starting from the beginning, queues nothing twice', async () => {
    const events = signedCase(a, district, `${kind}-once`, {});
    await store(a, events);
    expect(await queueSignedResults(t.hub.db)).toBe(1);
    expect(await queueSignedResults(t.hub.db)).toBe(0);
    // A process that lost its place looks at every signed result again: the key holds.
    // (Earlier tests' messages, cleared before this one, are queued again; this one is not.)
    await t.hub.db.exec('delete from sms_scan_cursors');
    const again = await queueSignedResults(t.hub.db);
    const rows = await messages();
    expect(rows.filter((m) => m.event_id === events[6]?.id)).toHaveLength(1);
    expect(rows).toHaveLength(again + 1);
  });

  test('a case not yet signed queues nothing; its signature later does', async () => {
    const events = signedCase(a, district, `${kind}-later`, {});
    await store(a, events.slice(0, 6));
    expect(await queueSignedResults(t.hub.db)).toBe(0);
    await store(a, events.slice(6));
    expect(await queueSignedResults(t.hub.db)).toBe(1);
  });

  test('a signed result whose case the hub cannot fold is passed over and named, not a block on the district', async () => {
    const broken = { id: `${kind}-broken-signed`, caseId: `${kind}-broken`, type: 'ResultSigned' };
    await t.hub.db.query(
      `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
       values ($1, $2, 'case', $3, $4, 'dev', $5::jsonb)`,
      [a.districtId, broken.id, broken.caseId, a.officeId, JSON.stringify(broken)],
    );
    const after = signedCase(a, district, `${kind}-after-broken`, {});
    await store(a, after);
    const unreadable: string[] = [];
    expect(await queueSignedResults(t.hub.db, (id) => unreadable.push(id))).toBe(1);
    expect(unreadable).toEqual([broken.id]);
    expect((await messages()).map((m) => m.event_id)).toEqual([after[6]?.id]);
  });

  test('the outbox adapter records each message as handed over; nothing leaves the machine', async () => {
    await store(a, signedCase(a, district, `${kind}-outbox`, {}));
    await queueSignedResults(t.hub.db);
    expect(await sendDue(t.hub.db, outboxGateway)).toEqual([{ state: 'recorded' }]);
    const [row] = await messages();
    expect(row).toMatchObject({ state: 'recorded', attempts: 1, handed: true, gateway_id: null });
    // Handed over once: nothing is due any more.
    expect(await sendDue(t.hub.db, outboxGateway)).toEqual([]);
  });

  describe('the HTTP adapter against a fake gateway', () => {
    let gateway: Server;
    let url: string;
    let script: { status: number; body?: unknown }[];
    let seen: { auth: string | undefined; key: string | undefined; body: unknown }[];

    const read = (request: IncomingMessage) =>
      new Promise<string>((resolve) => {
        let text = '';
        request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        request.on('end', () => resolve(text));
      });

    beforeAll(async () => {
      gateway = createServer((request, response) => {
        void read(request).then((text) => {
          seen.push({
            auth: request.headers.authorization,
            key: request.headers['idempotency-key'] as string | undefined,
            body: JSON.parse(text) as unknown,
          });
          const next = script.shift() ?? { status: 500 };
          response.writeHead(next.status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(next.body ?? {}));
        });
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    });
    beforeEach(() => {
      script = [];
      seen = [];
    });
    afterEach(() => {
      expect(script).toEqual([]);
    });

    const adapter = () =>
      httpGateway({ url, token: 'test-token-1', attempts: 3, backoffMs: 1, timeoutMs: 2_000 });

    async function oneMessage(caseId: string) {
      const events = signedCase(a, district, caseId, { language: 'ru' });
      await store(a, events);
      await queueSignedResults(t.hub.db);
      return events[6]?.id ?? '';
    }

    test('success: sent with the gateway’s id, posted as JSON with the bearer token', async () => {
      const id = await oneMessage(`${kind}-http-ok`);
      script = [{ status: 200, body: { id: 'gw-1' } }];
      expect(await sendDue(t.hub.db, adapter())).toEqual([
        { state: 'sent', gatewayId: 'gw-1', attempts: 1 },
      ]);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.auth).toBe('Bearer test-token-1');
      expect(seen[0]?.key).toBe(id);
      expect(seen[0]?.body).toMatchObject({ id, to: '+77011234567', language: 'ru' });
      expect((seen[0]?.body as { text: string }).text).toContain('по вашему заявлению');
      expect((await messages())[0]).toMatchObject({
        state: 'sent',
        gateway_id: 'gw-1',
        attempts: 1,
        handed: true,
      });
    });

    test('a 500, then success: tried again after a pause, sent on the second try', async () => {
      await oneMessage(`${kind}-http-retry`);
      script = [{ status: 500 }, { status: 202, body: { id: 'gw-2' } }];
      await sendDue(t.hub.db, adapter());
      expect(seen).toHaveLength(2);
      expect((await messages())[0]).toMatchObject({
        state: 'sent',
        gateway_id: 'gw-2',
        attempts: 2,
      });
    });

    test('a 401 is final: failed at once with the reason, not tried again', async () => {
      await oneMessage(`${kind}-http-401`);
      script = [{ status: 401 }];
      await sendDue(t.hub.db, adapter());
      expect(seen).toHaveLength(1);
      expect((await messages())[0]).toMatchObject({
        state: 'failed',
        failure: 'http 401',
        attempts: 1,
        handed: false,
        gateway_id: null,
      });
      expect(await sendDue(t.hub.db, adapter())).toEqual([]);
    });

    test('5xx on every try: failed after N attempts', async () => {
      await oneMessage(`${kind}-http-down`);
      script = [{ status: 503 }, { status: 502 }, { status: 500 }];
      await sendDue(t.hub.db, adapter());
      expect((await messages())[0]).toMatchObject({
        state: 'failed',
        failure: 'http 500 after 3 attempts',
        attempts: 3,
      });
    });

    test('a gateway nobody answers at: failed after N attempts as a network failure', async () => {
      await oneMessage(`${kind}-http-nobody`);
      const closed = httpGateway({
        url: 'http://127.0.0.1:9/send',
        token: 't',
        attempts: 2,
        backoffMs: 1,
      });
      await sendDue(t.hub.db, closed);
      expect((await messages())[0]).toMatchObject({
        state: 'failed',
        failure: 'network after 2 attempts',
        attempts: 2,
      });
    });
  });

  test('a message claimed by one sender is not handed over by another meanwhile', async () => {
    await store(a, signedCase(a, district, `${kind}-claim`, {}));
    await queueSignedResults(t.hub.db);
    let release: () => void = () => undefined;
    const slow = {
      kind: 'outbox' as const,
      maxDurationMs: 60_000,
      send: () =>
        new Promise<{ state: 'recorded' }>((resolve) => {
          release = () => resolve({ state: 'recorded' });
        }),
    };
    const first = sendDue(t.hub.db, slow);
    // Wait until the first sender has claimed it and is handing it over.
    for (let i = 0; i < 100 && (await messages())[0]?.state === 'queued'; i++) {
      const { rows } = await t.hub.db.query<{ claimed: boolean }>(
        'select claimed_until is not null as claimed from sms_messages',
      );
      if (rows[0]?.claimed) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await sendDue(t.hub.db, outboxGateway)).toEqual([]);
    release();
    expect(await first).toEqual([{ state: 'recorded' }]);
  });

  test('the sender loop queues and hands over on its own, and stops', async () => {
    await store(a, signedCase(a, district, `${kind}-loop`, {}));
    const logged: string[] = [];
    const sender = startSmsSender(
      t.hub.db,
      { kind: 'outbox' },
      { info: (_f, m) => logged.push(m), error: (_f, m) => logged.push(m) },
      { intervalMs: 20 },
    );
    for (let i = 0; i < 200 && (await messages())[0]?.state !== 'recorded'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await sender.stop();
    expect((await messages())[0]?.state).toBe('recorded');
    expect(logged).toContain('sms round');
  });

  describe('GET /v1/sms', () => {
    async function get(desk: Desk | null, query = '') {
      const response = await fetch(`${t.hub.url}/v1/sms${query}`, {
        headers: desk ? { authorization: `Bearer ${desk.credential}` } : {},
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }

    test('the district sees its district; an akimat only its own office; phones masked', async () => {
      await store(a, signedCase(a, district, `${kind}-route-a`, {}));
      await store(b, signedCase(b, district, `${kind}-route-b`, { language: 'ru' }));
      await queueSignedResults(t.hub.db);
      const all = smsOutboxReplySchema.parse((await get(district)).body);
      expect(all.messages.map((m) => m.caseId)).toEqual([`${kind}-route-a`, `${kind}-route-b`]);
      expect(all.messages[0]?.phoneMasked).toBe('+7 *** *** 45 67');
      expect(JSON.stringify(all)).not.toContain('+77011234567');
      const ofA = smsOutboxReplySchema.parse((await get(a)).body);
      expect(ofA.messages.map((m) => m.caseId)).toEqual([`${kind}-route-a`]);
      const ofB = smsOutboxReplySchema.parse((await get(b)).body);
      expect(ofB.messages.map((m) => m.caseId)).toEqual([`${kind}-route-b`]);
      expect(ofB.messages[0]).toMatchObject({ language: 'ru', outcome: 'grant', state: 'queued' });
    });

    test('pages by cursor', async () => {
      for (const n of [1, 2, 3]) await store(a, signedCase(a, district, `${kind}-page-${n}`, {}));
      await queueSignedResults(t.hub.db);
      const first = smsOutboxReplySchema.parse((await get(district, '?limit=2')).body);
      expect(first.messages).toHaveLength(2);
      expect(first.more).toBe(true);
      const rest = smsOutboxReplySchema.parse(
        (await get(district, `?limit=2&after=${first.cursor}`)).body,
      );
      expect(rest.messages.map((m) => m.caseId)).toEqual([`${kind}-page-3`]);
      expect(rest.more).toBe(false);
    });

    test('no credential: 401; a bad query: 400 with a code', async () => {
      expect(await get(null)).toEqual({ status: 401, body: { code: 'sync:errors.unknownDevice' } });
      expect(await get(district, '?after=abc')).toEqual({
        status: 400,
        body: { code: 'sync:errors.badBody' },
      });
      expect((await get(district, '?limit=100000')).status).toBe(400);
    });
  });
});
