import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { AKIM, KYZYLSAI_OFFICE, logIn, setUpOffice, SPECIALIST } from './support/desk';

// Issue 10 §6: the akim changes the office's settings, sees who changed what and when, and opens the
// help page of the screen he is on, in Kazakh and in Russian, at 1366×768.

const VIEWPORT = { width: 1366, height: 768 };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  await page.goto(inject('deskUrl'));
  await setUpOffice(page, { language: 'kk' });
});

afterAll(async () => {
  await browser.close();
});

const nav = () => page.getByRole('navigation', { name: /^(Бөлімдер|Разделы)$/ });

describe('office settings and help (issue 10 §6)', () => {
  test('a specialist has no settings screen', async () => {
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await nav().getByRole('link', { name: 'Тіркеу журналы' }).waitFor();
    expect(await nav().getByRole('link', { name: 'Мекеме баптаулары' }).count()).toBe(0);
  });

  test('kk: intake hours outside working hours are refused; a change is saved with who and when', async () => {
    await page.goto(inject('deskUrl'));
    await logIn(page, AKIM.name, AKIM.pin);
    await nav().getByRole('link', { name: 'Мекеме баптаулары' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мекеме баптаулары' }).waitFor();
    // The laptop's number is shown, not editable.
    const identity = page.getByRole('complementary', { name: 'Жұмыс орны' });
    expect(
      await identity.getByText(String(KYZYLSAI_OFFICE.deviceNo), { exact: true }).count(),
    ).toBe(1);
    expect(await page.getByLabel('Осы компьютердің нөмірі').count()).toBe(0);
    await page.getByText('Алғашқы баптаудан кейін баптаулар өзгертілмеген.').waitFor();

    // R-CAL-2 (002:12): intake closes after the office does.
    await page.getByLabel('Қабылдаудың аяқталуы', { exact: true }).fill('18:30');
    await page.getByRole('button', { name: 'Өзгерістерді сақтау' }).click();
    await page
      .getByRole('alert')
      .getByText('Қабылдау мекеменің жұмысы аяқталғаннан кейін аяқталмайды.')
      .waitFor();
    await page.getByText('Алғашқы баптаудан кейін баптаулар өзгертілмеген.').waitFor();

    await page.getByLabel('Қабылдаудың аяқталуы', { exact: true }).fill('17:00');
    await page.getByLabel('Әрекетсіздіктен кейін бұғаттау, минут', { exact: true }).fill('15');
    await page.getByRole('button', { name: 'Өзгерістерді сақтау' }).click();
    await page.getByRole('status').getByText('Өзгерістер сақталып, тарихқа жазылды.').waitFor();

    const history = page.getByRole('region', { name: 'Өзгерістер тарихы' });
    const row = history.getByRole('row').nth(1);
    expect(await row.innerText()).toContain('23.11.2026 10:00');
    expect(await row.innerText()).toContain(`${AKIM.name} (Әкім)`);
    expect(await row.innerText()).toContain(
      'Қабылдау уақыты: «09:00–17:30, үзіліс 13:00–14:30» → «09:00–17:00, үзіліс 13:00–14:30»',
    );
    expect(await row.innerText()).toContain('Әрекетсіз тұрғанда бұғаттау: «10 минут» → «15 минут»');
    await page.screenshot({ path: screenshotPath('office-settings-kk'), fullPage: true });
  });

  test('kk: «?» opens the help page of the open screen, with the seed of each term', async () => {
    await page.getByRole('button', { name: 'Осы бөлім бойынша анықтама' }).click();
    const dialog = page.getByRole('dialog', { name: 'Анықтама: Мекеме баптаулары' });
    await dialog.waitFor();
    await dialog.getByRole('heading', { name: 'Бөлім не үшін керек' }).waitFor();
    expect(await dialog.innerText()).toContain('Дереккөз: 002:12');
    await page.screenshot({ path: screenshotPath('help-kk') });
    await dialog.getByRole('button', { name: 'Жабу' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('ru: the name is changed and the frame shows it; the history lists both changes; help of the journal', async () => {
    await page.getByRole('button', { name: 'Русский', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки учреждения' }).waitFor();
    const name = 'Аппарат акима Кызылсайского сельского округа Аккольского района';
    await page.getByLabel('Наименование аппарата на русском', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Сохранить изменения' }).click();
    await page.getByRole('status').getByText('Изменения сохранены и записаны в историю.').waitFor();
    await page.locator('.office-name').getByText(name, { exact: true }).waitFor();

    const rows = page.getByRole('region', { name: 'История изменений' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toContain(
      `Наименование на русском: «${KYZYLSAI_OFFICE.nameRu}» → «${name}»`,
    );
    expect(await rows.nth(2).innerText()).toContain(
      'Блокировка при бездействии: «10 минут» → «15 минут»',
    );
    await page.screenshot({ path: screenshotPath('office-settings-ru'), fullPage: true });

    // The profile the desk reads is the saved one after a restart too.
    await page.reload();
    await logIn(page, AKIM.name, AKIM.pin);
    await page.locator('.office-name').getByText(name, { exact: true }).waitFor();

    await nav().getByRole('link', { name: 'Журнал регистрации' }).click();
    await page.getByRole('heading', { level: 1, name: 'Журнал регистрации' }).waitFor();
    await page.getByRole('button', { name: 'Справка по этому экрану' }).click();
    const dialog = page.getByRole('dialog', { name: 'Справка: Журнал регистрации' });
    await dialog.getByRole('heading', { name: 'Сроки и правила на этом экране' }).waitFor();
    expect(await dialog.innerText()).toContain('Источник: 003:31');
    await page.screenshot({ path: screenshotPath('help-ru') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
