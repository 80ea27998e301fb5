import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { KYZYLSAI_OFFICE, logIn, setUpOffice, SPECIALIST } from './support/desk';

/** The laptops at the akimats: 1366×768. */
const VIEWPORT = { width: 1366, height: 768 };

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
});

afterAll(async () => {
  await browser.close();
});

describe('desk frame', () => {
  test('opens in Kazakh, switches to Russian, and keeps the choice after a reload', async () => {
    await page.goto(inject('deskUrl'));
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await setUpOffice(page);
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await page.getByRole('navigation').getByRole('link', { name: 'Жүйе туралы' }).click();
    await page.getByRole('heading', { name: 'Жүйе туралы' }).waitFor();
    await page.getByRole('status').getByText('Желіде').waitFor();
    await page.getByRole('heading', { name: 'Аудандық хаб', exact: true }).waitFor();
    await page.getByText(KYZYLSAI_OFFICE.nameKk).waitFor();
    await page.screenshot({ path: screenshotPath('frame-kk') });

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'О системе' }).waitFor();
    await page.getByText(KYZYLSAI_OFFICE.nameRu).waitFor();
    // A reload ends the session (it lives in memory only) but keeps the language.
    await page.reload();
    await page.getByRole('heading', { name: 'Вход в систему' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await page.getByRole('navigation').getByRole('link', { name: 'О системе' }).click();
    await page.getByRole('heading', { name: 'О системе' }).waitFor();
    expect(await page.getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.getByRole('status').getByText('В сети').waitFor();
    await page.screenshot({ path: screenshotPath('frame-ru') });

    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Жүйеге кіру' }).waitFor();
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
  });

  test('shows the real connection state when the network goes away and comes back', async () => {
    await page.goto(inject('deskUrl'));
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    await page.getByRole('status').getByText('Желіде').waitFor();
    await context.setOffline(true);
    await page.getByRole('status').getByText('Желіден тыс').waitFor();
    await context.setOffline(false);
    await page.getByRole('status').getByText('Желіде').waitFor();
  });

  test('runs under a Content-Security-Policy that forbids inline script', async () => {
    const response = await page.goto(inject('deskUrl'));
    expect(response?.headers()['content-security-policy']).toContain(`script-src 'self'`);
    const blocked = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(blocked).toBe(false);
  });
  test('a screen that fails shows a message in its place; the frame and navigation stay', async () => {
    await page.goto(inject('deskUrl'));
    await logIn(page, SPECIALIST.name, SPECIALIST.pin);
    const nav = page.getByRole('navigation', { name: 'Бөлімдер' });
    // Something the system screen uses while rendering starts to throw (as a bug would).
    const breakNumbers = () =>
      page.evaluate(() => {
        const w = window as unknown as { realNumberFormat?: typeof Intl.NumberFormat };
        w.realNumberFormat ??= Intl.NumberFormat;
        Intl.NumberFormat = function broken() {
          throw new Error('broken on purpose');
        } as unknown as typeof Intl.NumberFormat;
      });
    const mendNumbers = () =>
      page.evaluate(() => {
        const w = window as unknown as { realNumberFormat?: typeof Intl.NumberFormat };
        if (w.realNumberFormat) Intl.NumberFormat = w.realNumberFormat;
      });
    await breakNumbers();
    await nav.getByRole('link', { name: 'Жүйе туралы' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Бұл бөлімде қате шықты' });
    await failed.waitFor();
    // No raw error text on the screen; the frame is still there.
    expect(await page.getByText('broken on purpose').count()).toBe(0);
    await page.getByText(KYZYLSAI_OFFICE.nameKk).waitFor();
    await page.screenshot({ path: screenshotPath('screen-error-kk') });
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('alert').filter({ hasText: 'В этом разделе произошла ошибка' }).waitFor();
    await page.screenshot({ path: screenshotPath('screen-error-ru') });
    await page.getByRole('button', { name: 'Қазақша' }).click();

    // The navigation still works: another screen opens.
    await nav.getByRole('link', { name: 'Өтініш қабылдау' }).click();
    await page.getByRole('heading', { name: 'Өтініш қабылдау', level: 1 }).waitFor();
    expect(await failed.count()).toBe(0);

    // Back on the broken screen, then mended: "reload this screen" brings it back.
    await nav.getByRole('link', { name: 'Жүйе туралы' }).click();
    await failed.waitFor();
    await mendNumbers();
    await page.getByRole('button', { name: 'Бөлімді қайта жүктеу' }).click();
    await page.getByRole('heading', { name: 'Жүйе туралы' }).waitFor();
    expect(await failed.count()).toBe(0);
  });

  test('a database another window holds shows the start-up page in kk and ru; retry opens the desk', async () => {
    // A fresh profile: no language saved yet, so the page speaks both.
    const fresh = await browser.newContext({ viewport: VIEWPORT });
    const holder = await fresh.newPage();
    // Same origin, not the desk: an old window that holds the database open and never lets go.
    await holder.goto(`${inject('deskUrl')}healthz`);
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('akimat-desk', 1);
          request.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = request.result;
            resolve();
          };
          request.onerror = () => reject(new Error('could not open'));
        }),
    );
    const desk = await fresh.newPage();
    await desk.goto(inject('deskUrl'));
    await desk.getByRole('heading', { name: 'Бағдарлама іске қосылмады' }).waitFor();
    await desk.getByRole('heading', { name: 'Программа не запустилась' }).waitFor();
    await desk.getByText(/Бағдарламаның басқа терезесі/).waitFor();
    await desk.getByText(/Закройте другие окна программы/).waitFor();
    await desk.screenshot({ path: screenshotPath('startup-blocked-kk-ru'), fullPage: true });

    await holder.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
    await desk.getByRole('button', { name: 'Қайта көру / Повторить' }).click();
    // The desk opens: a first start, so the setup wizard.
    await desk.getByRole('button', { name: 'Қазақша', exact: true }).waitFor();
    expect(await desk.getByText('Бағдарлама іске қосылмады').count()).toBe(0);
    await fresh.close();
  });

  test('the start-up page speaks the saved language only', async () => {
    // The desk of the first test, last used in Kazakh. An old window of the desk starts the
    // database afresh at its old version and holds it.
    const holder = await context.newPage();
    await holder.goto(`${inject('deskUrl')}healthz`);
    await page.goto(`${inject('deskUrl')}healthz`);
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase('akimat-desk');
          deleting.onsuccess = () => {
            const request = indexedDB.open('akimat-desk', 1);
            request.onsuccess = () => {
              (window as unknown as { held: IDBDatabase }).held = request.result;
              resolve();
            };
            request.onerror = () => reject(new Error('could not open'));
          };
          deleting.onerror = () => reject(new Error('could not delete'));
        }),
    );
    await page.goto(inject('deskUrl'));
    await page.getByRole('heading', { name: 'Бағдарлама іске қосылмады' }).waitFor();
    await page.getByRole('button', { name: 'Қайта көру', exact: true }).waitFor();
    expect(await page.getByText('Программа не запустилась').count()).toBe(0);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await page.screenshot({ path: screenshotPath('startup-blocked-kk'), fullPage: true });
    await holder.close();
  });
});
