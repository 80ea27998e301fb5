// Proactive assistance (issue 9 §12, R-PRO-1, 003:30) in Chromium: the district department's desk
// (in Russian, photographed in kk and ru) and the akimat desk of Қызылсай okrug (in Kazakh) in two
// browser contexts at 1366×768, with a real hub on a throwaway PostgreSQL cluster. What it shows:
// - The district admin uploads Қызылсай's register of TSA recipients at the hub with the CLI's own
//   command (npm run hub -- tsa upload), and Азат's of the same quarter; the district desk receives
//   both by sync, each row with its okrug (issue 9 §10).
// - On /proactive the district specialist picks the occasion (Independence Day, its date filled in),
//   the service, the okrug and the register's quarter, lists the recipients the desk has no case of
//   (only the okrug's own: Азат's are listed under Азат, never under Қызылсай, and no row is marked
//   as of an unknown okrug), types their addresses, leaves one out and opens the others' cases; the
//   next day opens the batch again with everyone: one case opened, the two who already have one for
//   the occasion named as skipped, each with a link to the case they have.
// - The cases follow the log: each is in the district's journal dated by the day it was opened (no
//   registration, R-PRO-1), and the district's decision is offered on its page.
// - Synced, the cases are Қызылсай's: its akimat desk has them in its journal; the desk of the other
//   okrug, Азат, pulls nothing of them (only its own register), and the hub's scope of Азат holds no
//   case.
// - The hub's state hash of the district's scope equals the district desk's, and that of Қызылсай's
//   scope the akimat desk's (printed).
import 'fake-indexeddb/auto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { findTsaRecipient, tsaQuarterCounts, type DeskDatabase } from '../renderer/src/db';
import { runCli } from '../server/src/cli';
import { launchChromium } from './support/browser';
import { AKIM, KYZYLSAI_OFFICE, moveOfficeClock, SPECIALIST } from './support/desk';
import {
  AKKOL_DEPARTMENT,
  AZAT_OFFICE,
  DISTRICT_CODE,
  DISTRICT_HEAD,
  DISTRICT_SPECIALIST,
  DISTRICT_UI,
  enrollmentCode,
  installDesk,
  joinFromSystemPage,
  openScreen,
  photographFailure,
  shot,
  startDistrictHub,
  switchLanguage,
  syncNow,
  type DistrictHub,
} from './support/district';
import { deskStateHash } from './support/fixtures';
import { deskCaseIds, hubStateHash, joinHub, setUpDesk } from './support/sync-desks';

/** Қызылсай's TSA recipients of the 4th quarter of 2026, as the district's file lists them. */
const RECIPIENTS = [
  {
    iin: '480312400125',
    fullName: 'Тоқтарова Күлпаш Сейітқызы',
    address: 'Қызылсай ауылы, Абай көшесі, 5',
  },
  {
    iin: '520701300455',
    fullName: 'Ермеков Бақытжан Нұрұлы',
    address: 'Қызылсай ауылы, Жастар көшесі, 14',
  },
  {
    iin: '551123400785',
    fullName: 'Иванова Галина Петровна',
    address: 'Қызылсай ауылы, Мир көшесі, 8',
  },
] as const;
const [TOKTAROVA, ERMEKOV, IVANOVA] = RECIPIENTS;

/** Азат's TSA recipients of the same quarter, from its own file: never offered under Қызылсай. */
const AZAT_RECIPIENTS = [
  { iin: '610415402105', fullName: 'Әбілова Сәуле Маратқызы' },
  { iin: '570902302106', fullName: 'Петров Николай Иванович' },
] as const;

/** The proactive screen as the person reads it (locales/{kk,ru}/proactive.json). */
const P = {
  ru: {
    nav: 'Проактивная помощь',
    preset: 'Повод',
    date: 'Дата (дд.мм.гггг)',
    name: 'Название (так пишется в документах)',
    service: 'Услуга',
    okrug: 'Сельский округ',
    quarter: 'Квартал реестра АСП',
    quarterName: 'IV квартал 2026 г.',
    withoutCases: 'Показывать и получателей без дел на этом рабочем месте',
    empty: 'В этом квартале нет получателей этого округа.',
    okrugUnknown: 'округ не указан',
    addressKnown: 'есть на рабочем месте',
    address: (name: string) => `Адрес: ${name}`,
    count: (shown: number, ticked: number) => `В списке: ${shown}, отмечено: ${ticked}`,
    all: 'Отметить всех',
    open: (n: number) => `Открыть дела (${n})`,
    opened: (n: number) => `Открыто дел: ${n}. Они в журнале.`,
    skipped: (n: number) => `Пропущено: ${n}`,
    alreadyHas: (r: { fullName: string; iin: string }) =>
      `${r.fullName} (${r.iin}): уже есть дело к этой дате`,
    openCase: 'Открыть дело',
  },
  kk: {
    nav: 'Проактивті көмек',
    name: 'Атауы (құжаттарда осылай жазылады)',
    opened: (n: number) => `Ашылған істер: ${n}. Олар журналда.`,
    alreadyHas: (r: { fullName: string; iin: string }) =>
      `${r.fullName} (${r.iin}): осы күнге ісі бар`,
    count: (shown: number, ticked: number) => `Тізімде: ${shown}, белгіленгені: ${ticked}`,
  },
} as const;

