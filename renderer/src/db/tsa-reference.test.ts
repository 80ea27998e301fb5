// The TSA recipients the hub delivers (tsa-reference.ts): each row keeps the okrugs whose lists name
// the recipient, and a district desk upgraded to v19 fetches its lists again to learn them.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import type { TsaQuarterList, TsaReply } from '../../../shared/sync';
import { atRestKeysFromSecret } from './at-rest';
import { DeskDatabase } from './database';
import { OFFICE_SETTING } from './office-repository';
import {
  deliveredRows,
  loadTsaVersion,
  storeHubTsaPage,
  TSA_VERSION_SETTING,
} from './tsa-reference';
import { findTsaRecipient, importTsaRecipients, tsaQuarterCounts } from './tsa-register-queries';

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

function database(name = `tsa-${crypto.randomUUID()}`): DeskDatabase {
  const d = new DeskDatabase(name);
  opened.push(d);
  return d;
}

const KZL01 = 'office-kzl01';
const BTR02 = 'office-btr02';
const HUB = 'https://hub.akkol.kz';
const A = '850315400124';
const B = '900101400207';
const C = '770707400411';

const list = (quarter: string, rows: TsaQuarterList['rows']): TsaQuarterList => ({
  quarter,
  sources: ['kzl01.csv', 'btr02.csv'],
  rows,
});
const page = (version: number, ...quarters: TsaQuarterList[]): TsaReply => ({
  version,
  more: false,
  quarters,
});
const person = (iin: string, fullName: string, officeId?: string) => ({
  iin,
  fullName,
  familyMembers: [],
  ...(officeId === undefined ? {} : { officeId }),
});

describe('deliveredRows', () => {
  test('one row a recipient, with every okrug whose list names them, sorted; the last row’s name', () => {
    expect(
      deliveredRows(
        list('2026-Q4', [
          person(A, 'Сейітов Нұрлан', KZL01),
          person(B, 'Омарова Әсем', KZL01),
          person(A, 'Сейітов Нұрлан Б.', BTR02),
        ]),
      ),
    ).toEqual([
      {
        iin: A,
        fullName: 'Сейітов Нұрлан Б.',
        familyMembers: [],
        quarter: '2026-Q4',
        officeIds: [BTR02, KZL01],
      },
      {
        iin: B,
        fullName: 'Омарова Әсем',
        familyMembers: [],
        quarter: '2026-Q4',
        officeIds: [KZL01],
      },
    ]);
  });

  test('a hub older than the okrug names none: the okrugs stay unknown, never guessed from a sibling row', () => {
    const rows = deliveredRows(
      list('2026-Q4', [
        person(A, 'Сейітов Нұрлан'),
        person(B, 'Омарова Әсем', KZL01),
        person(B, 'Омарова Әсем'),
      ]),
    );
    expect(rows.map((r) => [r.iin, r.officeIds])).toEqual([
      [A, undefined],
      [B, undefined],
    ]);
    expect(rows.every((r) => !('officeIds' in r))).toBe(true);
  });
});

describe('storeHubTsaPage', () => {
  test('issue 9 §10: each stored row names its okrugs; a quarter delivered again replaces them', async () => {
    const d = database();
    await d.open();
    const first = await storeHubTsaPage(
      d,
      page(
        2,
        list('2026-Q4', [
          person(A, 'Сейітов Нұрлан', KZL01),
          person(B, 'Омарова Әсем', BTR02),
          person(A, 'Сейітов Нұрлан', BTR02),
        ]),
      ),
      HUB,
      1,
    );
    expect(first).toEqual({ version: 2, quarters: ['2026-Q4'], rows: 2 });
    expect((await findTsaRecipient(d, A, '2026-Q4'))?.officeIds).toEqual([BTR02, KZL01]);
    expect(await findTsaRecipient(d, B, '2026-Q4')).toMatchObject({
      fullName: 'Омарова Әсем',
      officeIds: [BTR02],
      source: 'kzl01.csv, btr02.csv — hub.akkol.kz',
    });
    // The quarter again (A moved off B's list, C added to A's): the stored rows are the new list.
    await storeHubTsaPage(
      d,
      page(
        3,
        list('2026-Q4', [person(A, 'Сейітов Нұрлан', KZL01), person(C, 'Жақсылықов Ерлан', KZL01)]),
      ),
      HUB,
      2,
    );
    expect((await findTsaRecipient(d, A, '2026-Q4'))?.officeIds).toEqual([KZL01]);
    expect(await findTsaRecipient(d, B, '2026-Q4')).toBeUndefined();
    expect((await findTsaRecipient(d, C, '2026-Q4'))?.officeIds).toEqual([KZL01]);
    expect(await loadTsaVersion(d)).toBe(3);
  });

  test('a sealed desk keeps the okrugs beside the sealed name and the blind IIN', async () => {
    const keys = await atRestKeysFromSecret(new Uint8Array(32).fill(3), 'osSecretStore');
    const name = `tsa-sealed-${crypto.randomUUID()}`;
    const sealed = new DeskDatabase(name, keys);
    opened.push(sealed);
    await storeHubTsaPage(
      sealed,
      page(1, list('2026-Q4', [person(A, 'Сейітов Нұрлан', KZL01)])),
      HUB,
      1,
    );
    expect(await findTsaRecipient(sealed, A, '2026-Q4')).toMatchObject({
      fullName: 'Сейітов Нұрлан',
      officeIds: [KZL01],
    });
    const raw = new DeskDatabase(name);
    const stored = JSON.stringify(await raw.tsaRecipients.toArray());
    raw.close();
    expect(stored).toContain(KZL01);
    expect(stored).not.toContain('Сейітов');
    expect(stored).not.toContain(A);
  });

  test('a file’s rows name no okrug, and a merge from a file leaves the row without one', async () => {
    const d = database();
    await d.open();
    await storeHubTsaPage(
      d,
      page(1, list('2026-Q4', [person(A, 'Сейітов Нұрлан', KZL01)])),
      HUB,
      1,
    );
    await importTsaRecipients(
      d,
      [{ iin: A, fullName: 'Сейітов Нұрлан', quarter: '2026-Q4', familyMembers: [] }],
      { source: 'file.xlsx', nowMs: 2 },
    );
    const row = await findTsaRecipient(d, A, '2026-Q4');
    expect(row?.source).toBe('file.xlsx');
    expect(row && 'officeIds' in row).toBe(false);
  });
});

