// Reference data reaches desks by sync (issue 8 §2 "Reference data"). A real hub on PostgreSQL; the
// district admin uses the hub's own commands (npm run hub -- calendar install, tsa upload); each desk
// is its own database in Node, synced by its own engine. What it shows:
// - A calendar correction installed at the hub reaches every desk as data: the desk's calendar is
//   the new version after its next sync, without an app update.
// - Okrug A's register of TSA recipients reaches okrug A's desk, whose certificate lookup
//   (findTsaRecipient) finds the recipient; okrug B's desk gets the calendar but none of A's rows.
import 'fake-indexeddb/auto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KZ_CALENDAR_DATA } from '../../shared/calendar';
import { iinControlDigit } from '../../shared/identity';
import {
  deskCalendarData,
  findTsaRecipient,
  loadTsaVersion,
  tsaQuarterCounts,
  type DeskDatabase,
} from '../../renderer/src/db';
import { runCli } from '../../server/src/cli';
import { readHubConfig, type HubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import { joinHub, setUpDesk } from '../support/sync-desks';

const DISTRICT = 'AKK';
let cluster: ThrowawayCluster;
let hub: RunningHub;
let config: HubConfig;
const databases: DeskDatabase[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  config = {
    ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn', HUB_RATE_LIMIT: '0' }),
    database: { kind: 'postgresql', url: cluster.url },
  };
  hub = await startHub(config);
  await addDistrict(hub.db, { code: DISTRICT, nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
  for (const code of ['KZL01', 'BTR02']) {
    await addOffice(
      hub.db,
      { districtCode: DISTRICT, code, kind: 'akimat', nameKk: code, nameRu: code },
      'admin',
    );
  }
});

afterAll(async () => {
  for (const d of databases) await d.delete();
  await hub?.stop();
  await cluster?.stop();
});

/** A valid IIN from its first 11 digits (tries serials until the control digit exists). */
function iin(birth: string, serial: number): string {
  for (let s = serial; s < 10000; s++) {
    const first11 = `${birth}4${String(s).padStart(4, '0')}`;
    const control = iinControlDigit(first11);
    if (control) return `${first11}${control.digit}`;
  }
  throw new Error('no IIN');
}

/** The district admin's command, as `npm run hub -- …` runs it (the hub keeps running: PostgreSQL). */
async function admin(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const code = await runCli(args, config, { language: 'kk', actor: 'cli:admin' }, (l) =>
    lines.push(l),
  );
  expect(code, lines.join('\n')).toBe(0);
  return lines;
}

describe('reference data by sync', () => {
  test('a newer calendar reaches both desks; okrug A’s TSA register reaches only okrug A’s desk', async () => {
    const a = await setUpDesk(DISTRICT, 'KZL01', 'A', databases);
    const b = await setUpDesk(DISTRICT, 'BTR02', 'B', databases);
    await joinHub(a, hub.db, hub.url);
    await joinHub(b, hub.db, hub.url);

    const dir = await mkdtemp(join(tmpdir(), 'akimat-reference-'));
    const calendarFile = join(dir, 'calendar-2099.json');
    await writeFile(calendarFile, JSON.stringify({ ...KZ_CALENDAR_DATA, version: '2099.1.1' }));
    await admin('calendar', 'install', '--file', calendarFile);
    const recipient = iin('850315', 7);
    const registerFile = join(dir, 'kzl01-2026-q4.csv');
    await writeFile(
      registerFile,
      [
        'Алушының ЖСН;Аты-жөні;Тоқсан;Отбасы мүшелері',
        `${recipient};Сейітов Нұрлан;2026 жылғы 4 тоқсан;"Сейітова Дана; Сейітов Арман"`,
        `${iin('900101', 30)};Омарова Әсем;2026 жылғы 4 тоқсан;`,
      ].join('\n'),
    );
    expect(
      (await admin('tsa', 'upload', '--office', 'KZL01', '--file', registerFile))[0],
    ).toContain('нұсқасы 1');

    a.link.online = true;
    b.link.online = true;
    const syncedA = await a.engine.syncNow();
    const syncedB = await b.engine.syncNow();
    expect(syncedA).toMatchObject({
      ok: true,
      reference: { calendarVersion: '2099.1.1', tsaVersion: 1, tsaRows: 2 },
    });
    expect(syncedB).toMatchObject({ ok: true, reference: { calendarVersion: '2099.1.1' } });
    expect(syncedB.ok && syncedB.reference?.tsaVersion).toBeUndefined();

    // Desk A: the new calendar, and the recipient the certificate looks up.
    expect((await deskCalendarData(a.db)).version).toBe('2099.1.1');
    expect(await findTsaRecipient(a.db, recipient, '2026-Q4')).toMatchObject({
      fullName: 'Сейітов Нұрлан',
      familyMembers: ['Сейітова Дана', 'Сейітов Арман'],
    });
    expect(await loadTsaVersion(a.db)).toBe(1);
    // Desk B: the new calendar, and none of okrug A's recipients.
    expect((await deskCalendarData(b.db)).version).toBe('2099.1.1');
    expect(await findTsaRecipient(b.db, recipient, '2026-Q4')).toBeUndefined();
    expect(await tsaQuarterCounts(b.db)).toEqual([]);
    expect(await loadTsaVersion(b.db)).toBe(0);

    // Synced again with nothing new: nothing changes, nothing is fetched again.
    const again = await a.engine.syncNow();
    expect(again.ok && again.reference).toBeUndefined();
    expect(await tsaQuarterCounts(a.db)).toMatchObject([{ quarter: '2026-Q4', count: 2 }]);
  });
});
