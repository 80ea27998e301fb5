// An akimat's pull (AKIMAT_PULL_SQL) reads its own office's rows and the district heads' directory
// events, not the district's other offices': 20,000 case events of another okrug and of the district
// department come before the akimat's own in the log. The plan PostgreSQL runs must read about one
// page of the office's rows and the district's few directory events, nothing more.
// Not covered: statistics taken while the log held only directory events (batch-read-plan.test.ts's
// young log). Then the planner takes every row for a directory event and finds the heads by reading
// the partition once a pull, until autovacuum analyses the grown log.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { migrate, openDatabase, readMigrations, type HubDatabase } from '../db';
import { addDistrict, addOffice } from '../registry/registry';
import { AKIMAT_PULL_SQL } from './event-log';

let testDb: TestDatabase;
let db: HubDatabase;

const USERS_PER_OFFICE = 3;

beforeAll(async () => {
  testDb = await freshDatabase('postgresql');
  db = await openDatabase(testDb.config);
  await migrate(db, await readMigrations());
  const district = await addDistrict(db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 't');
  if (!district.ok) throw new Error(district.reason);
  for (const [code, kind] of [
    ['KZL01', 'akimat'],
    ['BTR02', 'akimat'],
    ['AKK00', 'district'],
  ] as const) {
    const office = await addOffice(
      db,
      { districtCode: 'AKK', code, kind, nameKk: code, nameRu: code },
      't',
    );
    if (!office.ok) throw new Error(office.reason);
  }
  // Each office's people: the first its head (with the role the registration names), then staff.
  const people = (office: string, head: string, staff: string) =>
    db.query(
      `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
       select 'AKK', $1 || '-u' || n, 'user', $1 || '-user-' || n, $1, 'desk-' || $1,
         jsonb_build_object('id', $1 || '-u' || n, 'type', 'UserRegistered',
           'payload', jsonb_build_object('role', case when n = 1 then $2 else $3 end))
       from generate_series(1, $4::int) n`,
      [office, head, staff, USERS_PER_OFFICE],
    );
  const cases = (office: string, count: number) =>
    db.query(
      `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body)
       select 'AKK', $1 || '-c' || s || '-' || n, 'case', $1 || '-case-' || s, $1, 'desk-' || $1,
         jsonb_build_object('id', $1 || '-c' || s || '-' || n)
       from generate_series(1, $2::int) s, generate_series(1, 5) n`,
      [office, count],
    );
  await people('office-kzl01', 'akim', 'specialist');
  await people('office-btr02', 'akim', 'specialist');
  await people('office-akk00', 'districtHead', 'districtSpecialist');
  // The other offices' 20,000 rows come first: walking the district's rows in order would read them.
  await cases('office-btr02', 2_000);
  await cases('office-akk00', 2_000);
  await cases('office-kzl01', 40);
  await db.query('analyze hub_events');
});

afterAll(async () => {
  await db.close();
  await testDb.dispose();
});

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every row a node of the plan read from hub_events, kept or filtered out. */
function rowsReadFromLog(node: PlanNode): number {
  const own = (node['Relation Name'] ?? '').startsWith('hub_events')
    ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops']
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsReadFromLog(child), 0);
}

test('R-DEC-5 an akimat’s page of 50 holds its own rows and the district head’s registration, and reads no other okrug’s 20,000', async () => {
  const params = ['AKK', '0', '0', 51, 'no-such-device', 'office-kzl01', 'districtHead'];
  const { rows } = await db.query<{ body: string }>(AKIMAT_PULL_SQL, params);
  const ids = rows.map((r) => (JSON.parse(r.body) as { id: string }).id);
  expect(ids).toHaveLength(51);
  expect(ids).toContain('office-akk00-u1');
  expect(ids.filter((id) => !id.startsWith('office-kzl01-'))).toEqual(['office-akk00-u1']);

  const plan = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `explain (analyze, format json) ${AKIMAT_PULL_SQL}`,
    params,
  );
  const root = plan.rows[0]?.['QUERY PLAN'][0].Plan;
  if (!root) throw new Error('no plan');
  // A page and a row of the office, the head's stream, and each of the district's directory events
  // once to find the heads: far from the 20,000 case events of the other offices.
  expect(rowsReadFromLog(root)).toBeLessThanOrEqual(51 + 1 + 3 * USERS_PER_OFFICE * 2 + 10);
});
