import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { AKIM, logIn, setUpOffice, SPECIALIST } from './support/desk';

// Documents right on paper (issue 10 §4), on a village laptop's screen (1366×768) in Russian, each
// document printed in both languages and read back from its PDF with poppler's pdftotext: form 2-1
// with its form mark, legal reference and receipt number (and the number in the journal); the
// certificate given «to whom» in the dative, signed in Akimat Desk with the akim's personal key, with
// the place for the handwritten signature and the seal; the talon, the covering register and the
// result notice; the journal printed on landscape A4; the dashboard's list printed and exported.

const PDF_DIR = join(import.meta.dirname, '..', 'test-results', 'pdf');
const APPLICANT = {
  iin: '850315400124',
  lastName: 'Сейітова',
  firstName: 'Әйгерім',
  patronymic: 'Қайратқызы',
};

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(PDF_DIR, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('console:', m.text());
  });
  // Monday 23.11.2026, 10:00 at the office.
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'ru' });
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    const name = `failed-documents-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
    await page.screenshot({ path: screenshotPath(name), fullPage: true }).catch(() => undefined);
  }
});

afterAll(async () => {
  await browser.close();
});

const field = (label: string) => page.getByLabel(label, { exact: true });
const nav = (name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** Moves to an address inside the desk without reloading (a reload would end the session). */
async function go(hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** The print view's document language. */
async function documentLanguage(lang: 'kk' | 'ru'): Promise<void> {
  await page.getByRole('combobox', { name: /^(Құжат тілі|Язык документа)/ }).selectOption(lang);
  await page.waitForURL(new RegExp(`lang=${lang}`));
  // The address changes before React draws the sheet again: print once the sheet is in that language.
  await page.locator(`.print-document[lang="${lang}"] article`).waitFor();
}

interface Printed {
  readonly text: string;
  readonly pages: number;
  readonly pageSize: string;
}

/** The page printed as the desk prints it (its CSS page size), read back with poppler. */
async function printed(name: string): Promise<Printed> {
  const file = join(PDF_DIR, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  writeFileSync(join(PDF_DIR, `${name}.txt`), text);
  return {
    text,
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    pageSize: /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? '',
  };
}

/** pdftotext -layout breaks lines and pads with spaces: compare words, not layout. */
const flat = (text: string) => text.replace(/-[ \t]*\n\s*/g, '-').replace(/\s+/g, ' ');

async function fillApplicant(serviceId: string): Promise<void> {
  await nav('Приём заявления');
  await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
  await field('Услуга').selectOption(serviceId);
  await field('ИИН').fill(APPLICANT.iin);
  await field('Фамилия').fill(APPLICANT.lastName);
  await field('Имя').fill(APPLICANT.firstName);
  await field('Отчество').fill(APPLICANT.patronymic);
  await field('Адрес').fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
  for (const select of await page.locator('.intake-document select').all()) {
    if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
  }
  for (const consent of await page.getByRole('checkbox', { name: /согласие/i }).all()) {
    await consent.check();
  }
}

/** Registers an application and returns its case id (the talon opens). */
async function register(serviceId: string): Promise<string> {
  await fillApplicant(serviceId);
  await page.getByRole('button', { name: 'Зарегистрировать заявление' }).last().click();
  await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
  await page
    .locator('.doc-sheet')
    .getByText(/^KZL01-1-\d{4}\/2026$/)
    .first()
    .waitFor();
  const id = /#\/print\/talon\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no case id in ${page.url()}`);
  return id;
}

async function switchTo(user: { name: string; pin: string }): Promise<void> {
  await page.locator('.session-menu-button').click();
  await page.getByRole('menuitem', { name: 'Сменить пользователя' }).click();
  await logIn(page, user.name, user.pin);
}

