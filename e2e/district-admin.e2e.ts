// The district admin's screen (issue 9 §1) in Chromium, against a real hub on a throwaway PostgreSQL
// cluster: the district department's desk (in Russian, photographed in kk and ru) and a new okrug's
// akimat desk (in Kazakh) in two browser contexts at 1366×768. What it shows:
// - The district desk joins the hub with the code the hub's CLI made for the department (the one code
//   that cannot come from a screen) and syncs, so its people reach the hub's directory.
// - The district specialist has no admin screen in the navigation; the admin has.
// - The admin adds an okrug's akimat (Азат) to the hub's registry from the screen, makes a one-time
//   enrollment code for it there, and reads it out; the code is shown once.
// - The akimat's new desk joins the hub with that code and syncs; the admin sees the desk with its
//   last sync, and the code as used by it.
// - The admin revokes the akimat's desk after a confirmation; the akimat's next sync is refused as
//   revoked, and its own work stays on it.
// - People and keys: the district head is listed with the fingerprint of the key in force.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './support/browser';
import { AKIM, SPECIALIST, switchUser, type DeskUser } from './support/desk';
import {
  AKKOL_DEPARTMENT,
  AZAT_OFFICE,
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

const DISTRICT_ADMIN: DeskUser = { name: 'Есенова Гүлнар', role: 'admin', pin: '6150' };

/** What the admin reads on the screen (locales/{kk,ru}/districtAdmin.json). */
const ADMIN_UI = {
  kk: {
    title: 'Ауданды әкімшілендіру',
    used: 'Пайдаланылды',
  },
  ru: {
    title: 'Администрирование района',
    used: 'Использован',
  },
} as const;

const CODE_SHAPE = /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/;

let district: DistrictHub;
let browser: Browser;

beforeAll(async () => {
  district = await startDistrictHub(inject('deskDir'), 'district_admin', [AKKOL_DEPARTMENT]);
  browser = await launchChromium();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await photographFailure(browser, 'district-admin');
});

afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

/** The code the screen shows once, as the person reads it (its groups joined by dashes). */
async function shownCode(page: Page): Promise<string> {
  const code = page.getByTestId('new-enrollment-code');
  await code.waitFor();
  return (await code.innerText()).replace(/\s+/g, '');
}

describe('the district admin manages offices, enrollment codes and desks from the district desk', () => {
  test('adds an okrug, enrolls its desk with a code made on the screen, and revokes it', async () => {
    const { hub } = district;

    // The department's desk: specialist, head and admin; joined with the CLI's code and synced, so
    // the hub's directory knows its people (the admin API trusts only that directory).
    const desk = await installDesk(browser, hub.url, {
      start: new Date(),
      language: 'ru',
      office: AKKOL_DEPARTMENT,
      users: [DISTRICT_SPECIALIST, DISTRICT_HEAD, DISTRICT_ADMIN],
    });
    const page = desk.page;
    expect(
      await joinFromSystemPage(page, 'ru', await enrollmentCode(hub, AKKOL_DEPARTMENT.code)),
    ).toBe(1);
    await syncNow(page, 'ru');

    // The specialist does not administer the district: no such screen in her navigation.
    const nav = page.getByRole('navigation', { name: /^(Бөлімдер|Разделы)$/ });
    await expect
      .poll(() => nav.getByRole('link', { name: ADMIN_UI.ru.title, exact: true }).count())
      .toBe(0);

    await switchUser(page, 'ru', DISTRICT_ADMIN);
    await openScreen(page, ADMIN_UI.ru.title);
    const offices = page.getByRole('region', { name: 'Учреждения района', exact: true });
    await expect
      .poll(() => offices.getByRole('row', { name: /AKKD/ }).count(), { timeout: 20_000 })
      .toBe(1);

    // Adding an okrug's akimat: a code already taken is refused with the hub's words, then Азат.
    const form = page.getByRole('form', { name: 'Добавить аппарат акима сельского округа' });
    await form.getByLabel('Код учреждения', { exact: true }).fill(AZAT_OFFICE.code);
    await form.getByLabel('Название на казахском', { exact: true }).fill(AZAT_OFFICE.nameKk);
    await form.getByLabel('Название на русском', { exact: true }).fill(AZAT_OFFICE.nameRu);
    await form.getByRole('button', { name: 'Добавить учреждение', exact: true }).click();
    await form.getByText(/добавлено в реестр хаба/).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => offices.getByRole('row', { name: /AZT02/ }).count(), { timeout: 20_000 })
      .toBe(1);

    // A one-time code for Азат, shown once.
    const codes = page.getByRole('region', { name: /^(Коды подключения|Қосылу кодтары)$/ });
    await codes
      .getByRole('row', { name: new RegExp(AZAT_OFFICE.nameRu) })
      .getByRole('button', { name: 'Сделать код', exact: true })
      .click();
    const code = await shownCode(page);
    expect(code).toMatch(CODE_SHAPE);
    await shot(page, 'district-admin-code-ru');
    await switchLanguage(page, 'kk');
    expect(await shownCode(page)).toBe(code);
    // What was said in Russian is said again in Kazakh: the office is named in the reader's language.
    await page
      .getByRole('heading', { name: `«${AZAT_OFFICE.nameKk}» үшін қосылу коды`, exact: true })
      .waitFor();
    await page.getByText(`«${AZAT_OFFICE.nameKk}» хабтың тізіліміне қосылды`).waitFor();
    await shot(page, 'district-admin-code-kk');
    await switchLanguage(page, 'ru');
    await page.getByRole('button', { name: 'Скрыть код', exact: true }).click();
    await expect.poll(() => page.getByTestId('new-enrollment-code').count()).toBe(0);

    // Азат's new desk joins with the code read off the screen, and syncs.
    const akimat = await installDesk(browser, hub.url, {
      start: new Date(),
      language: 'kk',
      office: AZAT_OFFICE,
      users: [SPECIALIST, AKIM],
    });
    expect(await joinFromSystemPage(akimat.page, 'kk', code)).toBe(1);
    await syncNow(akimat.page, 'kk');

    // The admin sees it: Азат's desk № 1 with a last sync, and the code used by it.
    await page.getByRole('button', { name: 'Обновить', exact: true }).click();
    const devices = page.getByRole('region', { name: 'Рабочие места', exact: true });
    const azatRow = devices
      .getByRole('region', { name: AZAT_OFFICE.nameRu, exact: true })
      .getByTestId('desk-row');
    await expect.poll(() => azatRow.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => azatRow.innerText()).toMatch(/Рабочее место № 1[\s\S]*Работает/);
    expect(await azatRow.innerText()).not.toContain('Ещё не синхронизировалось');
    await expect
      .poll(() =>
        codes
          .getByRole('row', { name: new RegExp(`${ADMIN_UI.ru.used}.*${AZAT_OFFICE.nameRu}`) })
          .count(),
      )
      .toBe(1);
    // The admin's own desk offers no revoke for itself.
    const ownDesks = devices
      .getByRole('region', { name: AKKOL_DEPARTMENT.nameRu, exact: true })
      .getByTestId('desk-row');
    expect(await ownDesks.innerText()).toContain('это рабочее место');
    expect(await ownDesks.getByRole('button', { name: 'Отозвать доступ' }).count()).toBe(0);

    // People and keys: the head with the key in force, from this desk's own directory.
    const people = page.getByRole('region', { name: 'Сотрудники и ключи', exact: true });
    const headRow = people.getByRole('row', { name: new RegExp(DISTRICT_HEAD.name) });
    await expect.poll(() => headRow.innerText()).toMatch(/[0-9a-f]{4}/);

    await shot(page, 'district-admin-ru');
    await switchLanguage(page, 'kk');
    await page.getByRole('heading', { name: ADMIN_UI.kk.title, level: 1 }).waitFor();
    await expect
      .poll(() =>
        codes
          .getByRole('row', { name: new RegExp(`${ADMIN_UI.kk.used}.*${AZAT_OFFICE.nameKk}`) })
          .count(),
      )
      .toBe(1);
    await shot(page, 'district-admin-kk');
    await switchLanguage(page, 'ru');

    // Revoking Азат's desk, after the confirmation names it.
    await azatRow.getByRole('button', { name: 'Отозвать доступ', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Отозвать доступ рабочего места?' });
    await dialog.getByText(new RegExp(`${AZAT_OFFICE.nameRu}.*№ 1`)).waitFor();
    await dialog.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await page.getByText(/доступ отозван\./).waitFor({ timeout: 20_000 });
    await expect.poll(() => azatRow.innerText()).toMatch(/Доступ отозван \d\d\.\d\d\.\d{4}/);
    await shot(page, 'district-admin-revoked-ru');

    // The revoked desk's next sync is refused, and says so; its data stays.
    await openScreen(akimat.page, DISTRICT_UI.kk.system);
    await akimat.page.getByRole('button', { name: DISTRICT_UI.kk.syncNow, exact: true }).click();
    // The status area's details hold the reason (locales/kk/sync.json errors.deviceRevoked).
    await expect
      .poll(() => akimat.page.locator('.frame-tools .sync-area').textContent(), {
        timeout: 30_000,
      })
      .toContain('Бұл жұмыс орнының хабқа кіру құқығы кері қайтарылған');
  }, 300_000);
});