/** The schema of the desk's first release (database.test.ts V2_STORES): the oldest desk upgraded. */
const V2_STORES = {
  settings: '&key',
  users: '&id, role',
  events: '&id, caseId',
  outbox: '&eventId, caseId, createdAtMs',
  cases: '&id, number, date, iin, *nameTokens, serviceId, stage, openDueDate, updatedAtMs',
  people: '&iin, *nameTokens',
  attachments: '&sha256',
  registers: '&id, number, date',
  tsaRecipients: '&[iin+quarter], iin, quarter',
  counters: '&key',
};

/** A desk from before v19 with the hub's lists stored (no okrug) and the TSA version 5. */
async function olderDesk(kind: 'district' | 'akimat'): Promise<string> {
  const name = `tsa-upgrade-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(2).stores(V2_STORES);
  const office =
    kind === 'district'
      ? sampleOfficeProfile({ officeId: 'office-akk00', kind: 'district', code: 'AKK00' })
      : sampleOfficeProfile();
  await old.table('settings').bulkPut([
    { key: OFFICE_SETTING, value: office },
    { key: TSA_VERSION_SETTING, value: 5 },
  ]);
  await old.table('tsaRecipients').put({
    iin: A,
    quarter: '2026-Q4',
    fullName: 'Сейітов Нұрлан',
    familyMembers: [],
    importedAtMs: 1,
    source: 'kzl01.csv — hub.akkol.kz',
  });
  old.close();
  return name;
}

describe('the v19 upgrade', () => {
  test('the district department’s desk forgets its TSA version: the next sync fetches every quarter again, and the rows then name their okrug', async () => {
    const d = database(await olderDesk('district'));
    await d.open();
    expect(d.verno).toBe(19);
    // The old row stays valid, its okrug unknown, until the lists come again.
    const before = await findTsaRecipient(d, A, '2026-Q4');
    expect(before).toMatchObject({ fullName: 'Сейітов Нұрлан', quarter: '2026-Q4' });
    expect(before && 'officeIds' in before).toBe(false);
    expect(await d.settings.get(TSA_VERSION_SETTING)).toBeUndefined();
    expect(await loadTsaVersion(d)).toBe(0);
    // The hub's answer to "after 0": every quarter, each row with its okrug; the same version as before.
    const again = await storeHubTsaPage(
      d,
      page(5, list('2026-Q4', [person(A, 'Сейітов Нұрлан', KZL01)])),
      HUB,
      2,
    );
    expect(again.version).toBe(5);
    expect((await findTsaRecipient(d, A, '2026-Q4'))?.officeIds).toEqual([KZL01]);
    expect((await tsaQuarterCounts(d)).map((q) => [q.quarter, q.count])).toEqual([['2026-Q4', 1]]);
  });

  test('an akimat’s desk keeps its version: its lists are its own okrug’s, nothing is fetched again', async () => {
    const d = database(await olderDesk('akimat'));
    await d.open();
    expect(await loadTsaVersion(d)).toBe(5);
    expect((await findTsaRecipient(d, A, '2026-Q4'))?.fullName).toBe('Сейітов Нұрлан');
  });
});
