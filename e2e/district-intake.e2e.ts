import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { logIn, setUpOffice, type DeskOffice, type DeskUser } from './support/desk';
import { switchLanguage } from './support/district';

// Issue 9 §9: an application filed at the district department itself (003:13), registered on the
// district desk with the same intake screen, in Russian, at a fixed office time: Monday 23.11.2026,
// 10:00 in Kazakhstan. The service list is the department's (housing aid, which the akim does not
// accept, is registrable here), the term is the provider route's, the number carries the department's
// code and the desk's device number, and the talon names the department (kk and ru, photographed).

const AKKOL_DEPARTMENT: DeskOffice = {
  kind: 'district',
  districtId: 'AKK',
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
  code: 'AKKD',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Ақкөл қаласы, Нұрлан Елубаев көшесі, 47',
  deviceNo: 3,
  lockAfterMinutes: 10,
};
const DISTRICT_SPECIALIST: DeskUser = {
  name: 'Ахметова Динара',
  role: 'districtSpecialist',
  pin: '3917',
};
const DISTRICT_HEAD: DeskUser = { name: 'Омаров Бауыржан', role: 'districtHead', pin: '258013' };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, {
    language: 'ru',
    office: AKKOL_DEPARTMENT,
    users: [DISTRICT_SPECIALIST, DISTRICT_HEAD],
  });
  await logIn(page, DISTRICT_SPECIALIST.name, DISTRICT_SPECIALIST.pin);
});

afterAll(async () => {
  await browser.close();
});

const field = (label: string) => page.getByLabel(label, { exact: true });

describe('intake at the district department', () => {
  test('the district specialist registers a direct application; the talon names the department', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Приём заявления' }).click();
    await page.getByRole('heading', { name: 'Приём заявления', level: 1 }).waitFor();
    // The department registers what the akim does not accept (housing aid), under its own name.
    const registrable = page.locator('optgroup[label="Регистрируются в районном отделе"]');
    await expect.poll(() => registrable.locator('option[value="housing-aid"]').count()).toBe(1);

    await field('Услуга').selectOption('fuel-aid-rural-social-specialists');
    await field('ИИН').fill('850315400124');
    await field('Фамилия').fill('Сейітова');
    await field('Имя').fill('Әйгерім');
    await field('Отчество').fill('Қайратқызы');
    await field('Адрес').fill('Ақкөл қаласы, Абай көшесі, 12');
    await field('Мобильный телефон').fill('8 (701) 123-45-67');
    await field('Мобильный телефон').blur();
    await page.getByRole('button', { name: 'Все обязательные документы представлены' }).click();
    await field('Согласие на сбор и обработку персональных данных').check();
    await field(
      'Письменное согласие на использование сведений, составляющих охраняемую законом тайну',
    ).check();

    // The provider route's term: 10 working days (15 at the akim), the district's own case.
    await expect
      .poll(() => page.getByTestId('intake-registration-date').innerText())
      .toBe('23.11.2026');
    await expect
      .poll(() => page.getByTestId('intake-due-date').innerText())
      .toContain('07.12.2026');
    await page.getByText('В районном уполномоченном органе', { exact: true }).waitFor();
    await field('Язык заявителя').selectOption('kk');
    await page.screenshot({ path: screenshotPath('district-intake-filled-ru'), fullPage: true });
    await switchLanguage(page, 'kk');
    await page.getByRole('heading', { name: 'Өтініш қабылдау', level: 1 }).waitFor();
    await page.screenshot({ path: screenshotPath('district-intake-filled-kk'), fullPage: true });
    await switchLanguage(page, 'ru');

    await page.getByRole('button', { name: 'Зарегистрировать заявление' }).click();
    await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}\?lang=kk$/);
    const body = () => page.locator('body').innerText();
    await expect.poll(body).toContain(AKKOL_DEPARTMENT.nameKk);
    const kk = await body();
    expect(kk).toContain('AKKD-3-0001/2026');
    expect(kk).toContain('07.12.2026');
    expect(kk).toContain(DISTRICT_SPECIALIST.name);
    await page.screenshot({ path: screenshotPath('district-talon-kk'), fullPage: true });

    // The same print view in Russian (the hash only: a reload would end the session).
    await page.evaluate(() => {
      window.location.hash = window.location.hash.replace(/lang=kk$/, 'lang=ru');
    });
    await expect.poll(body).toContain(AKKOL_DEPARTMENT.nameRu);
    expect(await body()).toContain('AKKD-3-0001/2026');
    await page.screenshot({ path: screenshotPath('district-talon-ru'), fullPage: true });
  });
});
