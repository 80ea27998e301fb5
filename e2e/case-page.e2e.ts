import writeXlsxFile from 'write-excel-file/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { AKIM, logIn, setUpOffice, SPECIALIST } from './support/desk';

// The TSA recipients register, the certificate of belonging issued on the spot (seed 002, R-CERT-1)
// and the case page of an application on the akim route (R-ROUTE-1), driven as the specialist and
// the akim would, in Russian, on Monday 23.11.2026 at 10:00 in Kazakhstan.

let browser: Browser;
let context: BrowserContext;
let page: Page;

const APPLICANT_IIN = '850315400124';

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 950 } });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'ru' });
  await logIn(page, SPECIALIST.name, SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

const field = (label: string) => page.getByLabel(label, { exact: true });
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name }).click();

/** Opens a case page without reloading (a reload would end the session). */
async function openCase(caseId: string): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/cases/${id}`;
  }, caseId);
  await page.getByRole('heading', { name: /^Дело № / }).waitFor();
}

/** Registers an application through the intake screen and returns the new case's id. */
async function register(serviceId: string): Promise<string> {
  await nav('Приём заявления');
  await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
  await field('Услуга').selectOption(serviceId);
  await field('ИИН').fill(APPLICANT_IIN);
  await field('Фамилия').fill('Сейітова');
  await field('Имя').fill('Әйгерім');
  await field('Отчество').fill('Қайратқызы');
  await field('Адрес').fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
  for (const select of await page.locator('.intake-document select').all()) {
    if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
  }
  for (const consent of await page.getByRole('checkbox', { name: /согласие/i }).all()) {
    await consent.check();
  }
  await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
  await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
  const id = /#\/print\/talon\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no case id in ${page.url()}`);
  return id;
}

