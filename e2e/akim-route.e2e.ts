import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import {
  AKIM,
  logIn,
  moveOfficeClock,
  setUpOffice,
  SPECIALIST,
  type DeskLanguage,
} from './support/desk';

// The whole akim route on one laptop with the network off, as the specialist and the akim do it:
// intake with an IIN, the talon as a PDF, the akim's resolution, the village commission's act, the
// covering register signed by the akim and forwarded, the district's result entered from its paper
// notice, issue to the applicant, and the journal showing the case closed. Once the desk has loaded,
// the browser context is offline for the rest of the test, and no response from any server arrives.

const PDF_DIR = join(import.meta.dirname, '..', 'test-results', 'pdf');

/** Monday 23.11.2026, 10:00 in Kazakhstan (UTC+5). */
const NOW = new Date('2026-11-23T10:00:00+05:00');

interface RouteCase {
  serviceId: string;
  /** What the registration plan gives on NOW, worked out by hand on the 2026 calendar. */
  due: string;
  why: string;
  applicant: { iin: string; lastName: string; firstName: string; patronymic: string };
}

const TARGETED_ASSISTANCE: RouteCase = {
  serviceId: 'targeted-social-assistance',
  // 22 working days from Mon 23.11.2026; Wed 16.12 (Independence Day) is skipped.
  due: '24.12.2026',
  why: '22 working days',
  applicant: {
    iin: '850315400124',
    lastName: 'Сейітова',
    firstName: 'Әйгерім',
    patronymic: 'Қайратқызы',
  },
};

const CHILD_BENEFIT: RouteCase = {
  serviceId: 'child-benefit-under-18',
  // 30 calendar days from 23.11.2026 is Wed 23.12.2026, a working day.
  due: '23.12.2026',
  why: '30 calendar days',
  applicant: {
    iin: '900101300126',
    lastName: 'Нұрланов',
    firstName: 'Ерболат',
    patronymic: 'Серікұлы',
  },
};

