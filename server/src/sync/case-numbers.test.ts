// A registration number names one case of the district (event-log.ts, 0008_case_numbers.sql): the
// hub refuses a Registered event whose number another case holds, in another push, earlier in the
// same batch, or in a push another hub process commits while this one is under way; and the migration
// that brought the rule in gave the cases already stored their numbers.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CaseEvent } from '../../../shared/case';
import type { Receipt } from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, onClient, type TestDatabase } from '../../test/databases';
import {
  caseAt,
  districtHub,
  enrolledDesk,
  newSigner,
  OKRUG_A,
  OKRUG_B,
  push,
  staffOf,
  travelling,
  type Desk,
  type TestHub,
} from '../../test/desks';
import { migrate, openDatabase, readMigrations, type HubDatabase, type Queryable } from '../db';
import { addDistrict, authenticateDevice } from '../registry/registry';
import { pushEvents } from './event-log';

/**
 * The receipts of a batch of two cases (registered, then resolved) whose first case gives a number
 * another case holds: its registration refused numberTaken, its resolution refused by the transition
 * table (it follows a registration the hub did not take), the other case taken whole.
 */
function expectNumberRefused(receipts: readonly Receipt[], refusedCase: readonly CaseEvent[]) {
  expect(receipts[0]).toEqual({
    id: refusedCase[0]?.id,
    status: 'rejected',
    reason: 'sync:reject.numberTaken',
  });
  expect(receipts[1]).toMatchObject({
    status: 'rejected',
    reason: expect.stringMatching(/^case:rejections\./),
  });
  expect(receipts.slice(2).map((r) => r.status)).toEqual(['accepted', 'accepted']);
}

/** The number a case's Registered event gives it. */
function numberOf(events: readonly CaseEvent[]): string {
  const registered = events.find((e) => e.type === 'Registered');
  if (registered?.type !== 'Registered') throw new Error('no registration');
  return registered.payload.registrationNumber;
}

/** The case's events with its Registered event giving `number` instead. */
function numbered(events: readonly CaseEvent[], number: string): CaseEvent[] {
  return events.map((e) =>
    e.type === 'Registered' ? { ...e, payload: { ...e.payload, registrationNumber: number } } : e,
  );
}

/** The cases the hub holds events of, and the case each number is held by. */
async function storedCases(db: Queryable) {
  const events = await db.query<{ stream_id: string }>(
    "select distinct stream_id from hub_events where stream = 'case' order by stream_id",
  );
  const numbers = await db.query<{ number: string; case_id: string }>(
    'select number, case_id from hub_case_numbers order by number',
  );
  return {
    cases: events.rows.map((r) => r.stream_id),
    numbers: Object.fromEntries(numbers.rows.map((r) => [r.number, r.case_id])),
  };
}

