// The TSA (АӘК) recipients register as hub reference data: uploaded by the district admin per okrug
// (npm run hub -- tsa upload), checked with the desk's own rules, handed to desks within their scope.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { iinControlDigit } from '../../../shared/identity';
import { createHubClient, SYNC_PROTOCOL_VERSION, type HubClient } from '../../../shared/sync';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { runCli } from '../cli';
import { readHubConfig, type HubConfig } from '../config';
import { migrate, openDatabase, readMigrations, type HubDatabase } from '../db';
import { startHub, type RunningHub } from '../hub';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
} from '../registry/registry';
import { tsaRegisterPage } from './tsa-register';

/** A valid IIN from its first 11 digits (tries serials until the control digit exists). */
function iin(birth: string, serial: number): string {
  for (let s = serial; s < 10000; s++) {
    const first11 = `${birth}4${String(s).padStart(4, '0')}`;
    const control = iinControlDigit(first11);
    if (control) return `${first11}${control.digit}`;
  }
  throw new Error('no IIN');
}
const A1 = iin('850315', 1);
const A2 = iin('900101', 20);
const A3 = iin('770707', 40);
const B1 = iin('880808', 60);

const csv = (...lines: string[]) => ['ИИН;ФИО;Квартал;Члены семьи', ...lines].join('\n');

/** The okrugs' office ids (shared/office officeIdFor), as each delivered row names its own. */
const KZL01 = 'office-kzl01';
const BTR02 = 'office-btr02';