/** What a person reads on the screens, in each language. */
const UI = {
  kk: {
    intake: 'Өтініш қабылдау',
    service: 'Қызмет',
    iin: 'ЖСН',
    lastName: 'Тегі',
    firstName: 'Аты',
    patronymic: 'Әкесінің аты',
    address: 'Мекенжайы',
    allPresented: 'Барлық міндетті құжаттар ұсынылды',
    consent: /келісім/i,
    register: 'Өтінішті тіркеу',
    refuse: 'Қабылдаудан бас тарту (2-1 нысаны)',
    switchUser: 'Пайдаланушыны ауыстыру',
    caseHeading: /^№ .+ іс$/,
    impose: 'Бұрыштама қою',
    confirmResolution: 'Бұрыштаманы ПИН-кодпен растау',
    confirm: 'Растау',
    imposed: 'Әкім бұрыштама қойды',
    sendToCommission: 'Учаскелік комиссияға жіберу',
    send: 'Жіберу',
    recordAct: 'Тексеру актісін енгізу',
    memberName: '1-комиссия мүшесі: тегі мен аты-жөнінің бас әріптері',
    memberPosition: '1-комиссия мүшесі: лауазымы',
    findings: 'Тексеру нәтижелері',
    needed: 'Отбасы көмекке мұқтаж',
    saveAct: 'Актіні сақтау',
    registers: 'Жолдау тізілімдері',
    newRegister: 'Жаңа тізілім',
    selectAll: 'Барлығын таңдау',
    createRegister: /^Тізілім жасау/,
    akimInbox: 'Бұрыштама және қол қою',
    openAndSign: 'Ашу және қол қою',
    signRegister: 'Тізілімге қол қою',
    sign: 'Қол қою',
    signed: /тізілімге қол қойылды/,
    forward: 'Ауданға жолдау',
    confirmForward: 'Жолдауды растау',
    forwarded: /Тізілім жолданды/,
    recordResult: 'Аудан шешімін енгізу',
    grant: 'Әлеуметтік көмек көрсету туралы',
    decisionNumber: 'Шешім нөмірі',
    decisionDate: 'Шешім күні',
    amount: 'Көмек мөлшері, теңге',
    saveDecision: 'Шешімді сақтау',
    issue: 'Нәтижені беру',
    issueAndClose: 'Беру және істі жабу',
    journal: 'Тіркеу журналы',
    dashboard: 'Мерзімдерді бақылау',
    search: 'Іздеу',
    issued: 'Берілді',
    notAccepted: 'Қабылданбады',
    receiptTitle: 'ӨТІНІШТІ ҚАБЫЛДАУДАН БАС ТАРТУ ТУРАЛЫ ҚОЛХАТ',
  },
  ru: {
    intake: 'Приём заявления',
    service: 'Услуга',
    iin: 'ИИН',
    lastName: 'Фамилия',
    firstName: 'Имя',
    patronymic: 'Отчество',
    address: 'Адрес',
    allPresented: 'Все обязательные документы представлены',
    consent: /согласие/i,
    register: 'Зарегистрировать заявление',
    refuse: 'Отказать в приёме (форма 2-1)',
    switchUser: 'Сменить пользователя',
    caseHeading: /^Дело № /,
    impose: 'Наложить резолюцию',
    confirmResolution: 'Подтверждение резолюции ПИН-кодом',
    confirm: 'Подтвердить',
    imposed: 'Аким наложил резолюцию',
    sendToCommission: 'Направить в участковую комиссию',
    send: 'Направить',
    recordAct: 'Внести акт обследования',
    memberName: 'Член комиссии 1: фамилия и инициалы',
    memberPosition: 'Член комиссии 1: должность',
    findings: 'Результаты обследования',
    needed: 'Семья нуждается в помощи',
    saveAct: 'Сохранить акт',
    registers: 'Реестры передачи',
    newRegister: 'Новый реестр',
    selectAll: 'Выбрать все',
    createRegister: /^Сформировать реестр/,
    akimInbox: 'Резолюции и подписи',
    openAndSign: 'Открыть и подписать',
    signRegister: 'Подписать реестр',
    sign: 'Подписать',
    signed: /подписан/,
    forward: 'Передать в район',
    confirmForward: 'Подтвердить передачу',
    forwarded: /Реестр передан/,
    recordResult: 'Внести решение района',
    grant: 'О предоставлении социальной помощи',
    decisionNumber: 'Номер решения',
    decisionDate: 'Дата решения',
    amount: 'Размер помощи, тенге',
    saveDecision: 'Сохранить решение',
    issue: 'Выдать результат',
    issueAndClose: 'Выдать и закрыть дело',
    journal: 'Журнал регистрации',
    dashboard: 'Контроль сроков',
    search: 'Поиск',
    issued: 'Выдано',
    notAccepted: 'Не принято',
    receiptTitle: 'РАСПИСКА ОБ ОТКАЗЕ В ПРИЁМЕ ЗАЯВЛЕНИЯ',
  },
} as const;

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every response the page receives after the network was switched off (must stay empty). */
let responsesWhileOffline: string[];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(PDF_DIR, { recursive: true });
});

afterAll(async () => {
  await browser.close();
});

afterEach(async ({ task }) => {
  // A failed run leaves a picture of where it stopped.
  if (task.result?.state === 'fail') {
    const name = `failed-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
    await page.screenshot({ path: screenshotPath(name), fullPage: true }).catch(() => undefined);
  }
  await context.close();
});

/** A fresh laptop: new profile, fixed office clock, the desk loaded, then the network off. */
async function openOfflineDesk(): Promise<void> {
  context = await browser.newContext({ viewport: { width: 1360, height: 950 } });
  page = await context.newPage();
  await page.clock.install({ time: NOW });
  await page.goto(inject('deskUrl'));
  await page.locator('#root *').first().waitFor();
  await context.setOffline(true);
  responsesWhileOffline = [];
  page.on('response', (response) => responsesWhileOffline.push(response.url()));
}

const field = (label: string) => page.getByLabel(label, { exact: true });
const navTo = (name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** Opens a case page by its address without reloading (a reload needs the server). */
async function openCase(caseId: string, lang: DeskLanguage): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/cases/${id}`;
  }, caseId);
  await page.getByRole('heading', { name: UI[lang].caseHeading }).first().waitFor();
}

async function switchUser(lang: DeskLanguage, user: { name: string; pin: string }): Promise<void> {
  await page.locator('.session-menu-button').click();
  await page.getByRole('menuitem', { name: UI[lang].switchUser }).click();
  await logIn(page, user.name, user.pin);
}

