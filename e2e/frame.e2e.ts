import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { launchChromium, screenshotPath } from './support/browser';
import { KYZYLSAI_OFFICE, logIn, setUpOffice, SPECIALIST } from './support/desk';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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
    await page.getByText('Аудандық хаб').waitFor();
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
});