const SERVICE_RU =
  'Назначение социальной помощи отдельным категориям нуждающихся граждан по решениям местных представительных органов';

/** A legal time in Kazakhstan (UTC+5). */
const at = (localTime: string) => new Date(`${localTime}:00+05:00`);

let district: DistrictHub;
let browser: Browser;
let fileDir: string;
const nodeDesks: DeskDatabase[] = [];

beforeAll(async () => {
  district = await startDistrictHub(inject('deskDir'), 'district_proactive', [
    KYZYLSAI_OFFICE,
    AZAT_OFFICE,
    AKKOL_DEPARTMENT,
  ]);
  fileDir = await mkdtemp(join(tmpdir(), 'akimat-e2e-proactive-'));
  browser = await launchChromium();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await photographFailure(browser, 'district-proactive');
});

afterAll(async () => {
  await browser?.close();
  for (const db of nodeDesks) await db.delete();
  await district?.stop();
  if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

/** The district admin's command, as `npm run hub -- …` runs it against the hub's database. */
async function hubCli(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(args, district.config, { language: 'ru', actor: 'cli:admin' }, (l) =>
    lines.push(l),
  );
  expect(code, lines.join('\n')).toBe(0);
  return lines.join('\n');
}

/** The journal's line of a person (found by their name), as its cells read. */
async function journalLine(page: Page, name: string): Promise<string[]> {
  const row = page.getByRole('row').filter({ hasText: name });
  await row.first().waitFor({ timeout: 20_000 });
  return row.first().getByRole('cell').allInnerTexts();
}

describe('proactive assistance in the browser, with a hub on PostgreSQL', () => {
  test('the register by sync, recipients chosen, cases opened and repeats skipped; the journals of the district and of the okrug, not of the other okrug; state hashes agree', async () => {
    const { hub } = district;
    const shots: string[] = [];
    const ru = P.ru;

    // ---- the hub: Қызылсай's register of the 4th quarter, uploaded by the district admin ----------
    const registerFile = join(fileDir, 'kzl01-2026-q4.csv');
    await writeFile(
      registerFile,
      [
        'ИИН получателя;ФИО;Квартал;Члены семьи',
        ...RECIPIENTS.map((r) => `${r.iin};${r.fullName};4 квартал 2026;`),
      ].join('\n'),
    );
    console.log(
      await hubCli('tsa', 'upload', '--office', KYZYLSAI_OFFICE.code, '--file', registerFile),
    );
    // …and Азат's of the same quarter, from its own file.
    const azatFile = join(fileDir, 'azt02-2026-q4.csv');
    await writeFile(
      azatFile,
      [
        'ИИН получателя;ФИО;Квартал;Члены семьи',
        ...AZAT_RECIPIENTS.map((r) => `${r.iin};${r.fullName};4 квартал 2026;`),
      ].join('\n'),
    );
    console.log(await hubCli('tsa', 'upload', '--office', AZAT_OFFICE.code, '--file', azatFile));

    // ---- the district department's desk, Monday 7 December 2026, in Russian --------------------
    const districtDesk = await installDesk(browser, hub.url, {
      start: at('2026-12-07T10:00'),
      language: 'ru',
      office: AKKOL_DEPARTMENT,
      users: [DISTRICT_SPECIALIST, DISTRICT_HEAD],
    });
    const d = districtDesk.page;
    expect(
      await joinFromSystemPage(d, 'ru', await enrollmentCode(hub, AKKOL_DEPARTMENT.code)),
    ).toBe(1);
    await syncNow(d, 'ru');

    await openScreen(d, ru.nav);
    const field = (label: string) => d.getByLabel(label, { exact: true });
    await field(ru.preset).selectOption({ label: 'День Независимости' });
    expect(await field(ru.date).inputValue()).toBe('16.12.2026');
    expect(await field(ru.name).inputValue()).toBe('День Независимости');
    await field(ru.service).selectOption({ label: SERVICE_RU });
    await field(ru.okrug).selectOption({ label: KYZYLSAI_OFFICE.nameRu });
    // The register came by sync: its quarter is offered.
    await expect
      .poll(async () => field(ru.quarter).locator('option').allInnerTexts(), { timeout: 20_000 })
      .toEqual([ru.quarterName]);
    await field(ru.quarter).selectOption({ label: ru.quarterName });
    // The desk has no case of these people yet: none is listed until the specialist asks for the
    // recipients without cases here.
    await d.getByText(ru.empty, { exact: true }).waitFor();
    await field(ru.withoutCases).check();
    const recipientBox = (name: string) => d.getByRole('checkbox', { name, exact: true });
    for (const r of RECIPIENTS) await recipientBox(r.fullName).waitFor();
    // Each row came with its okrug: Қызылсай's three only, none of Азат's, none of an unknown okrug.
    await d.getByText(ru.count(3, 3), { exact: true }).waitFor();
    for (const r of AZAT_RECIPIENTS) expect(await recipientBox(r.fullName).count()).toBe(0);
    expect(await d.getByText(ru.okrugUnknown, { exact: true }).count()).toBe(0);
    // Азат's recipients are the desk's too, listed under Азат alone.
    await field(ru.okrug).selectOption({ label: AZAT_OFFICE.nameRu });
    for (const r of AZAT_RECIPIENTS) await recipientBox(r.fullName).waitFor();
    await d.getByText(ru.count(2, 2), { exact: true }).waitFor();
    for (const r of RECIPIENTS) expect(await recipientBox(r.fullName).count()).toBe(0);
    await field(ru.okrug).selectOption({ label: KYZYLSAI_OFFICE.nameRu });
    await d.getByText(ru.count(3, 3), { exact: true }).waitFor();
    for (const r of AZAT_RECIPIENTS) expect(await recipientBox(r.fullName).count()).toBe(0);
    for (const r of RECIPIENTS) await field(ru.address(r.fullName)).fill(r.address);
    // Иванова is left out of the first batch.
    await d.getByRole('checkbox', { name: IVANOVA.fullName, exact: true }).uncheck();
    await d.getByText(ru.count(3, 2), { exact: true }).waitFor();
    shots.push(await shot(d, 'district-proactive-ru'));
    await switchLanguage(d, 'kk');
    await d.getByRole('heading', { name: P.kk.nav, level: 1 }).waitFor();
    await d.getByText(P.kk.count(3, 2), { exact: true }).waitFor();
    // The occasion's name, not typed over, is the preset's in the interface's language.
    expect(await d.getByLabel(P.kk.name, { exact: true }).inputValue()).toBe('Тәуелсіздік күні');
    shots.push(await shot(d, 'district-proactive-kk'));
    await switchLanguage(d, 'ru');

    await d.getByRole('button', { name: ru.open(2), exact: true }).click();
    const result = d.locator('.proactive-result');
    await result.getByText(ru.opened(2), { exact: true }).waitFor({ timeout: 20_000 });
    expect(await result.getByText(/^Пропущено/).count()).toBe(0);
    // The two now have a case of Қызылсай here: they are listed for it without asking, and the desk
    // knows their address.
    await field(ru.withoutCases).uncheck();
    await d.getByText(ru.count(2, 2), { exact: true }).waitFor();
    for (const r of [TOKTAROVA, ERMEKOV]) {
      const line = d.getByRole('row').filter({ hasText: r.fullName });
      expect((await line.getByRole('cell').allInnerTexts())[3]).toBe(ru.addressKnown);
    }
    await field(ru.withoutCases).check();
    await d.getByText(ru.count(3, 2), { exact: true }).waitFor();

    // Tuesday 8 December: the batch again, with everyone. The two opened yesterday are skipped and
    // named, each with a link to their case; Иванова's case is opened.
    await moveOfficeClock(d, 'ru', at('2026-12-08T09:30'), DISTRICT_SPECIALIST);
    await d.getByRole('button', { name: ru.all, exact: true }).click();
    await d.getByText(ru.count(3, 3), { exact: true }).waitFor();
    await d.getByRole('button', { name: ru.open(3), exact: true }).click();
    await result.getByText(ru.opened(1), { exact: true }).waitFor({ timeout: 20_000 });
    await result.getByText(ru.skipped(2), { exact: true }).waitFor();
    const skippedItems = result.getByRole('listitem');
    expect((await skippedItems.allInnerTexts()).map((s) => s.trim()).sort()).toEqual(
      [TOKTAROVA, ERMEKOV].map((r) => `${ru.alreadyHas(r)} ${ru.openCase}`).sort(),
    );
    shots.push(await shot(d, 'district-proactive-opened-ru'));
    await switchLanguage(d, 'kk');
    await result.getByText(P.kk.opened(1), { exact: true }).waitFor();
    await result.getByText(P.kk.alreadyHas(TOKTAROVA), { exact: false }).waitFor();
    shots.push(await shot(d, 'district-proactive-opened-kk'));
    await switchLanguage(d, 'ru');

    // A skipped name's link opens the case the person has: Тоқтарова's, opened yesterday, with the
    // district's decision offered, as for any case at the district.
    await result
      .getByRole('listitem')
      .filter({ hasText: TOKTAROVA.fullName })
      .getByRole('link', { name: ru.openCase, exact: true })
      .click();
    await d.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    await d.getByRole('heading', { name: DISTRICT_UI.ru.caseHeading }).first().waitFor();
    await d.getByText(TOKTAROVA.fullName).first().waitFor();
    await d.getByRole('button', { name: 'Принять решение', exact: true }).waitFor();

    // The district's journal: each case dated by the day it was opened (R-PRO-1: no registration).
    await openScreen(d, DISTRICT_UI.ru.journal);
    const openedOn: Record<string, string> = {
      [TOKTAROVA.fullName]: '07.12.2026',
      [ERMEKOV.fullName]: '07.12.2026',
      [IVANOVA.fullName]: '08.12.2026',
    };
    for (const r of RECIPIENTS) {
      const cells = await journalLine(d, r.fullName);
      expect(cells[1], r.fullName).toBe(openedOn[r.fullName]);
      expect(cells[2]).toContain(r.iin);
      expect(cells[3]).toBe(SERVICE_RU);
    }
    await syncNow(d, 'ru');

    // ---- the hub: the cases are Қызылсай's, none Азат's ----------------------------------------
    const hubKyzylsai = await hubStateHash(hub.db, DISTRICT_CODE, KYZYLSAI_OFFICE.code);
    expect(hubKyzylsai.caseIds).toHaveLength(3);
    expect(hubKyzylsai.events).toBe(3);
    const hubAzat = await hubStateHash(hub.db, DISTRICT_CODE, AZAT_OFFICE.code);
    expect(hubAzat.caseIds).toEqual([]);

    // ---- Қызылсай's akimat desk, Tuesday 8 December, in Kazakh: the cases are in its journal -------
    const akimatDesk = await installDesk(browser, hub.url, {
      start: at('2026-12-08T11:00'),
      language: 'kk',
      office: KYZYLSAI_OFFICE,
      users: [SPECIALIST, AKIM],
    });
    const a = akimatDesk.page;
    expect(await joinFromSystemPage(a, 'kk', await enrollmentCode(hub, KYZYLSAI_OFFICE.code))).toBe(
      1,
    );
    await syncNow(a, 'kk');
    await openScreen(a, DISTRICT_UI.kk.journal);
    for (const r of RECIPIENTS) {
      const cells = await journalLine(a, r.fullName);
      expect(cells[1], r.fullName).toBe(openedOn[r.fullName]);
      expect(cells[2]).toContain(r.iin);
    }
    shots.push(await shot(a, 'akimat-proactive-journal-kk'));

    // ---- Азат's desk pulls what the hub gives its scope: none of Қызылсай's cases or recipients, ----
    // ---- its own register only -----------------------------------------------------------------
    const azat = await setUpDesk(DISTRICT_CODE, AZAT_OFFICE.code, 'azat', nodeDesks);
    await joinHub(azat, hub.db, hub.url);
    azat.link.online = true;
    const pulled = await azat.engine.syncNow();
    expect(pulled.ok, JSON.stringify(pulled)).toBe(true);
    expect(await deskCaseIds(azat.db)).toEqual([]);
    expect((await tsaQuarterCounts(azat.db)).map((q) => [q.quarter, q.count])).toEqual([
      ['2026-Q4', AZAT_RECIPIENTS.length],
    ]);
    for (const r of AZAT_RECIPIENTS) {
      expect(await findTsaRecipient(azat.db, r.iin, '2026-Q4')).toMatchObject({
        fullName: r.fullName,
        officeIds: ['office-azt02'],
      });
    }
    for (const r of RECIPIENTS) {
      expect(await findTsaRecipient(azat.db, r.iin, '2026-Q4')).toBeUndefined();
    }

    // ---- every party agrees ---------------------------------------------------------------------
    const hubDistrict = await hubStateHash(hub.db, DISTRICT_CODE, null);
    const hashes = {
      hubDistrict: hubDistrict.hash,
      district: await deskStateHash(d, `${hub.url}/`),
      hubKyzylsai: hubKyzylsai.hash,
      akimat: await deskStateHash(a, `${hub.url}/`),
    };
    console.log(
      `proactive e2e state hashes (district scope: ${hubDistrict.caseIds.length} cases, ${hubDistrict.events} events; Қызылсай scope: ${hubKyzylsai.caseIds.length} cases, ${hubKyzylsai.events} events; Азат scope: ${hubAzat.caseIds.length} cases)`,
      hashes,
    );
    console.log(`screenshots:\n${shots.join('\n')}`);
    expect(hubDistrict.caseIds).toEqual(hubKyzylsai.caseIds);
    expect(hashes.district).toBe(hashes.hubDistrict);
    expect(hashes.akimat).toBe(hashes.hubKyzylsai);
  });
});