describe.each(DATABASE_KINDS)('TSA registers at the hub on %s', (kind) => {
  let testDb: TestDatabase;
  let hub: RunningHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await testDb.dispose();
  });

  async function setUp() {
    testDb = await freshDatabase(kind);
    const config: HubConfig = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent', HUB_RATE_LIMIT: '0' }),
      database: testDb.config,
    };
    const dir = await mkdtemp(join(tmpdir(), 'akimat-tsa-'));
    const lines: string[] = [];
    /** The admin's command; the embedded database has one owner, so the hub is stopped meanwhile. */
    const cli = async (language: 'kk' | 'ru', ...args: string[]) => {
      lines.length = 0;
      const code = await runCli(args, config, { language, actor: 'cli:admin' }, (l) =>
        lines.push(l),
      );
      return { code, lines: [...lines] };
    };
    const file = async (name: string, text: string) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    };
    // The registry as the admin's commands leave it (written directly: each command opens the
    // database, which for the embedded one takes seconds).
    const db = await openDatabase(config.database);
    try {
      await migrate(db, await readMigrations());
      await addDistrict(db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
      for (const [code, officeKind] of [
        ['KZL01', 'akimat'],
        ['BTR02', 'akimat'],
        ['AKKD', 'district'],
      ] as const) {
        await addOffice(
          db,
          { districtCode: 'AKK', code, kind: officeKind, nameKk: code, nameRu: code },
          'admin',
        );
      }
    } finally {
      await db.close();
    }
    return { config, cli, file };
  }

  /** A desk of the office enrolled at the running hub; its client talks to the hub running now. */
  async function deskOf(db: HubDatabase, officeCode: string) {
    const made = await createEnrollmentCode(db, { officeCode }, 'admin', Date.now());
    if (!made.ok) throw new Error(made.reason);
    const enrolled = await enrollDevice(
      db,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        code: made.value.code,
        devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
        deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
      },
      Date.now(),
    );
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const credential = enrolled.reply.credential;
    return {
      credential,
      get client(): HubClient {
        if (!hub) throw new Error('no hub running');
        return createHubClient({ baseUrl: hub.url, fetch, credential });
      },
    };
  }

  const rowsOf = async (client: HubClient, after: number) => {
    const page = await client.tsaRegister(after);
    if (!page.ok) throw new Error(page.reason);
    return page.value;
  };

  test('an okrug’s register reaches its own desks and the district’s, never another okrug’s; a newer upload raises the version', async () => {
    const { config, cli, file } = await setUp();
    const first = await file(
      'kzl01-2026.csv',
      csv(
        `${A1};Сейітов Нұрлан;3 квартал 2026;Сейітова Дана`,
        `${A2};Омарова Әсем;2026-Q3;`,
        `${A3};Жақсылықов Ерлан;IV квартал 2026 г.;`,
      ),
    );
    const uploaded = await cli('ru', 'tsa', 'upload', '--office', 'KZL01', '--file', first);
    expect(uploaded).toEqual({
      code: 0,
      lines: [
        'Список получателей АСП учреждения KZL01 загружен, версия 1; получателей по кварталам: 2026-Q3 — 2, 2026-Q4 — 1. Рабочие места получат его при следующей синхронизации.',
      ],
    });

    let h = await startHub(config);
    hub = h;
    const a = await deskOf(h.db, 'KZL01');
    const b = await deskOf(h.db, 'BTR02');
    const district = await deskOf(h.db, 'AKKD');

    expect(await a.client.reference()).toMatchObject({ ok: true, value: { tsaVersion: 1 } });
    expect(await b.client.reference()).toMatchObject({ ok: true, value: { tsaVersion: 0 } });
    expect(await rowsOf(a.client, 0)).toEqual({
      version: 1,
      more: false,
      quarters: [
        {
          quarter: '2026-Q3',
          sources: ['kzl01-2026.csv'],
          rows: [
            {
              iin: A1,
              fullName: 'Сейітов Нұрлан',
              familyMembers: ['Сейітова Дана'],
              officeId: KZL01,
            },
            { iin: A2, fullName: 'Омарова Әсем', familyMembers: [], officeId: KZL01 },
          ],
        },
        {
          quarter: '2026-Q4',
          sources: ['kzl01-2026.csv'],
          rows: [{ iin: A3, fullName: 'Жақсылықов Ерлан', familyMembers: [], officeId: KZL01 }],
        },
      ],
    });
    expect(await rowsOf(a.client, 1)).toEqual({ version: 1, more: false, quarters: [] });
    // Okrug B's desk gets none of okrug A's recipients.
    expect(await rowsOf(b.client, 0)).toEqual({ version: 0, more: false, quarters: [] });
    expect((await rowsOf(district.client, 0)).quarters.map((q) => q.rows.length)).toEqual([2, 1]);

    // A new list of A's fourth quarter, then B's own: each a new version of the district.
    await h.stop();
    hub = undefined;
    const second = await file(
      'kzl01-q4.csv',
      csv(`${A3};Жақсылықов Ерлан;2026-Q4;`, `${A2};Омарова Әсем;2026-Q4;`),
    );
    expect((await cli('kk', 'tsa', 'upload', '--office', 'KZL01', '--file', second)).lines).toEqual(
      [
        'KZL01 кеңсесінің АӘК алушылары тізімі жүктелді, нұсқасы 2; тоқсандар бойынша алушылар саны: 2026-Q4 — 2. Жұмыс орындары оны келесі синхрондауда алады.',
      ],
    );
    // Омарова is on B's list of the quarter too (say, moved in the middle of it).
    const ofB = await file(
      'btr02.csv',
      csv(`${B1};Бекова Гүлнар;2026-Q4;`, `${A2};Омарова Әсем;2026-Q4;`),
    );
    expect((await cli('ru', 'tsa', 'upload', '--office', 'BTR02', '--file', ofB)).code).toBe(0);
    h = await startHub(config);
    hub = h;

    // A asks for what is newer than its version 1: the whole new fourth quarter of A, not B's row.
    expect(await rowsOf(a.client, 1)).toEqual({
      version: 2,
      more: false,
      quarters: [
        {
          quarter: '2026-Q4',
          sources: ['kzl01-q4.csv'],
          rows: [
            { iin: A3, fullName: 'Жақсылықов Ерлан', familyMembers: [], officeId: KZL01 },
            { iin: A2, fullName: 'Омарова Әсем', familyMembers: [], officeId: KZL01 },
          ],
        },
      ],
    });
    expect(await rowsOf(b.client, 0)).toEqual({
      version: 3,
      more: false,
      quarters: [
        {
          quarter: '2026-Q4',
          sources: ['btr02.csv'],
          rows: [
            { iin: B1, fullName: 'Бекова Гүлнар', familyMembers: [], officeId: BTR02 },
            { iin: A2, fullName: 'Омарова Әсем', familyMembers: [], officeId: BTR02 },
          ],
        },
      ],
    });
    // The district's desk gets the fourth quarter whole: every okrug's list of it, each row with its
    // okrug, so its desk lists each recipient under their own; Омарова once with each of hers.
    const districtQ4 = await rowsOf(district.client, 1);
    expect(districtQ4.version).toBe(3);
    expect(
      districtQ4.quarters.map((q) => [
        q.quarter,
        q.rows.map((r) => `${r.officeId ?? '?'} ${r.iin}`).sort(),
      ]),
    ).toEqual([
      ['2026-Q4', [`${BTR02} ${A2}`, `${BTR02} ${B1}`, `${KZL01} ${A2}`, `${KZL01} ${A3}`].sort()],
    ]);
    expect(districtQ4.quarters[0]?.sources.sort()).toEqual(['btr02.csv', 'kzl01-q4.csv']);
    // The third quarter, only A's, names A's okrug on every row.
    const districtAll = await rowsOf(district.client, 0);
    expect(districtAll.quarters.find((q) => q.quarter === '2026-Q3')?.rows).toEqual([
      { iin: A1, fullName: 'Сейітов Нұрлан', familyMembers: ['Сейітова Дана'], officeId: KZL01 },
      { iin: A2, fullName: 'Омарова Әсем', familyMembers: [], officeId: KZL01 },
    ]);

    // Pages carry whole uploads: one version per page here, and `more` says another waits.
    const known = await authenticateDevice(h.db, district.credential);
    if (!known.ok) throw new Error(known.reason);
    const onePage = await tsaRegisterPage(h.db, known.device, 0, 1);
    expect([onePage.version, onePage.more]).toEqual([1, true]);
    const lastPage = await tsaRegisterPage(h.db, known.device, 2, 1);
    expect([lastPage.version, lastPage.more]).toEqual([3, false]);

    // The route checks its query and the device.
    const raw = (path: string, credential?: string) =>
      fetch(`${h.url}${path}`, {
        headers: credential ? { authorization: `Bearer ${credential}` } : {},
      });
    for (const query of ['', '?after=-1', '?after=01', '?after=x', '?after=1&after=2']) {
      const response = await raw(`/v1/reference/tsa${query}`, a.credential);
      expect([response.status, await response.json()]).toEqual([
        400,
        { code: 'sync:errors.badBody' },
      ]);
    }
    expect((await raw('/v1/reference/tsa?after=0')).status).toBe(401);
  }, 120_000);

  test('a malformed file, or one for an unknown office, is refused with words and changes nothing', async () => {
    const { config, cli, file } = await setUp();
    const badRows = await file(
      'bad.csv',
      csv(`${A1};Сейітов Нұрлан;2026-Q3;`, `123;Омарова Әсем;2026-Q3;`, `${A3};;май 2026;`),
    );
    expect(await cli('ru', 'tsa', 'upload', '--office', 'KZL01', '--file', badRows)).toEqual({
      code: 1,
      lines: [
        'Файл не принят, ничего не изменено: исправьте его и загрузите снова.',
        expect.stringMatching(/^Строка 3: \S.*/),
        expect.stringMatching(/^Строка 4: \S.*;.*/),
      ],
    });
    const refused = await cli('kk', 'tsa', 'upload', '--office', 'KZL01', '--file', badRows);
    expect(refused.lines[0]).toBe(
      'Файл қабылданбады, ештеңе өзгерген жоқ: оны түзетіп, қайта жүктеңіз.',
    );
    expect(refused.lines[1]).toMatch(/^3-жол: \S/);
    // No IIN or name of the file is echoed.
    expect(refused.lines.join('\n')).not.toMatch(/Омарова|Сейітов|\d{12}/);

    const noColumns = await file('columns.csv', `ИИН;ФИО\n${A1};Сейітов Нұрлан`);
    const missing = await cli('ru', 'tsa', 'upload', '--office', 'KZL01', '--file', noColumns);
    expect(missing.code).toBe(1);
    expect(missing.lines[1]).toContain('Не найдены столбцы: Квартал.');
    const empty = await file('empty.csv', '');
    expect((await cli('ru', 'tsa', 'upload', '--office', 'KZL01', '--file', empty)).code).toBe(1);

    const good = await file('good.csv', csv(`${A1};Сейітов Нұрлан;2026-Q3;`));
    expect(await cli('ru', 'tsa', 'upload', '--office', 'NOPE9', '--file', good)).toEqual({
      code: 1,
      lines: ['Учреждения с таким кодом нет.'],
    });

    const db = await openDatabase(config.database);
    try {
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from tsa_registers',
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