describe('TSA recipients register', () => {
  test('a file with bad rows is previewed with reasons, and cancelling saves nothing', async () => {
    await nav('Реестр получателей АСП');
    await page.getByRole('heading', { name: 'Реестр получателей АСП', level: 1 }).waitFor();
    await page
      .getByText(/^Список за текущий квартал \(IV квартал 2026 г\.\) не загружен/)
      .waitFor();
    const csv = [
      'ИИН;ФИО;Квартал',
      `${APPLICANT_IIN};Сейітова Әйгерім Қайратқызы;4 квартал 2026`,
      '850315400125;Опечатка в ИИН;4 квартал 2026',
      '900101300017;Ахметов Бауыржан;ноябрь 2026',
    ].join('\n');
    await page
      .getByLabel('Файл реестра (XLSX или CSV)')
      .setInputFiles({ name: 'asp.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByText('1 строка будет загружена', { exact: false }).waitFor();
    await page.getByText('2 строки с ошибками не будут загружены').waitFor();
    await page
      .getByText('Контрольная цифра ИИН не совпадает. Проверьте, нет ли опечатки.')
      .waitFor();
    await page.getByText(/^Квартал не распознан/).waitFor();
    await page.getByRole('button', { name: 'Отмена' }).click();
    await page.getByText('Реестр пуст.').waitFor();
  });

  test('an XLSX list is imported in one go and the certificate applicant is found by IIN', async () => {
    const xlsx = await writeXlsxFile([
      [{ value: 'Атаулы әлеуметтік көмек алушылар тізімі' }],
      [{ value: 'ЖСН' }, { value: 'Аты-жөні' }, { value: 'Тоқсан' }, { value: 'Отбасы мүшелері' }],
      [
        { value: Number(APPLICANT_IIN) },
        { value: 'Сейітова Әйгерім Қайратқызы' },
        { value: '2026 жылғы 4 тоқсан' },
        { value: 'Сейітов Нұрлан; Сейітова Дана' },
      ],
      [{ value: '900101300017' }, { value: 'Ахметов Бауыржан' }, { value: '2026-Q4' }, null],
    ]).toBuffer();
    await page.getByLabel('Файл реестра (XLSX или CSV)').setInputFiles({
      name: 'asp-2026-q4.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await page.getByRole('button', { name: 'Загрузить 2 строки' }).click();
    await page.getByText('Реестр из файла «asp-2026-q4.xlsx» сохранён').waitFor();
    await page
      .getByRole('cell', { name: /IV квартал 2026 г\./ })
      .first()
      .waitFor();
    await field('ИИН').fill(APPLICANT_IIN);
    // The family shows in the import summary too: look in the search card's results.
    await page
      .locator('article')
      .filter({ has: page.getByRole('heading', { name: 'Поиск получателя по ИИН' }) })
      .getByRole('cell', { name: 'Сейітов Нұрлан; Сейітова Дана' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('tsa-register-ru'), fullPage: true });
  });
});

describe('certificate of belonging to TSA recipients', () => {
  test('R-CERT-1: issued from the register within 15 minutes, signed by the akim with the PIN', async () => {
    const caseId = await register('asp-recipient-certificate');
    await openCase(caseId);
    await page.getByText('Относится к получателям адресной социальной помощи').first().waitFor();
    await page.getByText('Выдать справку в течение 15 минут с момента подачи документов').waitFor();
    await page
      .getByText(/^осталось \d+ минут/)
      .first()
      .waitFor();
    await page.getByText('Справка будет выдана под № KZL01-1-C0001/2026 от 23.11.2026.').waitFor();
    await page.screenshot({ path: screenshotPath('case-certificate-ru'), fullPage: true });

    // The akim signs at the specialist's desk with the PIN; a wrong PIN signs nothing.
    await field('Подписывает').selectOption({ label: AKIM.name });
    await page.getByRole('button', { name: 'Подписать справку' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ПИН-код', { exact: true }).fill('0000');
    await dialog.getByRole('button', { name: 'Подписать', exact: true }).click();
    await dialog.getByText('Неверный ПИН-код.').waitFor();
    await dialog.getByLabel('ПИН-код', { exact: true }).fill(AKIM.pin);
    await dialog.getByRole('button', { name: 'Подписать', exact: true }).click();
    await page.getByText('Справка подписана. Выдайте её заявителю: «Выдать результат».').waitFor();
    const signed = page.getByRole('listitem').filter({ hasText: 'Справка оформлена и подписана' });
    await signed.getByText(/^Подписано ключом с ПИН-кодом, проверено · [0-9A-F ]+$/).waitFor();
    await signed.getByText(`${AKIM.name} · аким`).waitFor();

    await page.getByRole('button', { name: 'Выдать результат' }).click();
    expect(await field('Фамилия, имя, отчество получившего').inputValue()).toBe(
      'Сейітова Әйгерім Қайратқызы',
    );
    await page.getByRole('button', { name: 'Выдать и закрыть дело' }).click();
    await page.getByText('Сохранено: Результат выдан.').waitFor();
    await page.getByText(/^Результат выдан 23\.11\.2026 \d\d:\d\d — в срок/).waitFor();
    await page
      .getByRole('heading', { name: /^Дело № / })
      .getByText('Выдано')
      .count();
    await page.getByRole('link', { name: 'Справка на казахском языке' }).click();
    await page.waitForURL(new RegExp(`#/print/certificate/${caseId}\\?lang=kk$`));
  });
});

describe('case on the akim route', () => {
  test('R-ROUTE-1: the akim imposes a resolution, the specialist sends to the commission and records the act', async () => {
    const caseId = await register('targeted-social-assistance');
    await openCase(caseId);
    // The specialist waits for the akim: no resolution action; the current step is the akim's
    // resolution within 30 minutes (targeted assistance, 001:11262 table).
    expect(await page.getByRole('button', { name: 'Наложить резолюцию' }).count()).toBe(0);
    await page.getByText('Текущий шаг (Аким сельского округа)').waitFor();

    await page.reload();
    await logIn(page, AKIM.name, AKIM.pin);
    await openCase(caseId);
    await page.getByRole('button', { name: 'Наложить резолюцию' }).click();
    await page.getByRole('button', { name: 'Наложить резолюцию' }).last().click();
    // The akim confirms the resolution with the PIN (it is no EDS).
    const confirm = page.getByRole('dialog', { name: 'Подтверждение резолюции ПИН-кодом' });
    await confirm.getByLabel('ПИН-код').fill(AKIM.pin);
    await confirm.getByRole('button', { name: 'Подтвердить', exact: true }).click();
    await page.getByText('Аким наложил резолюцию').waitFor();
    // The akim has no specialist's actions.
    expect(
      await page.getByRole('button', { name: 'Направить в участковую комиссию' }).count(),
    ).toBe(0);

    await page.reload();
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await openCase(caseId);
    await page.getByRole('button', { name: 'Направить в участковую комиссию' }).click();
    await page.getByText('Срок направления в участковую комиссию — 24.11.2026.').waitFor();
    await page.getByRole('button', { name: 'Направить', exact: true }).click();
    await page.getByText('Сохранено: Документы направлены в участковую комиссию.').waitFor();
    // Sent within the working day after the resolution: no step is marked late.
    expect(await page.getByText(/^С нарушением срока/).count()).toBe(0);

    // The survey act: the shared schema's messages, then a valid act with two members.
    await page.getByRole('button', { name: 'Внести акт обследования' }).click();
    await page.getByRole('button', { name: 'Сохранить акт' }).click();
    await expect.poll(() => page.getByText('Заполните поле.').count()).toBe(2);
    await page.getByText('Выберите значение из списка.').waitFor();
    await field('Член комиссии 1: фамилия и инициалы').fill('Ахметов Б. К.');
    await field('Член комиссии 1: должность').fill('председатель');
    await page.getByRole('button', { name: 'Добавить члена комиссии' }).click();
    await field('Член комиссии 2: фамилия и инициалы').fill('Иванова Л. П.');
    await field('Результаты обследования').fill('Семья из 4 человек, доход ниже черты бедности.');
    await field('Семья нуждается в помощи').check();
    await page.getByRole('button', { name: 'Сохранить акт' }).click();
    await page.getByText('Сохранено: Внесён акт обследования участковой комиссии.').waitFor();
    await page.getByText('Ахметов Б. К. (председатель); Иванова Л. П.').waitFor();
    await page
      .getByRole('link', { name: 'Направить в район через сопроводительный реестр' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('case-akim-route-ru'), fullPage: true });
  });
});
