import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import pg from 'pg';
import { expect } from 'vitest';
import { readHubConfig, type HubConfig } from '../../server/src/config';
import { startHub, type RunningHub } from '../../server/src/hub';
import { addDistrict, addOffice, createEnrollmentCode } from '../../server/src/registry/registry';
import { startThrowawayCluster, type ThrowawayCluster } from '../../server/test/postgres-cluster';
import { screenshotPath } from './browser';
import {
  logIn,
  setUpOffice,
  type DeskApplicant,
  type DeskLanguage,
  type DeskOffice,
  type DeskUser,
} from './desk';

// Helpers for the browser e2e of the district department's desk (issue 9): the district's hub on a
// throwaway PostgreSQL cluster and the desks installed from it, the sync card and the frame's status
// area, the language switch, the intake with a mobile number, the district's case forms (receipt,
// income, hearing, decision), the head's signing and the print views. They drive the desk by its
// visible labels (locales/{kk,ru}/*.json), as a person would, in the language the desk shows.

/** The district of the stories: Ақкөл district, Ақмола region. */
export const DISTRICT_CODE = 'AKK';

/** Its department of employment and social programmes (the district desk's office). */
export const AKKOL_DEPARTMENT: DeskOffice = {
  kind: 'district',
  districtId: DISTRICT_CODE,
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
  code: 'AKKD',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Ақкөл қаласы, Нұрлан Елубаев көшесі, 47',
  deviceNo: 1,
  lockAfterMinutes: 10,
};

/** A second okrug of the district (Азат), beside Қызылсай (support/desk KYZYLSAI_OFFICE). */
export const AZAT_OFFICE: DeskOffice = {
  districtId: DISTRICT_CODE,
  nameKk: 'Азат ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Азатского сельского округа',
  code: 'AZT02',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Азат ауылы, Мектеп көшесі, 3',
  deviceNo: 1,
  lockAfterMinutes: 10,
};

export const DISTRICT_SPECIALIST: DeskUser = {
  name: 'Ахметова Динара',
  role: 'districtSpecialist',
  pin: '3917',
};
export const DISTRICT_HEAD: DeskUser = {
  name: 'Омаров Бауыржан',
  role: 'districtHead',
  pin: '258013',
};

/** A running hub of the district, what the admin's CLI needs to reach its database, and its end. */
export interface DistrictHub {
  readonly hub: RunningHub;
  /** The hub's configuration: `runCli` (npm run hub -- …) opens the same database with it. */
  readonly config: HubConfig;
  stop(): Promise<void>;
}

/**
 * A real hub on a throwaway PostgreSQL cluster, in a database of its own (`database`), serving its own
 * copy of the built desk (`builtDesk`: global-setup's deskDir, so a hub of the test changes nothing
 * the other tests are served), with district AKK and `offices` in its registry, added as the
 * district admin adds them. Whatever started is stopped by `stop`, even when a later step failed.
 */