/** Okrug A's and okrug B's desks of district AKK, their people registered at the hub. */
async function twoOkrugs(hub: TestHub['hub']): Promise<{ a: Desk; b: Desk }> {
  const a = await enrolledDesk(hub, OKRUG_A);
  const b = await enrolledDesk(hub, OKRUG_B);
  for (const desk of [a, b]) {
    const receipts = await push(hub, desk, travelling('user', staffOf(desk, await newSigner())));
    expect(receipts.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  }
  return { a, b };
}

describe.each(DATABASE_KINDS)('registration numbers on %s', (kind) => {
  let testHub: TestHub;
  let a: Desk;
  let b: Desk;
  beforeAll(async () => {
    testHub = await districtHub(kind);
    ({ a, b } = await twoOkrugs(testHub.hub));
  });
  afterAll(async () => {
    await testHub.stop();
  });

  test('a number another case of the district holds is refused (numberTaken) and not stored; the rest of the batch is taken', async () => {
    const { hub } = testHub;
    const first = caseAt(a, 'taken-first');
    expect((await push(hub, a, travelling('case', first))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    // Okrug B's desk gives the same number to a case of its own: one district, one book of numbers.
    const copy = numbered(caseAt(b, 'taken-copy'), numberOf(first));
    const fresh = caseAt(b, 'taken-fresh');
    const receipts = await push(hub, b, travelling('case', [...copy, ...fresh]));
    // The copy's resolution follows a registration the hub did not take: the transition table
    // refuses it; the other case of the batch is taken whole.
    expectNumberRefused(receipts, copy);
    const stored = await storedCases(hub.db);
    expect(stored.cases).not.toContain('taken-copy');
    expect(stored.cases).toEqual(expect.arrayContaining(['taken-first', 'taken-fresh']));
    expect(stored.numbers[numberOf(first)]).toBe('taken-first');
    expect(stored.numbers[numberOf(fresh)]).toBe('taken-fresh');
  });

  test('two cases under one number in one batch: the first is taken, the second refused', async () => {
    const { hub } = testHub;
    const one = caseAt(a, 'batch-one').slice(0, 1);
    const two = numbered(caseAt(a, 'batch-two'), numberOf(one)).slice(0, 1);
    expect(await push(hub, a, travelling('case', [...one, ...two]))).toEqual([
      { id: one[0]?.id, status: 'accepted', receivedAtMs: expect.any(Number) },
      { id: two[0]?.id, status: 'rejected', reason: 'sync:reject.numberTaken' },
    ]);
    const stored = await storedCases(hub.db);
    expect(stored.cases).not.toContain('batch-two');
    expect(stored.numbers[numberOf(one)]).toBe('batch-one');
  });

  test('a registration delivered again is a duplicate, not numberTaken, in another push or the same batch', async () => {
    const { hub } = testHub;
    const events = caseAt(a, 'again');
    expect((await push(hub, a, travelling('case', events))).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    // The answer was lost; the desk pushes the batch again, its registration twice over.
    const [registered] = events;
    if (!registered) throw new Error('no registration');
    expect(await push(hub, a, travelling('case', [...events, registered]))).toEqual(
      [...events, registered].map((e) => ({ id: e.id, status: 'duplicate' })),
    );
    expect((await storedCases(hub.db)).numbers[numberOf(events)]).toBe('again');
  });
});

describe.each(DATABASE_KINDS)('the migration that brings in case numbers, on %s', (kind) => {
  let testDb: TestDatabase;
  let db: HubDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb.dispose();
  });

  test('gives the cases already stored their numbers, the first stored keeping a shared one', async () => {
    testDb = await freshDatabase(kind);
    db = await openDatabase(testDb.config);
    const migrations = await readMigrations();
    const caseNumbers = migrations.find((m) => m.name === 'case_numbers');
    if (!caseNumbers) throw new Error('no case_numbers migration');
    await migrate(
      db,
      migrations.filter((m) => m.version < caseNumbers.version),
    );
    // District AKK as the registry made it before: its partition of the log only.
    const district = await db.query<{ partition_no: number }>(
      `insert into districts (id, name_kk, name_ru, created_by)
       values ('AKK', 'Ақкөл', 'Акколь', 'admin') returning partition_no`,
    );
    await db.exec(
      `create table hub_events_p${Number(district.rows[0]?.partition_no)} partition of hub_events
       for values in ('AKK')`,
    );
    const registered = (caseId: string, number: string) => ({
      type: 'Registered',
      caseId,
      payload: { registrationNumber: number },
    });
    const rows: [string, string, object][] = [
      ['e1', 'c1', registered('c1', 'KZL01-1-0001/2025')],
      ['e2', 'c1', { type: 'ResolutionImposed', caseId: 'c1', payload: {} }],
      ['e3', 'c2', registered('c2', 'KZL01-1-0002/2025')],
      // A restored desk gave its number again before the hub checked numbers.
      ['e4', 'c3', registered('c3', 'KZL01-1-0001/2025')],
    ];
    for (const [id, caseId, body] of rows) {
      await db.query(
        `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
         values ('AKK', $1, 'case', $2, 'office-kzl01', 'desk-1', $3)`,
        [id, caseId, JSON.stringify(body)],
      );
    }
    // case_numbers and every migration after it.
    expect(await migrate(db, migrations)).toEqual(
      migrations.filter((m) => m.version >= caseNumbers.version).map((m) => m.version),
    );
    expect((await storedCases(db)).numbers).toEqual({
      'KZL01-1-0001/2025': 'c1',
      'KZL01-1-0002/2025': 'c2',
    });
    // A district registered from now on has its partition of the numbers too.
    expect(await addDistrict(db, { code: 'BRL', nameKk: 'Б', nameRu: 'Б' }, 'admin')).toEqual({
      ok: true,
      value: { id: 'BRL' },
    });
    await db.query(
      "insert into hub_case_numbers (district_id, number, case_id) values ('BRL', 'KZL01-1-0001/2025', 'x')",
    );
  });
});

/** Waits until the backend `pid` waits for a lock (another transaction's row). */
async function waitUntilBlocked(db: Queryable, pid: number | undefined): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const { rows } = await db.query<{ wait: string | null }>(
      'select wait_event_type as wait from pg_stat_activity where pid = $1',
      [pid],
    );
    if (rows[0]?.wait === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the second push never waited for the first');
}

describe('two hub processes give one number to two cases at once (PostgreSQL, overlapping transactions)', () => {
  let testHub: TestHub | undefined;
  afterEach(async () => {
    await testHub?.stop();
    testHub = undefined;
  });

  test('the push that commits second is judged again: its case is refused numberTaken, its other case taken, no error and one case per number', async () => {
    testHub = await districtHub('postgresql');
    const { hub } = testHub;
    const { a, b } = await twoOkrugs(hub);
    const deviceOf = async (desk: Desk) => {
      const known = await authenticateDevice(hub.db, desk.credential);
      if (!known.ok) throw new Error(known.reason);
      return known.device;
    };
    const winner = caseAt(a, 'race-winner');
    const loser = numbered(caseAt(b, 'race-loser'), numberOf(winner));
    const bystander = caseAt(b, 'race-bystander');
    if (testHub.database.kind !== 'postgresql') throw new Error('PostgreSQL only');
    const first = new pg.Client({ connectionString: testHub.database.url });
    const second = new pg.Client({ connectionString: testHub.database.url });
    await first.connect();
    await second.connect();
    try {
      const secondPid = (await second.query<{ pid: number }>('select pg_backend_pid() as pid'))
        .rows[0]?.pid;
      await first.query('begin');
      const won = await pushEvents(
        onClient(first),
        await deviceOf(a),
        travelling('case', winner),
        Date.now(),
      );
      expect(won.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      // The second push reads before the first commits: it sees the number free, and its write of
      // the number waits for the first transaction.
      await second.query('begin');
      const lost = pushEvents(
        onClient(second),
        await deviceOf(b),
        travelling('case', [...loser, ...bystander]),
        Date.now(),
      );
      await waitUntilBlocked(hub.db, secondPid);
      await first.query('commit');
      const receipts = await lost;
      await second.query('commit');
      expectNumberRefused(receipts, loser);
      expect(await storedCases(hub.db)).toEqual({
        cases: ['race-bystander', 'race-winner'],
        numbers: { [numberOf(bystander)]: 'race-bystander', [numberOf(winner)]: 'race-winner' },
      });
    } finally {
      await first.end();
      await second.end();
    }
  });
});