/** Fills the intake form for the case's applicant; documents are left to the caller. */
async function fillIntake(lang: DeskLanguage, route: RouteCase): Promise<void> {
  const l = UI[lang];
  await navTo(l.intake);
  await page.getByRole('heading', { name: l.intake, level: 1 }).waitFor();
  await field(l.service).selectOption(route.serviceId);
  await field(l.iin).fill(route.applicant.iin);
  await field(l.lastName).fill(route.applicant.lastName);
  await field(l.firstName).fill(route.applicant.firstName);
  await field(l.patronymic).fill(route.applicant.patronymic);
  await field(l.address).fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  for (const consent of await page.getByRole('checkbox', { name: l.consent }).all()) {
    await consent.check();
  }
}

/** Renders the current print view to a PDF and returns its text (poppler's pdftotext). */
async function printedText(name: string): Promise<string> {
  const file = join(PDF_DIR, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function caseIdFromUrl(kind: string): string {
  const match = new RegExp(`#/print/${kind}/([0-9a-f-]{36})`).exec(page.url());
  if (!match?.[1]) throw new Error(`not on a ${kind} print view: ${page.url()}`);
  return match[1];
}

describe.each([
  ['kk', TARGETED_ASSISTANCE],
  ['ru', TARGETED_ASSISTANCE],
  ['kk', CHILD_BENEFIT],
  ['ru', CHILD_BENEFIT],
] as const)('the akim route offline in %s: %s', (lang, route) => {
  test(`${route.serviceId} (${route.why}) from intake to issue`, async () => {
    const l = UI[lang];
    await openOfflineDesk();
    await setUpOffice(page, { language: lang });
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);

    // Intake: a complete package is registered and the talon opens for printing.
    await fillIntake(lang, route);
    await page.getByRole('button', { name: l.allPresented }).click();
    for (const select of await page.locator('.intake-document select').all()) {
      if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
    }
    const shot = (step: string) =>
      page.screenshot({
        path: screenshotPath(`route-${route.serviceId}-${lang}-${step}`),
        fullPage: true,
      });
    await shot('intake');
    await page.getByRole('button', { name: l.register }).last().click();
    await page.waitForURL(/#\/print\/talon\//);
    const caseId = caseIdFromUrl('talon');
    const number = 'KZL01-1-0001/2026';
    await page.getByText(number).first().waitFor();
    const talon = await printedText(`talon-${route.serviceId}-${lang}`);
    expect(talon).toContain(number);
    expect(talon).toContain('23.11.2026');
    expect(talon).toContain(route.due);
    expect(talon).toContain(SPECIALIST.name.split(' ')[0]);

    // The akim imposes a resolution and confirms it with the PIN.
    await switchUser(lang, AKIM);
    await openCase(caseId, lang);
    await page.getByRole('button', { name: l.impose }).first().click();
    await page.getByRole('button', { name: l.impose }).last().click();
    const pinDialog = page.getByRole('dialog', { name: l.confirmResolution });
    await pinDialog.getByLabel('ПИН-код').fill(AKIM.pin);
    await shot('resolution-pin');
    await pinDialog.getByRole('button', { name: l.confirm, exact: true }).click();
    await page.getByText(l.imposed).first().waitFor();

    // The specialist sends the case to the village commission and records its act.
    await switchUser(lang, SPECIALIST);
    await openCase(caseId, lang);
    await page.getByRole('button', { name: l.sendToCommission }).click();
    await page.getByRole('button', { name: l.send, exact: true }).click();
    await page.getByRole('button', { name: l.recordAct }).click();
    await field(l.memberName).fill('Ахметов Б. К.');
    await field(l.memberPosition).fill(lang === 'kk' ? 'төраға' : 'председатель');
    await field(l.findings).fill(
      lang === 'kk'
        ? 'Отбасы 4 адамнан тұрады, табысы кедейлік шегінен төмен.'
        : 'Семья из 4 человек, доход ниже черты бедности.',
    );
    await field(l.needed).check();
    await page.getByRole('button', { name: l.saveAct }).click();
    await page.getByRole('button', { name: l.recordAct }).waitFor({ state: 'detached' });

    // A covering register: built by the specialist, signed by the akim, forwarded by the specialist.
    await navTo(l.registers);
    await page.getByRole('button', { name: l.newRegister }).click();
    await page.getByLabel(l.selectAll).check();
    await page.getByRole('button', { name: l.createRegister }).click();
    const registerNumber = 'KZL01-1-R0001/2026';
    await page.getByRole('heading', { name: new RegExp(registerNumber) }).waitFor();

    await switchUser(lang, AKIM);
    await navTo(l.akimInbox);
    await page.getByRole('link', { name: l.openAndSign }).first().waitFor();
    await shot('akim-inbox');
    await page.getByRole('link', { name: l.openAndSign }).first().click();
    await page.getByRole('button', { name: l.signRegister }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ПИН-код').fill(AKIM.pin);
    await dialog.getByRole('button', { name: l.sign, exact: true }).click();
    await page.getByRole('status').filter({ hasText: l.signed }).waitFor({ timeout: 30_000 });

    await switchUser(lang, SPECIALIST);
    await navTo(l.registers);
    await page.getByRole('link', { name: registerNumber }).click();
    await page.getByRole('button', { name: l.forward }).click();
    await page.getByRole('button', { name: l.confirmForward }).click();
    await page.getByRole('status').filter({ hasText: l.forwarded }).waitFor();

    // Three weeks later the district's result arrives on paper; the specialist enters it and issues it.
    await moveOfficeClock(page, lang, new Date('2026-12-14T11:00:00+05:00'), SPECIALIST);
    await openCase(caseId, lang);
    await page.getByRole('button', { name: l.recordResult }).click();
    await page.getByLabel(l.grant).check();
    await field(l.decisionNumber).fill('1187');
    await field(l.decisionDate).fill('10.12.2026');
    await field(l.amount).fill('45 000');
    await page.getByRole('button', { name: l.saveDecision }).click();
    await page.getByRole('button', { name: l.issue }).click();
    await page.getByRole('button', { name: l.issueAndClose }).click();
    await page.getByRole('button', { name: l.issue }).waitFor({ state: 'detached' });
    await shot('case');

    // The journal shows the case closed.
    await navTo(l.journal);
    await field(l.search).fill(route.applicant.iin);
    const row = page.getByRole('row').filter({ hasText: number });
    await row.getByText(l.issued).waitFor();
    await shot('journal');
    await navTo(l.dashboard);
    await page.getByRole('heading', { name: l.dashboard, level: 1 }).waitFor();
    await shot('dashboard');

    expect(responsesWhileOffline).toEqual([]);
  });
});

describe('an incomplete package offline', () => {
  test.each(['kk', 'ru'] as const)(
    'R-REG-6: a missing document gives form 2-1 and the case is recorded as not accepted (%s)',
    async (lang) => {
      const l = UI[lang];
      await openOfflineDesk();
      await setUpOffice(page, { language: lang });
      await logIn(page, SPECIALIST.name, SPECIALIST.pin);

      await fillIntake(lang, TARGETED_ASSISTANCE);
      await page.getByRole('button', { name: l.allPresented }).click();
      const documents = await page.locator('.intake-document select').all();
      for (const select of documents) {
        if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
      }
      // The applicant did not bring the first required document.
      const first = documents[0];
      if (!first) throw new Error('the service has no documents checklist');
      await first.selectOption('missing');
      expect(await page.getByRole('button', { name: l.register }).count()).toBe(0);
      await page.getByRole('button', { name: l.refuse }).last().click();
      await page.waitForURL(/#\/print\/acceptance-refusal\//);
      await page.getByText(TARGETED_ASSISTANCE.applicant.iin).first().waitFor();
      const receipt = await printedText(`form-2-1-${lang}`);
      expect(receipt).toContain(l.receiptTitle);
      expect(receipt).toContain(TARGETED_ASSISTANCE.applicant.lastName);
      expect(receipt).toContain('23.11.2026');

      await navTo(l.journal);
      await field(l.search).fill(TARGETED_ASSISTANCE.applicant.iin);
      await page.getByRole('row').filter({ hasText: l.notAccepted }).waitFor();
      expect(responsesWhileOffline).toEqual([]);
    },
  );
});