export async function startDistrictHub(
  builtDesk: string,
  database: string,
  offices: readonly DeskOffice[],
): Promise<DistrictHub> {
  let deskDir: string | undefined;
  let cluster: ThrowawayCluster | undefined;
  let hub: RunningHub | undefined;
  const stop = async () => {
    await hub?.stop();
    await cluster?.stop();
    if (deskDir) await rm(deskDir, { recursive: true, force: true });
  };
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a database name: ${database}`);
  try {
    deskDir = await mkdtemp(join(tmpdir(), `akimat-e2e-${database}-`));
    await cp(builtDesk, deskDir, { recursive: true });
    cluster = await startThrowawayCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = `/${database}`;
    const config: HubConfig = {
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'warn' }),
      database: { kind: 'postgresql', url: url.toString() },
    };
    hub = await startHub(config, { deskDir });
    await addDistrict(
      hub.db,
      { code: DISTRICT_CODE, nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
      'admin',
    );
    for (const office of offices) {
      await addOffice(
        hub.db,
        {
          districtCode: DISTRICT_CODE,
          code: office.code,
          kind: office.kind ?? 'akimat',
          nameKk: office.nameKk,
          nameRu: office.nameRu,
        },
        'admin',
      );
    }
    return { hub, config, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A one-time enrollment code the district admin makes for an office. */
export async function enrollmentCode(hub: RunningHub, officeCode: string): Promise<string> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  return made.value.code;
}

/**
 * A laptop (a browser context at 1366×768) whose clock starts at `start`, with the desk loaded from
 * the hub, set up through the wizard in `language` for `office` and `users`, the first of them logged in.
 */
export async function installDesk(
  browser: Browser,
  hubUrl: string,
  desk: {
    start: Date;
    language: DeskLanguage;
    office: DeskOffice;
    users: readonly DeskUser[];
  },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.clock.install({ time: desk.start });
  await page.goto(`${hubUrl}/`);
  await setUpOffice(page, { language: desk.language, office: desk.office, users: desk.users });
  const first = desk.users[0];
  if (!first) throw new Error('no users');
  await logIn(page, first.name, first.pin);
  return { context, page };
}

/**
 * A screenshot of the page as it is now, in the language the desk shows. The desks' clocks may run
 * days ahead of the hub's, so the frame warns of it after each sync; the person reads the warning
 * and closes it ("Понятно"), as the screen asks, before the picture.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const warning = page.locator('.clock-warning');
  if (await warning.isVisible()) {
    await warning.getByRole('button', { name: /^(Понятно|Түсінікті)$/ }).click();
    await warning.waitFor({ state: 'detached' });
  }
  const path = screenshotPath(name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** After a failed test: every open page of the browser, photographed as `failed-<prefix>-<n>`. */
export async function photographFailure(browser: Browser | undefined, prefix: string) {
  for (const [i, context] of (browser?.contexts() ?? []).entries()) {
    for (const [j, page] of context.pages().entries()) {
      await page
        .screenshot({ path: screenshotPath(`failed-${prefix}-${i}-${j}`), fullPage: true })
        .catch(() => undefined);
    }
  }
}

/** What a person reads on the screens, in each language. */
export const DISTRICT_UI = {
  kk: {
    // frame and sync (common.json, sync.json)
    languageGroup: 'Интерфейс тілі',
    languageName: 'Қазақша',
    system: 'Жүйе туралы',
    hubHeading: 'Синхрондау',
    code: 'Қосылу коды',
    join: 'Қосу',
    joined: /^Жұмыс орны хабқа қосылды, оның мекемедегі нөмірі — (\d+)\./,
    syncNow: 'Қазір синхрондау',
    synced: /синхрондалды$/,
    panel: 'Аудандық хабпен синхрондау',
    // navigation
    inbound: 'Кіріс құжаттар',
    sms: 'SMS хабарламалар',
    reports: 'Айлық есеп',
    journal: 'Тіркеу журналы',
    registers: 'Жолдау тізілімдері',
    akimInbox: 'Бұрыштама және қол қою',
    // intake (intake.json)
    intake: 'Өтініш қабылдау',
    service: 'Қызмет',
    iin: 'ЖСН',
    lastName: 'Тегі',
    firstName: 'Аты',
    patronymic: 'Әкесінің аты',
    address: 'Мекенжайы',
    phone: 'Ұялы телефон',
    inMobileCitizensDb: 'Нөмір мобильді азаматтар базасында тіркелген',
    allPresented: 'Барлық міндетті құжаттар ұсынылды',
    consent: /келісім/i,
    register: 'Өтінішті тіркеу',
    // registers (registers.json, akim.json)
    newRegister: 'Жаңа тізілім',
    selectAll: 'Барлығын таңдау',
    createRegister: /^Тізілім жасау/,
    openAndSign: 'Ашу және қол қою',
    signRegister: 'Тізілімге қол қою',
    sign: 'Қол қою',
    signed: /тізілімге қол қойылды/,
    forward: 'Ауданға жолдау',
    confirmForward: 'Жолдауды растау',
    forwarded: /Тізілім жолданды/,
    // case page (casePage.json)
    caseHeading: /^№ .+ іс$/,
    returnedToAkimat: 'Нәтиженің келіп түскенін белгілеу',
    returnedSubmit: 'Келіп түскенін белгілеу',
    issue: 'Нәтижені беру',
    issueAndClose: 'Беру және істі жабу',
  },
  ru: {
    languageGroup: 'Язык интерфейса',
    languageName: 'Русский',
    system: 'О системе',
    hubHeading: 'Синхронизация',
    code: 'Код подключения',
    join: 'Подключить',
    joined: /^Рабочее место подключено к хабу, его номер в учреждении — (\d+)\./,
    syncNow: 'Синхронизировать сейчас',
    synced: /^Синхронизировано в /,
    panel: 'Синхронизация с районным хабом',
    inbound: 'Входящие',
    sms: 'SMS-уведомления',
    reports: 'Ежемесячный отчёт',
    journal: 'Журнал регистрации',
    registers: 'Реестры передачи',
    akimInbox: 'Резолюции и подписи',
    intake: 'Приём заявления',
    service: 'Услуга',
    iin: 'ИИН',
    lastName: 'Фамилия',
    firstName: 'Имя',
    patronymic: 'Отчество',
    address: 'Адрес',
    phone: 'Мобильный телефон',
    inMobileCitizensDb: 'Номер зарегистрирован в базе мобильных граждан',
    allPresented: 'Все обязательные документы представлены',
    consent: /согласие/i,
    register: 'Зарегистрировать заявление',
    newRegister: 'Новый реестр',
    selectAll: 'Выбрать все',
    createRegister: /^Сформировать реестр/,
    openAndSign: 'Открыть и подписать',
    signRegister: 'Подписать реестр',
    sign: 'Подписать',
    signed: /подписан/,
    forward: 'Передать в район',
    confirmForward: 'Подтвердить передачу',
    forwarded: /Реестр передан/,
    caseHeading: /^Дело № /,
    returnedToAkimat: 'Отметить поступление результата',
    returnedSubmit: 'Отметить поступление',
    issue: 'Выдать результат',
    issueAndClose: 'Выдать и закрыть дело',
  },
} as const;

/** The district department's case forms, in Russian (the district desk works in Russian). */
export const DISTRICT_FORMS_RU = {
  receive: (count: number) => new RegExp(`^Принять реестр: ${count} заявлени(е|я|й)$`),
  incomingNumber: 'Входящий номер',
  received: /^Реестр № .+ принят$/,
  income: 'Рассчитать среднедушевой доход',
  incomeTitle: 'Расчёт среднедушевого дохода',
  incomeSubmit: 'Сохранить расчёт',
  decision: 'Принять решение',
  decisionSubmit: 'Сохранить решение',
  grant: 'О предоставлении социальной помощи',
  refuse: 'Об отказе в предоставлении социальной помощи',
  decisionNumber: 'Номер решения',
  decisionDate: 'Дата решения',
  amount: 'Размер помощи, тенге',
  periodFrom: 'Назначено с',
  periodTo: 'по',
  justification: 'Мотивированное обоснование отказа',
  remarksConsideration: 'Результаты рассмотрения замечаний',
  notice: 'Направить уведомление о предварительном решении об отказе',
  noticeSubmit: 'Сохранить уведомление',
  grounds: 'Основания для отказа',
  noticeDate: 'Дата уведомления',
  sameDay: 'В день направления (на руки, по SMS или через портал)',
  hearingDate: 'Дата заслушивания',
  hearingTime: 'Время заслушивания',
  video: 'Видеоконференцсвязь или иные средства связи',
  objection: 'Внести возражение заявителя',
  objectionSubmit: 'Сохранить возражение',
  oral: 'Устно',
  objectionDate: 'Дата возражения',
  objectionSummary: 'Суть возражения',
  protocol: 'Внести протокол заслушивания',
  protocolSubmit: 'Сохранить протокол',
  protocolDate: 'Дата протокола',
  protocolNumber: 'Номер протокола (если есть)',
  protocolSummary: 'Содержание протокола',
  familiarized: 'Отметить ознакомление с протоколом',
  familiarizedDate: 'Дата ознакомления',
  saveDate: 'Сохранить дату',
  remarks: 'Внести замечания к протоколу',
  remarksSubmit: 'Сохранить замечания',
  remarksDate: 'Дата замечаний',
  remarksText: 'Замечания к протоколу',
  cancel: 'Отмена',
  saved: /^Сохранено: /,
  hearingCard: 'Заслушивание перед отказом',
  signResult: 'Подписать ПИН-кодом',
  signDialogSubmit: 'Подписать',
  signed: 'Результат подписан',
  verified: /^Подпись подтверждена/,
  printIn: (lang: DeskLanguage) =>
    `Печать уведомления: ${lang === 'kk' ? 'на казахском языке' : 'на русском языке'}`,
  remarksWindowOpen:
    'Три рабочих дня после ознакомления с протоколом ещё не истекли, а замечаний нет: принимать решение рано.',
} as const;

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** Opens a screen of the navigation and waits for its heading. */
export async function openScreen(page: Page, name: string, heading: string | RegExp = name) {
  await nav(page, name);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** The frame's language switch: the whole interface in `language` from now on. */
export async function switchLanguage(page: Page, language: DeskLanguage): Promise<void> {
  const group = page.getByRole('group', { name: /^(Интерфейс тілі|Язык интерфейса)$/ });
  await group
    .getByRole('button', { name: DISTRICT_UI[language].languageName, exact: true })
    .click();
  await page
    .getByRole('navigation')
    .getByRole('link', { name: DISTRICT_UI[language].system, exact: true })
    .waitFor();
}

/** Joins the hub from the system page with a one-time code; returns the laptop number it gave. */
export async function joinFromSystemPage(
  page: Page,
  language: DeskLanguage,
  code: string,
): Promise<number> {
  const l = DISTRICT_UI[language];
  await nav(page, l.system);
  await page.getByRole('heading', { name: l.hubHeading, level: 2 }).waitFor();
  await page.getByLabel(l.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: l.join, exact: true }).click();
  const joined = page.getByText(l.joined);
  await joined.waitFor({ timeout: 20_000 });
  return Number(l.joined.exec(await joined.innerText())?.[1]);
}

/**
 * "Sync now" on the system page, then the frame's status area: it must come to say the desk synced
 * and that no event waits or was refused. (The desks' clocks run days ahead of the hub's here, so the
 * panel may carry the clock-skew warning; that is not a failure of the sync.)
 */
export async function syncNow(page: Page, language: DeskLanguage): Promise<void> {
  const l = DISTRICT_UI[language];
  await nav(page, l.system);
  const button = page.getByRole('button', { name: l.syncNow, exact: true });
  await button.click();
  // The button is disabled while the engine runs.
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
  const area = page.locator('.frame-tools .sync-area');
  const summary = area.locator('summary');
  await expect
    .poll(async () => (await summary.innerText()).trim(), { timeout: 30_000 })
    .toMatch(l.synced);
  await summary.click();
  const panel = page.getByRole('region', { name: l.panel });
  await expect.poll(() => panel.locator('dd').nth(1).innerText(), { timeout: 30_000 }).toBe('0');
  expect(await area.locator('.sync-rejected-count').count()).toBe(0);
  await summary.click();
}

/** An applicant with a mobile number in the mobile citizens' database (SMS notices, 003:49). */
export interface MobileApplicant extends DeskApplicant {
  phone: string;
}

/**
 * Registers a complete application through the intake, with the applicant's mobile number marked as
 * in the mobile citizens' database, and waits for its talon. Works offline.
 */
export async function registerWithMobile(
  page: Page,
  language: DeskLanguage,
  applicant: MobileApplicant,
): Promise<{ caseId: string; number: string }> {
  const l = DISTRICT_UI[language];
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await openScreen(page, l.intake);
  await field(l.service).selectOption('targeted-social-assistance');
  await field(l.iin).fill(applicant.iin);
  await field(l.lastName).fill(applicant.lastName);
  await field(l.firstName).fill(applicant.firstName);
  if (applicant.patronymic) await field(l.patronymic).fill(applicant.patronymic);
  await field(l.address).fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await field(l.phone).fill(applicant.phone);
  await page.getByLabel(l.inMobileCitizensDb).check();
  await page.getByRole('button', { name: l.allPresented }).click();
  for (const select of await page.locator('.intake-document select').all()) {
    if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
  }
  for (const consent of await page.getByRole('checkbox', { name: l.consent }).all()) {
    await consent.check();
  }
  await page.getByRole('button', { name: l.register }).last().click();
  await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
  const caseId = /#\/print\/talon\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!caseId) throw new Error(`no case id in ${page.url()}`);
  const number = /[A-Z]{3}\d{2}-\d{1,2}-\d{4}\/\d{4}/;
  const shown = await page.getByText(number).first().innerText();
  const found = number.exec(shown)?.[0];
  if (!found) throw new Error(`no registration number on the talon: ${shown}`);
  return { caseId, number: found };
}

/** Opens a case page by its address, without loading a page (works offline). */
export async function openCase(page: Page, language: DeskLanguage, caseId: string): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/cases/${id}`;
  }, caseId);
  await page.getByRole('heading', { name: DISTRICT_UI[language].caseHeading }).first().waitFor();
}

/** Opens the action `action` of the case page; returns its form (titled `title`, or as the action). */
export async function openAction(page: Page, action: string, title = action): Promise<Locator> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: title, exact: true });
  await form.waitFor();
  return form;
}

/** Submits an action's form and waits for the case page to say it was saved. */
export async function submitAction(page: Page, form: Locator, submit: string): Promise<void> {
  await form.getByRole('button', { name: submit, exact: true }).click();
  const failure = form.getByRole('alert');
  await Promise.race([
    form.waitFor({ state: 'detached', timeout: 20_000 }),
    failure
      .first()
      .waitFor({ timeout: 20_000 })
      .then(async () => {
        throw new Error(`the form refused: ${(await failure.allInnerTexts()).join(' | ')}`);
      }),
  ]);
  await page.locator('.cp-saved').waitFor();
}

/** The PDF that Chromium prints of the print view now shown, and its text (poppler's pdftotext). */
export async function printToPdf(
  page: Page,
  dir: string,
  name: string,
): Promise<{ file: string; text: string }> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { file, text };
}
