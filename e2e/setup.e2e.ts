import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import {
  AKIM,
  KYZYLSAI_OFFICE,
  logIn,
  setUpOffice,
  SPECIALIST,
  type DeskOffice,
  type DeskUser,
} from './support/desk';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // A fixed office time (Monday 23.11.2026, 10:00 in Kazakhstan) that then flows on, and can jump.
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
});

afterAll(async () => {
  await browser.close();
});

const officeName = () => page.locator('.frame-header .office-name');
const userMenu = (name: string) => page.getByRole('button', { name: new RegExp(name) });

describe('first start, users and the session', () => {
  test('a fresh desk shows the wizard and saves nothing until the end', async () => {
    await page.goto(inject('deskUrl'));
    await page.getByRole('heading', { name: 'Интерфейс тілі' }).waitFor();
    await page.getByRole('button', { name: 'Әрі қарай' }).click();
    await page.getByRole('heading', { name: 'Әкім аппараты' }).waitFor();

    // An empty office step cannot be passed; the messages are the shared schema's, in Kazakh.
    await page.getByRole('button', { name: 'Әрі қарай' }).click();
    await page.getByText('Белгіленген өрістерді түзетіңіз.').waitFor();
    await expect.poll(() => page.getByText('Толтыру міндетті').count()).toBe(7);
    await page.getByLabel('Округ коды').fill('KZL-01');
    await page.getByText('Округ коды тек әріптер мен цифрлардан тұрады').waitFor();
    await page.getByLabel('Округ коды').fill('KZL01');
    await page.getByText('Журналдағы тіркеу нөмірі осылай болады: KZL01-1-0001/2026').waitFor();

    // Working hours come prefilled with the akim office schedule (R-CAL-2).
    expect(await page.getByLabel('Жұмыстың басталуы').inputValue()).toBe('09:00');
    expect(await page.getByLabel('Қабылдаудың аяқталуы').inputValue()).toBe('17:30');
    expect(await page.getByLabel('Қабылдаудағы үзілістің аяқталуы').inputValue()).toBe('14:30');

    // Leaving halfway saves nothing: the next start shows the wizard again.
    await page.reload();
    await page.getByRole('heading', { name: 'Интерфейс тілі' }).waitFor();
  });

  test('the users step needs a specialist and an akim with valid, repeated PINs', async () => {
    await page.getByRole('button', { name: 'Әрі қарай' }).click();
    for (const [label, value] of Object.entries({
      'Аппараттың атауы (қазақша)': KYZYLSAI_OFFICE.nameKk,
      'Аппараттың атауы (орысша)': KYZYLSAI_OFFICE.nameRu,
      'Ауданның атауы (қазақша)': KYZYLSAI_OFFICE.districtKk,
      'Ауданның атауы (орысша)': KYZYLSAI_OFFICE.districtRu,
      'Аппараттың мекенжайы': KYZYLSAI_OFFICE.address,
      'Округ коды': KYZYLSAI_OFFICE.code,
      'Аудан коды': KYZYLSAI_OFFICE.districtId,
    })) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Әрі қарай' }).click();
    const first = page.getByRole('group', { name: '1-пайдаланушы' });
    await first.getByLabel('Тегі, аты').fill(SPECIALIST.name);
    await first.getByLabel('ПИН-код', { exact: true }).fill('1234');
    await first.getByLabel('ПИН-кодты қайталаңыз').fill('1234');
    const second = page.getByRole('group', { name: '2-пайдаланушы' });
    await second.getByLabel('Рөлі').selectOption({ label: 'Маман' });
    await page.getByRole('button', { name: 'Әрі қарай' }).click();
    await first
      .getByText('ПИН-код тым қарапайым: бірдей немесе қатар келген цифрларды пайдаланбаңыз.')
      .waitFor();
    await page.getByText('Әкімді қосыңыз: ол бұрыштама қояды және құжаттарға қол қояды.').waitFor();
    await page.screenshot({ path: screenshotPath('setup-users-errors-kk') });
    await page.reload();
    await page.getByRole('heading', { name: 'Интерфейс тілі' }).waitFor();
  });

  test('completing the wizard in Kazakh, the specialist logs in and sees the office in Kazakh', async () => {
    await setUpOffice(page, { language: 'kk' });
    await page.getByRole('heading', { name: 'Кім жұмыс істейді?' }).waitFor();
    await page.getByRole('button', { name: /Жұмабаев Серік\s*Әкім/ }).waitFor();
    await page.screenshot({ path: screenshotPath('setup-login-kk') });

    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    expect(await officeName().textContent()).toBe(KYZYLSAI_OFFICE.nameKk);
    await userMenu(SPECIALIST.name).getByText('Маман').waitFor();
    // The users screen is for the akim and the admin only.
    expect(await page.getByRole('link', { name: 'Пайдаланушылар' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Русский' }).click();
    await userMenu(SPECIALIST.name).getByText('Специалист').waitFor();
    expect(await officeName().textContent()).toBe(KYZYLSAI_OFFICE.nameRu);
    await page.screenshot({ path: screenshotPath('setup-frame-ru') });
  });

  test('idle lock covers the desk; a wrong PIN is refused, the right one unlocks and the open form survives', async () => {
    // A half-typed form under the lock: the PIN change dialog with two digits typed.
    await userMenu(SPECIALIST.name).click();
    await page.getByRole('menuitem', { name: 'Сменить ПИН-код' }).click();
    await page.getByLabel('Текущий ПИН-код').fill('48');

    await page.clock.fastForward('10:05');
    await page.getByRole('heading', { name: 'Программа заблокирована' }).waitFor();
    await page
      .getByText(`${SPECIALIST.name}, чтобы продолжить работу, введите свой ПИН-код.`)
      .waitFor();
    // The lock covers the whole window: nothing of the desk beneath can be read or clicked.
    const covered = await page.evaluate(() =>
      [
        [20, 20],
        [640, 400],
        [1260, 780],
      ].every(([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.closest('.session-lock')),
    );
    expect(covered).toBe(true);

    const lockPin = page.getByLabel('ПИН-код', { exact: true });
    await lockPin.fill('4862');
    await page.getByRole('button', { name: 'Разблокировать' }).click();
    await page.getByText('Неверный ПИН-код.').waitFor();
    await page.getByText('До паузы остались 4 попытки.').waitFor();
    await page.screenshot({ path: screenshotPath('setup-lock-wrong-ru') });

    await lockPin.fill(SPECIALIST.pin);
    await page.getByRole('button', { name: 'Разблокировать' }).click();
    await page
      .getByRole('heading', { name: 'Программа заблокирована' })
      .waitFor({ state: 'detached' });
    expect(await page.getByLabel('Текущий ПИН-код').inputValue()).toBe('48');
    await page.getByRole('button', { name: 'Отмена' }).click();

    // Locking on request from the menu, in Kazakh this time.
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await userMenu(SPECIALIST.name).click();
    await page.getByRole('menuitem', { name: 'Бұғаттау' }).click();
    await page.getByRole('heading', { name: 'Бағдарлама бұғатталған' }).waitFor();
    await lockPin.fill('9999');
    await page.getByRole('button', { name: 'Бұғаттан шығару' }).click();
    await page.getByText('ПИН-код қате.').waitFor();
    await lockPin.fill(SPECIALIST.pin);
    await page.getByRole('button', { name: 'Бұғаттан шығару' }).click();
    await page
      .getByRole('heading', { name: 'Бағдарлама бұғатталған' })
      .waitFor({ state: 'detached' });
  });

  test('switching to the akim; five wrong PINs make them wait 30 seconds', async () => {
    await userMenu(SPECIALIST.name).click();
    await page.getByRole('menuitem', { name: 'Пайдаланушыны ауыстыру' }).click();
    await page.getByRole('heading', { name: 'Кім жұмыс істейді?' }).waitFor();

    await page.getByRole('button', { name: AKIM.name }).click();
    const pin = page.getByLabel('ПИН-код', { exact: true });
    for (let i = 0; i < 5; i++) {
      await pin.fill('5555');
      await page.getByRole('button', { name: 'Кіру' }).click();
      await page.getByRole('alert').waitFor();
      if (i < 4) await page.getByText(`Күтуге дейін тағы ${4 - i} әрекет қалды.`).waitFor();
    }
    await page
      .getByText(/ПИН-код бірнеше рет қате енгізілді\. \d+ секундтан кейін қайталаңыз\./)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Кіру' }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('setup-login-wait-kk') });

    // The wait is stored, not kept by the screen: picking the akim again still shows it.
    await page.getByRole('button', { name: 'Басқа пайдаланушы' }).click();
    await page.getByRole('button', { name: AKIM.name }).click();
    await page.getByText(/ПИН-код бірнеше рет қате енгізілді/).waitFor();

    await page.clock.fastForward(31_000);
    await page.getByText(/ПИН-код бірнеше рет қате енгізілді/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Басқа пайдаланушы' }).click();
    await logIn(page, AKIM.name, AKIM.pin);
    await userMenu(AKIM.name).getByText('Әкім').waitFor();

    // The akim manages users and can sign: a key fingerprint shows next to their name.
    await page.getByRole('link', { name: 'Пайдаланушылар' }).click();
    const akimRow = page.getByRole('row', { name: new RegExp(AKIM.name) });
    // The list loads from IndexedDB after the screen opens: wait for it before counting.
    await akimRow.waitFor();
    await akimRow.getByText(/^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/).waitFor();
    expect(
      await akimRow.getByText(/^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/).count(),
    ).toBe(1);
    const specialistRow = page.getByRole('row', { name: new RegExp(SPECIALIST.name) });
    await specialistRow.getByText('Жоқ').waitFor();
    await page.screenshot({ path: screenshotPath('setup-users-kk') });
  });

  test('the akim adds a colleague, deactivates them, and sets a new PIN for a forgetful specialist', async () => {
    await page.getByRole('button', { name: 'Пайдаланушы қосу' }).click();
    const form = page.getByRole('form', { name: 'Жаңа пайдаланушы' });
    await form.getByLabel('Тегі, аты').fill('Омарова Гүлнар');
    await form.getByLabel('ПИН-код', { exact: true }).fill('3917');
    await form.getByLabel('ПИН-кодты қайталаңыз').fill('3971');
    await form.getByRole('button', { name: 'Қосу' }).click();
    await form.getByText('ПИН-кодтар сәйкес келмейді.').waitFor();
    await form.getByLabel('ПИН-кодты қайталаңыз').fill('3917');
    await form.getByRole('button', { name: 'Қосу' }).click();
    await page.getByRole('status').getByText('Омарова Гүлнар қосылды.').waitFor();

    const row = page.getByRole('row', { name: /Омарова Гүлнар/ });
    await row.getByRole('button', { name: 'Өшіру' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Өшіру' }).click();
    await page.getByRole('status').getByText('Омарова Гүлнар өшірілді.').waitFor();
    await row.getByText('Өшірілген').waitFor();

    // The specialist forgot her PIN: the akim confirms with his own, she types the new one.
    const specialistRow = page.getByRole('row', { name: new RegExp(SPECIALIST.name) });
    await specialistRow.getByRole('button', { name: 'Жаңа ПИН-код орнату' }).click();
    const dialog = page.getByRole('dialog', { name: `${SPECIALIST.name}: жаңа ПИН-код` });
    await dialog.getByLabel(`Сіздің ПИН-кодыңыз (${AKIM.name})`).fill('1357');
    await dialog.getByLabel('Пайдаланушының жаңа ПИН-коды').fill('5093');
    await dialog.getByLabel('Жаңа ПИН-кодты қайталаңыз').fill('5093');
    await dialog.getByRole('button', { name: 'ПИН-кодты орнату' }).click();
    await dialog.getByText('ПИН-код қате.').waitFor();
    await dialog.getByLabel(`Сіздің ПИН-кодыңыз (${AKIM.name})`).fill(AKIM.pin);
    await dialog.getByRole('button', { name: 'ПИН-кодты орнату' }).click();
    await page
      .getByRole('status')
      .getByText(`${SPECIALIST.name} үшін жаңа ПИН-код орнатылды.`)
      .waitFor();

    await userMenu(AKIM.name).click();
    await page.getByRole('menuitem', { name: 'Пайдаланушыны ауыстыру' }).click();
    await page.getByRole('heading', { name: 'Кім жұмыс істейді?' }).waitFor();
    expect(await page.getByRole('button', { name: /Омарова Гүлнар/ }).count()).toBe(0);
    await logIn(page, SPECIALIST.name, '5093');
    await userMenu(SPECIALIST.name).waitFor();
  });
});

/** A district department running the desk in district mode (Ақкөл district). */
const AKKOL_DEPARTMENT: DeskOffice = {
  kind: 'district',
  districtId: 'AKK',
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
  code: 'AKKD',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Ақкөл қаласы, Нұрлан Елубаев көшесі, 47',
  deviceNo: 1,
  lockAfterMinutes: 10,
};
const DISTRICT_SPECIALIST: DeskUser = {
  name: 'Ахметова Динара',
  role: 'districtSpecialist',
  pin: '3917',
};
const DISTRICT_HEAD: DeskUser = { name: 'Омаров Бауыржан', role: 'districtHead', pin: '258013' };

describe('district mode: a district department sets up its desk', () => {
  let district: BrowserContext;
  let desk: Page;

  beforeAll(async () => {
    // The size of the district's laptops.
    district = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    desk = await district.newPage();
    await desk.clock.install({ time: new Date('2026-11-23T10:00:00+05:00') });
  });

  test('the wizard asks the kind of office and the district code; the first users are the department’s', async () => {
    await desk.goto(inject('deskUrl'));
    await desk.getByRole('button', { name: 'Русский', exact: true }).click();
    await desk.getByRole('button', { name: 'Далее', exact: true }).click();
    // An akimat is the default kind.
    await desk.getByRole('heading', { name: 'Аппарат акима' }).waitFor();
    await desk.screenshot({ path: screenshotPath('setup-akimat-office-ru') });
    await desk.getByLabel('Районный отдел занятости и социальных программ').check();
    await desk.getByRole('heading', { name: 'Районный отдел' }).waitFor();
    await desk.getByLabel('Наименование отдела на казахском').waitFor();
    await desk.screenshot({ path: screenshotPath('setup-district-office-ru'), fullPage: true });
    await desk.getByLabel('Код района').fill('AK-K');
    await desk.getByRole('button', { name: 'Далее', exact: true }).click();
    await desk.getByText('Код района: только буквы и цифры, до 16 знаков.').waitFor();

    // The same step in Kazakh: back to the language, and on again (what was typed stays).
    await desk.getByRole('button', { name: 'Назад', exact: true }).click();
    await desk.getByRole('button', { name: 'Қазақша', exact: true }).click();
    await desk.getByRole('button', { name: 'Әрі қарай', exact: true }).click();
    await desk.getByRole('heading', { name: 'Аудандық бөлім' }).waitFor();
    await desk.screenshot({ path: screenshotPath('setup-district-office-kk'), fullPage: true });
    await desk.reload();
    await setUpOffice(desk, {
      language: 'kk',
      office: AKKOL_DEPARTMENT,
      users: [DISTRICT_SPECIALIST, DISTRICT_HEAD],
      beforeSave: async (page) => {
        const summary = page.locator('.setup-summary');
        await summary
          .getByText('Аудандық жұмыспен қамту және әлеуметтік бағдарламалар бөлімі')
          .waitFor();
        await summary.getByText('AKK', { exact: true }).waitFor();
        await page.screenshot({
          path: screenshotPath('setup-district-summary-kk'),
          fullPage: true,
        });
        // Back on the users step: the department's roles, and no akim among them.
        await page.getByRole('button', { name: 'Өзгерту' }).last().click();
        const first = page.getByRole('group', { name: '1-пайдаланушы' });
        expect(await first.getByLabel('Рөлі').locator('option').allTextContents()).toEqual([
          'Аудандық бөлімнің маманы',
          'Аудандық бөлімнің басшысы',
          'Жүйе әкімшісі',
        ]);
        await page.getByText(/кемінде бір бөлім маманын және бөлімнің басшысын/).waitFor();
        await page.screenshot({ path: screenshotPath('setup-district-users-kk'), fullPage: true });
        await page.getByRole('button', { name: 'Әрі қарай', exact: true }).click();
      },
    });
    await desk
      .getByRole('button', { name: /Омаров Бауыржан\s*Аудандық бөлімнің басшысы/ })
      .waitFor();
    await desk
      .getByRole('button', { name: /Ахметова Динара\s*Аудандық бөлімнің маманы/ })
      .waitFor();
  });

  test('the district head manages users and holds a key; only the department’s roles are offered', async () => {
    await logIn(desk, DISTRICT_HEAD.name, DISTRICT_HEAD.pin);
    await desk.getByRole('link', { name: 'Пайдаланушылар' }).click();
    const headRow = desk.getByRole('row', { name: new RegExp(DISTRICT_HEAD.name) });
    await headRow.getByText(/^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/).waitFor();
    // No akim inbox at a department.
    expect(await desk.getByRole('link', { name: 'Бұрыштама және қол қою' }).count()).toBe(0);
    await desk.getByRole('button', { name: 'Пайдаланушы қосу' }).click();
    const form = desk.getByRole('form', { name: 'Жаңа пайдаланушы' });
    const roles = await form.getByLabel('Рөлі').locator('option').allTextContents();
    expect(roles).toEqual([
      'Аудандық бөлімнің маманы',
      'Аудандық бөлімнің басшысы',
      'Жүйе әкімшісі',
    ]);
    await desk.screenshot({ path: screenshotPath('users-district-kk') });
    await desk.getByRole('button', { name: 'Русский', exact: true }).click();
    await desk.getByRole('form', { name: 'Новый пользователь' }).waitFor();
    await desk.screenshot({ path: screenshotPath('users-district-ru') });
  });
});
