// The read a pushed batch is judged on (BATCH_READ_SQL) probes each stream by its whole key, whatever
// the statistics say. The log is analysed while young (a few user events and case numbers), then grows
// by 20,000 case events and 4,000 numbers before autovacuum could look again: the state of a new
// district's first big sync. The plan PostgreSQL then runs must not read more than the batch's own
// streams and numbers hold.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { migrate, openDatabase, readMigrations, type HubDatabase } from '../db';
import { addDistrict } from '../registry/registry';
import { BATCH_READ_SQL } from './event-log';

let testDb: TestDatabase;
let db: HubDatabase;

beforeAll(async () => {
  testDb = await freshDatabase('postgresql');
  db = await openDatabase(testDb.config);
  await migrate(db, await readMigrations());
  const district = await addDistrict(
    db,
    { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' },
    'test',
  );
  if (!district.ok) throw new Error(district.reason);
  const insert = (stream: string, prefix: string, streams: number, perStream: number) =>
    db.query(
      `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
       select 'AKK', $2 || '-' || s || '-' || n, $1, $2 || '-' || s, 'office-1', 'desk-1',
         jsonb_build_object('id', $2 || '-' || s || '-' || n)
       from generate_series(1, $3::int) s, generate_series(1, $4::int) n`,
      [stream, prefix, streams, perStream],
    );
  const numbers = (from: number, to: number) =>
    db.query(
      `insert into hub_case_numbers (district_id, number, case_id)
       select 'AKK', 'KZL01-1-' || lpad(s::text, 4, '0') || '/2025', 'case-' || s
       from generate_series($1::int, $2::int) s`,
      [from, to],
    );
  await insert('user', 'user', 10, 3);
  await numbers(1, 3);
  await db.query('analyze hub_events');
  await db.query('analyze hub_case_numbers');
  await insert('case', 'case', 4_000, 5);
  await numbers(4, 4_000);
});

afterAll(async () => {
  await db.close();
  await testDb.dispose();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Every row a node of the plan read from hub_events or hub_case_numbers, kept or filtered out. */
function rowsReadFromLog(node: PlanNode): number {
  const relation = node['Relation Name'] ?? '';
  const own =
    relation.startsWith('hub_events') || relation.startsWith('hub_case_numbers')
      ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops']
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsReadFromLog(child), 0);
}

const seqs = Array.from({ length: 25 }, (_, i) => i * 97 + 1);
const cases = seqs.map((s) => `case-${s}`);
const params = [
  'AKK',
  cases.flatMap((c) => [`${c}-6`, `${c}-7`]),
  cases,
  ['user-1', 'user-2'],
  seqs.map((s) => `KZL01-1-${String(s).padStart(4, '0')}/2025`),
];

function expectBatchRead(plan: PlanNode | undefined): void {
  if (!plan) throw new Error('no plan');
  expect(plan['Actual Rows']).toBe(25 * 5 + 2 * 3 + 25);
  expect(rowsReadFromLog(plan)).toBeLessThanOrEqual(25 * 5 + 2 * 3 + 25);
}

test('a batch of 25 cases reads their 125 events, its people and its 25 numbers, not the 20,000 of the district', async () => {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `explain (analyze, format json) ${BATCH_READ_SQL}`,
    params,
  );
  expectBatchRead(rows[0]?.['QUERY PLAN'][0].Plan);
});

test('so does the plan made once for any batch, which the hub runs as a named statement (../db)', async () => {
  const plan = await db.transaction(async (tx) => {
    await tx.query('set local plan_cache_mode = force_generic_plan');
    await tx.query(
      `prepare batch_read (text, text[], text[], text[], text[]) as ${BATCH_READ_SQL}`,
    );
    // EXECUTE takes no bind parameters: the same values as literals (test values, no quotes in them).
    const literal = (v: string | string[]) =>
      typeof v === 'string' ? `'${v}'` : `array[${v.map((x) => `'${x}'`).join(', ')}]::text[]`;
    const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, format json) execute batch_read (${params.map(literal).join(', ')})`,
    );
    await tx.query('deallocate batch_read');
    return rows[0]?.['QUERY PLAN'][0].Plan;
  });
  expectBatchRead(plan);
});