describe('form 2-1', () => {
  test('R-REG-6 (seed 003:27): the receipt carries its form mark, legal reference and number, in kk and ru, on one page', async () => {
    // Any service refused at intake gets the receipt of appendix 2-1 (R-REG-6).
    await fillApplicant('targeted-social-assistance');
    const first = page.locator('.intake-document select').first();
    await first.selectOption('missing');
    await page.getByRole('button', { name: 'Отказать в приёме (форма 2-1)' }).last().click();
    await page.waitForURL(/#\/print\/acceptance-refusal\/[0-9a-f-]{36}\?lang=ru$/);
    const number = 'KZL01-1-Q0001/2026';
    await page.getByText(`№ ${number}`).waitFor();
    await page.screenshot({ path: screenshotPath('form-2-1-ru') });
    const ru = await printed('form-2-1-ru');
    expect(ru.pages).toBe(1);
    expect(flat(ru.text)).toContain(
      'Приложение 2-1 к Правилам оказания государственной услуги «Назначение социальной помощи',
    );
    expect(flat(ru.text)).toContain('Назначение государственной адресной социальной помощи');
    expect(flat(ru.text)).toContain('Форма');
    expect(flat(ru.text)).toContain('РАСПИСКА ОБ ОТКАЗЕ В ПРИЁМЕ ЗАЯВЛЕНИЯ №');
    expect(flat(ru.text)).toContain(`№ ${number}`);
    expect(flat(ru.text)).toContain('от 25.03.2021 № 84');
    expect(flat(ru.text)).toContain('под № 22394');

    await documentLanguage('kk');
    await page.getByText('Нысан', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('form-2-1-kk') });
    const kk = await printed('form-2-1-kk');
    expect(kk.pages).toBe(1);
    expect(flat(kk.text)).toContain('қағидаларына 2-1-қосымша');
    expect(flat(kk.text)).toContain('ӨТІНІШТІ ҚАБЫЛДАУДАН БАС ТАРТУ ТУРАЛЫ ҚОЛХАТ №');
    expect(flat(kk.text)).toContain(`№ ${number}`);
    expect(flat(kk.text)).toContain('25.03.2021 № 84 бұйрығымен бекітілген');

    // The journal lists the refused application under its receipt number.
    await nav('Журнал регистрации');
    await field('Поиск').fill(APPLICANT.iin);
    await page
      .getByRole('row')
      .filter({ hasText: number })
      .filter({ hasText: 'Не принято' })
      .waitFor();
  });
});

describe('the certificate', () => {
  test('given «to whom» in the dative, signed in Akimat Desk with the akim’s key, with the place for the signature and the seal', async () => {
    const xlsx = await writeXlsxFile([
      [{ value: 'ЖСН' }, { value: 'Аты-жөні' }, { value: 'Тоқсан' }, { value: 'Отбасы мүшелері' }],
      [
        { value: APPLICANT.iin },
        { value: 'Сейітова Әйгерім Қайратқызы' },
        { value: '2026-Q4' },
        { value: 'Сейітов Нұрлан; Сейітова Дана' },
      ],
    ]).toBuffer();
    await nav('Реестр получателей АСП');
    await page.getByLabel('Файл реестра (XLSX или CSV)').setInputFiles({
      name: 'asp-2026-q4.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await page.getByRole('button', { name: 'Загрузить 1 строку' }).click();
    await page.getByText('Реестр из файла «asp-2026-q4.xlsx» сохранён').waitFor();

    const caseId = await register('asp-recipient-certificate');
    // The talon, read in both languages.
    const talonRu = await printed('talon-certificate-ru');
    expect(talonRu.pages).toBe(1);
    expect(flat(talonRu.text)).toContain('KZL01-1-0001/2026');
    await documentLanguage('kk');
    // The Kazakh texts may load after the address changes: print once the talon reads in Kazakh.
    await page.getByText('Өтініштің үзбелі талоны').first().waitFor();
    const talonKk = await printed('talon-certificate-kk');
    expect(talonKk.pages).toBe(1);
    expect(flat(talonKk.text)).toContain('ӨТІНІШТІҢ ҮЗБЕЛІ ТАЛОНЫ');

    await go(`#/cases/${caseId}`);
    await page.getByRole('heading', { name: /^Дело № / }).waitFor();
    await field('Подписывает').selectOption({ label: AKIM.name });
    await page.getByRole('button', { name: 'Подписать справку' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ПИН-код', { exact: true }).fill(AKIM.pin);
    await dialog.getByRole('button', { name: 'Подписать', exact: true }).click();
    await page.getByText('Справка подписана. Выдайте её заявителю: «Выдать результат».').waitFor();

    await go(`#/print/certificate/${caseId}?lang=ru`);
    await page.getByText('Подпись проверена').waitFor();
    await page.getByText(/^Выдана Сейітовой Әйгерім Қайратқызы/).waitFor();
    await page.screenshot({ path: screenshotPath('certificate-ru') });
    const ru = await printed('certificate-ru');
    expect(ru.pages).toBe(1);
    expect(flat(ru.text)).toContain(
      'Выдана Сейітовой Әйгерім Қайратқызы (ИИН 850315400124) в том, что она действительно является получателем государственной адресной социальной помощи в IV квартале 2026 года.',
    );
    expect(flat(ru.text)).toContain('Подписано в Akimat Desk акимом личным ключом');
    expect(flat(ru.text)).toContain('М.П.');
    expect(flat(ru.text)).toContain(AKIM.name);
    expect(flat(ru.text)).not.toMatch(/ЭЦП|цифров/);

    await documentLanguage('kk');
    const kk = await printed('certificate-kk');
    expect(kk.pages).toBe(1);
    expect(flat(kk.text)).toContain(
      'Осы анықтама Сейітова Әйгерім Қайратқызына (ЖСН 850315400124) оның 2026 жылғы 4-тоқсанда шын мәнінде мемлекеттік атаулы әлеуметтік көмек алушы болып табылатыны туралы берілді.',
    );
    expect(flat(kk.text)).toContain('Akimat Desk жүйесінде әкім жеке кілтімен қол қойды');
    expect(flat(kk.text)).toContain('М.О.');
    expect(flat(kk.text)).not.toMatch(/ЭЦҚ|цифрлық/);
  });
});

describe('register and notice of the akim route', () => {
  test('the covering register and the notice print in kk and ru with the signature places', async () => {
    const caseId = await register('targeted-social-assistance');
    await switchTo(AKIM);
    await go(`#/cases/${caseId}`);
    await page.getByRole('button', { name: 'Наложить резолюцию' }).first().click();
    await page.getByRole('button', { name: 'Наложить резолюцию' }).last().click();
    const confirm = page.getByRole('dialog', { name: 'Подтверждение резолюции ПИН-кодом' });
    await confirm.getByLabel('ПИН-код').fill(AKIM.pin);
    await confirm.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByText('Аким наложил резолюцию').first().waitFor();

    await switchTo(SPECIALIST);
    await go(`#/cases/${caseId}`);
    await page.getByRole('button', { name: 'Направить в участковую комиссию' }).click();
    await page.getByRole('button', { name: 'Направить', exact: true }).click();
    await page.getByRole('button', { name: 'Внести акт обследования' }).click();
    await field('Член комиссии 1: фамилия и инициалы').fill('Ахметов Б. К.');
    await field('Член комиссии 1: должность').fill('председатель');
    await field('Результаты обследования').fill('Семья из 4 человек, доход ниже черты бедности.');
    await field('Семья нуждается в помощи').check();
    await page.getByRole('button', { name: 'Сохранить акт' }).click();
    await page
      .getByRole('button', { name: 'Внести акт обследования' })
      .waitFor({ state: 'detached' });

    await nav('Реестры передачи');
    await page.getByRole('button', { name: 'Новый реестр' }).click();
    await page.getByLabel('Выбрать все').check();
    await page.getByRole('button', { name: /^Сформировать реестр/ }).click();
    await page.getByRole('heading', { name: /KZL01-1-R0001\/2026/ }).waitFor();
    // Unsigned: the akim signs by hand and stamps it.
    await page.getByRole('link', { name: 'Печать на русском' }).click();
    await page.getByText('Реестр ещё не подписан акимом').waitFor();
    const unsigned = await printed('register-unsigned-ru');
    expect(unsigned.pages).toBe(1);
    expect(flat(unsigned.text)).toContain('№ KZL01-1-R0001/2026');
    expect(flat(unsigned.text)).toContain('М.П.');

    // Signed by the akim with the PIN: the PIN key's block, and still a line and the seal by hand.
    await switchTo(AKIM);
    await nav('Резолюции и подписи');
    await page.getByRole('link', { name: 'Открыть и подписать' }).first().click();
    await page.getByRole('button', { name: 'Подписать реестр' }).click();
    const sign = page.getByRole('dialog');
    await sign.getByLabel('ПИН-код').fill(AKIM.pin);
    await sign.getByRole('button', { name: 'Подписать', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /подписан/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Печать на русском' }).click();
    await page.getByText('Подпись проверена').waitFor();
    const registerRu = await printed('register-ru');
    expect(registerRu.pages).toBe(1);
    expect(flat(registerRu.text)).toContain('Подписано в Akimat Desk акимом личным ключом');
    expect(flat(registerRu.text)).toContain('М.П.');
    expect(flat(registerRu.text)).toContain(`${APPLICANT.lastName} ${APPLICANT.firstName}`);
    await documentLanguage('kk');
    const registerKk = await printed('register-kk');
    expect(registerKk.pages).toBe(1);
    expect(flat(registerKk.text)).toContain('Akimat Desk жүйесінде әкім жеке кілтімен қол қойды');
    expect(flat(registerKk.text)).toContain('М.О.');

    // Forwarded; the district's result comes on paper; the notice is printed for the applicant.
    await switchTo(SPECIALIST);
    await nav('Реестры передачи');
    await page.getByRole('link', { name: 'KZL01-1-R0001/2026' }).click();
    await page.getByRole('button', { name: 'Передать в район' }).click();
    await page.getByRole('button', { name: 'Подтвердить передачу' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Реестр передан/ })
      .waitFor();
    await go(`#/cases/${caseId}`);
    await page.getByRole('button', { name: 'Внести решение района' }).click();
    await page.getByLabel('О предоставлении социальной помощи').check();
    await field('Номер решения').fill('1187');
    await field('Дата решения').fill('23.11.2026');
    await field('Размер помощи, тенге').fill('45 000');
    await page.getByRole('button', { name: 'Сохранить решение' }).click();
    await page.getByRole('button', { name: 'Выдать результат' }).waitFor();
    await go(`#/print/notice/${caseId}?lang=ru`);
    await page.getByText('Уважаемая Әйгерім Қайратқызы!').waitFor();
    const noticeRu = await printed('notice-ru');
    expect(noticeRu.pages).toBe(1);
    expect(flat(noticeRu.text)).toContain('Кому Сейітовой Әйгерім Қайратқызы, ИИН 850315400124');
    expect(flat(noticeRu.text)).toMatch(/Размер 45 000(,00)? тенге/);
    await documentLanguage('kk');
    const noticeKk = await printed('notice-kk');
    expect(noticeKk.pages).toBe(1);
    expect(flat(noticeKk.text)).toContain('Құрметті Әйгерім Қайратқызы!');
    expect(flat(noticeKk.text)).toContain('Кімге Сейітова Әйгерім Қайратқызына, ЖСН 850315400124');
  });
});

describe('lists on A4 and in XLSX', () => {
  test('the journal prints on landscape A4 with the screen’s filters', async () => {
    await nav('Журнал регистрации');
    await field('Поиск').fill('');
    await page.getByRole('button', { name: 'Печать на A4' }).click();
    await page.waitForURL(/#\/print\/journal/);
    await page.getByRole('heading', { name: 'ЖУРНАЛ РЕГИСТРАЦИИ ЗАЯВЛЕНИЙ' }).waitFor();
    await documentLanguage('kk');
    await page.getByText('Журналдағы барлық өтініштер').waitFor();
    await page.screenshot({ path: screenshotPath('journal-print-kk') });
    const kk = await printed('journal-print-kk');
    // A4 turned sideways: 297 × 210 mm.
    expect(kk.pageSize).toMatch(/^841\.\d+ x 59[45]\.\d+ pts/);
    expect(kk.pages).toBe(1);
    expect(flat(kk.text)).toContain('KZL01-1-Q0001/2026');
    expect(flat(kk.text)).toContain('KZL01-1-0001/2026');
  });

  test('the dashboard’s list prints on A4 and exports to XLSX with the journal’s columns', async () => {
    // A certificate application waits for the akim: due within 15 minutes, so due today.
    await register('asp-recipient-certificate');
    await nav('Контроль сроков');
    await page
      .locator('.dashboard-totals')
      .getByRole('button', { name: /Истекает сегодня/ })
      .click();
    const list = page.locator('.dashboard-cases');
    await list.getByRole('link', { name: 'KZL01-1-0003/2026' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: 'Выгрузить в XLSX' }).click(),
    ]);
    const file = join(PDF_DIR, 'dashboard-list.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    expect(sheet[0]?.slice(0, 4)).toEqual(['Номер', 'Дата', 'Заявитель', 'ИИН']);
    expect(sheet.some((row) => row[0] === 'KZL01-1-0003/2026')).toBe(true);

    await page.emulateMedia({ media: 'print' });
    const paper = await printed('dashboard-list-ru');
    await page.emulateMedia({ media: 'screen' });
    expect(paper.pageSize).toMatch(/^59[45]\.\d+ x 841\.\d+ pts/);
    expect(flat(paper.text)).toContain('KZL01-1-0003/2026');
    expect(flat(paper.text)).toContain('Аппарат акима Кызылсайского сельского округа');
    // Only the list: no figures' buttons, no reminder card.
    expect(flat(paper.text)).not.toContain('Выгрузить в XLSX');
  });
});
